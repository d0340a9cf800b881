//! HTML reports for the three readers: the evaluator's quarterly impact
//! report, the village council's transparency report and the partners'
//! comparison of sites.
//!
//! `Site → indicators → typed view model (page.rs, display strings already
//! formatted) → charts drawn in parallel → tera template → one
//! self-contained HTML file` plus the indicator table behind it as CSV. All
//! files of a run are written beside their final names first and renamed
//! into place together at the end, so a failed run leaves earlier reports
//! as they were.

pub(crate) mod common;
pub(crate) mod context;
pub(crate) mod council;
pub(crate) mod criteria;
pub mod district;
pub(crate) mod evaluator;
pub mod exports;
pub(crate) mod i18n;
pub mod labels;
pub(crate) mod lookup;
pub mod notice;
pub mod page;
pub(crate) mod partner;
pub(crate) mod provenance;
pub mod render;
pub(crate) mod summary;

use crate::indicators::Id;
use std::path::Path;

use anyhow::Result;

use crate::charts;
use crate::indicators::{self, Indicators, Quarter};
use crate::problem::InvalidInput;
use crate::site::Site;
use crate::validate::{FileReport, Tolerance};

use crate::fmt::{Fmt, Lang};
use context::Ctx;
use i18n::Messages;
use lookup::Say;
use page::{Page, PageBase, Section, SiteInfo};

use crate::privacy::{Document, Gate};

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Audience {
    /// Quarterly impact report for evaluators.
    Evaluator,
    /// Budget transparency report for the village council.
    Council,
    /// Sites and programs side by side for NGO partners.
    Partner,
}

impl Audience {
    pub fn name(self) -> &'static str {
        match self {
            Audience::Evaluator => "evaluator",
            Audience::Council => "council",
            Audience::Partner => "partner",
        }
    }
}

/// A site with everything its report needs.
pub struct Prepared {
    pub site: Site,
    pub indicators: Indicators,
    pub period: Quarter,
    pub slug: String,
}

/// Loads, validates and computes a site ([`Prepared::new`]).
pub fn prepare(dir: &Path, period: Option<Quarter>, tolerance: Tolerance) -> Result<Prepared> {
    Prepared::new(Site::open(dir, tolerance)?, period)
}

impl Prepared {
    /// Computes a site's indicators and settles the period to show:
    /// `--period` when given (it must be a quarter with a dated record),
    /// otherwise the latest complete quarter of the aid ledger, and for a
    /// site without deliveries the latest quarter with any dated record.
    pub fn new(site: Site, period: Option<Quarter>) -> Result<Prepared> {
        let dir = site.dir.clone();
        // The report shows one quarter: the rows per RT of the others are
        // not made.
        let indicators = indicators::compute_with(&site, indicators::RtRows::Of(period))?;
        let quarters: Vec<String> = indicators
            .record_quarters
            .iter()
            .map(|q| q.label())
            .collect();
        let period = match period {
            Some(q) => Some(q)
                .filter(|q| indicators.record_quarters.contains(q))
                .ok_or_else(|| {
                    InvalidInput(format!(
                        "--period {}: {} has no such quarter (quarters: {})",
                        q.label(),
                        dir.display(),
                        quarters.join(", ")
                    ))
                })?,
            None => indicators
                .ledger
                .latest_complete()
                .or_else(|| indicators.record_quarters.last().copied())
                .ok_or_else(|| {
                    InvalidInput(format!(
                        "{}: no dated record (a delivery, a survey, a course start, a budget \
                         line or feedback), so there is no quarter to report",
                        dir.display()
                    ))
                })?,
        };
        // The quarter shown is the one whose rows per RT were made.
        anyhow::ensure!(
            indicators.rt_quarter.is_none_or(|q| q == period),
            "the rows per RT were made for {}, not for the quarter shown, {}",
            indicators.rt_quarter.map_or(String::new(), |q| q.label()),
            period.label()
        );
        Ok(Prepared {
            slug: labels::site_slug(&site),
            site,
            indicators,
            period,
        })
    }
}

/// One report, ready to write.
/// One file a run writes.
pub struct Output {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Rendered {
    pub html_name: String,
    pub html: String,
    pub csv: String,
    pub page: Page,
    /// Further files: the council report's flag and reconciliation exports.
    pub exports: Vec<Output>,
}

pub fn build_page(sites: &[Prepared], audience: Audience, lang: Lang) -> Result<Page> {
    let messages = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let time = provenance::generation_time()?;
    let ctxs: Vec<Ctx> = sites
        .iter()
        .map(|p| {
            Ctx::new(
                &p.site,
                &p.indicators,
                Say {
                    fmt,
                    msg: &messages,
                },
                p.period,
            )
        })
        .collect();
    let Some(first) = ctxs.first() else {
        anyhow::bail!("a report needs at least one site");
    };
    let s = &first.say;
    let (summary, headlines, mut sections, title) = match audience {
        Audience::Evaluator => {
            let mut sections = evaluator::sections(first);
            sections.push(common::quality_section(first));
            sections.extend(evaluator::appendix(first));
            // The budget and integrity figures belong to the council report.
            let ids: Vec<Id> = Id::ALL
                .iter()
                .copied()
                .filter(|id| !indicators::budget_ids().contains(id))
                .collect();
            sections.push(common::methodology_section(first, &ids));
            (
                summary::evaluator(first),
                evaluator::headlines(first),
                sections,
                s.ta(
                    "title-evaluator",
                    &[("site", first.site.config.site.name.clone())],
                ),
            )
        }
        Audience::Council => {
            let ledger = &sites[0].indicators.ledger;
            let exports = exports::export_names(&sites[0].slug, &first.period.label());
            let mut sections = council::sections(first, ledger, &exports);
            sections.push(common::quality_section(first));
            let mut ids = council::council_ids();
            ids.extend([
                Id::InclusionError,
                Id::FeedbackCount,
                Id::FeedbackResolutionRate,
                Id::FeedbackMedianDays,
            ]);
            sections.push(common::methodology_section(first, &ids));
            (
                council::summary(first, ledger),
                council::headlines(first, ledger),
                sections,
                s.ta(
                    "title-council",
                    &[("site", first.site.config.site.name.clone())],
                ),
            )
        }
        Audience::Partner => {
            let mut sections = partner::sections(&ctxs);
            for c in &ctxs {
                let mut q = common::quality_section(c);
                q.title = format!("{} · {}", q.title, c.site.config.site.name);
                q.id = format!("quality-{}", labels::slug(&c.site.config.site.name));
                sections.push(q);
            }
            sections.push(common::methodology_section(first, &partner::ids()));
            let names: Vec<String> = ctxs
                .iter()
                .map(|c| c.site.config.site.name.clone())
                .collect();
            (
                summary::partner(&ctxs),
                Vec::new(),
                sections,
                s.ta("title-partner", &[("sites", names.join(", "))]),
            )
        }
    };
    let mut periods: Vec<String> = ctxs.iter().map(|c| c.period.label()).collect();
    periods.dedup();
    let inputs: Vec<(String, &Path, Vec<&FileReport>)> = sites
        .iter()
        .map(|p| {
            let files = p.site.input_files();
            (p.site.config.site.name.clone(), p.site.dir.as_path(), files)
        })
        .collect();
    let zone = sites[0].site.config.notice.timezone;
    let provenance = provenance::provenance(fmt, time, zone, &inputs, s.t("provenance-inputs"))?;
    let synthetic = sites
        .iter()
        .any(|p| p.site.config.site.synthetic)
        .then(|| s.t("synthetic-banner"));
    let subtitle = s.ta(
        &format!("subtitle-{}", audience.name()),
        &[("period", periods.join(", "))],
    );
    let site_info = ctxs
        .iter()
        .map(|c| SiteInfo::of(&c.site.config.site))
        .collect();
    let chart_refs: Vec<&mut charts::Chart> = sections
        .iter_mut()
        .flat_map(|sec: &mut Section| sec.blocks.iter_mut())
        .flat_map(|b| match b {
            page::Block::Chart(c) => vec![c],
            page::Block::Charts { charts } => charts.iter_mut().collect(),
            _ => Vec::new(),
        })
        .collect();
    charts::draw_all(chart_refs, fmt)?;
    let page = Page {
        base: PageBase {
            lang: lang.code(),
            audience: audience.name(),
            audience_label: messages.get(&format!("audience-{}", audience.name())),
            title,
            subtitle,
            t: messages.labels(),
        },
        sites: site_info,
        period: periods.join(", "),
        synthetic,
        summary,
        headlines,
        sections,
        provenance,
        shown_rows: ctxs.iter().map(|c| c.look.used()).collect(),
    };
    drop(ctxs);
    messages.check()?;
    Ok(page)
}

/// Builds and renders one report.
pub fn render_report(
    sites: &[Prepared],
    audience: Audience,
    lang: Lang,
    templates: Option<&Path>,
) -> Result<Rendered> {
    crate::progress::step("drawing the charts and rendering the report");
    // The gate knows every identifier of the sites (millions in a
    // registry extract): it is built beside the page.
    let (gate, rendered) = rayon::join(
        || privacy_gate(sites),
        || -> Result<(Page, String, String)> {
            let renderer = render::Renderer::new(templates)?;
            let page = build_page(sites, audience, lang)?;
            let html = renderer.render("report.html", &page)?;
            let csv = indicators::to_csv_with_site(sites.iter().zip(&page.shown_rows).flat_map(
                |(p, shown)| {
                    shown
                        .iter()
                        .map(move |&i| (p.site.config.site.name.as_str(), &p.indicators.rows[i]))
                },
            ))?;
            Ok((page, html, csv))
        },
    );
    let (gate, (page, html, csv)) = (gate?, rendered?);
    let html_name = report_name(sites, audience, lang);
    // The files' names carry the sites' folder names: a folder named
    // after a NIK would show it in every name and in the manifest.
    gate.check(&Document {
        name: &html_name,
        text: &html_name,
        columns: &[],
        digit_runs: true,
    })?;
    let exports = match audience {
        Audience::Council => council_exports(&sites[0], lang, &gate)?,
        _ => Vec::new(),
    };
    let csv_name = html_name.replace(".html", ".csv");
    gate.check(&Document {
        name: &html_name,
        text: &html,
        columns: &[],
        digit_runs: true,
    })?;
    gate.check(&Document {
        name: &csv_name,
        text: &csv,
        columns: &indicators::COLUMNS,
        digit_runs: false,
    })?;
    Ok(Rendered {
        html_name,
        html,
        csv,
        page,
        exports,
    })
}

/// The file name of a report: `SITE-AUDIENCE-PERIOD-LANG.html`, or for
/// partners `partner-SITE-SITE-...-PERIOD-LANG.html`. A comparison of many
/// sites would give a name longer than file systems allow, so past
/// [`MAX_NAME`] the sites are named by the first, their number and a short
/// hash of all of them (`partner-semanan-and-99-more-3f2a9c1e-...`).
pub fn report_name(sites: &[Prepared], audience: Audience, lang: Lang) -> String {
    let mut periods: Vec<String> = sites.iter().map(|p| p.period.label()).collect();
    periods.dedup();
    let slugs: Vec<&str> = sites.iter().map(|p| p.slug.as_str()).collect();
    let mut who = slugs.join("-");
    if who.len() > MAX_NAME {
        let hash = crate::publish::sha256_hex(who.as_bytes());
        who = format!(
            "{}-and-{}-more-{}",
            slugs[0].chars().take(40).collect::<String>(),
            slugs.len() - 1,
            &hash[..8]
        );
    }
    let mut periods = periods.join("-");
    if periods.len() > MAX_NAME {
        let hash = crate::publish::sha256_hex(periods.as_bytes());
        periods = format!("{}-{}", sites[0].period.label(), &hash[..8]);
    }
    match audience {
        Audience::Partner => format!("partner-{who}-{periods}-{}.html", lang.code()),
        _ => format!("{who}-{}-{periods}-{}.html", audience.name(), lang.code()),
    }
}

/// The longest site or period part of a report's file name, in bytes.
const MAX_NAME: usize = 120;

/// The gate for a report's outputs, knowing every NIK and household id of
/// its sites.
fn privacy_gate(sites: &[Prepared]) -> Result<Gate<'_>> {
    let mut gate = Gate::default();
    for p in sites {
        p.site.add_identifiers(&mut gate)?;
    }
    Ok(gate.locating(Box::new(move |digits: &str| {
        sites.iter().find_map(|p| p.site.locate_digits(digits))
    })))
}

/// The auditor's exports of a council report: each table as CSV, and all of
/// them in one XLSX workbook. Each CSV passes the report's privacy `gate`;
/// the workbook holds the same cells.
fn council_exports(p: &Prepared, lang: Lang, gate: &Gate) -> Result<Vec<Output>> {
    let messages = Messages::new(lang)?;
    let c = Ctx::new(
        &p.site,
        &p.indicators,
        Say {
            fmt: Fmt::new(lang),
            msg: &messages,
        },
        p.period,
    );
    let sheets = exports::sheets(&c);
    let names = exports::export_names(&p.slug, &c.period.label());
    let mut out = Vec::new();
    for (sheet, name) in sheets.iter().zip(&names) {
        let text = sheet.to_csv()?;
        gate.check(&Document {
            name,
            text: &text,
            columns: &sheet.columns,
            digit_runs: true,
        })?;
        out.push(Output {
            name: name.clone(),
            bytes: text.into_bytes(),
        });
    }
    if let Some(name) = names.last() {
        out.push(Output {
            name: name.clone(),
            bytes: exports::to_xlsx(&sheets, provenance::generation_time()?)?,
        });
    }
    drop(c);
    messages.check()?;
    Ok(out)
}
