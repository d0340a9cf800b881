//! An eligibility rule evaluated for one household, clause by clause, with
//! SQL's three-valued logic (the same answers polars' SQL engine gives the
//! indicators), and the smallest change in one input that would turn a "no"
//! into a "yes", found by evaluating the rule on changed inputs.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rule::{Op, Rule, Value};

/// A household's registry values, by column; `None` for an empty cell.
pub(crate) type Facts = BTreeMap<String, Option<Value>>;

/// One clause of a rule and its answer for the household.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub rule: Rule,
    /// `None` when the clause reads an empty value (SQL's unknown).
    pub answer: Option<bool>,
    /// The clauses of an AND, OR or NOT, in the order written.
    pub parts: Vec<Step>,
}

fn compare(a: &Value, op: Op, b: &Value) -> Option<bool> {
    let order = match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.partial_cmp(y)?,
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => return None,
    };
    use std::cmp::Ordering::*;
    Some(match op {
        Op::Lt => order == Less,
        Op::Le => order != Greater,
        Op::Gt => order == Greater,
        Op::Ge => order != Less,
        Op::Eq => order == Equal,
        Op::Ne => order != Equal,
    })
}

fn fact<'a>(facts: &'a Facts, column: &str) -> Option<&'a Value> {
    facts.get(column).and_then(Option::as_ref)
}

/// The rule's answer and the answers of its clauses.
pub(crate) fn trace(rule: &Rule, facts: &Facts) -> Step {
    let step = |answer, parts| Step {
        rule: rule.clone(),
        answer,
        parts,
    };
    match rule {
        Rule::Always(b) => step(Some(*b), Vec::new()),
        Rule::All(rules) => {
            let parts: Vec<Step> = rules.iter().map(|r| trace(r, facts)).collect();
            let answer = if parts.iter().any(|p| p.answer == Some(false)) {
                Some(false)
            } else if parts.iter().any(|p| p.answer.is_none()) {
                None
            } else {
                Some(true)
            };
            step(answer, parts)
        }
        Rule::Any(rules) => {
            let parts: Vec<Step> = rules.iter().map(|r| trace(r, facts)).collect();
            let answer = if parts.iter().any(|p| p.answer == Some(true)) {
                Some(true)
            } else if parts.iter().any(|p| p.answer.is_none()) {
                None
            } else {
                Some(false)
            };
            step(answer, parts)
        }
        Rule::Not(inner) => {
            let part = trace(inner, facts);
            step(part.answer.map(|a| !a), vec![part])
        }
        Rule::Compare { column, op, value } => step(
            fact(facts, column).and_then(|v| compare(v, *op, value)),
            Vec::new(),
        ),
        Rule::OneOf {
            column,
            values,
            negated,
        } => {
            let answer = fact(facts, column).and_then(|v| {
                let found: Vec<Option<bool>> =
                    values.iter().map(|x| compare(v, Op::Eq, x)).collect();
                if found.contains(&Some(true)) {
                    Some(true)
                } else if found.contains(&None) {
                    None
                } else {
                    Some(false)
                }
            });
            step(answer.map(|a| a != *negated), Vec::new())
        }
        Rule::Between { column, low, high } => {
            let answer = fact(facts, column).and_then(|v| {
                let above = compare(v, Op::Ge, low)?;
                let below = compare(v, Op::Le, high)?;
                Some(above && below)
            });
            step(answer, Vec::new())
        }
        Rule::Missing { column, negated } => {
            step(Some(fact(facts, column).is_none() != *negated), Vec::new())
        }
    }
}

/// Eligible: the rule is true (unknown counts as no, as in the indicators).
pub(crate) fn eligible(rule: &Rule, facts: &Facts) -> bool {
    trace(rule, facts).answer == Some(true)
}

/// The columns a rule reads, in the order written, each once.
pub(crate) fn columns(rule: &Rule) -> Vec<String> {
    fn walk(r: &Rule, out: &mut Vec<String>) {
        match r {
            Rule::All(parts) | Rule::Any(parts) => parts.iter().for_each(|p| walk(p, out)),
            Rule::Not(inner) => walk(inner, out),
            Rule::Compare { column, .. }
            | Rule::OneOf { column, .. }
            | Rule::Between { column, .. }
            | Rule::Missing { column, .. } => {
                if !out.contains(column) {
                    out.push(column.clone());
                }
            }
            Rule::Always(_) => {}
        }
    }
    let mut out = Vec::new();
    walk(rule, &mut out);
    out
}

/// The values a rule compares `column` with.
fn literals(rule: &Rule, column: &str) -> Vec<Value> {
    match rule {
        Rule::All(parts) | Rule::Any(parts) => {
            parts.iter().flat_map(|p| literals(p, column)).collect()
        }
        Rule::Not(inner) => literals(inner, column),
        Rule::Compare {
            column: c, value, ..
        } if c == column => vec![value.clone()],
        Rule::OneOf {
            column: c, values, ..
        } if c == column => values.clone(),
        Rule::Between {
            column: c,
            low,
            high,
        } if c == column => vec![low.clone(), high.clone()],
        _ => Vec::new(),
    }
}

/// The values a column may take, for the search: whole numbers between
/// `min` and `max`, or one of a list of texts.
#[derive(Debug, Clone)]
pub(crate) enum Domain {
    Whole { min: i64, max: i64 },
    Texts(Vec<String>),
}

/// What one input would have to be for the rule to say yes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub column: String,
    pub now: Option<Value>,
    /// The eligible values nearest to the present one: a whole-number range
    /// (`low`..=`high`, open at the domain's end when `open_low` /
    /// `open_high`), or one text.
    pub to: Target,
}

/// See [`Change::to`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    Range {
        low: i64,
        high: i64,
        /// Every value down to the smallest the column takes is eligible.
        open_low: bool,
        /// Every value up to the largest the column takes is eligible.
        open_high: bool,
    },
    Text {
        value: String,
    },
    /// The value filled in, whatever it is (a rule asking `IS NOT NULL`).
    Filled,
    /// The value left empty (a rule asking `IS NULL`).
    Emptied,
}

/// At most this many whole numbers are tried on each side of the present
/// value; the rule's own numbers are always tried.
const REACH: i64 = 1_000;

/// For each column the rule reads, the nearest value that makes the
/// household eligible with every other input as it is, when there is one.
pub(crate) fn smallest_changes(
    rule: &Rule,
    facts: &Facts,
    domain: impl Fn(&str) -> Option<Domain>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for column in columns(rule) {
        let now = facts.get(&column).cloned().flatten();
        let with = |v: Option<Value>| {
            let mut changed = facts.clone();
            changed.insert(column.clone(), v);
            eligible(rule, &changed)
        };
        let targets: Vec<Target> = match domain(&column) {
            Some(Domain::Whole { min, max }) => {
                whole_changes(rule, &column, now.as_ref(), min, max, &with)
            }
            // Only values the column may hold, in the order the rule names them.
            Some(Domain::Texts(texts)) => {
                let mut candidates: Vec<String> = literals(rule, &column)
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::Text(t) => Some(t),
                        Value::Number(_) => None,
                    })
                    .filter(|t| texts.contains(t))
                    .collect();
                candidates.extend(texts);
                candidates
                    .into_iter()
                    .filter(|t| now.as_ref() != Some(&Value::Text(t.clone())))
                    .find(|t| with(Some(Value::Text(t.clone()))))
                    .map(|value| Target::Text { value })
                    .into_iter()
                    .collect()
            }
            None => Vec::new(),
        };
        let targets = match targets.as_slice() {
            // Any value at all: the rule asks only that the cell be filled in.
            [Target::Range {
                open_low: true,
                open_high: true,
                ..
            }] => vec![Target::Filled],
            // A filled cell emptied, when that alone decides.
            [] if now.is_some() && with(None) => vec![Target::Emptied],
            _ => targets,
        };
        for to in targets {
            changes.push(Change {
                column: column.clone(),
                now: now.clone(),
                to,
            });
        }
    }
    changes
}

/// The nearest eligible whole number below and above the present value
/// (both when they are equally near, else the nearer), each as the run of
/// eligible values around it.
fn whole_changes(
    rule: &Rule,
    column: &str,
    now: Option<&Value>,
    min: i64,
    max: i64,
    with: &dyn Fn(Option<Value>) -> bool,
) -> Vec<Target> {
    let at = |n: i64| with(Some(Value::Number(n as f64)));
    let present = match now {
        Some(Value::Number(x)) => Some(*x as i64),
        _ => None,
    };
    // Candidates: the rule's numbers and their neighbours, and the values
    // near the present one, nearest first.
    let mut candidates: Vec<i64> = Vec::new();
    for v in literals(rule, column) {
        if let Value::Number(x) = v {
            let x = x.floor() as i64;
            candidates.extend([x - 1, x, x + 1, x + 2]);
        }
    }
    let centre = present.unwrap_or(min);
    candidates.extend((centre - REACH).max(min)..=(centre + REACH).min(max));
    candidates.retain(|&n| n >= min && n <= max && Some(n) != present);
    candidates.sort_by_key(|&n| ((n - centre).abs(), n));
    candidates.dedup();
    let eligible: Vec<i64> = candidates.into_iter().filter(|&n| at(n)).collect();
    let Some(&nearest) = eligible.first() else {
        return Vec::new();
    };
    let distance = (nearest - centre).abs();
    let mut found: Vec<i64> = eligible
        .into_iter()
        .take_while(|n| (n - centre).abs() == distance)
        .collect();
    found.dedup();
    found
        .into_iter()
        .map(|found| {
            // The run of eligible values around the one found.
            let (mut low, mut high) = (found, found);
            while low > min && found - low < REACH && at(low - 1) {
                low -= 1;
            }
            while high < max && high - found < REACH && at(high + 1) {
                high += 1;
            }
            Target::Range {
                low,
                high,
                open_low: low == min,
                open_high: high == max,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::parse;

    fn facts(pairs: &[(&str, Option<f64>)]) -> Facts {
        pairs
            .iter()
            .map(|(c, v)| (c.to_string(), v.map(Value::Number)))
            .collect()
    }

    fn decile_members(decile: i64, members: i64) -> Facts {
        facts(&[
            ("welfare_decile", Some(decile as f64)),
            ("members", Some(members as f64)),
        ])
    }

    fn domain(column: &str) -> Option<Domain> {
        match column {
            "welfare_decile" => Some(Domain::Whole { min: 1, max: 10 }),
            "status" => Some(Domain::Texts(vec![
                "active".into(),
                "moved".into(),
                "deceased".into(),
            ])),
            _ => Some(Domain::Whole { min: 0, max: 50 }),
        }
    }

    #[test]
    fn clauses_follow_the_rule_and_sql_logic() {
        let rule = parse("welfare_decile <= 4 AND (elderly >= 1 OR disabled >= 1)").unwrap();
        let f = facts(&[
            ("welfare_decile", Some(3.0)),
            ("elderly", Some(0.0)),
            ("disabled", None),
        ]);
        let t = trace(&rule, &f);
        // 3 <= 4 is true; 0 >= 1 is false; an empty disabled is unknown, so
        // the OR is unknown, the AND is unknown, and the household is not eligible.
        assert_eq!(t.parts[0].answer, Some(true));
        assert_eq!(t.parts[1].parts[0].answer, Some(false));
        assert_eq!(t.parts[1].parts[1].answer, None);
        assert_eq!(t.parts[1].answer, None);
        assert_eq!(t.answer, None);
        assert!(!eligible(&rule, &f));
        // NOT unknown is unknown; IS NULL is never unknown.
        assert_eq!(trace(&parse("NOT disabled >= 1").unwrap(), &f).answer, None);
        assert_eq!(
            trace(&parse("disabled IS NULL").unwrap(), &f).answer,
            Some(true)
        );
        // A false clause decides an AND whatever the unknown one says.
        let g = facts(&[("welfare_decile", Some(7.0)), ("disabled", None)]);
        assert_eq!(
            trace(&parse("welfare_decile <= 4 AND disabled >= 1").unwrap(), &g).answer,
            Some(false)
        );
        let h = facts(&[("rw", Some(2.0))]);
        assert_eq!(
            trace(&parse("rw IN (1, 2)").unwrap(), &h).answer,
            Some(true)
        );
        assert_eq!(
            trace(&parse("rw NOT IN (1, 2)").unwrap(), &h).answer,
            Some(false)
        );
        assert_eq!(
            trace(&parse("rw BETWEEN 3 AND 5").unwrap(), &h).answer,
            Some(false)
        );
    }

    #[test]
    fn the_smallest_change_is_found_by_evaluating_the_rule() {
        let rule = parse("welfare_decile <= 4 AND members >= 3").unwrap();
        // Decile 5 with 4 members: eligible at decile 1–4 (open below).
        let changes = smallest_changes(&rule, &decile_members(5, 4), domain);
        assert_eq!(
            changes,
            vec![Change {
                column: "welfare_decile".into(),
                now: Some(Value::Number(5.0)),
                to: Target::Range {
                    low: 1,
                    high: 4,
                    open_low: true,
                    open_high: false
                },
            }]
        );
        // Decile 2 with 2 members: 3 members or more (up to the domain's 50).
        let changes = smallest_changes(&rule, &decile_members(2, 2), domain);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].to,
            Target::Range {
                low: 3,
                high: 50,
                open_low: false,
                open_high: true
            }
        );
        // Decile 8 with 1 member: no single change is enough.
        assert!(smallest_changes(&rule, &decile_members(8, 1), domain).is_empty());
        // A range in the middle.
        let between = parse("welfare_decile BETWEEN 2 AND 4").unwrap();
        let f = facts(&[("welfare_decile", Some(7.0))]);
        assert_eq!(
            smallest_changes(&between, &f, domain)[0].to,
            Target::Range {
                low: 2,
                high: 4,
                open_low: false,
                open_high: false
            }
        );
        // An empty optional column that decides: filled in with 1 or more.
        let any = parse("welfare_decile <= 4 AND disabled >= 1").unwrap();
        let f = facts(&[("welfare_decile", Some(3.0)), ("disabled", None)]);
        let changes = smallest_changes(&any, &f, domain);
        assert_eq!(changes[0].column, "disabled");
        assert_eq!(changes[0].now, None);
        assert!(matches!(
            changes[0].to,
            Target::Range {
                low: 1,
                open_high: true,
                ..
            }
        ));
        // Equally near on both sides: both are named.
        let not_four = parse("welfare_decile <> 4").unwrap();
        let f = facts(&[("welfare_decile", Some(4.0))]);
        let both: Vec<Target> = smallest_changes(&not_four, &f, domain)
            .into_iter()
            .map(|c| c.to)
            .collect();
        assert_eq!(
            both,
            vec![
                Target::Range {
                    low: 1,
                    high: 3,
                    open_low: true,
                    open_high: false
                },
                Target::Range {
                    low: 5,
                    high: 10,
                    open_low: false,
                    open_high: true
                }
            ]
        );
        // A text the column cannot hold is never proposed.
        let lower = parse("status = 'Active'").unwrap();
        let f: Facts = [("status".to_string(), Some(Value::Text("moved".into())))].into();
        assert!(smallest_changes(&lower, &f, domain).is_empty());
        // Text: the status the rule asks for.
        let status = parse("status = 'active'").unwrap();
        let f: Facts = [("status".to_string(), Some(Value::Text("moved".into())))].into();
        assert_eq!(
            smallest_changes(&status, &f, domain)[0].to,
            Target::Text {
                value: "active".into()
            }
        );
    }
}
