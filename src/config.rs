//! `site.toml` → a validated [`SiteConfig`]. Unknown keys are errors (a typo
//! must not silently fall back to a default), and every problem found here is
//! reported with its line in `site.toml`, like the problems in the tables.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::contract::{identifier_problem, MAX_BUDGET_RUPIAH, MAX_HOUSEHOLD_RUPIAH};
use crate::load::format::{self, RawFormat, RawSections, TableFormat};
use crate::problem::Problem;

/// The file name of a site's configuration inside the site folder.
pub(crate) const SITE_FILE: &str = "site.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AidType {
    Cash,
    Goods,
    Service,
    Training,
    Scholarship,
}

impl AidType {
    pub fn as_str(self) -> &'static str {
        match self {
            AidType::Cash => "cash",
            AidType::Goods => "goods",
            AidType::Service => "service",
            AidType::Training => "training",
            AidType::Scholarship => "scholarship",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSiteFile {
    site: RawSite,
    #[serde(default, rename = "program")]
    programs: Vec<RawProgram>,
    #[serde(default)]
    targets: BTreeMap<String, Spanned<f64>>,
    #[serde(default)]
    reconciliation: RawReconciliation,
    #[serde(default)]
    notice: Notice,
    #[serde(default)]
    format: BTreeMap<String, Spanned<RawFormat>>,
    #[serde(default)]
    columns: BTreeMap<String, Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    values: BTreeMap<String, Spanned<format::ValueMaps>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReconciliation {
    #[serde(default)]
    tolerance_share: Option<Spanned<f64>>,
    #[serde(default)]
    tolerance_rupiah: Option<Spanned<i64>>,
}

/// `[reconciliation]`: how far a program's expense line may be from its
/// delivered ledger and still count as a match. The larger of the two
/// tolerances applies; without the section only an exact match matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Reconciliation {
    /// A share of the line's realised amount (0.001 = 0.1%).
    pub tolerance_share: f64,
    /// Whole rupiah.
    pub tolerance_rupiah: i64,
}

impl Reconciliation {
    /// The largest gap, in rupiah, that still counts as a match for a line
    /// with this realised amount.
    pub fn allowed(&self, realised: i64) -> f64 {
        (self.tolerance_share * realised.unsigned_abs() as f64).max(self.tolerance_rupiah as f64)
    }
}

/// `[notice]`: the public recipient notice.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Print household heads' names in full. Off by default: names are
    /// partly masked.
    #[serde(default)]
    pub full_names: bool,
    /// Where residents send objections and complaints (a place, a phone
    /// number, a box); printed on every page of the notice.
    #[serde(default)]
    pub complaint_channel: String,
    /// Who signs the notice (the village head's name) and their title; a
    /// blank line to sign on when empty.
    #[serde(default)]
    pub signed_by: String,
    #[serde(default)]
    pub signed_title: String,
    /// Days after posting during which residents may object (masa sanggah).
    #[serde(default = "default_objection_days")]
    pub objection_days: u32,
    /// The village's time zone, for dates and times on every output.
    #[serde(default)]
    pub timezone: Timezone,
}

impl Default for Notice {
    fn default() -> Notice {
        Notice {
            full_names: false,
            complaint_channel: String::new(),
            signed_by: String::new(),
            signed_title: String::new(),
            objection_days: default_objection_days(),
            timezone: Timezone::default(),
        }
    }
}

fn default_objection_days() -> u32 {
    14
}

/// Indonesia's three time zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
pub enum Timezone {
    /// Waktu Indonesia Barat, UTC+7 (Sumatra, Java, West and Central Kalimantan).
    #[default]
    #[serde(rename = "WIB")]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8 (Bali, Nusa Tenggara, Sulawesi, East and
    /// South Kalimantan).
    #[serde(rename = "WITA")]
    Wita,
    /// Waktu Indonesia Timur, UTC+9 (Maluku, Papua).
    #[serde(rename = "WIT")]
    Wit,
}

impl Timezone {
    /// Hours ahead of UTC.
    pub fn offset_hours(self) -> i64 {
        match self {
            Timezone::Wib => 7,
            Timezone::Wita => 8,
            Timezone::Wit => 9,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Timezone::Wib => "WIB",
            Timezone::Wita => "WITA",
            Timezone::Wit => "WIT",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    code: String,
    name: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    regency: String,
    #[serde(default)]
    province: String,
    #[serde(default = "default_start_month")]
    fiscal_year_start_month: Spanned<i64>,
    poverty_line: Spanned<i64>,
    #[serde(default)]
    synthetic: bool,
}

fn default_start_month() -> Spanned<i64> {
    Spanned::new(0..0, 1)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgram {
    code: Spanned<String>,
    name: String,
    aid_type: AidType,
    funder: Spanned<String>,
    #[serde(default)]
    entitlement_per_month: Option<Spanned<i64>>,
    eligible_when: Spanned<String>,
}

/// The site section of `site.toml`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Site {
    pub code: String,
    pub name: String,
    pub district: String,
    pub regency: String,
    pub province: String,
    pub fiscal_year_start_month: u32,
    /// Rupiah per person per month.
    pub poverty_line: i64,
    /// The data are made up (`pantau generate`): every report says so.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
}

/// One `[[program]]` of `site.toml`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Program {
    pub code: String,
    pub name: String,
    pub aid_type: AidType,
    pub funder: String,
    pub entitlement_per_month: Option<i64>,
    /// The SQL boolean expression over household columns, kept verbatim so
    /// reports can quote the criteria.
    pub eligible_when: String,
    /// Line of `eligible_when` in site.toml, for located messages.
    #[serde(skip)]
    pub eligible_when_line: u64,
    #[serde(skip)]
    pub funder_line: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteConfig {
    pub site: Site,
    pub programs: Vec<Program>,
    /// Target values by indicator id (e.g. `coverage = 0.90`).
    pub targets: BTreeMap<String, f64>,
    pub reconciliation: Reconciliation,
    pub notice: Notice,
    /// How each table is written, by table name (`[format.*]`, `[columns.*]`,
    /// `[values.*]`); tables not named use the contract's own form.
    pub formats: BTreeMap<String, TableFormat>,
}

impl SiteConfig {
    /// The programs' codes, as site.toml lists them.
    pub(crate) fn program_codes(&self) -> Vec<String> {
        self.programs.iter().map(|p| p.code.clone()).collect()
    }

    /// How the table `name` is written.
    pub fn format(&self, name: &str) -> TableFormat {
        self.formats.get(name).cloned().unwrap_or_default()
    }

    pub fn program(&self, code: &str) -> Option<&Program> {
        self.programs.iter().find(|p| p.code == code)
    }
}

/// `site.toml` as pantau writes it (the generator): the same keys
/// [`parse`] reads, serialised.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteFile {
    pub site: Site,
    #[serde(rename = "program")]
    pub programs: Vec<Program>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, f64>,
    pub reconciliation: Reconciliation,
    pub notice: Notice,
}

impl SiteFile {
    /// The TOML text, after `comment` (each line becomes a `#` line).
    pub fn to_toml(&self, comment: &str) -> anyhow::Result<String> {
        let mut text: String = comment.lines().map(|l| format!("# {l}\n")).collect();
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&toml::to_string(self)?);
        Ok(text)
    }
}

/// Indicator ids that may carry a target in `[targets]`.
pub(crate) const TARGETABLE: &[&str] = &[
    "coverage",
    "exclusion_error",
    "inclusion_error",
    "cgh",
    "adequacy",
    "regularity",
    "income_change_mean",
    "income_change_median",
    "income_improved_share",
    "poverty_headcount",
    "poverty_gap",
    "school_enrolment_rate",
    "training_women_share",
    "training_attendance_rate",
    "training_completion",
    "training_completion_rate",
    "training_business_rate",
    "training_participation_rate",
    "rt_allocation_gini",
    "feedback_resolution_rate",
    "feedback_median_days",
    "budget_absorption",
    "revenue_realisation",
    "local_sourcing_share",
    "eco_packaging_share",
];

/// Targets of indicators that are shares (0 to 1).
const SHARE_TARGETS: &[&str] = &[
    "coverage",
    "exclusion_error",
    "inclusion_error",
    "regularity",
    "income_improved_share",
    "poverty_headcount",
    "poverty_gap",
    "school_enrolment_rate",
    "training_women_share",
    "training_attendance_rate",
    "training_completion",
    "training_completion_rate",
    "training_business_rate",
    "training_participation_rate",
    "rt_allocation_gini",
    "feedback_resolution_rate",
    "budget_absorption",
    "revenue_realisation",
    "local_sourcing_share",
    "eco_packaging_share",
];

/// The largest poverty line site.toml accepts, rupiah per person per month.
const MAX_POVERTY_LINE: i64 = 100_000_000;

/// 1-based line of a byte offset.
/// Every text value of site.toml (a village or program name, the complaint
/// channel, a signature) holding a control character or a direction
/// override: it would reach the reports, the notice, a letter and the
/// terminal, and change how they show. One error per value, on its line,
/// naming its key and the character.
fn hidden_characters(text: &str, file: &str) -> Vec<Problem> {
    fn walk(
        text: &str,
        file: &str,
        key: &str,
        value: &toml::Spanned<toml::de::DeValue>,
        out: &mut Vec<Problem>,
    ) {
        match value.get_ref() {
            toml::de::DeValue::String(s) => {
                if let Some(why) = crate::contract::hidden_problem(s) {
                    out.push(
                        Problem::error(
                            "hidden-character",
                            format!(
                                "{key} holds a control character or a direction override, \
                                 which would change how it and what follows it are shown: {why}"
                            ),
                        )
                        .in_file(file)
                        .at_row_if(Some(line_of(text, value.span().start) as u64))
                        .in_column(key.to_string()),
                    );
                }
            }
            toml::de::DeValue::Array(items) => {
                for item in items.iter() {
                    walk(text, file, key, item, out);
                }
            }
            toml::de::DeValue::Table(table) => {
                for (k, v) in table.iter() {
                    walk(text, file, k.get_ref(), v, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(doc) = toml::de::DeTable::parse(text) {
        for (k, v) in doc.get_ref().iter() {
            walk(text, file, k.get_ref(), v, &mut out);
        }
    }
    out
}

/// The poverty line `pantau init` writes as an example, and the words of
/// its comment that say so (Indonesian, English).
pub(crate) const INIT_POVERTY_LINE: i64 = 600_000;
pub(crate) const INIT_EXAMPLE_NOTES: [&str; 2] = ["Nilai ini contoh", "This value is an example"];

pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads and checks `site.toml`. Returns the config when it parses (even with
/// problems, so later checks can still run) plus every problem found.
pub(crate) fn load(site_dir: &Path) -> (Option<SiteConfig>, Vec<Problem>) {
    let path = site_dir.join(SITE_FILE);
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let rule = if e.kind() == std::io::ErrorKind::NotFound {
                "missing-file"
            } else {
                "unreadable-file"
            };
            return (
                None,
                vec![Problem::error(rule, format!("cannot read {SITE_FILE}: {e}")).in_file(file)],
            );
        }
    };
    parse(&text, &file)
}

pub(crate) fn parse(text: &str, file: &str) -> (Option<SiteConfig>, Vec<Problem>) {
    let raw: RawSiteFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let row = e.span().map(|s| line_of(text, s.start) as u64);
            let mut message = e.message().trim().to_string();
            // The slips of someone used to Indonesian numbers, said plainly,
            // from the whole line of the slip: what was typed after `=`.
            let full_line = e
                .span()
                .map(|sp| {
                    let start = text[..sp.start.min(text.len())]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    text[start..].lines().next().unwrap_or_default().to_string()
                })
                .unwrap_or_default();
            let typed = full_line
                .split_once('=')
                .map(|(_, v)| v.split('#').next().unwrap_or_default().trim().to_string())
                .unwrap_or_default();
            let numberish = typed.starts_with(|c: char| c.is_ascii_digit());
            if (message.contains("expected i64") && message.contains("floating point"))
                || (message.contains("invalid float") && numberish)
                || (message.contains("expected i64") && message.contains("string"))
            {
                message.push_str(
                    ": write a whole number without quotes or thousands separators (600000, \
                     not 600.000 or \"600000\")",
                );
            } else if message.contains("must be quoted")
                && (typed.to_lowercase().starts_with("rp") || typed.ends_with('%'))
            {
                message.push_str(
                    ": write the number alone, without Rp or % (600000 rupiah; 0.9 for 90%)",
                );
            } else if message.contains("expected newline")
                && numberish
                && !typed.contains(['"', '\''])
            {
                message.push_str(
                    ": a number is written without thousands separators and with a point for \
                     a fraction (0.9, not 0,9)",
                );
            }
            let column = e
                .span()
                .and_then(|s| key_at(text, s.start))
                .unwrap_or_else(|| guess_key(&message));
            return (
                None,
                vec![Problem::error("toml", message)
                    .in_file(file)
                    .at_row_if(row)
                    .in_column(column)],
            );
        }
    };
    let mut problems = hidden_characters(text, file);
    let line = |s: &std::ops::Range<usize>| {
        if s.is_empty() && s.start == 0 {
            None
        } else {
            Some(line_of(text, s.start) as u64)
        }
    };

    let month = *raw.site.fiscal_year_start_month.get_ref();
    if !(1..=12).contains(&month) {
        problems.push(
            Problem::error("range", "fiscal_year_start_month must be between 1 and 12")
                .in_file(file)
                .at_row_if(line(&raw.site.fiscal_year_start_month.span()))
                .in_column("fiscal_year_start_month")
                .with_value(month.to_string()),
        );
    }
    let poverty_line = *raw.site.poverty_line.get_ref();
    if poverty_line > MAX_POVERTY_LINE {
        problems.push(
            Problem::error(
                "range",
                format!(
                    "poverty_line must be at most {MAX_POVERTY_LINE} rupiah per person per month"
                ),
            )
            .in_file(file)
            .at_row_if(line(&raw.site.poverty_line.span()))
            .in_column("poverty_line")
            .with_value(poverty_line.to_string()),
        );
    }
    if poverty_line <= 0 {
        problems.push(
            Problem::error(
                "range",
                "poverty_line must be a positive number of rupiah per person per month",
            )
            .in_file(file)
            .at_row_if(line(&raw.site.poverty_line.span()))
            .in_column("poverty_line")
            .with_value(poverty_line.to_string()),
        );
    }
    // A site.toml fresh from `pantau init` still holds its example poverty
    // line: every poverty figure would be measured against it.
    if poverty_line == INIT_POVERTY_LINE && INIT_EXAMPLE_NOTES.iter().any(|n| text.contains(n)) {
        problems.push(
            Problem::warning(
                "init-example",
                "poverty_line is still the example value written by pantau init; replace it \
                 with BPS's poverty line for your regency or city (and delete the comment that \
                 calls it an example)",
            )
            .in_file(file)
            .at_row_if(line(&raw.site.poverty_line.span()))
            .in_column("poverty_line")
            .with_value(poverty_line.to_string()),
        );
    }
    if raw.programs.is_empty() {
        problems.push(
            Problem::error("required", "site.toml defines no [[program]]")
                .in_file(file)
                .in_column("program"),
        );
    }

    let mut programs: Vec<Program> = Vec::new();
    for p in &raw.programs {
        let code = p.code.get_ref().trim().to_string();
        if code.is_empty() {
            problems.push(
                Problem::error("required", "program code is empty")
                    .in_file(file)
                    .at_row_if(line(&p.code.span()))
                    .in_column("code"),
            );
        } else if programs.iter().any(|q| q.code == code) {
            problems.push(
                Problem::error("unique", format!("program code {code} is defined twice"))
                    .in_file(file)
                    .at_row_if(line(&p.code.span()))
                    .in_column("code")
                    .with_value(&code),
            );
        } else if let Some(other) = programs.iter().find(|q| q.code.eq_ignore_ascii_case(&code)) {
            problems.push(
                Problem::error(
                    "unique",
                    format!(
                        "program code {code} is {} written in another case: codes that differ \
                         only in case are one code twice",
                        other.code
                    ),
                )
                .in_file(file)
                .at_row_if(line(&p.code.span()))
                .in_column("code")
                .with_value(&code),
            );
        } else if let Some(why) = identifier_problem(&code) {
            problems.push(
                Problem::error(
                    "identifier",
                    format!(
                        "program code {code:?} must be plain ASCII letters, digits and \
                         - _ . /: {why}"
                    ),
                )
                .in_file(file)
                .at_row_if(line(&p.code.span()))
                .in_column("code")
                .with_value(&code),
            );
        }
        if let Some(e) = &p.entitlement_per_month {
            if *e.get_ref() > MAX_HOUSEHOLD_RUPIAH {
                problems.push(
                    Problem::error(
                        "range",
                        format!(
                            "entitlement_per_month must be at most {MAX_HOUSEHOLD_RUPIAH} rupiah"
                        ),
                    )
                    .in_file(file)
                    .at_row_if(line(&e.span()))
                    .in_column("entitlement_per_month")
                    .with_value(e.get_ref().to_string()),
                );
            }
            if *e.get_ref() <= 0 {
                problems.push(
                    Problem::error(
                        "range",
                        "entitlement_per_month must be a positive number of rupiah",
                    )
                    .in_file(file)
                    .at_row_if(line(&e.span()))
                    .in_column("entitlement_per_month")
                    .with_value(e.get_ref().to_string()),
                );
            }
        }
        if p.eligible_when.get_ref().trim().is_empty() {
            problems.push(
                Problem::error(
                    "required",
                    format!("program {code}: eligible_when is empty (write \"true\" for everyone)"),
                )
                .in_file(file)
                .at_row_if(line(&p.eligible_when.span()))
                .in_column("eligible_when"),
            );
        }
        programs.push(Program {
            code,
            name: p.name.clone(),
            aid_type: p.aid_type,
            funder: p.funder.get_ref().trim().to_string(),
            entitlement_per_month: p.entitlement_per_month.as_ref().map(|e| *e.get_ref()),
            eligible_when: p.eligible_when.get_ref().trim().to_string(),
            eligible_when_line: line(&p.eligible_when.span()).unwrap_or(0),
            funder_line: line(&p.funder.span()).unwrap_or(0),
        });
    }

    let mut targets = BTreeMap::new();
    for (key, value) in &raw.targets {
        let v = *value.get_ref();
        if !TARGETABLE.contains(&key.as_str()) {
            problems.push(
                Problem::error(
                    "unknown-target",
                    format!("[targets] names {key}, which is not an indicator that takes a target"),
                )
                .in_file(file)
                .at_row_if(line(&value.span()))
                .in_column(key)
                .with_value(v.to_string()),
            );
        } else if SHARE_TARGETS.contains(&key.as_str()) && !(0.0..=1.0).contains(&v) {
            problems.push(
                Problem::error(
                    "range",
                    format!("{key} is a share: write its target from 0 to 1 (0.9 = 90%)"),
                )
                .in_file(file)
                .at_row_if(line(&value.span()))
                .in_column(key)
                .with_value(v.to_string()),
            );
        } else if !v.is_finite() || v < 0.0 {
            problems.push(
                Problem::error("range", "a target must be a finite number >= 0")
                    .in_file(file)
                    .at_row_if(line(&value.span()))
                    .in_column(key)
                    .with_value(v.to_string()),
            );
        }
        targets.insert(key.clone(), v);
    }

    let mut reconciliation = Reconciliation::default();
    if let Some(share) = &raw.reconciliation.tolerance_share {
        let v = *share.get_ref();
        if !(0.0..=1.0).contains(&v) {
            problems.push(
                Problem::error(
                    "range",
                    "tolerance_share must be between 0 and 1 (0.001 = 0.1%)",
                )
                .in_file(file)
                .at_row_if(line(&share.span()))
                .in_column("tolerance_share")
                .with_value(v.to_string()),
            );
        } else {
            reconciliation.tolerance_share = v;
        }
    }
    if let Some(rupiah) = &raw.reconciliation.tolerance_rupiah {
        let v = *rupiah.get_ref();
        if !(0..=MAX_BUDGET_RUPIAH).contains(&v) {
            problems.push(
                Problem::error(
                    "range",
                    format!("tolerance_rupiah must be from 0 to {MAX_BUDGET_RUPIAH} rupiah"),
                )
                .in_file(file)
                .at_row_if(line(&rupiah.span()))
                .in_column("tolerance_rupiah")
                .with_value(v.to_string()),
            );
        } else {
            reconciliation.tolerance_rupiah = v;
        }
    }

    if !(1..=90).contains(&raw.notice.objection_days) {
        problems.push(
            Problem::error(
                "range",
                "objection_days must be from 1 to 90 days after the notice is posted",
            )
            .in_file(file)
            .in_column("objection_days")
            .with_value(raw.notice.objection_days.to_string()),
        );
    }

    let sections = RawSections {
        format: raw.format,
        columns: raw.columns,
        values: raw.values,
    };
    let formats = format::read(sections, file, &line, &mut problems);

    let config = SiteConfig {
        site: Site {
            code: raw.site.code,
            name: raw.site.name,
            district: raw.site.district,
            regency: raw.site.regency,
            province: raw.site.province,
            fiscal_year_start_month: month.clamp(1, 12) as u32,
            poverty_line,
            synthetic: raw.site.synthetic,
        },
        programs,
        targets,
        reconciliation,
        notice: raw.notice,
        formats,
    };
    (Some(config), problems)
}

/// The key of the `key = value` line at byte `offset` of site.toml.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"').trim();
    (!key.is_empty() && !key.starts_with('[')).then(|| key.to_string())
}

/// toml's messages name the offending key in backquotes; use it as the column.
fn guess_key(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .filter(|k| !k.contains(' '))
        .unwrap_or("")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[site]
code = "31.73.05.1003"
name = "Semanan"
fiscal_year_start_month = 7
poverty_line = 850000

[[program]]
code = "BLT-DD"
name = "BLT Dana Desa"
aid_type = "cash"
funder = "dana_desa"
entitlement_per_month = 300000
eligible_when = "welfare_decile <= 4"

[targets]
coverage = 0.9
"#;

    #[test]
    fn parses_a_good_file() {
        let (cfg, problems) = parse(GOOD, "site.toml");
        assert!(problems.is_empty(), "{problems:?}");
        let cfg = cfg.unwrap();
        assert_eq!(cfg.site.fiscal_year_start_month, 7);
        assert_eq!(cfg.programs[0].eligible_when, "welfare_decile <= 4");
        assert_eq!(cfg.programs[0].eligible_when_line, 14);
        assert_eq!(cfg.targets["coverage"], 0.9);
    }

    #[test]
    fn indonesian_numbers_in_site_toml_get_a_plain_hint() {
        let text = GOOD.replace("coverage = 0.9", "coverage = 0,9");
        let (_, problems) = parse(&text, "site.toml");
        assert!(
            problems[0].message.contains("(0.9, not 0,9)"),
            "{}",
            problems[0].message
        );
        for slip in ["850.000", "1.000.000", "\"850000\""] {
            let text = GOOD.replace("poverty_line = 850000", &format!("poverty_line = {slip}"));
            let (_, problems) = parse(&text, "site.toml");
            assert!(
                problems[0].message.contains("(600000, not 600.000"),
                "{slip}: {}",
                problems[0].message
            );
        }
        for slip in [
            "poverty_line = Rp 850000",
            "poverty_line = 850000\ncoverage_x = 90%",
        ] {
            let text = GOOD.replace("poverty_line = 850000", slip);
            let (_, problems) = parse(&text, "site.toml");
            assert!(
                problems[0].message.contains("without Rp or %"),
                "{slip}: {}",
                problems[0].message
            );
        }
    }

    #[test]
    fn control_characters_and_direction_overrides_in_texts_are_located() {
        // Written as TOML escapes, as a copy from a chat message would
        // bring them in: the decoded value is checked, on its line.
        let text = GOOD
            .replace(
                "name = \"BLT Dana Desa\"",
                "name = \"BLT \\u001b[2J Dana Desa\"",
            )
            .replace("name = \"Semanan\"", "name = \"Sema\\u202Enan\"");
        let (_, problems) = parse(&text, "site.toml");
        let mut hidden: Vec<_> = problems
            .iter()
            .filter(|p| p.rule == "hidden-character")
            .collect();
        hidden.sort_by_key(|p| p.row);
        assert_eq!(hidden.len(), 2, "{problems:?}");
        assert_eq!(hidden[0].row, Some(4));
        assert!(hidden[0]
            .message
            .contains("U+202E RIGHT-TO-LEFT OVERRIDE at position 5"));
        assert_eq!(hidden[1].row, Some(10));
        assert_eq!(hidden[1].column, "name");
        assert!(hidden[1]
            .message
            .contains("U+001B CONTROL CHARACTER at position 5"));
        // A tab, and non-Latin letters, are text.
        let text = GOOD.replace("name = \"Semanan\"", "name = \"Semanan\\tبنت\"");
        let (_, problems) = parse(&text, "site.toml");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn unknown_key_is_located() {
        let text = GOOD.replace("aid_type = \"cash\"", "aid_type = \"cash\"\nentitlment = 5");
        let (cfg, problems) = parse(&text, "site.toml");
        assert!(cfg.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, Some(12));
        assert_eq!(problems[0].rule, "toml");
        assert!(
            problems[0].message.contains("entitlment"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn bad_month_and_unknown_target() {
        let text = GOOD
            .replace("= 7", "= 13")
            .replace("coverage = 0.9", "coverge = 0.9");
        let (_, problems) = parse(&text, "site.toml");
        let rules: Vec<_> = problems.iter().map(|p| (p.row, p.rule.as_str())).collect();
        assert_eq!(
            rules,
            vec![(Some(5), "range"), (Some(17), "unknown-target")]
        );
    }
}
