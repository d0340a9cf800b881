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
pub(crate) mod dots;
pub(crate) mod progress;
pub(crate) mod stacked;
pub(crate) mod tiles;
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

/// Colours in the order series use them: the Okabe-Ito palette, told
/// apart with any form of colour blindness (blue, orange, bluish green,
/// vermillion, reddish purple, sky blue). Lines and dots also differ by
/// marker shape, so they survive greyscale print.
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0x56, 0xb4, 0xe9),
];
/// Target and reference lines: near black, dashed.
pub(crate) const TARGET: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(crate) const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
pub(crate) const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Text written over or beside data (values, category names). `finish`
/// gives it a white halo, so no line or bar ever runs through it.
pub(crate) const LABEL: RGBColor = RGBColor(0x11, 0x11, 0x11);
pub(crate) const FONT: &str = "sans-serif";

/// Chart width in SVG units. Charts scale to their column: on a 390 px
/// phone the column is about 350 px, so 14-unit text is drawn at about
/// 12 px; on a screen or paper the chart is at most 36rem wide.
pub(crate) const WIDTH: u32 = 420;
pub(crate) const HEIGHT: u32 = 260;
/// The size of all chart text in SVG units.
pub(crate) const TEXT_PX: f64 = 14.0;
/// The same size as plotters takes it (its SVG backend divides by 1.24).
pub(crate) const TEXT_SIZE: f64 = TEXT_PX * 1.24;
/// The width of an average character of chart text, for layout.
pub(crate) const CHAR_PX: f64 = 7.9;

/// The width `text` takes in a chart, estimated generously: capitals and
/// digits are wider than the average letter.
pub(crate) fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if c.is_uppercase() || c == 'm' || c == 'w' {
                CHAR_PX * 1.3
            } else if c.is_ascii_digit() {
                CHAR_PX * 1.1
            } else if matches!(
                c,
                'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ' ' | '\'' | '|'
            ) {
                CHAR_PX * 0.6
            } else {
                CHAR_PX
            }
        })
        .sum()
}

/// Chart text in pantau's style, anchored as given.
pub(crate) fn text_style(colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, TEXT_SIZE)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, v))
}

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
    Tiles(tiles::Tiles),
    Progress(progress::Progress),
    Dots(dots::Dots),
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
            Plot::Tiles(p) => (&p.id, &p.title, &p.summary),
            Plot::Progress(p) => (&p.id, &p.title, &p.summary),
            Plot::Dots(p) => (&p.id, &p.title, &p.summary),
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
            Plot::Tiles(p) => tiles::draw(p, fmt),
            Plot::Progress(p) => progress::draw(p),
            Plot::Dots(p) => dots::draw(p, fmt),
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
    /// Households, counted.
    Count,
}

impl Axis {
    pub(crate) fn label(self, fmt: Fmt, v: f64) -> String {
        match self {
            Axis::Percent => format!("{}%", fmt.number(v * 100.0, 0)),
            Axis::Rupiah => short_rupiah(fmt, v),
            Axis::Count => fmt.number(v, if v.fract() == 0.0 { 0 } else { 1 }),
        }
    }

    /// A value written on the chart: percentages to one decimal, rupiah
    /// to three significant digits (`Rp 754 jt`); the tables hold the
    /// exact amounts.
    pub(crate) fn exact(self, fmt: Fmt, v: f64) -> String {
        match self {
            Axis::Percent => fmt.percent(v),
            Axis::Rupiah => short_rupiah_value(fmt, v),
            Axis::Count => fmt.count(v),
        }
    }
}

/// Units of rupiah amounts in short form: miliar, juta, ribu.
fn rupiah_units(fmt: Fmt) -> [(f64, &'static str); 3] {
    use crate::fmt::Lang;
    match fmt.lang {
        Lang::Id => [(1e9, "M"), (1e6, "jt"), (1e3, "rb")],
        Lang::En => [(1e9, "bn"), (1e6, "m"), (1e3, "k")],
    }
}

/// A rupiah value in short form with three significant digits:
/// `Rp 754 jt`, `Rp 1,25 jt`, `Rp 2,4 M` (`bn`, `m`, `k` in English).
fn short_rupiah_value(fmt: Fmt, v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    for (size, unit) in rupiah_units(fmt) {
        if a >= size {
            let x = a / size;
            let digits = if x < 9.995 {
                2
            } else if x < 99.95 {
                1
            } else {
                0
            };
            let shown = fmt.number(x, digits);
            // 2,50 → 2,5 and 2,00 → 2: no zeros after the point.
            let shown = match fmt.number(0.5, 1).contains(',') {
                true if shown.contains(',') => shown
                    .trim_end_matches('0')
                    .trim_end_matches(',')
                    .to_string(),
                false if shown.contains('.') => shown
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string(),
                _ => shown,
            };
            return format!("{sign}Rp {shown} {unit}");
        }
    }
    format!("{sign}Rp {}", fmt.number(a, 0))
}

/// Axis ticks in rupiah, shortened: `Rp 1,5 jt` / `Rp 1.5 m`,
/// `Rp 250 rb` / `Rp 250 k`, `Rp 2 M` / `Rp 2 bn`.
fn short_rupiah(fmt: Fmt, v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    for (size, unit) in rupiah_units(fmt) {
        if a >= size {
            let x = a / size;
            let digits = if (x * 10.0).round() % 10.0 == 0.0 || size == 1e3 {
                0
            } else {
                1
            };
            return format!("{sign}Rp {} {unit}", fmt.number(x, digits));
        }
    }
    format!("{sign}Rp {}", fmt.number(a, 0))
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
        .label_style((FONT, TEXT_SIZE).into_font().color(&TEXT))
        .axis_desc_style((FONT, TEXT_SIZE).into_font().color(&TEXT));
    style
}

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    Swatch(RGBColor),
    Dashed(ShapeStyle),
    /// Series `s` of a line chart: its colour and marker shape.
    Series(usize),
}

/// Where each legend entry goes, left to right and wrapping onto new rows
/// within `width`; and the legend's height.
fn legend_layout(width: u32, entries: &[(String, Mark)]) -> (Vec<(i32, i32)>, u32) {
    const ROW: i32 = 22;
    let (mut x, mut y) = (8, ROW / 2 + 4);
    let mut places = Vec::new();
    for (label, _) in entries {
        let w = 26 + text_width(&shown_label(label, width)) as i32 + 20;
        if x > 8 && x + w > width as i32 {
            x = 8;
            y += ROW;
        }
        places.push((x, y));
        x += w;
    }
    let height = if entries.is_empty() {
        0
    } else {
        (y + ROW / 2 + 6) as u32
    };
    (places, height)
}

/// A legend label, cut to what fits on one row of a chart `width` wide.
fn shown_label(label: &str, width: u32) -> String {
    let room = ((f64::from(width) - 50.0) / CHAR_PX) as usize;
    if label.chars().count() <= room {
        return label.to_string();
    }
    let mut cut: String = label.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The height of the legend above a chart `width` wide.
pub(crate) fn legend_height(width: u32, entries: &[(String, Mark)]) -> u32 {
    legend_layout(width, entries).1
}

/// Draws a legend across the top of the chart (above the plot, so it
/// never hides data and never takes the plot's width on a phone).
pub(crate) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    width: u32,
    entries: &[(String, Mark)],
) -> anyhow::Result<()> {
    let (places, _) = legend_layout(width, entries);
    let text = text_style(TEXT, HPos::Left, VPos::Center);
    for ((label, mark), &(x, y)) in entries.iter().zip(&places) {
        match *mark {
            Mark::Swatch(colour) => root
                .draw(&Rectangle::new(
                    [(x, y - 7), (x + 16, y + 7)],
                    colour.filled(),
                ))
                .map_err(drawing_error)?,
            Mark::Dashed(style) => {
                for dx in [0, 10] {
                    root.draw(&PathElement::new(vec![(x + dx, y), (x + dx + 7, y)], style))
                        .map_err(drawing_error)?;
                }
            }
            Mark::Series(s) => {
                let colour = PALETTE[s % PALETTE.len()];
                root.draw(&PathElement::new(
                    vec![(x - 2, y), (x + 20, y)],
                    colour.stroke_width(3),
                ))
                .map_err(drawing_error)?;
                draw_marker(root, (x + 9, y), s)?;
            }
        }
        root.draw(&Text::new(
            shown_label(label, width),
            (x + 26, y),
            text.clone(),
        ))
        .map_err(drawing_error)?;
    }
    Ok(())
}

/// Draws the marker of series `s` at `at`: a filled circle, triangle,
/// square or diamond in the series' colour, ringed in white so it stands
/// out on its line.
pub(crate) fn draw_marker<DB, CT>(
    area: &DrawingArea<DB, CT>,
    at: CT::From,
    s: usize,
) -> anyhow::Result<()>
where
    DB: DrawingBackend,
    CT: plotters::coord::CoordTranslate,
    CT::From: Clone,
{
    let colour = PALETTE[s % PALETTE.len()];
    let fill = colour.filled();
    let ring = WHITE.stroke_width(1);
    let base = EmptyElement::at(at);
    match s % 4 {
        0 => area.draw(&(base + Circle::new((0, 0), 6, fill) + Circle::new((0, 0), 6, ring))),
        1 => area.draw(&(base + TriangleMarker::new((0, 0), 8, fill))),
        2 => area.draw(
            &(base
                + Rectangle::new([(-5, -5), (5, 5)], fill)
                + Rectangle::new([(-5, -5), (5, 5)], ring)),
        ),
        _ => area.draw(&(base + Polygon::new(vec![(0, -7), (7, 0), (0, 7), (-7, 0)], fill))),
    }
    .map_err(drawing_error)
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

/// Gives every text drawn in [`LABEL`] a white halo: a copy of it with a
/// wide white stroke is drawn just before it, so no line or bar behind the
/// text runs through it (SVG 1.1 attributes only, no CSS `paint-order`).
pub(crate) fn with_halos(raw: &str) -> String {
    let label = format!("fill=\"#{:02X}{:02X}{:02X}\"", LABEL.0, LABEL.1, LABEL.2);
    let halo = "fill=\"#FFFFFF\" stroke=\"#FFFFFF\" stroke-width=\"4\" stroke-linejoin=\"round\"";
    let mut out = String::with_capacity(raw.len() * 2);
    let mut rest = raw;
    while let Some(start) = rest.find("<text") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find("</text>")
            .map_or(rest.len(), |e| e + "</text>".len());
        let element = &rest[..end];
        let opening = &element[..element.find('>').unwrap_or(element.len())];
        if opening.contains(&label) {
            out.push_str(&element.replacen(&label, halo, 1));
            out.push('\n');
        }
        out.push_str(element);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Wraps plotters' SVG output: `role="img"`, `aria-labelledby` pointing at a
/// `<title>` and `<desc>`, and a class for the print stylesheet.
pub(crate) fn finish(id: &str, title: &str, summary: &str, raw: String) -> Chart {
    let raw = with_halos(&raw);
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
    fn labels_get_a_white_copy_underneath() {
        let raw = "<svg>\n<text x=\"1\" fill=\"#111111\">\n87,4%\n</text>\n<text x=\"2\" fill=\"#222222\">Axis</text>\n</svg>";
        let out = with_halos(raw);
        assert_eq!(out.matches("<text").count(), 3);
        let halo = out.find("stroke=\"#FFFFFF\"").unwrap();
        assert!(halo < out.find("fill=\"#111111\"").unwrap());
        assert_eq!(out.matches("87,4%").count(), 2);
        assert_eq!(out.matches("Axis").count(), 1);
    }

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
        assert_eq!(Axis::Rupiah.label(id, 2_000_000_000.0), "Rp 2 M");
        assert_eq!(Axis::Rupiah.exact(id, 754_158_000.0), "Rp 754 jt");
        assert_eq!(Axis::Rupiah.exact(id, 1_250_000.0), "Rp 1,25 jt");
        assert_eq!(Axis::Rupiah.exact(id, 2_400_000_000.0), "Rp 2,4 M");
        assert_eq!(Axis::Rupiah.exact(id, 2_000_000.0), "Rp 2 jt");
        assert_eq!(Axis::Rupiah.exact(id, 45_600.0), "Rp 45,6 rb");
        assert_eq!(
            Axis::Rupiah.exact(Fmt::new(Lang::En), -99_960.0),
            "-Rp 100 k"
        );
        assert_eq!(Axis::Rupiah.exact(id, 950.0), "Rp 950");
        assert_eq!(
            Axis::Rupiah.label(Fmt::new(Lang::En), -50_000.0),
            "-Rp 50 k"
        );
        assert_eq!(Axis::Percent.label(id, 0.9), "90%");
    }
}
