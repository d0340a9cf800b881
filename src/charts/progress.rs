//! Realisation bars as a village budget (APBDes) infographic draws them:
//! one row per budget line, its name above a grey track as long as the
//! plan, filled as far as the realised amount, and the share realised with
//! the amounts written under it. A line realised beyond its
//! plan fills the track and is marked with a second colour.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{drawing_error, finish, text_style, Chart, GRID, PALETTE, TEXT, WIDTH};

pub(crate) struct Progress {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub rows: Vec<Line>,
}

/// One budget line.
pub(crate) struct Line {
    pub name: String,
    /// Realised over planned; `None` when nothing was planned.
    pub share: Option<f64>,
    /// Written under the bar (`94,5% · Rp 1,2 M dari Rp 1,5 M`).
    pub amounts: String,
}

const MARGIN: i32 = 8;
const NAME_ROW: i32 = 22;
const BAR: i32 = 16;
const AMOUNT_ROW: i32 = 22;
const GAP: i32 = 10;
const ROW: i32 = NAME_ROW + BAR + AMOUNT_ROW + GAP;

/// The filled part of a track `width` long: the share, at most all of it.
pub(crate) fn filled(share: Option<f64>, width: i32) -> i32 {
    match share {
        Some(v) if v.is_finite() && v > 0.0 => (v.min(1.0) * f64::from(width)).round() as i32,
        _ => 0,
    }
}

pub(crate) fn draw(p: &Progress) -> Result<Chart> {
    let height = (p.rows.len().max(1) as i32 * ROW + MARGIN) as u32;
    let track = WIDTH as i32 - 2 * MARGIN;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let left = text_style(TEXT, HPos::Left, VPos::Center);
        for (i, line) in p.rows.iter().enumerate() {
            let y = MARGIN + i as i32 * ROW;
            root.draw(&Text::new(
                line.name.clone(),
                (MARGIN, y + NAME_ROW / 2),
                left.clone(),
            ))
            .map_err(drawing_error)?;
            let bar = y + NAME_ROW;
            root.draw(&Rectangle::new(
                [(MARGIN, bar), (MARGIN + track, bar + BAR)],
                GRID.filled(),
            ))
            .map_err(drawing_error)?;
            let fill = filled(line.share, track);
            if fill > 0 {
                root.draw(&Rectangle::new(
                    [(MARGIN, bar), (MARGIN + fill, bar + BAR)],
                    PALETTE[0].filled(),
                ))
                .map_err(drawing_error)?;
            }
            if line.share.is_some_and(|v| v > 1.0) {
                root.draw(&Rectangle::new(
                    [(MARGIN + track - 8, bar), (MARGIN + track, bar + BAR)],
                    PALETTE[3].filled(),
                ))
                .map_err(drawing_error)?;
            }
            root.draw(&Text::new(
                line.amounts.clone(),
                (MARGIN, bar + BAR + AMOUNT_ROW / 2),
                left.clone(),
            ))
            .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&p.id, &p.title, &p.summary, svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fill_is_the_share_of_the_track() {
        assert_eq!(filled(Some(0.5), 404), 202);
        assert_eq!(filled(Some(0.945), 400), 378);
        assert_eq!(filled(Some(1.3), 404), 404);
        assert_eq!(filled(Some(0.0), 404), 0);
        assert_eq!(filled(None, 404), 0);
        assert_eq!(filled(Some(f64::NAN), 404), 0);
    }

    #[test]
    fn every_line_is_drawn_with_its_words() {
        let chart = draw(&Progress {
            id: "p".into(),
            title: "Realisation".into(),
            summary: "Two lines".into(),
            rows: vec![
                Line {
                    name: "Dana Desa".into(),
                    share: Some(0.8),
                    amounts: "80% · Rp 8 of Rp 10".into(),
                },
                Line {
                    name: "CSR".into(),
                    share: Some(1.2),
                    amounts: "120% · Rp 12 of Rp 10".into(),
                },
            ],
        })
        .unwrap();
        for text in ["Dana Desa", "80% · Rp 8 of Rp 10", "CSR", "120% · Rp 12"] {
            assert!(chart.svg.contains(text), "{text}");
        }
        // Two tracks, two fills and the overflow mark.
        assert_eq!(chart.svg.matches("<rect").count(), 1 + 2 + 2 + 1);
    }
}
