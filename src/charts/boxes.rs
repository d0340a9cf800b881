//! The spread of a value in several groups, one horizontal box per group:
//! the box spans the 25th to 75th percentile, the thick mark is the median,
//! the whiskers reach the 10th and 90th percentiles.

use anyhow::Result;
use plotters::prelude::*;

use super::{label_at, mesh};

use super::{drawing_error, finish, lower, upper, Axis, Chart, Keyed, PALETTE, TEXT, WIDTH};
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

pub(crate) fn draw(b: &Boxes, fmt: Fmt) -> Result<Chart> {
    let n = b.groups.len().max(1);
    let nf = n as f64;
    let height = (n as u32 * 56 + 80).max(160);
    let all = || b.groups.iter().flat_map(|g| g.1);
    let hi = upper(all(), 0.0);
    let lo = lower(all());
    let longest = b
        .groups
        .iter()
        .map(|g| g.0.chars().count())
        .max()
        .unwrap_or(4);
    let label_width = (longest as u32 * 7 + 14).clamp(40, 260);
    let centre = |i: usize| nf - 1.0 - i as f64 + 0.5;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let keys: Vec<f64> = (0..n).map(centre).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(30)
            .x_label_area_size(44)
            .y_label_area_size(label_width)
            .build_cartesian_2d(lo..hi, Keyed::new(0.0..nf, keys))
            .map_err(drawing_error)?;
        let names: Vec<String> = b.groups.iter().map(|g| g.0.clone()).collect();
        let label_of = |y: &f64| label_at(&names, nf - 0.5 - y);
        let x_label = |x: &f64| b.axis.label(fmt, *x);
        mesh(&mut chart)
            .disable_y_mesh()
            .x_labels(6)
            .x_label_formatter(&x_label)
            .y_label_formatter(&label_of)
            .x_desc(b.axis_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        if lo < 0.0 {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(0.0, 0.0), (0.0, nf)],
                    TEXT.stroke_width(1),
                )))
                .map_err(drawing_error)?;
        }
        for (i, (_, q)) in b.groups.iter().enumerate() {
            let colour = PALETTE[i % PALETTE.len()];
            let y = centre(i);
            let lines = [
                vec![(q[0], y), (q[1], y)],
                vec![(q[3], y), (q[4], y)],
                vec![(q[0], y - 0.12), (q[0], y + 0.12)],
                vec![(q[4], y - 0.12), (q[4], y + 0.12)],
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
                    Rectangle::new(
                        [(q[1], y - 0.25), (q[3], y + 0.25)],
                        colour.mix(0.85).filled(),
                    ),
                    Rectangle::new([(q[1], y - 0.25), (q[3], y + 0.25)], TEXT.stroke_width(1)),
                ])
                .map_err(drawing_error)?;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(q[2], y - 0.3), (q[2], y + 0.3)],
                    TEXT.stroke_width(4),
                )))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&b.id, &b.title, &b.summary, svg))
}
