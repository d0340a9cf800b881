//! The spread of a value in several groups, one horizontal box per group:
//! the box spans the 25th to 75th percentile, the thick mark is the median,
//! the whiskers reach the 10th and 90th percentiles.

use anyhow::Result;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, VPos};

use super::{
    drawing_error, finish, lower, mesh, text_style, upper, Axis, Chart, LABEL, PALETTE, TEXT, WIDTH,
};
use crate::fmt::Fmt;

pub(crate) struct Boxes {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// (group label, [p10, p25, p50, p75, p90]).
    pub groups: Vec<(String, [f64; 5])>,
    pub axis: Axis,
    pub axis_label: String,
}

/// A group's band: its name on a row above the box.
const NAME_ROW: f64 = 22.0;
const BOX: f64 = 30.0;
const GAP: f64 = 8.0;

pub(crate) fn draw(b: &Boxes, fmt: Fmt) -> Result<Chart> {
    let n = b.groups.len().max(1);
    let band = NAME_ROW + BOX + GAP;
    let h = band * n as f64;
    let height = h as u32 + 70;
    let all = || b.groups.iter().flat_map(|g| g.1);
    let hi = upper(all(), 0.0);
    let lo = lower(all());
    // The box's centre line, y counted up from the bottom.
    let centre = |i: usize| h - i as f64 * band - NAME_ROW - BOX / 2.0;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_left(40)
            .margin_right(40)
            .x_label_area_size(50)
            .build_cartesian_2d(lo..hi, 0.0..h)
            .map_err(drawing_error)?;
        let x_label = |x: &f64| b.axis.label(fmt, *x);
        mesh(&mut chart)
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(4)
            .x_label_formatter(&x_label)
            .x_desc(b.axis_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        if lo < 0.0 {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, 0.0), (0.0, h)],
                    TEXT.stroke_width(1),
                )))
                .map_err(drawing_error)?;
        }
        let half = BOX / 2.0 - 3.0;
        for (i, (_, q)) in b.groups.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let y = centre(i);
            let lines = [
                vec![(q[0], y), (q[1], y)],
                vec![(q[3], y), (q[4], y)],
                vec![(q[0], y - half / 2.0), (q[0], y + half / 2.0)],
                vec![(q[4], y - half / 2.0), (q[4], y + half / 2.0)],
            ];
            chart
                .draw_series(
                    lines
                        .into_iter()
                        .map(|l| PathElement::new(l, TEXT.stroke_width(2))),
                )
                .map_err(drawing_error)?;
            chart
                .draw_series([
                    Rectangle::new([(q[1], y - half), (q[3], y + half)], colour.filled()),
                    Rectangle::new([(q[1], y - half), (q[3], y + half)], TEXT.stroke_width(1)),
                ])
                .map_err(drawing_error)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(q[2], y - half - 2.0), (q[2], y + half + 2.0)],
                    TEXT.stroke_width(4),
                )))
                .map_err(drawing_error)?;
        }
        let name = text_style(LABEL, HPos::Left, VPos::Top);
        chart
            .draw_series(b.groups.iter().enumerate().map(|(i, (label, _))| {
                Text::new(label.clone(), (lo, h - i as f64 * band - 3.0), name.clone())
            }))
            .map_err(drawing_error)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&b.id, &b.title, &b.summary, svg))
}
