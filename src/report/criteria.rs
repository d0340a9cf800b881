//! A program's eligibility rule in plain words, in the report's language:
//! `welfare_decile <= 4 AND members >= 3` becomes "desil kesejahteraan 1–4
//! dan jumlah anggota keluarga paling sedikit 3 orang". A rule written in
//! more SQL than [`crate::rule`] reads is quoted as it is.

use crate::rule::{self, Op, Rule, Value};

use super::lookup::Say;

/// Household columns counted in people: their numbers read "3 orang".
const PEOPLE: [&str; 5] = [
    "members",
    "children",
    "school_age_children",
    "elderly",
    "disabled",
];

/// The rule in words, or `None` when it cannot be read.
pub(crate) fn in_words(text: &str, s: &Say) -> Option<String> {
    Some(words(&rule::parse(text)?, s, false))
}

/// One clause (or a whole rule) in words.
pub(crate) fn rule_words(r: &Rule, s: &Say) -> String {
    words(r, s, false)
}

/// A registry column in words ("desil kesejahteraan").
pub(crate) fn column_words(s: &Say, name: &str) -> String {
    column(s, name)
}

/// A value of a registry column in words ("3 orang", "pindah").
pub(crate) fn value_words(s: &Say, column: &str, v: &Value) -> String {
    value(s, column, v)
}

fn column(s: &Say, name: &str) -> String {
    s.msg
        .maybe(&format!("crit-col-{name}"))
        .unwrap_or_else(|| name.to_string())
}

fn value(s: &Say, column: &str, v: &Value) -> String {
    match v {
        Value::Number(n) => {
            let shown = s.fmt.number(*n, if n.fract() == 0.0 { 0 } else { 2 });
            if PEOPLE.contains(&column) {
                s.ta("crit-people", &[("n", shown)])
            } else {
                shown
            }
        }
        Value::Text(t) => s
            .msg
            .maybe(&format!("{column}-{t}"))
            .or_else(|| {
                s.msg
                    .maybe(&format!("status-{t}"))
                    .filter(|_| column == "status")
            })
            .unwrap_or_else(|| t.clone()),
    }
}

fn words(r: &Rule, s: &Say, nested: bool) -> String {
    let wrap = |text: String| if nested { format!("({text})") } else { text };
    match r {
        Rule::Always(true) => s.t("crit-all"),
        Rule::Always(false) => s.t("crit-nobody"),
        Rule::All(parts) => wrap(
            parts
                .iter()
                .map(|p| words(p, s, true))
                .collect::<Vec<_>>()
                .join(&format!(" {} ", s.t("crit-and"))),
        ),
        Rule::Any(parts) => wrap(
            parts
                .iter()
                .map(|p| words(p, s, true))
                .collect::<Vec<_>>()
                .join(&format!(" {} ", s.t("crit-or"))),
        ),
        Rule::Not(inner) => format!("{} {}", s.t("crit-not"), words(inner, s, true)),
        Rule::Compare {
            column: c,
            op,
            value: v,
        } => {
            // The welfare decile reads best as a range: "desil 1–4".
            if let (true, Value::Number(n)) = (c == "welfare_decile", v) {
                let n = *n as i64;
                let range = match op {
                    Op::Le => Some((1, n)),
                    Op::Lt => Some((1, n - 1)),
                    Op::Ge => Some((n, 10)),
                    Op::Gt => Some((n + 1, 10)),
                    _ => None,
                };
                if let Some((a, b)) = range.filter(|(a, b)| a <= b) {
                    let span = if a == b {
                        a.to_string()
                    } else {
                        format!("{a}–{b}")
                    };
                    return s.ta("crit-decile", &[("range", span)]);
                }
            }
            let id = match op {
                Op::Lt => "crit-lt",
                Op::Le => "crit-le",
                Op::Gt => "crit-gt",
                Op::Ge => "crit-ge",
                Op::Eq => "crit-eq",
                Op::Ne => "crit-ne",
            };
            s.ta(id, &[("column", column(s, c)), ("value", value(s, c, v))])
        }
        Rule::OneOf {
            column: c,
            values,
            negated,
        } => {
            let shown: Vec<String> = values.iter().map(|v| value(s, c, v)).collect();
            let list = match shown.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {} {last}", rest.join(", "), s.t("crit-or"))
                }
                _ => shown.join(""),
            };
            s.ta(
                if *negated { "crit-ne" } else { "crit-eq" },
                &[("column", column(s, c)), ("value", list)],
            )
        }
        Rule::Between {
            column: c,
            low,
            high,
        } => s.ta(
            "crit-between",
            &[
                ("column", column(s, c)),
                ("low", value(s, c, low)),
                ("high", value(s, c, high)),
            ],
        ),
        Rule::Missing { column: c, negated } => s.ta(
            if *negated {
                "crit-present"
            } else {
                "crit-missing"
            },
            &[("column", column(s, c))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fmt::{Fmt, Lang};
    use crate::report::i18n::Messages;

    fn say(lang: Lang, rule: &str) -> Option<String> {
        let messages = Messages::new(lang).unwrap();
        let s = Say {
            fmt: Fmt::new(lang),
            msg: &messages,
        };
        in_words(rule, &s)
    }

    #[test]
    fn rules_read_as_sentences() {
        assert_eq!(
            say(Lang::Id, "welfare_decile <= 4 AND members >= 3").as_deref(),
            Some("desil kesejahteraan 1–4 dan jumlah anggota keluarga paling sedikit 3 orang")
        );
        assert_eq!(
            say(Lang::En, "welfare_decile <= 4 AND members >= 3").as_deref(),
            Some("welfare decile 1–4 and household members at least 3")
        );
        assert_eq!(
            say(
                Lang::Id,
                "welfare_decile <= 6 AND (elderly >= 1 OR disabled >= 1)"
            )
            .as_deref(),
            Some(
                "desil kesejahteraan 1–6 dan (jumlah lansia (60 tahun ke atas) paling sedikit \
                 1 orang atau jumlah anggota penyandang disabilitas paling sedikit 1 orang)"
            )
        );
        assert_eq!(say(Lang::En, "true").as_deref(), Some("every household"));
        assert_eq!(say(Lang::Id, "members * 2 > 4"), None);
    }
}
