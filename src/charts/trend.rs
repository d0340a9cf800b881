//! Lines over periods (quarters or survey rounds), one line per series, with
//! an optional target line and optional 95% intervals drawn as error bars.

use anyhow::Result;
use plotters::prelude::*;

use super::{label_at, mesh};

use plotters::style::text_anchor::{HPos, VPos};

use super::{
    draw_marker, drawing_error, finish, legend, legend_height, lower, text_style, text_width,
    upper, Axis, Chart, Keyed, Mark, HEIGHT, PALETTE, TARGET, TEXT, WIDTH,
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
    /// A value axis shared with other charts (small multiples of one
    /// indicator); by default the axis fits this chart's values.
    pub range: Option<(f64, f64)>,
}

/// Room left of the plot for the value ticks.
const TICKS: u32 = 84;

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
    let (y_min, y_max) = match t.range {
        Some(range) => range,
        None => (
            lower(all()),
            upper(all().chain(t.target.iter().map(|x| x.1)), 0.0),
        ),
    };
    let mut entries: Vec<(String, Mark)> = t
        .series
        .iter()
        .enumerate()
        .map(|(s, series)| (series.name.clone(), Mark::Series(s)))
        .collect();
    if let Some((label, _)) = &t.target {
        entries.push((label.clone(), Mark::Dashed(TARGET.stroke_width(2))));
    }
    let top = legend_height(WIDTH, &entries) + UNIT_ROW;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT + top)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (head, body) = root.split_vertically(top);
        legend(&head, WIDTH, &entries)?;
        unit_label(&head, &t.axis_label)?;
        let keys = period_keys(&t.periods, WIDTH - TICKS - 24);
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .margin_right(14)
            .x_label_area_size(34)
            .y_label_area_size(TICKS)
            .build_cartesian_2d(Keyed::new(-0.4..m as f64 - 0.6, keys), y_min..y_max)
            .map_err(drawing_error)?;
        let periods = &t.periods;
        let x_label = |x: &f64| label_at(periods, *x);
        let y_label = |y: &f64| t.axis.label(fmt, *y);
        mesh(&mut chart)
            .disable_x_mesh()
            .y_labels(5)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
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
        if let Some((_, v)) = &t.target {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(-0.4, *v), (m as f64 - 0.6, *v)],
                    7,
                    5,
                    TARGET.stroke_width(2),
                ))
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
            // Series are told apart by their markers as well as by colour.
            let points: Vec<(f64, f64)> = runs.into_iter().flatten().collect();
            let area = chart.plotting_area();
            for &p in &points {
                draw_marker(area, p, s)?;
            }
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&t.id, &t.title, &t.summary, svg))
}

/// The row above the plot that names the value axis.
pub(crate) const UNIT_ROW: u32 = 22;

/// Names the value axis in the row above the plot, written across rather
/// than turned on its side.
pub(crate) fn unit_label<DB: DrawingBackend>(
    head: &DrawingArea<DB, plotters::coord::Shift>,
    label: &str,
) -> Result<()> {
    let (_, h) = head.dim_in_pixel();
    head.draw(&Text::new(
        label.to_string(),
        (8, h as i32 - 6),
        text_style(TEXT, HPos::Left, VPos::Bottom),
    ))
    .map_err(drawing_error)
}

/// The periods that get a tick label: as many as fit in `width` without
/// touching, evenly spaced and always including the last.
pub(crate) fn period_keys(periods: &[String], width: u32) -> Vec<f64> {
    let m = periods.len().max(1);
    let longest = periods.iter().map(|p| text_width(p)).fold(0.0, f64::max) + 12.0;
    let fit = ((f64::from(width) / longest).floor() as usize).max(1);
    let stride = m.div_ceil(fit);
    (0..m)
        .filter(|i| (m - 1 - i).is_multiple_of(stride))
        .map(|i| i as f64)
        .collect()
}

/// A value axis for shares that stay in a narrow band (budget absorption
/// near 94% every quarter): from a tenth below the lowest value (rounded
/// down to a tenth, never below zero) to the highest rounded up to a
/// tenth, so the change between quarters shows. `None` when there is no
/// value.
pub(crate) fn zoomed(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
    if lo > hi {
        return None;
    }
    let tenth = |x: f64, up: bool| {
        let t = x * 10.0;
        // Rounding guards against 0.3 * 10 = 3.0000000000000004.
        let t = (t * 1e9).round() / 1e9;
        (if up { t.ceil() } else { t.floor() }) / 10.0
    };
    let from = tenth(lo - 0.05, false).max(0.0);
    let to = tenth(hi, true).max(from + 0.1);
    Some((from, to))
}

#[cfg(test)]
mod zoom_tests {
    use super::zoomed;

    #[test]
    fn a_narrow_band_gets_an_axis_around_it() {
        // 93%–95% with a 90% target: 0.85 rounds down to 0.8, 0.95 up to 1.0.
        assert_eq!(zoomed([0.93, 0.95, 0.9].into_iter()), Some((0.8, 1.0)));
        // Realised beyond the plan: the axis goes past 100%.
        assert_eq!(zoomed([0.97, 1.12].into_iter()), Some((0.9, 1.2)));
        // Low values keep zero as the floor.
        assert_eq!(zoomed([0.02, 0.3].into_iter()), Some((0.0, 0.3)));
        // One value exactly on a tenth still gets a band.
        assert_eq!(zoomed([0.5].into_iter()), Some((0.4, 0.5)));
        assert_eq!(zoomed([f64::NAN].into_iter()), None);
        assert_eq!(zoomed(std::iter::empty()), None);
    }
}
