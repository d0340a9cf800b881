//! `pantau explain --feedback CATEGORY`: a letter for every household named
//! by an open feedback item of one category, and the officer's summary of
//! the items: which were answered by which letter, and which cannot be
//! (anonymous, or naming a household the registry does not have).

use anyhow::Result;
use serde::Serialize;

use super::feedback::{self, Row};
use super::{explain, letter, Explanation};
use crate::fmt::{Fmt, Lang};
use crate::indicators::{Indicators, Quarter};
use crate::privacy::mask_id;
use crate::problem::InvalidInput;
use crate::report::i18n::Messages;
use crate::report::lookup::Say;
use crate::report::page::{PageBase, Provenance, SiteInfo};
use crate::report::provenance;
use crate::site::Site;

/// One open item in the officer's summary.
#[derive(Debug, Clone, Serialize)]
pub struct Answered {
    #[serde(flatten)]
    pub item: feedback::FeedbackItem,
    /// `RW 03 / RT 004`; empty when the item has no place.
    pub place: String,
    /// The household as outputs show it; none for an anonymous item.
    pub household: Option<String>,
    pub head_name: Option<String>,
    /// The letter's answer in one line, or why there is no letter.
    pub answer: String,
    /// The letter's file name, in the same folder.
    pub letter: Option<String>,
}

/// Everything the batch produces: the summary rows and the explanations,
/// one per household, in the order of their first open item.
pub struct Batch {
    pub category: String,
    pub quarter: Quarter,
    pub rows: Vec<Answered>,
    pub explanations: Vec<Explanation>,
}

/// The summary as `--format json` gives it.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    pub category: &'a str,
    pub quarter: String,
    pub open_items: usize,
    pub letters: usize,
    pub items_without_letter: usize,
    pub items: &'a [Answered],
}

impl Batch {
    fn unanswered(&self) -> usize {
        self.rows.iter().filter(|r| r.letter.is_none()).count()
    }

    pub fn json(&self) -> Json<'_> {
        Json {
            category: &self.category,
            quarter: self.quarter.label(),
            open_items: self.rows.len(),
            letters: self.explanations.len(),
            items_without_letter: self.unanswered(),
            items: &self.rows,
        }
    }
}

/// Explains every household named by an open item of `category`.
pub fn answer_open(
    site: &Site,
    indicators: &Indicators,
    category: &str,
    q: Quarter,
    lang: Lang,
) -> Result<Batch> {
    let messages = Messages::new(lang)?;
    let say = Say {
        fmt: Fmt::new(lang),
        msg: &messages,
    };
    if site.frame(crate::contract::Table::Feedback).is_none() {
        return InvalidInput::err(format!(
            "--feedback {category}: the site has no feedback table ({} is missing)",
            site.file_name("feedback")
        ));
    }
    let open = feedback::open_of(site, category)?;
    crate::progress::step(format!("explaining the open items of {category}"));
    let mut explanations: Vec<Explanation> = Vec::new();
    let mut written: Vec<(String, usize)> = Vec::new();
    let mut rows = Vec::new();
    for r in &open {
        let (household, head_name, answer, letter) = match &r.household_id {
            None => (None, None, say.t("explain-batch-anonymous"), None),
            Some(id) => {
                let known = written.iter().find(|(h, _)| h == id).map(|(_, i)| *i);
                let index = match known {
                    Some(i) => Some(i),
                    None => match explain(site, indicators, id, q, lang) {
                        Ok(e) => {
                            explanations.push(e);
                            written.push((id.clone(), explanations.len() - 1));
                            Some(explanations.len() - 1)
                        }
                        // A household the registry does not have (or whose
                        // row validation rejected) gets no letter; any other
                        // failure stops the run.
                        Err(e) if e.downcast_ref::<InvalidInput>().is_some() => None,
                        Err(e) => return Err(e),
                    },
                };
                match index {
                    Some(i) => {
                        let e = &explanations[i];
                        // A household not active in the quarter is told so
                        // (moved or deceased, and since when), not a list
                        // of programs.
                        let inactive = e.answers.iter().all(|a| !a.active);
                        let answer = match e.answers.first() {
                            Some(a) if inactive => a.verdict.clone(),
                            _ => super::verdicts(&e.answers, &messages).join(" "),
                        };
                        (
                            Some(e.household.clone()),
                            Some(e.head_name.clone()),
                            answer,
                            Some(letter::file_name(e, lang)),
                        )
                    }
                    None => (
                        Some(mask_id(id)),
                        None,
                        say.ta(
                            "explain-batch-unknown",
                            &[("file", site.file_name("households"))],
                        ),
                        None,
                    ),
                }
            }
        };
        rows.push(Answered {
            item: feedback::item(site, r, &say),
            place: place(r),
            household,
            head_name,
            answer,
            letter,
        });
    }
    messages.check()?;
    Ok(Batch {
        category: category.to_string(),
        quarter: q,
        rows,
        explanations,
    })
}

fn place(r: &Row) -> String {
    match (r.rw, r.rt) {
        (Some(rw), Some(rt)) => crate::indicators::rt_label(rw, rt),
        (Some(rw), None) => crate::indicators::rw_label(rw),
        _ => String::new(),
    }
}

/// The summary as plain text for the terminal.
pub fn to_text(b: &Batch, lang: Lang) -> Result<String> {
    let m = Messages::new(lang)?;
    let mut out = format!("{}\n{}\n", title(b, &m), intro(b, &m));
    for r in &b.rows {
        let who = match (&r.household, &r.head_name) {
            (Some(h), Some(n)) => format!("{h} ({n}): "),
            (Some(h), None) => format!("{h}: "),
            _ => String::new(),
        };
        out.push_str(&format!(
            "\n{} · {} · {}{}{}\n  {who}{}\n",
            r.item.feedback_id,
            r.item.received,
            r.item.channel,
            if r.place.is_empty() {
                String::new()
            } else {
                format!(" · {}", r.place)
            },
            if r.item.topic.is_empty() {
                String::new()
            } else {
                format!(" · {}", r.item.topic)
            },
            r.answer
        ));
        if let Some(l) = &r.letter {
            out.push_str(&format!("  → {l}\n"));
        }
    }
    Ok(out)
}

fn title(b: &Batch, m: &Messages) -> String {
    let category = m
        .maybe(&format!("category-{}", b.category))
        .unwrap_or_else(|| b.category.clone());
    m.args("explain-batch-title", &[("category", category)])
}

fn intro(b: &Batch, m: &Messages) -> String {
    if b.rows.is_empty() {
        return m.get("explain-batch-none");
    }
    let unanswered = b.unanswered();
    let items = ("items", b.rows.len().to_string());
    let mut text = if b.explanations.is_empty() {
        m.args("explain-batch-intro-no-letter", &[items])
    } else {
        m.args(
            "explain-batch-intro",
            &[items, ("letters", b.explanations.len().to_string())],
        )
    };
    if unanswered > 0 {
        text.push(' ');
        text.push_str(&m.args(
            "explain-batch-unanswered",
            &[("unanswered", unanswered.to_string())],
        ));
    }
    text
}

/// Everything the summary template shows.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryPage {
    #[serde(flatten)]
    pub base: PageBase,
    pub site: SiteInfo,
    pub synthetic: Option<String>,
    pub intro: String,
    pub rows: Vec<Answered>,
    pub provenance: Provenance,
}

/// The officer's summary page.
pub fn page(site: &Site, b: &Batch, q: Quarter, lang: Lang) -> Result<SummaryPage> {
    let messages = Messages::new(lang)?;
    let config = &site.config;
    let fmt = Fmt::new(lang);
    let start = config.site.fiscal_year_start_month;
    let period = crate::report::summary::quarter_words(q, start, fmt, &messages);
    let now = provenance::generation_time()?;
    let page = SummaryPage {
        base: PageBase {
            lang: lang.code(),
            audience: "letter",
            audience_label: messages.get("audience-feedback"),
            title: title(b, &messages),
            subtitle: messages.args("explain-batch-period", &[("period", period)]),
            t: messages.labels(),
        },
        site: SiteInfo::of(&config.site),
        synthetic: config
            .site
            .synthetic
            .then(|| messages.get("synthetic-banner")),
        intro: intro(b, &messages),
        rows: b.rows.clone(),
        provenance: provenance::of_site(fmt, now, site, &messages)?,
    };
    messages.check()?;
    Ok(page)
}

/// The summary's file name: `feedback-CATEGORY-PERIOD-LANG.html`.
pub fn file_name(b: &Batch, q: Quarter, lang: Lang) -> String {
    format!("feedback-{}-{}-{}.html", b.category, q.label(), lang.code())
}
