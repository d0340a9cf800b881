//! Horizontal bars, one band per category (a program, an RT, a decile),
//! one bar per series inside a band, an optional target line, and the value
//! written at the end of each bar so the chart can be read without a ruler.

use anyhow::Result;
use plotters::prelude::*;

use super::{label_at, mesh};
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    drawing_error, finish, legend, lower, upper, Axis, Chart, Keyed, Mark, FONT, LEGEND_WIDTH,
    PALETTE, TARGET, TEXT, WIDTH,
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

pub(crate) fn draw(b: &Bars, fmt: Fmt) -> Result<Chart> {
    let n = b.categories.len().max(1);
    let k = b.series.len().max(1);
    let band = (12 * k + 10) as u32;
    let with_legend = b.series.len() > 1 || b.target.is_some();
    let height = (n as u32 * band + 70 + if with_legend { 24 } else { 0 }).max(150);
    let values = || {
        b.series
            .iter()
            .flat_map(|(_, v)| v.iter().flatten().copied())
    };
    let x_max = upper(values().chain(b.target.iter().map(|t| t.1)), 0.0);
    let x_min = lower(values());
    let longest = b
        .categories
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(4);
    let label_width = (longest as u32 * 7 + 14).clamp(40, 260);
    // Room after the longest bar for its value label: the label's share of
    // the plot's width, at about 6.5 px per character of 11 px text.
    let right = if with_legend { LEGEND_WIDTH } else { 60 };
    let plot_px = WIDTH.saturating_sub(12 + right + label_width).max(100) as f64;
    let label_px = values()
        .map(|v| b.axis.exact(fmt, v).chars().count() as f64 * 6.5 + 8.0)
        .fold(0.0, f64::max);
    let share = (label_px / plot_px).min(0.6);
    let v_max = values().fold(0.0, f64::max);
    let x_max = x_max.max((v_max - share * x_min) / (1.0 - share));
    let nf = n as f64;
    let centre = |i: usize| nf - 1.0 - i as f64 + 0.5;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let keys: Vec<f64> = (0..n).map(centre).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(right)
            .x_label_area_size(44)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x_min..x_max, Keyed::new(0.0..nf, keys))
            .map_err(drawing_error)?;
        let label_of = |y: &f64| label_at(&b.categories, nf - 0.5 - y);
        let x_label = |x: &f64| b.axis.label(fmt, *x);
        mesh(&mut chart)
            .disable_y_mesh()
            .x_labels(6)
            .x_label_formatter(&x_label)
            .y_label_formatter(&label_of)
            .x_desc(b.axis_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        let thickness = 0.8 / k as f64;
        for (s, (_, values)) in b.series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            let bars: Vec<(f64, f64, f64)> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let top = centre(i) + 0.4 - s as f64 * thickness;
                    v.map(|v| (v, top - thickness, top))
                })
                .collect();
            chart
                .draw_series(bars.iter().map(|&(v, y0, y1)| {
                    Rectangle::new(
                        [(0f64.max(x_min), y0 + 0.02), (v, y1 - 0.02)],
                        colour.filled(),
                    )
                }))
                .map_err(drawing_error)?;
            let style = (FONT, 11)
                .into_font()
                .color(&TEXT)
                .pos(Pos::new(HPos::Left, VPos::Center));
            chart
                .draw_series(bars.iter().map(|&(v, y0, y1)| {
                    Text::new(
                        format!(" {}", b.axis.exact(fmt, v)),
                        (v.max(0.0), (y0 + y1) / 2.0),
                        style.clone(),
                    )
                }))
                .map_err(drawing_error)?;
        }
        if let Some((_, t)) = &b.target {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(*t, 0.0), (*t, nf)],
                    TARGET.stroke_width(2),
                )))
                .map_err(drawing_error)?;
        }
        if with_legend {
            let mut entries: Vec<(String, Mark)> = b
                .series
                .iter()
                .enumerate()
                .map(|(s, (name, _))| (name.clone(), Mark::Swatch(PALETTE[s % PALETTE.len()])))
                .collect();
            if let Some((label, _)) = &b.target {
                entries.push((label.clone(), Mark::Line(TARGET.stroke_width(2))));
            }
            legend(&root, WIDTH, &entries)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&b.id, &b.title, &b.summary, svg))
}
