//! Charts as inline SVG, drawn with plotters. One chart kind per file; this
//! module holds what they share: the palette, sizes, the axis formats and
//! the accessible wrapper (an SVG `<title>` and `<desc>` that screen
//! readers announce, plus the same text for the figure caption).
//!
//! Charts receive data that is already aggregated (a value per program, RT,
//! quarter or percentile), so a chart stays small on a million-household
//! site.

pub(crate) mod bars;
pub(crate) mod boxes;
pub(crate) mod curves;
pub(crate) mod stacked;
pub(crate) mod trend;

use std::ops::Range;

use plotters::chart::{ChartContext, MeshStyle};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;
use serde::Serialize;

use crate::fmt::Fmt;

/// Colours in the order series use them. Their lightness differs enough to
/// tell them apart when printed in greyscale (dark blue, orange, light teal,
/// near black, sand, mid grey); lines also differ by marker.
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(0x1f, 0x3b, 0x73),
    RGBColor(0xe0, 0x7b, 0x1a),
    RGBColor(0x7c, 0xc4, 0xb4),
    RGBColor(0x26, 0x26, 0x26),
    RGBColor(0xd9, 0xc5, 0x8c),
    RGBColor(0x8a, 0x8a, 0x8a),
];
/// Room to the right of the plot for the legend.
pub(crate) const LEGEND_WIDTH: u32 = 190;
/// Target and reference lines.
pub(crate) const TARGET: RGBColor = RGBColor(0xb3, 0x1b, 0x1b);
pub(crate) const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
pub(crate) const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const FONT: &str = "sans-serif";

pub(crate) const WIDTH: u32 = 720;
pub(crate) const HEIGHT: u32 = 320;

/// A chart of a report: accessible SVG plus its title and summary. Reports
/// first describe their charts ([`Chart::pending`]) and draw them all at
/// the end, in parallel ([`draw_all`]).
#[derive(Debug, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// One or two sentences saying what the chart shows, for the caption and
    /// for screen readers.
    pub summary: String,
    pub svg: String,
    #[serde(skip)]
    plot: Option<Box<Plot>>,
}

/// What a chart shows, before it is drawn.
pub(crate) enum Plot {
    Bars(bars::Bars),
    Trend(trend::Trend),
    Curves(curves::Curves),
    Boxes(boxes::Boxes),
    Stacked(stacked::Stacked),
}

impl std::fmt::Debug for Plot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Plot")
    }
}

impl Plot {
    fn heading(&self) -> (&str, &str, &str) {
        let (id, title, summary) = match self {
            Plot::Bars(p) => (&p.id, &p.title, &p.summary),
            Plot::Trend(p) => (&p.id, &p.title, &p.summary),
            Plot::Curves(p) => (&p.id, &p.title, &p.summary),
            Plot::Boxes(p) => (&p.id, &p.title, &p.summary),
            Plot::Stacked(p) => (&p.id, &p.title, &p.summary),
        };
        (id, title, summary)
    }

    fn draw(&self, fmt: Fmt) -> anyhow::Result<Chart> {
        match self {
            Plot::Bars(p) => bars::draw(p, fmt),
            Plot::Trend(p) => trend::draw(p, fmt),
            Plot::Curves(p) => curves::draw(p, fmt),
            Plot::Boxes(p) => boxes::draw(p, fmt),
            Plot::Stacked(p) => stacked::draw(p, fmt),
        }
    }
}

impl Chart {
    /// A chart to be drawn later by [`draw_all`].
    pub(crate) fn pending(plot: Plot) -> Chart {
        let (id, title, summary) = plot.heading();
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            summary: summary.to_string(),
            svg: String::new(),
            plot: Some(Box::new(plot)),
        }
    }
}

/// Draws every pending chart, in parallel.
pub(crate) fn draw_all(charts: Vec<&mut Chart>, fmt: Fmt) -> anyhow::Result<()> {
    use rayon::prelude::*;
    charts.into_par_iter().try_for_each(|chart| {
        if let Some(plot) = chart.plot.take() {
            *chart = plot.draw(fmt)?;
        }
        Ok(())
    })
}

/// How the value axis is labelled.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Axis {
    /// Shares 0..1 shown as percentages.
    Percent,
    Rupiah,
}

impl Axis {
    pub(crate) fn label(self, fmt: Fmt, v: f64) -> String {
        match self {
            Axis::Percent => format!("{}%", fmt.number(v * 100.0, 0)),
            Axis::Rupiah => short_rupiah(fmt, v),
        }
    }

    /// A value written on the chart, in full.
    pub(crate) fn exact(self, fmt: Fmt, v: f64) -> String {
        match self {
            Axis::Percent => fmt.percent(v),
            Axis::Rupiah => fmt.rupiah(v),
        }
    }
}

/// Axis ticks in rupiah, shortened: `Rp 1,5 jt` / `Rp 1.5 m`, `Rp 250 rb` / `Rp 250 k`.
fn short_rupiah(fmt: Fmt, v: f64) -> String {
    use crate::fmt::Lang;
    let (million, thousand) = match fmt.lang {
        Lang::Id => ("jt", "rb"),
        Lang::En => ("m", "k"),
    };
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a >= 1e6 {
        let m = a / 1e6;
        let digits = if (m * 10.0).round() % 10.0 == 0.0 {
            0
        } else {
            1
        };
        format!("{sign}Rp {} {million}", fmt.number(m, digits))
    } else if a >= 1e3 {
        format!("{sign}Rp {} {thousand}", fmt.number(a / 1e3, 0))
    } else {
        format!("{sign}Rp {}", fmt.number(a, 0))
    }
}

/// A linear axis whose ticks sit exactly at the given points (the centres
/// of category bands or the positions of periods), so tick labels name
/// categories.
#[derive(Debug, Clone)]
pub(crate) struct Keyed {
    range: Range<f64>,
    keys: Vec<f64>,
}

impl Keyed {
    pub(crate) fn new(range: Range<f64>, keys: Vec<f64>) -> Keyed {
        Keyed { range, keys }
    }
}

impl Ranged for Keyed {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span == 0.0 {
            return limit.0;
        }
        let share = (value - self.range.start) / span;
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.keys.clone()
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

impl ValueFormatter<f64> for Keyed {
    fn format(value: &f64) -> String {
        value.to_string()
    }
}

/// The label at a position of a category or period axis: the list entry
/// nearest to `index`, empty outside the list.
pub(crate) fn label_at(labels: &[String], index: f64) -> String {
    let i = index.round();
    if i >= 0.0 && (i as usize) < labels.len() {
        labels[i as usize].clone()
    } else {
        String::new()
    }
}

/// The mesh in pantau's style: light grid lines only at labelled ticks,
/// dark axes, the chart font. Callers add their formatters and draw it.
pub(crate) fn mesh<'a, 'b, DB, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let mut style = chart.configure_mesh();
    style
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(TEXT)
        .label_style((FONT, 13).into_font().color(&TEXT))
        .axis_desc_style((FONT, 13).into_font().color(&TEXT));
    style
}

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    Swatch(RGBColor),
    Line(ShapeStyle),
    Dashed(ShapeStyle),
    Marker(ShapeStyle),
}

/// Draws a legend in the right margin of the chart (outside the plot, so it
/// never hides data), one entry per line from the top.
pub(crate) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    width: u32,
    entries: &[(String, Mark)],
) -> anyhow::Result<()> {
    let x = width as i32 - LEGEND_WIDTH as i32 + 14;
    let text = (FONT, 12)
        .into_font()
        .color(&TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (i, (label, mark)) in entries.iter().enumerate() {
        let y = 22 + i as i32 * 18;
        match *mark {
            Mark::Swatch(colour) => root
                .draw(&Rectangle::new(
                    [(x, y - 5), (x + 12, y + 5)],
                    colour.filled(),
                ))
                .map_err(drawing_error)?,
            Mark::Line(style) => root
                .draw(&PathElement::new(vec![(x, y), (x + 14, y)], style))
                .map_err(drawing_error)?,
            Mark::Dashed(style) => {
                for dx in [0, 8] {
                    root.draw(&PathElement::new(vec![(x + dx, y), (x + dx + 5, y)], style))
                        .map_err(drawing_error)?;
                }
            }
            Mark::Marker(style) => {
                root.draw(&PathElement::new(
                    vec![(x - 2, y), (x + 16, y)],
                    ShapeStyle {
                        stroke_width: 2,
                        ..style
                    },
                ))
                .map_err(drawing_error)?;
                root.draw(&Circle::new((x + 7, y), 5, style))
                    .map_err(drawing_error)?;
            }
        }
        let mut shown: String = label.chars().take(26).collect();
        if label.chars().count() > 26 {
            shown.push('…');
        }
        root.draw(&Text::new(shown, (x + 20, y), text.clone()))
            .map_err(drawing_error)?;
    }
    Ok(())
}

/// Escapes text for XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Wraps plotters' SVG output: `role="img"`, `aria-labelledby` pointing at a
/// `<title>` and `<desc>`, and a class for the print stylesheet.
pub(crate) fn finish(id: &str, title: &str, summary: &str, raw: String) -> Chart {
    let opening = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         focusable=\"false\" "
    );
    let mut svg = raw.replacen("<svg ", &opening, 1);
    if let Some(end) = svg.find('>') {
        let inner = format!(
            "\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
            escape(title),
            escape(summary)
        );
        svg.insert_str(end + 1, &inner);
    }
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        summary: summary.to_string(),
        svg,
        plot: None,
    }
}

/// Upper end of a value axis: a little headroom above the largest value
/// (and the target), never zero.
pub(crate) fn upper(values: impl Iterator<Item = f64>, floor: f64) -> f64 {
    let max = values.filter(|v| v.is_finite()).fold(floor, f64::max);
    if max <= 0.0 {
        1.0
    } else {
        max * 1.08
    }
}

/// Lower end of a value axis: zero unless values go below it.
pub(crate) fn lower(values: impl Iterator<Item = f64>) -> f64 {
    let min = values.filter(|v| v.is_finite()).fold(0.0, f64::min);
    if min < 0.0 {
        min * 1.08
    } else {
        0.0
    }
}

/// Plotters' errors carry the backend's error type; charts report them as
/// text.
pub(crate) fn drawing_error<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow::anyhow!("drawing a chart: {e:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::Lang;

    #[test]
    fn accessible_wrapper() {
        let raw = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n</svg>\n".to_string();
        let c = finish("c1", "Cakupan <semua>", "A & B", raw);
        assert!(c
            .svg
            .starts_with("<svg class=\"chart\" role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
        assert!(c
            .svg
            .contains("<title id=\"c1-title\">Cakupan &lt;semua&gt;</title>"));
        assert!(c.svg.contains("<desc id=\"c1-desc\">A &amp; B</desc>"));
    }

    #[test]
    fn rupiah_ticks() {
        let id = Fmt::new(Lang::Id);
        assert_eq!(Axis::Rupiah.label(id, 1_500_000.0), "Rp 1,5 jt");
        assert_eq!(Axis::Rupiah.label(id, 250_000.0), "Rp 250 rb");
        assert_eq!(Axis::Rupiah.label(id, 2_000_000_000.0), "Rp 2.000 jt");
        assert_eq!(
            Axis::Rupiah.label(Fmt::new(Lang::En), -50_000.0),
            "-Rp 50 k"
        );
        assert_eq!(Axis::Percent.label(id, 0.9), "90%");
    }
}
