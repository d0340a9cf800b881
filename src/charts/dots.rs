//! One estimate per site as a dot with its 95% interval, all on one value
//! axis with zero marked: the partner report's direct comparison of an
//! impact estimate between villages. Each site's name and estimate are
//! written above its row, so the chart needs no side margin on a phone.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{drawing_error, finish, text_style, Axis, Chart, GRID, PALETTE, TARGET, TEXT, WIDTH};
use crate::fmt::Fmt;

pub(crate) struct Dots {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// One row per site.
    pub rows: Vec<Estimate>,
    pub axis: Axis,
}

/// One site's estimate and its interval.
pub(crate) struct Estimate {
    pub name: String,
    pub value: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

const MARGIN: i32 = 14;
const NAME_ROW: i32 = 22;
const DOT_ROW: i32 = 22;
const GAP: i32 = 6;
const ROW: i32 = NAME_ROW + DOT_ROW + GAP;
const TICK_ROW: i32 = 26;

/// The value range: every estimate and interval end, and zero, with a
/// little room at both ends.
pub(crate) fn range(rows: &[Estimate]) -> (f64, f64) {
    let values = rows
        .iter()
        .flat_map(|e| [e.value, e.interval.map(|c| c.0), e.interval.map(|c| c.1)])
        .flatten()
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0_f64, 0.0_f64), |(l, h), v| (l.min(v), h.max(v)));
    let pad = if hi > lo { (hi - lo) * 0.06 } else { 1.0 };
    (if lo < 0.0 { lo - pad } else { 0.0 }, hi + pad)
}

/// Round ticks inside a range: steps of 1, 2 or 5 times a power of ten,
/// at most six of them.
pub(crate) fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![0.0];
    }
    let raw = (hi - lo) / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| (hi - lo) / s <= 5.0)
        .unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

pub(crate) fn draw(d: &Dots, fmt: Fmt) -> Result<Chart> {
    let (lo, hi) = range(&d.rows);
    let width = WIDTH as i32 - 2 * MARGIN;
    let x = |v: f64| MARGIN + ((v - lo) / (hi - lo) * f64::from(width)).round() as i32;
    let plot_bottom = d.rows.len().max(1) as i32 * ROW;
    let height = (plot_bottom + TICK_ROW + 4) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        for t in ticks(lo, hi) {
            root.draw(&PathElement::new(
                vec![(x(t), 0), (x(t), plot_bottom)],
                GRID.stroke_width(1),
            ))
            .map_err(drawing_error)?;
            let anchor = if x(t) < MARGIN + 30 {
                HPos::Left
            } else if x(t) > MARGIN + width - 30 {
                HPos::Right
            } else {
                HPos::Center
            };
            root.draw(&Text::new(
                d.axis.label(fmt, t),
                (x(t), plot_bottom + TICK_ROW / 2),
                text_style(TEXT, anchor, VPos::Center),
            ))
            .map_err(drawing_error)?;
        }
        if lo < 0.0 {
            root.draw(&PathElement::new(
                vec![(x(0.0), 0), (x(0.0), plot_bottom)],
                TARGET.stroke_width(2),
            ))
            .map_err(drawing_error)?;
        }
        for (i, e) in d.rows.iter().enumerate() {
            let (name, value, ci) = (&e.name, &e.value, &e.interval);
            let top = i as i32 * ROW;
            let text = match value {
                Some(v) => format!("{name}: {}", d.axis.exact(fmt, *v)),
                None => format!("{name}: {}", crate::fmt::NONE),
            };
            root.draw(&Text::new(
                text,
                (MARGIN, top + NAME_ROW / 2),
                text_style(TEXT, HPos::Left, VPos::Center),
            ))
            .map_err(drawing_error)?;
            let y = top + NAME_ROW + DOT_ROW / 2;
            let colour = PALETTE[i % PALETTE.len()];
            if let Some((l, h)) = ci {
                root.draw(&PathElement::new(
                    vec![(x(*l), y), (x(*h), y)],
                    colour.stroke_width(3),
                ))
                .map_err(drawing_error)?;
                for end in [*l, *h] {
                    root.draw(&PathElement::new(
                        vec![(x(end), y - 6), (x(end), y + 6)],
                        colour.stroke_width(2),
                    ))
                    .map_err(drawing_error)?;
                }
            }
            if let Some(v) = value {
                root.draw(&Circle::new((x(*v), y), 6, colour.filled()))
                    .map_err(drawing_error)?;
                root.draw(&Circle::new((x(*v), y), 6, WHITE.stroke_width(1)))
                    .map_err(drawing_error)?;
            }
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&d.id, &d.title, &d.summary, svg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::Lang;

    fn row(v: f64, l: f64, h: f64) -> Estimate {
        Estimate {
            name: "Site".into(),
            value: Some(v),
            interval: Some((l, h)),
        }
    }

    #[test]
    fn the_axis_holds_every_interval_and_zero() {
        // 240k–444k and -50k–150k: from -50k - 6% of 494k to 444k + 6%.
        let (lo, hi) = range(&[row(343e3, 240e3, 444e3), row(50e3, -50e3, 150e3)]);
        assert!((lo - (-50e3 - 29_640.0)).abs() < 1e-6, "{lo}");
        assert!((hi - (444e3 + 29_640.0)).abs() < 1e-6, "{hi}");
        // All positive: zero is the floor.
        assert_eq!(range(&[row(2.0, 1.0, 3.0)]).0, 0.0);
    }

    #[test]
    fn ticks_are_round_steps() {
        assert_eq!(ticks(0.0, 473_640.0), vec![0.0, 100e3, 200e3, 300e3, 400e3]);
        assert_eq!(ticks(-79_640.0, 473_640.0), vec![-0.0, 200e3, 400e3]);
        assert_eq!(
            ticks(0.0, 1.0),
            vec![0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]
        );
    }

    #[test]
    fn each_site_is_named_with_its_estimate() {
        let chart = draw(
            &Dots {
                id: "d".into(),
                title: "DiD".into(),
                summary: "Two sites".into(),
                rows: vec![
                    Estimate {
                        name: "Semanan".into(),
                        value: Some(343_641.0),
                        interval: Some((240_368.0, 444_349.0)),
                    },
                    Estimate {
                        name: "Duri Selatan".into(),
                        value: None,
                        interval: None,
                    },
                ],
                axis: Axis::Rupiah,
            },
            Fmt::new(Lang::Id),
        )
        .unwrap();
        assert!(chart.svg.contains("Semanan: Rp 344 rb"), "{}", chart.svg);
        assert!(chart.svg.contains("Duri Selatan: –"));
        assert_eq!(chart.svg.matches("<circle").count(), 2);
    }
}
