//! The few plain sentences each report opens with, made from its numbers:
//! what the aid reached and how that moved, what is off target, what needs
//! action. Each sentence names its figures, so the first page stands alone
//! when it is read (or printed) by itself.

use chrono::Datelike;

use crate::config::{AidType, Program};
use crate::fmt::Lang;
use crate::indicators::{Id, Quarter, Row, AID, ALL};

use super::context::Ctx;
use super::i18n::Messages;
use super::lookup::Say;

/// `Triwulan III (Juli–September) 2026`: a quarter in words, its months
/// counted from the fiscal year's first month.
pub(crate) fn period_in_words(q: Quarter, start: u32, say: &Say) -> String {
    quarter_words(q, start, say.fmt, say.msg)
}

/// [`period_in_words`] from the formatter and messages.
pub(crate) fn quarter_words(
    q: Quarter,
    start: u32,
    fmt: crate::fmt::Fmt,
    messages: &Messages,
) -> String {
    let (first, last) = (q.first_day(start), q.last_day(start));
    let months = format!("{}–{}", fmt.month(first.month()), fmt.month(last.month()));
    let year = if first.year() == last.year() {
        first.year().to_string()
    } else {
        format!("{}/{}", first.year(), last.year())
    };
    let number = match fmt.lang {
        Lang::Id => ["I", "II", "III", "IV"][(q.quarter.clamp(1, 4) - 1) as usize].to_string(),
        Lang::En => q.quarter.to_string(),
    };
    messages.args(
        "notice-period",
        &[("quarter", number), ("months", months), ("year", year)],
    )
}

/// The program key of the headline figures: the aid programs together
/// where the site has them apart from training, otherwise all programs.
pub(crate) fn headline_key(c: &Ctx) -> &'static str {
    if c.look.site(Id::Coverage, &c.period, AID).is_some() {
        AID
    } else {
        ALL
    }
}

fn quarter_words_of(c: &Ctx) -> String {
    period_in_words(
        c.quarter,
        c.site.config.site.fiscal_year_start_month,
        &c.say,
    )
}

/// A count from a row's numerator or denominator.
fn n(c: &Ctx, x: Option<f64>) -> String {
    c.say.count(x)
}

/// The evaluator's opening sentences.
pub(crate) fn evaluator(c: &Ctx) -> Vec<String> {
    let s = &c.say;
    let key = headline_key(c);
    let mut out = Vec::new();
    if let Some(cov) = c.look.site(Id::Coverage, &c.period, key) {
        let before = c
            .prev
            .as_ref()
            .and_then(|p| c.look.site(Id::Coverage, p, key));
        let change = match before {
            Some(b) => s.change(Some(cov), Some(b)),
            None => String::new(),
        };
        let mut text = s.ta(
            if key == AID {
                "sum-coverage-aid"
            } else {
                "sum-coverage-all"
            },
            &[
                ("period", quarter_words_of(c)),
                ("reached", n(c, cov.numerator.get())),
                ("eligible", n(c, cov.denominator.get())),
                ("coverage", s.value(Some(cov))),
            ],
        );
        if !change.is_empty() {
            text = format!("{text} ({change})");
        }
        text.push('.');
        if let (Some(t), Some(v), Some(e)) = (
            c.target(Id::Coverage),
            cov.value.get(),
            cov.denominator.get(),
        ) {
            text.push(' ');
            if v >= t {
                text.push_str(&s.ta("sum-target-met", &[("target", s.fmt.percent(t))]));
            } else {
                let short = ((t * e).ceil() - cov.numerator.get().unwrap_or(0.0)).max(1.0);
                text.push_str(&s.ta(
                    "sum-target-missed",
                    &[("target", s.fmt.percent(t)), ("short", s.fmt.count(short))],
                ));
            }
        }
        out.push(text);
    }
    let aid: Vec<(&str, &Row)> = aid_programs(c)
        .filter_map(|p| {
            Some((
                p.code.as_str(),
                c.look.site(Id::Coverage, &c.period, &p.code)?,
            ))
        })
        .collect();
    if aid.len() > 1 {
        if let Some((code, low)) = aid
            .iter()
            .filter(|(_, r)| r.value.is_some())
            .min_by(|a, b| {
                a.1.value
                    .get()
                    .unwrap_or(0.0)
                    .total_cmp(&b.1.value.get().unwrap_or(0.0))
            })
        {
            out.push(s.ta(
                "sum-lowest-program",
                &[
                    ("program", code.to_string()),
                    ("coverage", s.value(Some(low))),
                    ("reached", n(c, low.numerator.get())),
                    ("eligible", n(c, low.denominator.get())),
                ],
            ));
        }
    }
    if c.has_deliveries() {
        out.push(inclusion(c));
    } else {
        out.insert(
            0,
            s.ta(
                if c.lacks(crate::contract::Table::Trainings) {
                    "sum-no-deliveries-nor-training"
                } else {
                    "sum-no-deliveries"
                },
                &[
                    ("period", quarter_words_of(c)),
                    ("file", c.site.file_name("distributions")),
                ],
            ),
        );
    }
    if let Some(text) = income(c) {
        out.push(text);
    }
    if let Some(t) = c.now(Id::TrainingCompletionRate) {
        let mut text = s.ta(
            "sum-training",
            &[
                ("completed", n(c, t.numerator.get())),
                ("enrolled", n(c, t.denominator.get())),
                ("rate", s.value(Some(t))),
            ],
        );
        if let (Some(target), Some(v)) = (c.target(Id::TrainingCompletionRate), t.value.get()) {
            text.push(' ');
            let id = if v >= target {
                "sum-target-met"
            } else {
                "sum-training-missed"
            };
            text.push_str(&s.ta(id, &[("target", s.fmt.percent(target))]));
        }
        out.push(text);
    }
    out
}

/// The site's aid programs: every program but training.
fn aid_programs<'a>(c: &'a Ctx) -> impl Iterator<Item = &'a Program> + 'a {
    c.site
        .config
        .programs
        .iter()
        .filter(|p| p.aid_type != AidType::Training)
}

/// Inclusion error per aid program, and how it relates to the council's
/// flags of payments to ineligible households (households against payments).
fn inclusion(c: &Ctx) -> String {
    let s = &c.say;
    let parts: Vec<String> = aid_programs(c)
        .filter_map(|p| {
            let r = c.look.site(Id::InclusionError, &c.period, &p.code)?;
            (r.numerator.get().unwrap_or(0.0) > 0.0).then(|| {
                s.ta(
                    "sum-inclusion-part",
                    &[
                        ("program", p.code.clone()),
                        ("n", n(c, r.numerator.get())),
                        ("reached", n(c, r.denominator.get())),
                        ("share", s.value(Some(r))),
                    ],
                )
            })
        })
        .collect();
    if parts.is_empty() {
        return s.t("sum-inclusion-none");
    }
    let payments = c
        .look
        .site(Id::FlagIneligiblePayment, &c.period, ALL)
        .and_then(|r| r.value.get())
        .unwrap_or(0.0);
    s.ta(
        "sum-inclusion",
        &[
            ("list", parts.join(", ")),
            ("payments", s.fmt.count(payments)),
        ],
    )
}

/// Income change since the baseline and the training impact estimate of
/// the quarter's survey round, with the word on selection.
fn income(c: &Ctx) -> Option<String> {
    let s = &c.say;
    let round = &c.income_round()?;
    let change = c.look.site(Id::IncomeChangeMean, round, ALL)?;
    let mut text = s.ta(
        "sum-income",
        &[
            ("change", s.value(Some(change))),
            ("n", n(c, change.denominator.get())),
        ],
    );
    if let Some(did) = c
        .look
        .site(Id::IncomeImpactDid, round, ALL)
        .filter(|r| r.value.is_some())
    {
        text.push(' ');
        text.push_str(&s.ta(
            "sum-did",
            &[
                ("did", s.value(Some(did))),
                ("interval", s.interval(Some(did))),
            ],
        ));
    }
    Some(text)
}

/// The council's opening sentences: what was delivered, how much of the
/// budget was used, what the integrity checks found and which budget lines
/// do not match the ledger.
pub(crate) fn council(
    c: &Ctx,
    value: f64,
    households: Option<f64>,
    flags: (usize, i64),
) -> Vec<String> {
    let s = &c.say;
    let mut out = vec![if c.has_deliveries() {
        s.ta(
            "sum-delivered",
            &[
                ("period", quarter_words_of(c)),
                ("value", s.fmt.rupiah(value)),
                ("households", n(c, households)),
            ],
        )
    } else {
        s.ta(
            "sum-no-deliveries-council",
            &[
                ("period", quarter_words_of(c)),
                ("file", c.site.file_name("distributions")),
            ],
        )
    }];
    if let Some(r) = c.now(Id::BudgetAbsorption).filter(|r| r.value.is_some()) {
        out.push(s.ta(
            "sum-absorption",
            &[
                ("period", quarter_words_of(c)),
                ("share", s.value(Some(r))),
                ("realised", s.fmt.rupiah(r.numerator.get().unwrap_or(0.0))),
                ("planned", s.fmt.rupiah(r.denominator.get().unwrap_or(0.0))),
            ],
        ));
    }
    let (cases, amount) = flags;
    let now: Vec<i64> = super::council::quarter_cases(c).map(|k| k.amount).collect();
    out.push(if cases == 0 {
        s.t("sum-flags-none")
    } else {
        s.ta(
            "sum-flags",
            &[
                ("now", s.fmt.count(now.len() as f64)),
                ("amount_now", s.fmt.rupiah(now.iter().sum::<i64>() as f64)),
                ("period", c.period.label()),
                ("n", s.fmt.count(cases as f64)),
                ("amount", s.fmt.rupiah(amount as f64)),
            ],
        )
    });
    let mismatches: Vec<String> = c
        .ind
        .budget
        .reconciliation
        .iter()
        .filter(|r| r.period <= c.quarter && r.verdict != crate::indicators::Verdict::Matches)
        .map(|r| {
            s.ta(
                "sum-mismatch-part",
                &[
                    ("program", r.program.clone()),
                    ("period", r.period.label()),
                    ("gap", s.fmt.signed_rupiah(r.gap as f64)),
                ],
            )
        })
        .collect();
    let budgeted = c.ind.budget.lines.iter().any(|l| l.period <= c.quarter);
    out.push(if !budgeted {
        s.t("sum-no-budget")
    } else if mismatches.is_empty() {
        s.t("sum-mismatch-none")
    } else {
        s.ta(
            "sum-mismatch",
            &[
                ("n", s.fmt.count(mismatches.len() as f64)),
                ("list", mismatches.join(", ")),
            ],
        )
    });
    out
}

/// A site's figure in a sentence: its value (for ranking) and as written.
type Shown = (Option<f64>, String);

/// The partner report's opening sentences: each headline estimate side by
/// side, one sentence per estimate; past a handful of sites, the three
/// lowest and the highest.
pub(crate) fn partner(ctxs: &[Ctx]) -> Vec<String> {
    let Some(first) = ctxs.first() else {
        return Vec::new();
    };
    let s = &first.say;
    // Every site, or past a handful the three lowest and the highest.
    let list = |f: &dyn Fn(&Ctx) -> Option<Shown>| -> Option<String> {
        let with: Vec<(&Ctx, Shown)> = ctxs.iter().filter_map(|c| Some((c, f(c)?))).collect();
        let named = |part: &[(&Ctx, Shown)]| {
            part.iter()
                .map(|(c, (_, text))| format!("{} {text}", c.site.config.site.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if with.is_empty() {
            return None;
        }
        if ctxs.len() <= super::partner::MANY {
            return Some(named(&with));
        }
        let ranked = super::partner::by_value(with, |(v, _)| *v);
        let lowest = &ranked[..ranked.len().min(3)];
        let highest = &ranked[ranked.len() - 1..];
        Some(s.ta(
            "sum-partner-extremes",
            &[("lowest", named(lowest)), ("highest", named(highest))],
        ))
    };
    let mut out = Vec::new();
    if let Some(l) = list(&|c| {
        let r = c.look.site(Id::Coverage, &c.period, headline_key(c))?;
        Some((r.value.get(), c.say.value(Some(r))))
    }) {
        out.push(s.ta("sum-partner-coverage", &[("list", l)]));
    }
    if let Some(l) = list(&|c| {
        let r = c
            .look
            .site(Id::IncomeImpactDid, &c.income_round()?, ALL)
            .filter(|r| r.value.is_some())?;
        Some((
            r.value.get(),
            format!("{} ({})", c.say.value(Some(r)), c.say.interval(Some(r))),
        ))
    }) {
        out.push(s.ta("sum-partner-did", &[("list", l)]));
    }
    if let Some(l) = list(&|c| {
        let r = c
            .look
            .site(Id::CostPerBeneficiary, &c.period, ALL)
            .filter(|r| r.value.is_some())?;
        Some((r.value.get(), c.say.value(Some(r))))
    }) {
        out.push(s.ta("sum-partner-cost", &[("list", l)]));
    }
    out
}
