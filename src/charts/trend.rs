//! Lines over periods (quarters or survey rounds), one line per series, with
//! an optional target line and optional 95% intervals drawn as error bars.

use anyhow::Result;
use plotters::prelude::*;

use super::{label_at, mesh};

use super::{
    drawing_error, finish, legend, lower, upper, Axis, Chart, Keyed, Mark, HEIGHT, LEGEND_WIDTH,
    PALETTE, TARGET, TEXT, WIDTH,
};
use crate::fmt::Fmt;

pub(crate) struct Series {
    pub name: String,
    /// One value per period.
    pub values: Vec<Option<f64>>,
    /// Optional (low, high) per period.
    pub intervals: Vec<Option<(f64, f64)>>,
}

pub(crate) struct Trend {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    pub target: Option<(String, f64)>,
    pub axis: Axis,
    pub axis_label: String,
}

pub(crate) fn draw(t: &Trend, fmt: Fmt) -> Result<Chart> {
    let m = t.periods.len().max(1);
    let all = || {
        t.series.iter().flat_map(|s| {
            s.values
                .iter()
                .flatten()
                .copied()
                .chain(s.intervals.iter().flatten().flat_map(|&(l, h)| [l, h]))
        })
    };
    let y_max = upper(all().chain(t.target.iter().map(|x| x.1)), 0.0);
    let y_min = lower(all());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let keys: Vec<f64> = (0..m).map(|i| i as f64).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(LEGEND_WIDTH)
            .x_label_area_size(40)
            .y_label_area_size(90)
            .build_cartesian_2d(Keyed::new(-0.4..m as f64 - 0.6, keys), y_min..y_max)
            .map_err(drawing_error)?;
        let periods = &t.periods;
        let x_label = |x: &f64| label_at(periods, *x);
        let y_label = |y: &f64| t.axis.label(fmt, *y);
        mesh(&mut chart)
            .disable_x_mesh()
            .y_labels(6)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .y_desc(t.axis_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        if y_min < 0.0 {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(-0.4, 0.0), (m as f64 - 0.6, 0.0)],
                    TEXT.stroke_width(1),
                )))
                .map_err(drawing_error)?;
        }
        for (s, series) in t.series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            // A gap in the data breaks the line rather than bridging it.
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, v) in series.values.iter().enumerate() {
                match (v, runs.last_mut()) {
                    (Some(v), Some(run)) => run.push((i as f64, *v)),
                    _ => runs.push(Vec::new()),
                }
            }
            for run in runs.iter().filter(|r| !r.is_empty()) {
                chart
                    .draw_series(LineSeries::new(run.clone(), colour.stroke_width(3)))
                    .map_err(drawing_error)?;
            }
            let points: Vec<(f64, f64)> = runs.into_iter().flatten().collect();
            // Series are told apart by their markers as well as by colour.
            let style = marker(s, colour);
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 5, style)))
                .map_err(drawing_error)?;
            let bars: Vec<(f64, f64, f64, f64)> = series
                .intervals
                .iter()
                .zip(&series.values)
                .enumerate()
                .filter_map(|(i, (ci, v))| {
                    let (l, h) = (*ci)?;
                    Some((i as f64, l, v.unwrap_or((l + h) / 2.0), h))
                })
                .collect();
            chart
                .draw_series(bars.iter().map(|&(x, l, v, h)| {
                    ErrorBar::new_vertical(x, l, v, h, colour.stroke_width(2), 10)
                }))
                .map_err(drawing_error)?;
        }
        if let Some((_, v)) = &t.target {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(-0.4, *v), (m as f64 - 0.6, *v)],
                    8,
                    5,
                    TARGET.stroke_width(2),
                ))
                .map_err(drawing_error)?;
        }
        let mut entries: Vec<(String, Mark)> = t
            .series
            .iter()
            .enumerate()
            .map(|(s, series)| {
                let colour = PALETTE[s % PALETTE.len()];
                (series.name.clone(), Mark::Marker(marker(s, colour)))
            })
            .collect();
        if let Some((label, _)) = &t.target {
            entries.push((label.clone(), Mark::Dashed(TARGET.stroke_width(2))));
        }
        legend(&root, WIDTH, &entries)?;
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&t.id, &t.title, &t.summary, svg))
}

/// The marker style of series `s`: filled, hollow, or filled with a
/// white ring, so lines stay distinct in greyscale print.
fn marker(s: usize, colour: RGBColor) -> ShapeStyle {
    match s % 3 {
        0 => colour.filled(),
        1 => colour.stroke_width(2),
        _ => ShapeStyle {
            color: colour.to_rgba(),
            filled: true,
            stroke_width: 3,
        },
    }
}
