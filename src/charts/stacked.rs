//! Stacked vertical bars: one bar per period, one layer per part (for
//! example the funding sources of the aid delivered in each quarter).

use anyhow::Result;
use plotters::prelude::*;

use super::{label_at, mesh};

use super::trend::{period_keys, unit_label, UNIT_ROW};
use super::{
    drawing_error, finish, legend, legend_height, upper, Axis, Chart, Keyed, Mark, HEIGHT, PALETTE,
    WIDTH,
};
use crate::fmt::Fmt;

pub(crate) struct Stacked {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub periods: Vec<String>,
    /// (part name, one non-negative value per period).
    pub parts: Vec<(String, Vec<f64>)>,
    pub axis: Axis,
    pub axis_label: String,
}

pub(crate) fn draw(s: &Stacked, fmt: Fmt) -> Result<Chart> {
    let m = s.periods.len().max(1);
    let totals: Vec<f64> = (0..m)
        .map(|i| {
            s.parts
                .iter()
                .map(|p| p.1.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let y_max = upper(totals.iter().copied(), 0.0);
    let entries: Vec<(String, Mark)> = s
        .parts
        .iter()
        .enumerate()
        .map(|(k, (name, _))| (name.clone(), Mark::Swatch(PALETTE[k % PALETTE.len()])))
        .collect();
    let top = legend_height(WIDTH, &entries) + UNIT_ROW;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT + top)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (head, body) = root.split_vertically(top);
        legend(&head, WIDTH, &entries)?;
        unit_label(&head, &s.axis_label)?;
        let keys = period_keys(&s.periods, WIDTH - 84 - 24);
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .margin_right(14)
            .x_label_area_size(34)
            .y_label_area_size(84)
            .build_cartesian_2d(Keyed::new(-0.5..m as f64 - 0.5, keys), 0.0..y_max)
            .map_err(drawing_error)?;
        let periods = &s.periods;
        let x_label = |x: &f64| label_at(periods, *x);
        let y_label = |y: &f64| s.axis.label(fmt, *y);
        mesh(&mut chart)
            .disable_x_mesh()
            .y_labels(5)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .draw()
            .map_err(drawing_error)?;
        let mut base = vec![0.0; m];
        for (k, (_, values)) in s.parts.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            let layers: Vec<(f64, f64, f64)> = (0..m)
                .map(|i| {
                    let v = values.get(i).copied().unwrap_or(0.0);
                    let layer = (i as f64, base[i], base[i] + v);
                    base[i] += v;
                    layer
                })
                .collect();
            chart
                .draw_series(layers.iter().map(|&(x, y0, y1)| {
                    Rectangle::new([(x - 0.32, y0), (x + 0.32, y1)], colour.filled())
                }))
                .map_err(drawing_error)?;
            chart
                .draw_series(layers.iter().filter(|l| l.2 > l.1).map(|&(x, y0, y1)| {
                    Rectangle::new([(x - 0.32, y0), (x + 0.32, y1)], WHITE.stroke_width(1))
                }))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&s.id, &s.title, &s.summary, svg))
}
