//! Lorenz and concentration curves: cumulative share of value against
//! cumulative share of households (or of eligible households by RT), with
//! the line of equality for reference.

use anyhow::Result;
use plotters::prelude::*;

use super::{
    drawing_error, finish, legend, legend_height, mesh, Chart, Mark, PALETTE, TARGET, TEXT, WIDTH,
};
use crate::fmt::Fmt;

pub(crate) struct Curves {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// (name, points from (0, 0) to (1, 1)).
    pub series: Vec<(String, Vec<(f64, f64)>)>,
    pub equality: String,
    pub x_label: String,
    pub y_label: String,
}

/// The plot's height; the chart is [`WIDTH`] wide.
const HEIGHT: u32 = 380;

pub(crate) fn draw(c: &Curves, fmt: Fmt) -> Result<Chart> {
    let mut entries = vec![(c.equality.clone(), Mark::Dashed(TARGET.stroke_width(1)))];
    entries.extend(
        c.series
            .iter()
            .enumerate()
            .map(|(s, (name, _))| (name.clone(), Mark::Swatch(PALETTE[s % PALETTE.len()]))),
    );
    let top = legend_height(WIDTH, &entries);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT + top)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let (head, body) = root.split_vertically(top);
        legend(&head, WIDTH, &entries)?;
        let mut chart = ChartBuilder::on(&body)
            .margin(10)
            .margin_right(18)
            .x_label_area_size(52)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..1.0, 0.0..1.0)
            .map_err(drawing_error)?;
        let pct = |v: &f64| format!("{}%", fmt.number(v * 100.0, 0));
        mesh(&mut chart)
            .x_labels(5)
            .y_labels(5)
            .x_label_formatter(&pct)
            .y_label_formatter(&pct)
            .x_desc(c.x_label.as_str())
            .y_desc(c.y_label.as_str())
            .draw()
            .map_err(drawing_error)?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(0.0, 0.0), (1.0, 1.0)],
                6,
                4,
                TEXT.stroke_width(1),
            ))
            .map_err(drawing_error)?;
        for (s, (_, points)) in c.series.iter().enumerate() {
            let colour = PALETTE[s % PALETTE.len()];
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(3)))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&c.id, &c.title, &c.summary, svg))
}

/// The Lorenz curve of groups given as (weight, value): groups ordered by
/// value per unit of weight, lowest first; points (cumulative weight share,
/// cumulative value share) from (0, 0). None when the totals are zero.
pub(crate) fn lorenz(groups: &[(f64, f64)]) -> Option<Vec<(f64, f64)>> {
    let mut sorted: Vec<(f64, f64)> = groups.iter().copied().filter(|g| g.0 > 0.0).collect();
    sorted.sort_by(|a, b| (a.1 / a.0).total_cmp(&(b.1 / b.0)));
    let weight: f64 = sorted.iter().map(|g| g.0).sum();
    let value: f64 = sorted.iter().map(|g| g.1).sum();
    if weight <= 0.0 || value <= 0.0 {
        return None;
    }
    let mut points = vec![(0.0, 0.0)];
    let (mut w, mut v) = (0.0, 0.0);
    for g in sorted {
        w += g.0;
        v += g.1;
        points.push((w / weight, v / value));
    }
    Some(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lorenz_by_hand() {
        // Per unit: 10 (w 2), 0 (w 1), 30 (w 1). Sorted: 0, 10, 30.
        let points = lorenz(&[(2.0, 20.0), (1.0, 0.0), (1.0, 30.0)]).unwrap();
        assert_eq!(
            points,
            vec![(0.0, 0.0), (0.25, 0.0), (0.75, 0.4), (1.0, 1.0)]
        );
        assert!(lorenz(&[(1.0, 0.0)]).is_none());
    }
}
