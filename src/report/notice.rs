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
use super::lookup::Say;
use super::page::{PageBase, Provenance, SiteInfo};
use super::provenance;
use crate::fmt::{Fmt, Lang};
use crate::indicators::recipients::{recipients, Recipient};
use crate::indicators::{integrity, rw_label, Quarter};
use crate::privacy::mask_name;
use crate::problem::InvalidInput;
use crate::site::Site;

/// One recipient line.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeLine {
    pub number: usize,
    /// The head's name, shortened unless the village allows full names;
    /// lengthened just enough to tell apart two heads of one RT.
    pub name: String,
    pub deliveries: String,
    pub amount: String,
}

/// The recipients of one RT.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbourhood {
    /// `RW 01 / RT 006`.
    pub label: String,
    /// `RT 006`, within its RW.
    pub rt: String,
    /// The anchor of the RT, for the index.
    pub anchor: String,
    pub recipients: Vec<NoticeLine>,
    pub total: String,
}

/// The recipients of one RW: a page (or more) of the printed notice, to be
/// posted at the RW.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeRw {
    pub label: String,
    pub anchor: String,
    pub rts: Vec<Neighbourhood>,
    /// "12 households, Rp 7.200.000".
    pub summary: String,
}

/// Who signs the notice.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// `Semanan, 28 November 2026`.
    pub place_date: String,
    pub title: String,
    /// Empty: a line to sign and write the name on.
    pub name: String,
}

impl Signature {
    /// The village's signature under a page dated `date`: `[notice]
    /// signed_title` (or the village head's title) and `signed_by`.
    pub(crate) fn of(
        config: &crate::config::SiteConfig,
        date: chrono::NaiveDate,
        fmt: Fmt,
        messages: &Messages,
    ) -> Signature {
        let title = match config.notice.signed_title.trim() {
            "" => messages.args(
                "notice-signed-title",
                &[("village", config.site.name.clone())],
            ),
            title => title.to_string(),
        };
        Signature {
            place_date: format!("{}, {}", config.site.name, fmt.date(date)),
            title,
            name: config.notice.signed_by.trim().to_string(),
        }
    }
}

/// Where residents send objections: `[notice] complaint_channel`, or the
/// village office by default.
pub(crate) fn complaint_channel(config: &crate::config::SiteConfig, messages: &Messages) -> String {
    match config.notice.complaint_channel.trim() {
        "" => messages.get("notice-complaint-default"),
        channel => channel.to_string(),
    }
}

/// Everything the notice template shows, already formatted.
#[derive(Debug, Clone, Serialize)]
pub struct NoticePage {
    #[serde(flatten)]
    pub base: PageBase,
    pub site: SiteInfo,
    pub synthetic: Option<String>,
    pub program: String,
    /// `Triwulan III (Juli–September) 2026`.
    pub period: String,
    pub intro: String,
    /// The eligibility rule in plain words.
    pub criteria: String,
    /// The rule as site.toml writes it, for the small print.
    pub rule: String,
    /// When the notice is posted and until when residents may object.
    pub posted: String,
    pub deadline: String,
    pub rws: Vec<NoticeRw>,
    pub summary: String,
    pub complaint: String,
    pub signature: Signature,
    pub privacy: String,
    /// Deliveries to households not in the registry, which the notice cannot
    /// place in an RT.
    pub unregistered: Option<String>,
    /// Deliveries to households whose registry row was rejected as invalid
    /// (under `--max-rejected-rows`), which the notice cannot list either.
    pub rejected: Option<String>,
    pub provenance: Provenance,
}

/// How many letters of the other words of a name the notice may show to
/// tell two heads of one RT apart, before it uses their list numbers.
const MAX_LETTERS: usize = 3;

/// A head's name as the notice shows it: the first word in full, the
/// others cut to `letters` letters (with a full stop where cut); a
/// one-word name is masked. The full name when the village allows it.
fn shown_name(name: &str, letters: usize, full: bool) -> String {
    if full {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [_] => mask_name(name),
        [first, rest @ ..] => {
            let rest: Vec<String> = rest
                .iter()
                .map(|w| {
                    let part: String = w.chars().take(letters).collect();
                    if part.chars().count() < w.chars().count() {
                        format!("{part}.")
                    } else {
                        part
                    }
                })
                .collect();
            format!("{first} {}", rest.join(" "))
        }
    }
}

/// The names shown in one RT, told apart. Where two heads would show the
/// same shortened name, their other words are shown longer, one letter at
/// a time up to [`MAX_LETTERS`]; where that is not enough, each keeps its
/// initials and the household's number on the village list (its line in
/// the registry) follows, so no more of a name is revealed than needed.
fn distinct_names(recipients: &[&Recipient], full: bool, list_word: &str) -> Vec<String> {
    let clashing = |names: &[String]| -> Vec<usize> {
        (0..names.len())
            .filter(|&i| names.iter().filter(|n| **n == names[i]).count() > 1)
            .collect()
    };
    let mut names: Vec<String> = recipients
        .iter()
        .map(|r| shown_name(&r.name, 1, full))
        .collect();
    for letters in 2..=MAX_LETTERS {
        let clashes = clashing(&names);
        if clashes.is_empty() || full {
            break;
        }
        for i in clashes {
            names[i] = shown_name(&recipients[i].name, letters, full);
        }
    }
    for i in clashing(&names) {
        let short = shown_name(&recipients[i].name, 1, full);
        names[i] = format!("{short} ({list_word} {})", recipients[i].line);
    }
    names
}

/// The columns the notice shows, checked by the privacy gate.
pub const COLUMNS: [&str; 5] = ["rw", "rt", "head_name", "deliveries", "amount"];

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
    let (rejected, rejected_value) = (found.rejected, found.rejected_value);
    if rows.is_empty() && unregistered == 0 && rejected == 0 {
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

    let say = Say {
        fmt,
        msg: &messages,
    };
    let zone = config.notice.timezone;
    let now = provenance::generation_time()?;
    let posted_on = provenance::local_date(now, zone);
    let deadline_on = posted_on + chrono::Days::new(u64::from(config.notice.objection_days));

    let mut rws: Vec<NoticeRw> = Vec::new();
    let mut number = 0;
    let (mut households, mut total) = (0usize, 0i64);
    let mut by_rt: BTreeMap<(i64, i64), Vec<&Recipient>> = BTreeMap::new();
    for r in rows {
        by_rt.entry((r.rw, r.rt)).or_default().push(r);
    }
    for ((rw, rt), mut members) in by_rt {
        members.sort_by(|a, b| (&a.name, a.line).cmp(&(&b.name, b.line)));
        let names = distinct_names(&members, config.notice.full_names, &t("notice-list-number"));
        let mut lines: Vec<(String, &Recipient)> = names.into_iter().zip(members).collect();
        lines.sort_by(|a, b| (&a.0, a.1.line).cmp(&(&b.0, b.1.line)));
        let sum: i64 = lines.iter().map(|(_, r)| r.value).sum();
        households += lines.len();
        total += sum;
        if rws
            .last()
            .is_none_or(|last: &NoticeRw| last.anchor != format!("rw-{rw:02}"))
        {
            rws.push(NoticeRw {
                label: rw_label(rw),
                anchor: format!("rw-{rw:02}"),
                rts: Vec::new(),
                summary: String::new(),
            });
        }
        let current = rws.last_mut().expect("an RW was just added");
        current.rts.push(Neighbourhood {
            label: crate::indicators::rt_label(rw, rt),
            rt: format!("RT {rt:03}"),
            anchor: format!("rw-{rw:02}-rt-{rt:03}"),
            recipients: lines
                .into_iter()
                .map(|(name, r)| {
                    number += 1;
                    NoticeLine {
                        number,
                        name,
                        deliveries: fmt.count(r.deliveries as f64),
                        amount: fmt.rupiah(r.value as f64),
                    }
                })
                .collect(),
            total: fmt.rupiah(sum as f64),
        });
    }
    for rw in &mut rws {
        let n: usize = rw.rts.iter().map(|g| g.recipients.len()).sum();
        let amount: i64 = rows
            .iter()
            .filter(|r| format!("rw-{:02}", r.rw) == rw.anchor)
            .map(|r| r.value)
            .sum();
        rw.summary = ta(
            "notice-summary",
            &[
                ("n", fmt.count(n as f64)),
                ("amount", fmt.rupiah(amount as f64)),
            ],
        );
    }
    let complaint = complaint_channel(config, &messages);
    let provenance = provenance::of_site(fmt, now, site, &messages)?;
    let funder = messages
        .maybe(&format!("funder-{}", p.funder))
        .unwrap_or_else(|| p.funder.clone());
    let period_words = super::summary::quarter_words(q, start, fmt, &messages);
    let criteria = super::criteria::in_words(&p.eligible_when, &say)
        .unwrap_or_else(|| p.eligible_when.clone());
    let page = NoticePage {
        base: PageBase {
            lang: lang.code(),
            audience: "notice",
            title: ta(
                "notice-title",
                &[
                    ("program", p.name.clone()),
                    ("period", period_words.clone()),
                ],
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
        site: SiteInfo::of(&config.site),
        synthetic: site.config.site.synthetic.then(|| t("synthetic-banner")),
        program: format!("{} · {}", p.code, p.name),
        period: period_words,
        intro: ta("notice-intro", &[("program", p.name.clone())]),
        criteria,
        rule: p.eligible_when.clone(),
        posted: fmt.date(posted_on),
        deadline: ta(
            "notice-deadline",
            &[
                ("date", fmt.date(deadline_on)),
                ("days", fmt.count(f64::from(config.notice.objection_days))),
            ],
        ),
        rws,
        summary: ta(
            "notice-summary",
            &[
                ("n", fmt.count(households as f64)),
                ("amount", fmt.rupiah(total as f64)),
            ],
        ),
        complaint,
        signature: Signature::of(config, posted_on, fmt, &messages),
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
        rejected: (rejected > 0).then(|| {
            ta(
                "notice-rejected",
                &[
                    ("n", fmt.count(rejected as f64)),
                    ("amount", fmt.rupiah(rejected_value as f64)),
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

#[cfg(test)]
mod tests {
    use super::super::summary::quarter_words;
    use super::*;

    fn recipient(name: &str, line: u64) -> Recipient {
        Recipient {
            rw: 1,
            rt: 1,
            name: name.to_string(),
            line,
            deliveries: 1,
            value: 1,
        }
    }

    fn names(list: &[(&str, u64)], full: bool) -> Vec<String> {
        let rs: Vec<Recipient> = list.iter().map(|(n, l)| recipient(n, *l)).collect();
        let refs: Vec<&Recipient> = rs.iter().collect();
        distinct_names(&refs, full, "no. daftar")
    }

    #[test]
    fn look_alike_names_are_told_apart_with_as_little_as_needed() {
        // Different initials: nothing more is shown.
        assert_eq!(
            names(&[("Rahmat Rusdi", 4), ("Rahmat Hidayat", 9)], false),
            ["Rahmat R.", "Rahmat H."]
        );
        // Same initial: one more letter each, and only for those two.
        assert_eq!(
            names(
                &[
                    ("Rahmat Rusdi", 4),
                    ("Rahmat Riyadi", 9),
                    ("Sri Wahyuni", 12)
                ],
                false
            ),
            ["Rahmat Ru.", "Rahmat Ri.", "Sri W."]
        );
        // Alike for three letters ("Rah", "Rah"): the list number instead,
        // after the initials, so no more of the name shows.
        assert_eq!(
            names(&[("Rahmat Rahmadi", 4), ("Rahmat Rahman", 9)], false),
            ["Rahmat R. (no. daftar 4)", "Rahmat R. (no. daftar 9)"]
        );
        // The same full name: the list number.
        assert_eq!(
            names(&[("Agus Wijaya", 5), ("Agus Wijaya", 6)], true),
            ["Agus Wijaya (no. daftar 5)", "Agus Wijaya (no. daftar 6)"]
        );
        // A short second word is not cut, one-word names are masked.
        assert_eq!(
            names(&[("Nur Ali", 2), ("Dewi", 3)], false),
            ["Nur A.", "Dew*"]
        );
    }

    #[test]
    fn quarters_are_named_in_words_with_their_months() {
        let id = Messages::new(Lang::Id).unwrap();
        let en = Messages::new(Lang::En).unwrap();
        let q3 = Quarter {
            year: 2026,
            quarter: 3,
        };
        assert_eq!(
            quarter_words(q3, 1, Fmt::new(Lang::Id), &id),
            "Triwulan III (Juli–September) 2026"
        );
        assert_eq!(
            quarter_words(q3, 1, Fmt::new(Lang::En), &en),
            "Quarter 3 (July–September) 2026"
        );
        // A fiscal year from April: its first quarter is April–June; the
        // last one spans the new calendar year.
        let q4 = Quarter {
            year: 2026,
            quarter: 4,
        };
        assert_eq!(
            quarter_words(q4, 4, Fmt::new(Lang::Id), &id),
            "Triwulan IV (Januari–Maret) 2027"
        );
        assert_eq!(
            quarter_words(q4, 11, Fmt::new(Lang::En), &en),
            "Quarter 4 (August–October) 2027"
        );
    }
}
