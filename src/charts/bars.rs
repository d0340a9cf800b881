//! Horizontal bars, one band per category (a program, a decile, a funding
//! source), one bar per series inside a band, an optional target line, and
//! the value written at the end of each bar so the chart can be read
//! without a ruler. Each category's name is written above its bars across
//! the chart's full width, so long names need no side margin on a phone.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    drawing_error, finish, legend, legend_height, lower, mesh, text_style, text_width, upper, Axis,
    Chart, Mark, LABEL, PALETTE, TARGET, WIDTH,
};
use crate::fmt::Fmt;

pub(crate) struct Bars {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub categories: Vec<String>,
    /// (series name, one value per category).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// (legend text, value).
    pub target: Option<(String, f64)>,
    pub axis: Axis,
    pub axis_label: String,
}

/// The row of a category's name, above its bars.
const NAME_ROW: u32 = 22;
/// One bar.
const BAR: u32 = 18;
/// Space after a band.
const GAP: u32 = 8;
/// Left and right margins of the plot.
const MARGIN: u32 = 8;

/// Names up to this wide go in a column left of the bars instead of on a
/// row above them.
const SIDE_NAMES: f64 = 84.0;

pub(crate) fn draw(b: &Bars, fmt: Fmt) -> Result<Chart> {
    let n = b.categories.len().max(1);
    let k = b.series.len().max(1);
    let widest = b
        .categories
        .iter()
        .map(|c| text_width(c))
        .fold(0.0, f64::max);
    let side = widest <= SIDE_NAMES;
    let name_row = if side { 0 } else { NAME_ROW };
    let band = name_row + k as u32 * BAR + GAP;
    let mut entries: Vec<(String, Mark)> = Vec::new();
    if b.series.len() > 1 {
        entries.extend(
            b.series
                .iter()
                .enumerate()
                .map(|(s, (name, _))| (name.clone(), Mark::Swatch(PALETTE[s % PALETTE.len()]))),
        );
    }
    if let Some((label, _)) = &b.target {
        entries.push((label.clone(), Mark::Dashed(TARGET.stroke_width(2))));
    }
    let top = legend_height(WIDTH, &entries);
    let plot_h = n as u32 * band;
    let height = top + 6 + plot_h + 56;
    let values = || {
        b.series
            .iter()
            .flat_map(|(_, v)| v.iter().flatten().copied())
    };
    let x_max = upper(values().chain(b.target.iter().map(|t| t.1)), 0.0);
    let x_min = lower(values());
    // Room after the longest bar for its value label.
    let name_px = if side { widest as u32 + 12 } else { 0 };
    let plot_px = f64::from(WIDTH - 2 * MARGIN - 24 - name_px);
    let label_px = values()
        .map(|v| text_width(&b.axis.exact(fmt, v)) + 10.0)
        .fold(0.0, f64::max);
    let share = (label_px / plot_px).min(0.6);
    let v_max = values().fold(0.0, f64::max);
    let x_max = x_max.max((v_max - share * x_min) / (1.0 - share));
    let h = f64::from(plot_h);
    // Band i spans [h - (i + 1) band, h - i band], y counted up from the bottom.
    let band_top = |i: usize| h - (i as u32 * band) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (head, body) = root.split_vertically(top);
        legend(&head, WIDTH, &entries)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(MARGIN)
            .margin_left(MARGIN + 14 + name_px)
            .margin_right(MARGIN + 10)
            .margin_top(6)
            .x_label_area_size(48)
            .build_cartesian_2d(x_min..x_max, 0.0..h)
            .map_err(drawing_error)?;
        let x_label = |x: &f64| b.axis.label(fmt, *x);
        mesh(&mut chart)
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(if matches!(b.axis, Axis::Rupiah) { 4 } else { 5 })
            .x_label_formatter(&x_label)
            .x_desc(b.axis_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        let bar_of = |i: usize, s: usize| {
            let y1 = band_top(i) - f64::from(name_row) - (s as u32 * BAR) as f64;
            (y1 - f64::from(BAR) + 3.0, y1)
        };
        for (s, (_, values)) in b.series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            chart
                .draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                    let (y0, y1) = bar_of(i, s);
                    v.map(|v| Rectangle::new([(0f64.max(x_min), y0), (v, y1)], colour.filled()))
                }))
                .map_err(drawing_error)?;
        }
        if x_min < 0.0 {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, 0.0), (0.0, h)],
                    TARGET.stroke_width(1),
                )))
                .map_err(drawing_error)?;
        }
        if let Some((_, t)) = &b.target {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(*t, 0.0), (*t, h)],
                    7,
                    5,
                    TARGET.stroke_width(2),
                ))
                .map_err(drawing_error)?;
        }
        // Names and values last, over everything, each with its halo.
        if side {
            // The plot starts `left` units into the body and 6 below its
            // top, one unit per pixel down from `h` (see the layout above).
            let left = (MARGIN + 14 + name_px) as i32;
            let name = text_style(LABEL, HPos::Right, VPos::Center);
            for (i, c) in b.categories.iter().enumerate() {
                let middle = band_top(i) - f64::from(band - GAP) / 2.0;
                let y = 6 + (h - middle).round() as i32;
                body.draw(&Text::new(c.clone(), (left - 8, y), name.clone()))
                    .map_err(drawing_error)?;
            }
        } else {
            let name = text_style(LABEL, HPos::Left, VPos::Top);
            chart
                .draw_series(
                    b.categories.iter().enumerate().map(|(i, c)| {
                        Text::new(c.clone(), (x_min, band_top(i) - 3.0), name.clone())
                    }),
                )
                .map_err(drawing_error)?;
        }
        let value = text_style(LABEL, HPos::Left, VPos::Center);
        for (s, (_, values)) in b.series.iter().enumerate() {
            chart
                .draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                    let (y0, y1) = bar_of(i, s);
                    v.map(|v| {
                        Text::new(
                            format!(" {}", b.axis.exact(fmt, v)),
                            (v.max(0.0), (y0 + y1) / 2.0),
                            value.clone(),
                        )
                    })
                }))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&b.id, &b.title, &b.summary, svg))
}
