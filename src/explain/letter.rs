//! The explanation as the officer reads it on the terminal, and as the
//! one-page letter (HTML, printable on A4) handed to the household.

use anyhow::Result;
use serde::Serialize;

use super::Explanation;
use crate::fmt::{Fmt, Lang};
use crate::report::i18n::Messages;
use crate::report::page::{PageBase, Provenance, SiteInfo};
use crate::report::provenance;
use crate::site::Site;

/// Plain text for the terminal, in the chosen language.
pub fn to_text(e: &Explanation, lang: Lang) -> Result<String> {
    let m = Messages::new(lang)?;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    if e.synthetic {
        line(m.get("synthetic-banner"));
    }
    line(m.args(
        "explain-heading",
        &[
            ("household", e.household.clone()),
            ("name", e.head_name.clone()),
            ("site", e.site.clone()),
        ],
    ));
    line(e.period.clone());
    for s in &e.summary {
        line(format!("  {s}"));
    }
    line(String::new());
    line(format!("{} ({})", m.get("explain-h-facts"), e.facts_source));
    for f in &e.facts {
        let value = if f.value.is_empty() {
            m.get("explain-empty")
        } else {
            f.value.clone()
        };
        line(format!("  {}: {value}", f.label));
    }
    for a in &e.answers {
        line(String::new());
        line(format!("{} · {}: {}", a.program, a.name, a.verdict));
        line(format!("  {} {}", m.get("notice-rule"), a.rule));
        if a.clauses.is_empty() {
            line(format!("    {}", m.get("explain-rule-unread")));
        }
        for c in &a.clauses {
            let indent = "  ".repeat(c.depth + 2);
            match &c.value {
                Some(v) => line(format!(
                    "{indent}{}: {} → {}",
                    c.text,
                    m.args("explain-value", &[("value", v.clone())]),
                    c.answer
                )),
                None => line(format!("{indent}{} → {}", c.text, c.answer)),
            }
        }
        for change in &a.changes {
            line(format!("  {change}"));
        }
    }
    line(String::new());
    line(m.get("explain-h-received"));
    if e.received.is_empty() {
        line(format!("  {}", m.get("explain-nothing-received")));
    }
    for r in &e.received {
        let entitled = r
            .entitlement
            .as_ref()
            .map(|x| {
                format!(
                    " / {}",
                    m.args("explain-entitlement", &[("amount", x.clone())])
                )
            })
            .unwrap_or_default();
        line(format!(
            "  {} {}: {}{entitled}",
            r.quarter,
            r.program,
            m.args("explain-delivered", &[("amount", r.delivered.clone())])
        ));
        for d in &r.deliveries {
            line(format!(
                "    {} {} {} {}  ({})",
                d.date, d.distribution_id, d.value, d.status, d.source
            ));
        }
    }
    line(String::new());
    line(m.get("explain-h-flags"));
    if e.flags.is_empty() {
        line(format!("  {}", m.get("explain-no-flags")));
    }
    for f in &e.flags {
        let others = if f.others.is_empty() {
            String::new()
        } else {
            format!(
                " · {}",
                m.args("explain-others", &[("ids", f.others.join(", "))])
            )
        };
        let mut parts = vec![f.flag.clone()];
        parts.extend(f.period.iter().cloned());
        parts.extend(f.program.iter().cloned());
        parts.push(f.amount.clone());
        line(format!("  {}{others}  ({})", parts.join(" · "), f.source));
    }
    line(String::new());
    line(m.get("explain-h-feedback"));
    if e.feedback.is_empty() {
        line(format!("  {}", m.get("explain-no-feedback")));
    }
    for f in &e.feedback {
        let topic = if f.topic.is_empty() {
            String::new()
        } else {
            format!(" · {}", f.topic)
        };
        line(format!(
            "  {} {} · {} · {}{topic}: {}  ({})",
            f.received, f.feedback_id, f.category, f.channel, f.status, f.source
        ));
    }
    line(String::new());
    line(e.objection.clone());
    Ok(out)
}

/// Everything the letter template shows.
#[derive(Debug, Clone, Serialize)]
pub struct LetterPage {
    #[serde(flatten)]
    pub base: PageBase,
    pub site: SiteInfo,
    pub synthetic: Option<String>,
    /// Household, head of household, RW and RT, in one line.
    pub who: String,
    pub intro: String,
    /// The deliveries of the quarter explained.
    pub deliveries: Vec<super::Delivery>,
    pub signature: crate::report::notice::Signature,
    pub e: Explanation,
    pub provenance: Provenance,
}

/// The letter's page.
pub fn page(site: &Site, e: Explanation, lang: Lang) -> Result<LetterPage> {
    let messages = Messages::new(lang)?;
    let config = &site.config;
    let fmt = Fmt::new(lang);
    let now = provenance::generation_time()?;
    let zone = config.notice.timezone;
    let provenance = provenance::of_site(fmt, now, site, &messages)?;
    let today = provenance::local_date(now, zone);
    let deliveries = e
        .received
        .iter()
        .filter(|r| r.quarter == e.quarter)
        .flat_map(|r| r.deliveries.iter().cloned())
        .collect();
    let place = match (e.rw, e.rt) {
        (Some(rw), Some(rt)) => format!(" · {}", crate::indicators::rt_label(rw, rt)),
        _ => String::new(),
    };
    let who = format!(
        "{} · {}{place}",
        messages.args("explain-household", &[("household", e.household.clone())]),
        e.head_name
    );
    let page = LetterPage {
        base: PageBase {
            lang: lang.code(),
            audience: "letter",
            audience_label: messages.get("audience-letter"),
            title: messages.args("explain-title", &[("household", e.household.clone())]),
            subtitle: e.period.clone(),
            t: messages.labels(),
        },
        site: SiteInfo::of(&config.site),
        synthetic: config
            .site
            .synthetic
            .then(|| messages.get("synthetic-banner")),
        who,
        intro: messages.args("explain-intro", &[("period", e.period.clone())]),
        deliveries,
        signature: crate::report::notice::Signature::of(config, today, fmt, &messages),
        e,
        provenance,
    };
    messages.check()?;
    Ok(page)
}

/// The letter's file name: `explain-HOUSEHOLD-LLINE-PERIOD-LANG.html`, the
/// household id as outputs show it with its masked digits as `x`, and its
/// line in the registry, which tells apart households whose masked ids are
/// the same.
pub fn file_name(e: &Explanation, lang: Lang) -> String {
    let id: String = e
        .household
        .chars()
        .map(|c| match c {
            '*' => 'x',
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' => c,
            _ => '-',
        })
        .collect();
    format!(
        "explain-{id}-L{}-{}-{}.html",
        e.line,
        e.quarter,
        lang.code()
    )
}
