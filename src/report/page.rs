//! The typed view model every template receives. All text is final: numbers,
//! money and dates are formatted before they get here, so templates hold no
//! arithmetic and no formatting. A misspelled field is a render error, not a
//! blank cell.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::charts::Chart;

/// What every page has, for the shared base template (`base.html`): the
/// language, who it is for, the titles and the message catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct PageBase {
    /// `id` or `en`, for `<html lang>`.
    pub lang: &'static str,
    /// `evaluator`, `council`, `partner` or `notice`.
    pub audience: &'static str,
    /// The audience in words.
    pub audience_label: String,
    pub title: String,
    pub subtitle: String,
    /// Every catalogue message without arguments, by id.
    pub t: BTreeMap<String, String>,
}

/// One report.
#[derive(Debug, Serialize)]
pub struct Page {
    #[serde(flatten)]
    pub base: PageBase,
    pub sites: Vec<SiteInfo>,
    pub period: String,
    /// Shown when any input says it is synthetic.
    pub synthetic: Option<String>,
    /// The opening sentences ([`super::summary`]).
    pub summary: Vec<String>,
    pub headlines: Vec<Figure>,
    pub sections: Vec<Section>,
    pub provenance: Provenance,
    /// Per site, the positions in its indicator table of the rows the page
    /// shows (the CSV beside the report holds exactly these).
    #[serde(skip)]
    pub shown_rows: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub name: String,
    pub code: String,
    /// District, regency, province.
    pub place: String,
}

impl SiteInfo {
    pub(crate) fn of(site: &crate::config::Site) -> SiteInfo {
        SiteInfo {
            name: site.name.clone(),
            code: site.code.clone(),
            // The parts site.toml gives (each is optional), never empty commas.
            place: [&site.district, &site.regency, &site.province]
                .into_iter()
                .map(|p| p.trim())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A headline figure: the value, what it rests on, how it moved, and how it
/// compares with its target.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// What the value counts, where the label does not say it (`per month`).
    pub unit: String,
    /// Numerator and denominator, or the number of observations.
    pub basis: String,
    /// Change against the previous period, with that period named.
    pub change: String,
    pub target: String,
    /// `met`, `missed` or empty (no target).
    pub status: &'static str,
}

/// A section of a report: a heading, a few paragraphs, then blocks.
#[derive(Debug, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: Vec<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Table(DataTable),
    Chart(Chart),
    /// Several charts side by side (small multiples).
    Charts {
        charts: Vec<Chart>,
    },
    Figures {
        items: Vec<Figure>,
    },
    Note {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Definitions {
        items: Vec<Definition>,
    },
    /// Programs' eligibility rules: in plain words, with the rule as
    /// written in site.toml beside them.
    Rules {
        items: Vec<RuleItem>,
    },
}

/// One program's eligibility rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleItem {
    /// `BLT-DD (Bantuan Langsung Tunai)`.
    pub name: String,
    /// The rule in the report's language.
    pub words: String,
    /// The rule as written in site.toml.
    pub rule: String,
}

/// A table. Cells carry their display text and, for rates, the numerator
/// and denominator behind them.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub caption: String,
    pub head: Vec<String>,
    /// True for columns of numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<Cell>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub text: String,
    /// Small print under the value, e.g. `822 / 941`.
    pub sub: String,
    /// Set on cells that mark a total row or a missed target.
    pub class: &'static str,
    /// A link from the cell's text (another report beside this one).
    pub href: String,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn with_sub(text: impl Into<String>, sub: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            sub: sub.into(),
            ..Cell::default()
        }
    }

    /// The cell's text as a link to `href`.
    pub fn link(mut self, href: impl Into<String>) -> Cell {
        self.href = href.into();
        self
    }

    pub fn class(mut self, class: &'static str) -> Cell {
        self.class = class;
        self
    }
}

/// A term of the methodology appendix.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    pub term: String,
    pub id: String,
    pub text: String,
}

/// Where the report came from.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub version: String,
    pub generated: String,
    /// The caption of the table of inputs.
    pub caption: String,
    pub inputs: Vec<Input>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub site: String,
    pub file: String,
    pub bytes: String,
    pub sha256: String,
}
