//! The public recipient notice (`pantau notice`): who received a program's
//! aid in a quarter, grouped by RW and RT, for the village notice board, so
//! that neighbours can see the list is fair and object when it is not.
//!
//! Privacy by default: the family-card number shows only its region digits,
//! names are shortened unless site.toml sets `[notice] full_names = true`,
//! and nothing else about the household (address, NIK, disability, health,
//! income) is in the notice's data at all. The privacy gate checks the
//! finished page before it is written.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::i18n::Messages;
use super::page::{PageBase, Provenance, SiteInfo};
use super::provenance;
use crate::fmt::{Fmt, Lang};
use crate::indicators::recipients::{recipients, Recipient};
use crate::indicators::{integrity, Quarter};
use crate::privacy::{mask_id, mask_name};
use crate::problem::InvalidInput;
use crate::site::Site;

/// One recipient line.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeLine {
    pub number: usize,
    pub name: String,
    /// The family-card number with only its region digits.
    pub household: String,
    pub deliveries: String,
    pub amount: String,
}

/// The recipients of one RT.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbourhood {
    pub label: String,
    pub recipients: Vec<NoticeLine>,
    pub total: String,
}

/// Everything the notice template shows, already formatted.
#[derive(Debug, Clone, Serialize)]
pub struct NoticePage {
    #[serde(flatten)]
    pub base: PageBase,
    pub site: SiteInfo,
    pub synthetic: Option<String>,
    pub program: String,
    pub intro: String,
    pub groups: Vec<Neighbourhood>,
    pub summary: String,
    pub complaint: String,
    pub privacy: String,
    /// Deliveries to households not in the registry, which the notice cannot
    /// place in an RT.
    pub unregistered: Option<String>,
    pub provenance: Provenance,
}

/// The columns the notice shows, checked by the privacy gate.
pub const COLUMNS: [&str; 6] = ["rw", "rt", "head_name", "household", "deliveries", "amount"];

/// Builds the notice page. `InvalidInput` for an unknown program or a
/// quarter without deliveries of it.
pub fn build(site: &Site, program: &str, q: Quarter, lang: Lang) -> Result<NoticePage> {
    let config = &site.config;
    let Some(p) = config.program(program) else {
        let codes: Vec<&str> = config.programs.iter().map(|p| p.code.as_str()).collect();
        return Err(InvalidInput(format!(
            "--program {program}: {} has no such program (programs: {})",
            site.dir.display(),
            codes.join(", ")
        ))
        .into());
    };
    let period = q.label();
    let found = recipients(site, program, q)?;
    let rows = &found.households;
    let (unregistered, unregistered_value) = (found.unregistered, found.unregistered_value);
    if rows.is_empty() && unregistered == 0 {
        return Err(InvalidInput(format!(
            "{}: no delivered {program} aid in {period}, so there is nobody to announce",
            site.dir.display()
        ))
        .into());
    }
    let messages = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let t = |id: &str| messages.get(id);
    let ta = |id: &str, args: &[(&str, String)]| messages.args(id, args);
    let start = config.site.fiscal_year_start_month;

    let mut groups: Vec<Neighbourhood> = Vec::new();
    let mut number = 0;
    let (mut households, mut total) = (0usize, 0i64);
    let mut by_rt: BTreeMap<(i64, i64), Vec<&Recipient>> = BTreeMap::new();
    for r in rows {
        by_rt.entry((r.rw, r.rt)).or_default().push(r);
    }
    for ((rw, rt), members) in by_rt {
        let mut recipients: Vec<(String, &Recipient)> = members
            .into_iter()
            .map(|r| {
                let name = if config.notice.full_names {
                    r.name.clone()
                } else {
                    mask_name(&r.name)
                };
                (name, r)
            })
            .collect();
        recipients.sort_by(|a, b| (&a.0, &a.1.household).cmp(&(&b.0, &b.1.household)));
        let sum: i64 = recipients.iter().map(|(_, r)| r.value).sum();
        households += recipients.len();
        total += sum;
        groups.push(Neighbourhood {
            label: crate::indicators::rt_label(rw, rt),
            recipients: recipients
                .into_iter()
                .map(|(name, r)| {
                    number += 1;
                    NoticeLine {
                        number,
                        name,
                        household: mask_id(&r.household),
                        deliveries: fmt.count(r.deliveries as f64),
                        amount: fmt.rupiah(r.value as f64),
                    }
                })
                .collect(),
            total: fmt.rupiah(sum as f64),
        });
    }
    let complaint = if config.notice.complaint_channel.trim().is_empty() {
        t("notice-complaint-default")
    } else {
        config.notice.complaint_channel.trim().to_string()
    };
    let provenance = provenance::provenance(
        fmt,
        provenance::generation_time()?,
        &[(
            config.site.name.clone(),
            site.dir.as_path(),
            site.input_files(),
        )],
    )?;
    let funder = messages
        .maybe(&format!("funder-{}", p.funder))
        .unwrap_or_else(|| p.funder.clone());
    let page = NoticePage {
        base: PageBase {
            lang: lang.code(),
            audience: "notice",
            title: ta(
                "notice-title",
                &[("program", p.name.clone()), ("period", period.clone())],
            ),
            subtitle: ta(
                "notice-subtitle",
                &[
                    ("from", fmt.date(q.first_day(start))),
                    ("to", fmt.date(q.last_day(start))),
                    ("funder", funder),
                ],
            ),
            audience_label: t("audience-notice"),
            t: messages.labels(),
        },
        site: SiteInfo {
            name: config.site.name.clone(),
            code: config.site.code.clone(),
            place: format!(
                "{}, {}, {}",
                config.site.district, config.site.regency, config.site.province
            ),
        },
        synthetic: site.config.site.synthetic.then(|| t("synthetic-banner")),
        program: format!("{} · {}", p.code, p.name),
        intro: ta(
            "notice-intro",
            &[
                ("program", p.name.clone()),
                ("criteria", p.eligible_when.clone()),
            ],
        ),
        groups,
        summary: ta(
            "notice-summary",
            &[
                ("n", fmt.count(households as f64)),
                ("amount", fmt.rupiah(total as f64)),
            ],
        ),
        complaint,
        privacy: t(if config.notice.full_names {
            "notice-privacy-full"
        } else {
            "notice-privacy"
        }),
        unregistered: (unregistered > 0).then(|| {
            ta(
                "notice-unregistered",
                &[
                    ("n", fmt.count(unregistered as f64)),
                    ("amount", fmt.rupiah(unregistered_value as f64)),
                    (
                        "flag",
                        t(&format!("ind-{}", integrity::UNREGISTERED_RECIPIENT)),
                    ),
                ],
            )
        }),
        provenance,
    };
    messages.check()?;
    Ok(page)
}

/// The notice's file name.
pub fn file_name(site: &Site, program: &str, period: Quarter, lang: Lang) -> String {
    format!(
        "{}-notice-{}-{}-{}.html",
        super::labels::site_slug(site),
        super::labels::slug(program),
        period.label(),
        lang.code()
    )
}
