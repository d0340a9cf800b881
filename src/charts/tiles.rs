//! A tile per RT, laid out as the village is: one row per RW, one column
//! per RT number, the tile shaded by the value (darker is higher) and the
//! value written in it. Every RT of a village fits on a phone screen, and
//! an RT below target is framed, so the outliers stand out without a
//! hundred bars.

use anyhow::Result;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{drawing_error, finish, text_style, Chart, TEXT, WIDTH};
use crate::fmt::Fmt;

pub(crate) struct Tiles {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Row names (`RW 01`), top to bottom.
    pub rows: Vec<String>,
    /// Column names (`1`, `2`, … for RT 001, RT 002, …), left to right.
    pub columns: Vec<String>,
    /// (row, column, value): the tiles that exist; `None` is an RT without
    /// a value (nobody eligible).
    pub tiles: Vec<(usize, usize, Option<f64>)>,
    /// What the column numbers are (`RT`).
    pub column_word: String,
    /// The scale's caption (`Coverage, % of eligible households`).
    pub scale_label: String,
    /// Framed tiles, the outliers the caption names: (legend text, the
    /// tiles' (row, column)).
    pub framed: (String, Vec<(usize, usize)>),
}

/// The shades of the scale, light to dark (ColorBrewer "Blues"): a single
/// hue, so it reads the same with any colour vision and in greyscale.
const SHADES: [RGBColor; 5] = [
    RGBColor(0xef, 0xf3, 0xff),
    RGBColor(0xbd, 0xd7, 0xe7),
    RGBColor(0x6b, 0xae, 0xd6),
    RGBColor(0x31, 0x82, 0xbd),
    RGBColor(0x08, 0x51, 0x9c),
];
const NO_VALUE: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
const LEFT: i32 = 60;
const HEAD: i32 = 24;
const TILE_H: i32 = 30;
/// The grid's height stops growing here: a village with many RWs gets
/// thinner tiles without numbers, and every few RWs named.
const MAX_GRID_H: i32 = 720;

/// The scale's domain: from the lowest value rounded down to a tenth to
/// the highest rounded up, so the shades spread over the values there are.
pub(crate) fn domain(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
    if lo > hi {
        return (0.0, 1.0);
    }
    // In whole tenths, so the ends print as round numbers.
    let lo = (lo * 10.0).floor();
    let hi = (hi * 10.0).ceil().max(lo + 1.0);
    (lo / 10.0, hi / 10.0)
}

/// The shade of a position 0..1 on the scale, interpolated between its stops.
pub(crate) fn shade(v: f64) -> RGBColor {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let t = v * (SHADES.len() - 1) as f64;
    let i = (t.floor() as usize).min(SHADES.len() - 2);
    let f = t - i as f64;
    let (a, b) = (SHADES[i], SHADES[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

pub(crate) fn draw(t: &Tiles, fmt: Fmt) -> Result<Chart> {
    let cols = t.columns.len().max(1) as i32;
    let tile_w = ((WIDTH as i32 - LEFT - 8) / cols).min(44);
    // Below 30 units a number no longer fits in its tile at the chart's
    // text size: the tiles then show the shade only, and the table gives
    // the numbers.
    let rows = t.rows.len() as i32;
    let tile_h = (MAX_GRID_H / rows.max(1)).clamp(6, TILE_H);
    let numbers = tile_w >= 30 && tile_h == TILE_H;
    // Name every row, or every few rows where they are thin.
    let every = (18 + tile_h - 1) / tile_h;
    let (lo, hi) = domain(t.tiles.iter().filter_map(|x| x.2));
    let at = |v: f64| (v - lo) / (hi - lo);
    let grid_bottom = HEAD + rows * tile_h;
    let height = (grid_bottom + 86) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing_error)?;
        let centre = text_style(TEXT, HPos::Center, VPos::Center);
        let left = text_style(TEXT, HPos::Left, VPos::Center);
        root.draw(&Text::new(
            t.column_word.clone(),
            (8, HEAD / 2),
            left.clone(),
        ))
        .map_err(drawing_error)?;
        for (j, c) in t.columns.iter().enumerate() {
            let x = LEFT + j as i32 * tile_w + tile_w / 2;
            root.draw(&Text::new(c.clone(), (x, HEAD / 2), centre.clone()))
                .map_err(drawing_error)?;
        }
        for (i, r) in t.rows.iter().enumerate().step_by(every as usize) {
            let y = HEAD + i as i32 * tile_h + tile_h / 2;
            root.draw(&Text::new(r.clone(), (8, y), left.clone()))
                .map_err(drawing_error)?;
        }
        for &(i, j, v) in &t.tiles {
            let (x0, y0) = (LEFT + j as i32 * tile_w, HEAD + i as i32 * tile_h);
            let fill = v.map(|v| shade(at(v))).unwrap_or(NO_VALUE);
            root.draw(&Rectangle::new(
                [(x0 + 1, y0 + 1), (x0 + tile_w - 1, y0 + tile_h - 1)],
                fill.filled(),
            ))
            .map_err(drawing_error)?;
            if t.framed.1.contains(&(i, j)) {
                let (inset, stroke) = if tile_h >= 16 { (2, 3) } else { (0, 2) };
                root.draw(&Rectangle::new(
                    [
                        (x0 + inset, y0 + inset),
                        (x0 + tile_w - inset, y0 + tile_h - inset),
                    ],
                    TEXT.stroke_width(stroke),
                ))
                .map_err(drawing_error)?;
            }
            if numbers {
                let (text, colour) = match v {
                    Some(v) => (
                        fmt.number(v * 100.0, 0),
                        if at(v) > 0.55 { WHITE } else { TEXT },
                    ),
                    None => ("–".to_string(), TEXT),
                };
                root.draw(&Text::new(
                    text,
                    (x0 + tile_w / 2, y0 + tile_h / 2),
                    text_style(colour, HPos::Center, VPos::Center),
                ))
                .map_err(drawing_error)?;
            }
        }
        // The scale: shades from 0 to 100 with ticks, and the frame's meaning.
        let (sx, sy, sw) = (8, grid_bottom + 16, 200);
        root.draw(&Text::new(t.scale_label.clone(), (sx, sy), left.clone()))
            .map_err(drawing_error)?;
        let steps = 20;
        for k in 0..steps {
            let x = sx + k * sw / steps;
            root.draw(&Rectangle::new(
                [(x, sy + 12), (x + sw / steps, sy + 26)],
                shade((f64::from(k) + 0.5) / f64::from(steps)).filled(),
            ))
            .map_err(drawing_error)?;
        }
        for (k, share) in [0.0, 0.5, 1.0].into_iter().enumerate() {
            let x = sx + (share * f64::from(sw)) as i32;
            let anchor = [HPos::Left, HPos::Center, HPos::Right][k];
            root.draw(&Text::new(
                fmt.number((lo + share * (hi - lo)) * 100.0, 0),
                (x, sy + 40),
                text_style(TEXT, anchor, VPos::Center),
            ))
            .map_err(drawing_error)?;
        }
        let (label, framed) = &t.framed;
        if !framed.is_empty() {
            let x = sx + sw + 24;
            root.draw(&Rectangle::new(
                [(x, sy + 12), (x + 22, sy + 30)],
                TEXT.stroke_width(3),
            ))
            .map_err(drawing_error)?;
            root.draw(&Text::new(label.clone(), (x + 30, sy + 21), left.clone()))
                .map_err(drawing_error)?;
        }
        root.present().map_err(drawing_error)?;
    }
    Ok(finish(&t.id, &t.title, &t.summary, svg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_run_from_light_to_dark() {
        assert_eq!(shade(0.0), SHADES[0]);
        assert_eq!(shade(1.0), SHADES[4]);
        assert_eq!(shade(0.5), SHADES[2]);
        // A quarter of the way from the second stop (189, 215, 231) to the
        // third (107, 174, 214): 189 - 20.5, 215 - 10.25, 231 - 4.25, rounded.
        let v = 0.25 + 0.25 / 4.0;
        assert_eq!(shade(v), RGBColor(169, 205, 227));
        assert_eq!(shade(-1.0), SHADES[0]);
        assert_eq!(shade(f64::NAN), SHADES[0]);
    }

    #[test]
    fn the_domain_spans_the_values_in_tenths() {
        assert_eq!(domain([0.462, 1.0, 0.8].into_iter()), (0.4, 1.0));
        assert_eq!(domain([0.55, 0.55].into_iter()), (0.5, 0.6));
        assert_eq!(domain([0.7, f64::NAN].into_iter()), (0.7, 0.8));
        assert_eq!(domain(std::iter::empty()), (0.0, 1.0));
    }
}
