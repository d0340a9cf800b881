//! An eligibility rule (`eligible_when` in site.toml, `--rule` of `pantau
//! simulate`) read once, the same way for every command, and refused before
//! it can give a wrong answer: a rule the SQL engine cannot read, one naming
//! a column the registry does not have or not giving true or false, one
//! with a value that the engine turns into nothing (`DATE '2025-02-30'`),
//! one comparing with NULL, and one whose whole-number arithmetic could
//! leave the numbers the engine computes with, which would wrap around
//! without a word. The last is decided from the contract's range of each
//! household column, so it holds for every registry the contract accepts.
//! What a rule does on the registry's own rows is the other half: a rule
//! that fails on them (`CAST(head_name AS INT)`) is found by [`failures`].

use polars::prelude::*;

use crate::contract::{spec, Bound, Kind, Table};

mod sql;

/// Why a rule cannot be used: the short name of the check and what to
/// say, written to follow the rule's name (`eligible_when is not ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub check: &'static str,
    pub message: String,
}

fn refuse<T>(check: &'static str, message: String) -> Result<T, Refusal> {
    Err(Refusal { check, message })
}

/// The most conditions (comparisons joined by AND and OR), the deepest
/// nesting of parentheses and the longest text an eligibility rule may
/// have. A rule of a village program is a few conditions; a machine-made
/// rule thousands of conditions long would only exhaust the parser.
const RULE_MAX_CONDITIONS: usize = 100;
const RULE_MAX_DEPTH: usize = 20;
const RULE_MAX_CHARS: usize = 4_000;
/// More characters than any text of the registry has (a cell of 2 GiB).
const TEXT_MAX: i128 = i32::MAX as i128;

/// The most parts (values, columns, operations, functions) a rule may
/// have: each is typed and bounded on its own, and a rule of a village
/// program has a few dozen.
const RULE_MAX_PARTS: usize = 500;

/// The rule as the expression every command evaluates on the registry (a
/// null answer, from an empty optional column, counts as not eligible), or
/// why it cannot be used.
pub(crate) fn expression(text: &str) -> Result<Expr, Refusal> {
    if text.trim().is_empty() {
        return refuse(
            "sql",
            "is empty: write a condition on the households' columns, such as \
             welfare_decile <= 4"
                .to_string(),
        );
    }
    if let Some(why) = too_complex(text) {
        return refuse("sql", why);
    }
    let expr = match polars::sql::sql_expr(text) {
        Ok(e) => e,
        Err(e) => {
            return refuse(
                "sql",
                format!("is not a valid SQL expression: {}", parse_error(&e)),
            )
        }
    };
    let parts = (&expr).into_iter().count();
    if parts > RULE_MAX_PARTS {
        return refuse(
            "sql",
            format!(
                "has {parts} parts (values, columns, operations and functions); a rule may \
                 have at most {RULE_MAX_PARTS}"
            ),
        );
    }
    let written = sql::written(text)?;
    match crate::panics::catch(|| checked(written, expr)) {
        Ok(answer) => answer,
        Err(message) => refuse("sql", lacking(&message)),
    }
}

/// The rule's text with, after it, each text the rule puts together from
/// written pieces (`'3173050' || '1018' || '00001'`), one per line: what
/// the privacy gate reads of a rule, whose pieces alone are no number.
pub(crate) fn as_shown(rule: &str) -> String {
    let mut out = rule.to_string();
    let Ok(expr) = polars::sql::sql_expr(rule) else {
        return out;
    };
    let shape = Shape::new();
    for e in &expr {
        let joined = matches!(e, Expr::BinaryExpr { .. } | Expr::Function { .. });
        if !joined || !is_constant(e) || shape.dtype(e) != Some(DataType::String) {
            continue;
        }
        let value = crate::panics::catch(|| {
            DataFrame::empty()
                .lazy()
                .select([e.clone().alias("__v")])
                .collect()
        });
        if let Ok(Ok(df)) = value {
            if let Ok(texts) = df.column("__v").and_then(|c| c.str().cloned()) {
                for text in texts.iter().flatten() {
                    out.push('\n');
                    out.push_str(text);
                }
            }
        }
    }
    out
}

/// The SQL parser's message, unless it shows the parser's own syntax tree
/// (`Identifier(Ident { value: "children", quote_style: None, span: ...`),
/// which says nothing to the reader.
fn parse_error(e: &PolarsError) -> String {
    let message = first_line(&e.to_string());
    if message.contains("while building Series of type") {
        // A list of values of two kinds: `IN (3, 4.0)`, `IN (3, 'a')`.
        "it lists values of different kinds (whole numbers with decimals, or numbers with \
         text) where the engine needs one kind: write them alike, IN (3, 4) or IN (3.0, 4.5)"
            .to_string()
    } else if ["Ident {", "Span(", "{ negated", "Value("]
        .iter()
        .any(|inner| message.contains(inner))
    {
        "it uses a form of SQL the engine does not read: write the rule with comparisons \
         (=, <, >=, BETWEEN, IN with written values, LIKE), AND, OR, NOT, arithmetic and the \
         functions the data contract lists"
            .to_string()
    } else {
        message
    }
}

/// For unknown column names that are households columns written in
/// another case (`MEMBERS`), the names as the contract writes them: the
/// engine tells columns apart by case.
fn in_lower_case(unknown: &[String]) -> String {
    let hh = spec(Table::Households);
    let meant: Vec<String> = unknown
        .iter()
        .filter_map(|n| {
            hh.columns
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(n))
                .map(|c| format!("{n} as {}", c.name))
        })
        .collect();
    match meant.is_empty() {
        true => String::new(),
        false => format!(
            " (column names are written as the data contract writes them, in lower case: \
             write {})",
            meant.join(", ")
        ),
    }
}

/// What to say of a rule using an operation the engine stops on (it is
/// built without it for the types given) rather than answers.
fn lacking(message: &str) -> String {
    format!(
        "uses an operation the engine cannot do on the types it is given ({}): write it with \
         whole numbers (INTEGER, BIGINT), decimals (DOUBLE), text or dates",
        first_line(message)
    )
}

/// The parsed rule `expr` as [`expression`] answers it, once it is known
/// to be a short, valid SQL expression.
fn checked(written: sql::Written, expr: Expr) -> Result<Expr, Refusal> {
    let hh = spec(Table::Households);
    let unknown: Vec<String> = expr
        .clone()
        .meta()
        .root_names()
        .into_iter()
        .map(|n| n.to_string())
        .filter(|n| hh.column(n).is_none())
        .collect();
    if !unknown.is_empty() {
        return refuse(
            "eligible-column",
            format!(
                "names {} which is not a households column{}",
                unknown.join(", "),
                in_lower_case(&unknown)
            ),
        );
    }
    who(&expr)?;
    if let Some(to) = (&expr).into_iter().find_map(cast_refused) {
        return refuse(
            "sql",
            format!(
                "casts to {to}, a type pantau does not compute with: cast to INTEGER, BIGINT, \
                 DOUBLE, VARCHAR, BOOLEAN or DATE"
            ),
        );
    }
    let shape = Shape::new();
    match shape
        .frame()
        .select([expr.clone().alias("__eligible")])
        .collect()
    {
        Ok(df) => match df.column("__eligible").map(|c| c.dtype().clone()) {
            Ok(DataType::Boolean) => {}
            Ok(other) => {
                return refuse(
                    "sql",
                    format!(
                    "is not a condition that is true or false for a household: it gives {other}"
                ),
                )
            }
            Err(e) => return refuse("sql", e.to_string()),
        },
        Err(e) => {
            let first = first_line(&e.to_string());
            let message = if first.contains("to a string") && first.contains("date") {
                "compares a date column with text: write a date as DATE '2025-01-01' (for \
                 example registered_on < DATE '2025-01-01')"
                    .to_string()
            } else {
                format!(
                    "cannot be evaluated on households: {}",
                    without_values(&first)
                )
            };
            return refuse("sql", message);
        }
    }
    constants(&expr)?;
    shape.range(&expr)?;
    sql::refused_forms(&shape, &expr)?;
    let expr = if written.truth_tests {
        sql::truth_tests_as_sql(expr)
    } else {
        expr
    };
    let as_sql = null_on_zero(sql::as_sql(&shape, expr));
    if let Ok(rows) = made_up_households() {
        sql::row_by_row(&as_sql, &rows)?;
    }
    Ok(as_sql.fill_null(lit(false)))
}

/// The name, as a rule would write it, of a type a cast goes to when the
/// engine does not compute with it: one it is built without (UTINYINT,
/// USMALLINT, UHUGEINT), lists, decimals and spans of time (INTERVAL,
/// which the engine may wrap around).
fn cast_refused(e: &Expr) -> Option<String> {
    let Expr::Cast { dtype, .. } = e else {
        return None;
    };
    let DataTypeExpr::Literal(dt) = dtype else {
        return Some("a type computed from the values".to_string());
    };
    match dt {
        DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::Int128
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float64
        | DataType::String
        | DataType::Date
        | DataType::Datetime(..)
        | DataType::Time => None,
        DataType::UInt8 => Some("UTINYINT (u8)".to_string()),
        DataType::UInt16 => Some("USMALLINT (u16)".to_string()),
        DataType::UInt128 => Some("UHUGEINT (u128)".to_string()),
        DataType::Float32 => {
            Some("FLOAT (a decimal of 32 bits, whose arithmetic SQL does otherwise)".to_string())
        }
        DataType::Duration(_) => Some("INTERVAL (a span of time)".to_string()),
        other => Some(other.to_string()),
    }
}

/// Three households with the lowest, middle and highest value of each
/// household column the contract bounds, texts that are and are not
/// numbers, and dates before and after 1970.
fn made_up_households() -> PolarsResult<DataFrame> {
    let spec = spec(Table::Households);
    let mut columns = vec![Column::new(crate::load::ROW.into(), [0u32, 1, 2]).cast(&IDX_DTYPE)?];
    for c in spec.columns {
        let name = c.name.into();
        let column = match c.kind {
            Kind::Int => {
                let (lo, hi) = column_range(c.name).unwrap_or((0, 1_000));
                let at = |v: i128| i64::try_from(v).unwrap_or_default();
                Column::new(name, [at(lo), at(lo + (hi - lo) / 2), at(hi)])
            }
            Kind::Decimal => Column::new(name, [0.0f64, 2.5, 1.0e6]),
            Kind::Text => Column::new(name, ["A-1", "12", "Siti"]),
            Kind::Gender => Column::new(name, ["L", "P", "L"]),
            Kind::Bool => Column::new(name, [true, false, true]),
            Kind::Date => Column::new(name, [-3_650i32, 0, 20_454]).cast(&DataType::Date)?,
        };
        columns.push(column.cast(&crate::load::typed::dtype(c.kind))?);
    }
    DataFrame::new(3, columns)
}

/// The registry's columns that say which household it is, not what its
/// situation is.
const IDENTIFIERS: [&str; 2] = ["household_id", "head_nik"];

/// Refuses a rule that reads a household's identifier beyond whether it
/// is recorded (`head_nik IS NOT NULL`): a rule chooses households by their
/// situation, and every report shows the rules, so a rule naming a NIK or
/// an id, even one put together in the rule (`REPLACE`, `||`), would
/// publish it.
fn who(expr: &Expr) -> Result<(), Refusal> {
    // A column chosen by pattern (COLUMNS('head_nik')) could be any of
    // them: a rule names its columns.
    if expr.into_iter().any(|e| matches!(e, Expr::Selector(_))) {
        return refuse(
            "eligible-column",
            "chooses columns by pattern (COLUMNS): name each column the rule reads".to_string(),
        );
    }
    let reads = |e: &Expr| matches!(e, Expr::Column(c) if IDENTIFIERS.contains(&c.as_str()));
    let tested = |e: &Expr| match e {
        Expr::Function {
            input,
            function: FunctionExpr::Boolean(BooleanFunction::IsNull | BooleanFunction::IsNotNull),
        } => input.len() == 1 && reads(&input[0]),
        _ => false,
    };
    let read = expr.into_iter().filter(|e| reads(e)).count();
    let only_tested = expr.into_iter().filter(|e| tested(e)).count();
    if read > only_tested {
        return refuse(
            "privacy",
            "reads household_id or head_nik beyond whether it is recorded (IS NULL, IS NOT \
             NULL): a rule chooses households by their situation, not by who they are, and \
             every report shows the rules, which must never show an identification number"
                .to_string(),
        );
    }
    Ok(())
}

/// A division by zero gives no value (null, so the household is not
/// eligible by it), as a SQL engine's does: the engine's own division of
/// decimals by zero gives an infinity, which would hold for every
/// household (`members / children >= 2` with no children).
fn null_on_zero(expr: Expr) -> Expr {
    expr.map_expr(|e| match e {
        Expr::BinaryExpr { left, op, right } if divides(op) => {
            let divisor = (*right).clone();
            when(divisor.eq(lit(0)))
                .then(lit(NULL))
                .otherwise(Expr::BinaryExpr { left, op, right })
        }
        other => other,
    })
}

/// Whether `op` divides (`/`, `//`, `%`): by zero it gives no value.
fn divides(op: Operator) -> bool {
    matches!(
        op,
        Operator::TrueDivide | Operator::FloorDivide | Operator::RustDivide | Operator::Modulus
    )
}

/// Evaluates each rule on the registry's rows (`registry`, typed as the
/// contract types it) and says, for each rule that fails there, why: a
/// rule can be read and still fail on the values of the rows
/// (`CAST(head_name AS INT) > 0` on a name). No value of a row is quoted.
pub(crate) fn failures(rules: &[Expr], registry: &LazyFrame) -> Vec<(usize, String)> {
    let select = |exprs: Vec<Expr>| registry.clone().select(exprs).collect();
    let all: Vec<Expr> = rules
        .iter()
        .enumerate()
        .map(|(i, e)| e.clone().alias(format!("__rule{i}")))
        .collect();
    if all.is_empty() || select(all).is_ok() {
        return Vec::new();
    }
    rules
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let err = select(vec![e.clone().alias("__rule")]).err()?;
            Some((i, without_values(&err.to_string())))
        })
        .collect()
}

/// The first line of an engine's message, without the list of values it
/// quotes after `values:` (they are the registry's, names among them).
fn without_values(message: &str) -> String {
    let first = first_line(message);
    match first.find(": [") {
        Some(at) => first[..at].to_string(),
        None => first,
    }
}

fn first_line(message: &str) -> String {
    message
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Why a rule is too large to read, if it is.
fn too_complex(rule: &str) -> Option<String> {
    if rule.chars().count() > RULE_MAX_CHARS {
        return Some(format!(
            "is {} characters long; a rule may have at most {RULE_MAX_CHARS}",
            rule.chars().count()
        ));
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in rule.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > RULE_MAX_DEPTH {
        return Some(format!(
            "nests parentheses {deepest} deep; a rule may nest at most {RULE_MAX_DEPTH}"
        ));
    }
    let joins = rule
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
        .count();
    if joins + 1 > RULE_MAX_CONDITIONS {
        return Some(format!(
            "joins {} conditions; a rule may have at most {RULE_MAX_CONDITIONS}",
            joins + 1
        ));
    }
    None
}

/// The immediate parts of an expression.
fn parts(e: &Expr) -> Vec<Expr> {
    let mut out = Vec::new();
    e.clone().nodes_owned(&mut out);
    out
}

/// Whether an expression reads nothing of a row: a value written in the
/// rule, or one computed from such values only.
fn is_constant(e: &Expr) -> bool {
    e.into_iter().all(|n| {
        !matches!(
            n,
            Expr::Column(_) | Expr::Selector(_) | Expr::Len | Expr::Element | Expr::Field(_)
        )
    })
}

/// Refuses a part of the rule that reads nothing of a row and gives no
/// value although every value it is made of is one, such as `DATE
/// '2025-02-30'` or `10 % 0`: the engine would turn it into a null and the
/// rule would then hold for nobody. A comparison with a NULL, written or so
/// made, is refused for the same reason. Returns, for a constant part,
/// whether it is null.
fn constants(e: &Expr) -> Result<Option<bool>, Refusal> {
    let inner: Vec<Option<bool>> = parts(e).iter().map(constants).collect::<Result<_, _>>()?;
    if let Expr::BinaryExpr { left, op, right } = e {
        // IS [NOT] DISTINCT FROM NULL is true or false for every household.
        let validity = matches!(op, Operator::EqValidity | Operator::NotEqValidity);
        if op.is_comparison() && !validity && inner.contains(&Some(true)) {
            return refuse(
                "sql",
                format!(
                    "compares {} with NULL, which is neither true nor false for any household \
                     (as a part of a condition, it leaves the condition to its other parts or \
                     to nothing): write {} IS NULL or IS NOT NULL",
                    show(if is_constant(left) { right } else { left }),
                    show(if is_constant(left) { right } else { left }),
                ),
            );
        }
    }
    if !is_constant(e) {
        return Ok(None);
    }
    if let Expr::Literal(value) = e {
        return Ok(Some(
            matches!(value, LiteralValue::Scalar(s) if s.is_null()),
        ));
    }
    let one =
        DataFrame::new(1, vec![Column::new("__one".into(), [0i32])]).map_err(|err| Refusal {
            check: "sql",
            message: err.to_string(),
        })?;
    let value = match one.lazy().select([e.clone().alias("__v")]).collect() {
        Ok(df) => df,
        Err(err) => {
            return refuse(
                "sql",
                format!("cannot be evaluated: {}", without_values(&err.to_string())),
            )
        }
    };
    let null = value.column("__v").is_ok_and(|c| c.null_count() > 0);
    if value.column("__v").is_ok_and(not_a_number) {
        return refuse(
            "sql",
            format!(
                "has a part that is not a number or is infinite ({}), which compares as larger \
                 than every number: write a number",
                show(e)
            ),
        );
    }
    if null && !inner.contains(&Some(true)) {
        let message = match e {
            Expr::Cast {
                dtype: DataTypeExpr::Literal(DataType::Date),
                ..
            } => {
                format!(
                    "writes {}, which is not a day of the calendar: write an existing day as \
                     DATE 'YYYY-MM-DD'",
                    show(e)
                )
            }
            _ => format!(
                "has a part that gives no value for any household: {}",
                show(e)
            ),
        };
        return refuse("sql", message);
    }
    Ok(Some(null))
}

/// Whether a column of decimals holds a NaN or an infinity.
fn not_a_number(c: &Column) -> bool {
    c.dtype().is_float()
        && c.as_materialized_series()
            .cast(&DataType::Float64)
            .ok()
            .and_then(|s| {
                s.f64()
                    .ok()
                    .map(|v| v.iter().flatten().any(|x| !x.is_finite()))
            })
            .unwrap_or(false)
}

/// The values a whole number can take: from the first to the last.
type Range = (i128, i128);

/// The registry's columns as the contract types them, to find the type of
/// each part of a rule.
struct Shape {
    empty: LazyFrame,
}

impl Shape {
    fn new() -> Shape {
        let schema = crate::load::typed::schema(spec(Table::Households));
        Shape {
            empty: DataFrame::empty_with_schema(&schema).lazy(),
        }
    }

    fn frame(&self) -> LazyFrame {
        self.empty.clone()
    }

    /// The type the engine computes a part of a rule in.
    fn dtype(&self, e: &Expr) -> Option<DataType> {
        let mut lf = self.frame().select([e.clone().alias("__v")]);
        lf.collect_schema().ok()?.get("__v").cloned()
    }

    /// The values a part of a rule can take when it is a whole number (none
    /// otherwise), from the contract's range of each household column and
    /// the numbers written in the rule; refused when a step of its
    /// arithmetic could go beyond the whole numbers of its type, where the
    /// engine would wrap around and answer wrongly.
    fn range(&self, e: &Expr) -> Result<Option<Range>, Refusal> {
        let dtype = self.dtype(e);
        let whole = dtype.as_ref().and_then(whole_numbers);
        let known = match e {
            Expr::Column(name) => column_range(name),
            Expr::Literal(_) if matches!(dtype, Some(DataType::Duration(_))) => {
                return refuse(
                    "sql",
                    format!(
                        "writes {}, a span of time the engine may wrap around (a long one \
                         gives a wrong date without a word): compare dates with dates \
                         (registered_on < DATE '2025-01-01')",
                        show(e)
                    ),
                );
            }
            Expr::Literal(value) => literal(value).or_else(|| decimal(value)),
            Expr::Alias(inner, _) | Expr::KeepName(inner) => self.range(inner)?,
            Expr::Cast { expr, .. } => {
                let from = self.dtype(expr);
                if from.as_ref().is_some_and(DataType::is_temporal)
                    && dtype.as_ref().is_some_and(DataType::is_primitive_numeric)
                {
                    return refuse(
                        "sql",
                        format!(
                            "computes {}, a date or span of time cast to a number, which the \
                             engine counts in days or microseconds since 1970 and may wrap \
                             around: compare dates with dates (registered_on < DATE \
                             '2025-01-01')",
                            show(e)
                        ),
                    );
                }
                // A condition cast to a number is 0 or 1.
                let inner = match from {
                    Some(DataType::Boolean) => {
                        self.range(expr)?;
                        Some((0, 1))
                    }
                    _ => self.range(expr)?,
                };
                match (inner, whole) {
                    // A value that does not fit the type gives no value
                    // (or an error): the rule would answer otherwise, or
                    // fail, once such a household is registered.
                    (Some(r), Some(w)) if r.0 < w.0 || r.1 > w.1 => {
                        return self.beyond(e, Some(r), dtype.as_ref());
                    }
                    // A decimal of unknown size may not fit either.
                    (None, Some(_)) if from.as_ref().is_some_and(DataType::is_float) => {
                        return self.beyond(e, None, dtype.as_ref());
                    }
                    (r, _) => r,
                }
            }
            Expr::BinaryExpr { left, op, right } => {
                let l = self.range(left)?;
                let r = self.range(right)?;
                if !op.is_arithmetic() {
                    None
                } else if divides(*op) && r == Some((0, 0)) {
                    return refuse(
                        "sql",
                        format!(
                            "computes {}, which divides by zero and gives no value",
                            show(e)
                        ),
                    );
                } else if let Some(w) = whole {
                    let l = l.or_else(|| self.dtype(left).as_ref().and_then(whole_numbers));
                    let r = r.or_else(|| self.dtype(right).as_ref().and_then(whole_numbers));
                    let (Some(l), Some(r)) = (l, r) else {
                        return self.beyond(e, None, dtype.as_ref());
                    };
                    match arithmetic(*op, l, r) {
                        Some(out) if out.0 >= w.0 && out.1 <= w.1 => Some(out),
                        out => return self.beyond(e, out, dtype.as_ref()),
                    }
                } else if dtype.is_none() {
                    return self.beyond(e, None, None);
                } else if dtype.as_ref().is_some_and(DataType::is_temporal)
                    && (l.is_some() || r.is_some() || self.whole(left) || self.whole(right))
                {
                    return refuse(
                        "sql",
                        format!(
                            "computes {} from a date and a number, which the engine may \
                             wrap around: compare dates with dates (registered_on < DATE \
                             '2025-01-01')",
                            show(e)
                        ),
                    );
                } else if dtype.as_ref().is_some_and(DataType::is_float) {
                    // Decimals are followed by whole numbers around them,
                    // so that a cast back to whole numbers can be checked.
                    // A quotient is bounded only by a whole divisor (at
                    // least one away from zero).
                    match (l, r, op) {
                        (
                            Some(l),
                            Some(r),
                            Operator::Plus | Operator::Minus | Operator::Multiply,
                        ) => arithmetic(*op, l, r),
                        (
                            Some(l),
                            Some(r),
                            Operator::TrueDivide | Operator::FloorDivide | Operator::RustDivide,
                        ) if self.whole(right) => arithmetic(*op, l, r),
                        _ => None,
                    }
                } else {
                    None
                }
            }
            Expr::Ternary {
                predicate,
                truthy,
                falsy,
            } => {
                self.range(predicate)?;
                // A branch giving NULL (NULLIF's) adds no value to the range.
                let mut branches = Vec::new();
                for branch in [truthy, falsy] {
                    if !is_null(branch) {
                        branches.push(self.range(branch)?);
                    }
                }
                union(branches)
            }
            Expr::Function { function, .. } if function.to_string().ends_with("offset_by") => {
                return refuse(
                    "sql",
                    format!(
                        "computes {}, a date shifted by a span of time, which the engine may \
                         wrap around (a long span gives a wrong date without a word): compare \
                         dates with dates (registered_on < DATE '2025-01-01')",
                        show(e)
                    ),
                );
            }
            Expr::Function { input, function } => {
                let args: Vec<Option<Range>> = input
                    .iter()
                    .map(|i| self.range(i))
                    .collect::<Result<_, _>>()?;
                let name = function.to_string();
                let name = name.strip_prefix("dt.").unwrap_or(&name);
                match whole {
                    Some(w) => self.function(e, name, &args, w)?,
                    None if dtype.as_ref().is_some_and(DataType::is_float) => match name {
                        "abs" | "negate" | "coalesce" | "max_horizontal" | "min_horizontal" => {
                            self.function(e, name, &args, (i128::MIN, i128::MAX))?
                        }
                        "round" | "floor" | "ceil" => args.first().copied().flatten(),
                        _ => None,
                    },
                    None => None,
                }
            }
            Expr::Agg(agg) => self.aggregate(e, agg, whole)?,
            Expr::Over {
                function,
                partition_by,
                ..
            } => {
                for p in partition_by {
                    self.range(p)?;
                }
                self.range(function)?
            }
            other => {
                for part in parts(other) {
                    self.range(&part)?;
                }
                None
            }
        };
        if dtype.as_ref().is_some_and(DataType::is_float) {
            return Ok(known);
        }
        Ok(whole.map(|w| known.unwrap_or(w)))
    }

    /// Whether a part of a rule is a whole number.
    fn whole(&self, e: &Expr) -> bool {
        self.dtype(e).as_ref().and_then(whole_numbers).is_some()
    }

    /// The refusal of arithmetic that could leave its type.
    fn beyond<T>(
        &self,
        e: &Expr,
        reach: Option<Range>,
        dtype: Option<&DataType>,
    ) -> Result<T, Refusal> {
        let limits = match dtype.and_then(whole_numbers) {
            Some((lo, hi)) => format!(" ({}, {} to {})", dtype_name(dtype), amount(lo), amount(hi)),
            None => String::new(),
        };
        let reach = match reach {
            Some((lo, hi)) => format!(
                "which can reach {} to {} for a household within the contract's ranges, \
                 beyond the whole numbers the engine computes it with{limits}",
                amount(lo),
                amount(hi)
            ),
            None => format!(
                "which can go beyond the whole numbers the engine computes it with{limits} for \
                 a household within the contract's ranges"
            ),
        };
        refuse(
            "sql",
            format!(
                "computes {}, {reach}: it would wrap around and give a wrong answer. Use smaller \
                 numbers, or decimals (CAST(... AS DOUBLE))",
                show(e)
            ),
        )
    }

    /// The values of a function of whole numbers.
    fn function(
        &self,
        e: &Expr,
        name: &str,
        args: &[Option<Range>],
        whole: Range,
    ) -> Result<Option<Range>, Refusal> {
        let arg = |i: usize| args.get(i).copied().flatten();
        let checked = |out: Option<Range>| -> Result<Option<Range>, Refusal> {
            match out {
                Some(r) if r.0 >= whole.0 && r.1 <= whole.1 => Ok(Some(r)),
                out => self.beyond(e, out, self.dtype(e).as_ref()),
            }
        };
        Ok(match name {
            "abs" => checked(arg(0).and_then(|(lo, hi)| {
                let top = lo.checked_abs()?.max(hi.checked_abs()?);
                let low = if lo <= 0 && hi >= 0 {
                    0
                } else {
                    lo.abs().min(hi.abs())
                };
                Some((low, top))
            }))?,
            "negate" => {
                checked(arg(0).and_then(|(lo, hi)| Some((hi.checked_neg()?, lo.checked_neg()?))))?
            }
            "pow" => checked(match (arg(0), arg(1)) {
                (Some((lo, hi)), Some((_, e_hi))) => {
                    let top = lo
                        .checked_abs()
                        .zip(hi.checked_abs())
                        .and_then(|(a, b)| a.max(b).checked_pow(u32::try_from(e_hi.max(0)).ok()?));
                    top.map(|t| if lo >= 0 { (0, t) } else { (-t, t) })
                }
                _ => None,
            })?,
            "sign" => Some((-1, 1)),
            // A length or a position in a text of the registry: no cell is
            // 2 GiB long.
            "str.len_chars" | "str.len_bytes" | "str.find" => Some((0, TEXT_MAX)),
            "coalesce" | "max_horizontal" | "min_horizontal" => union(args.iter().copied()),
            // The parts of a date: a year of the engine's dates is within
            // ±300,000, the other parts within their calendar.
            "year" | "iso_year" | "century" | "millennium" => Some((-300_000, 300_000)),
            "quarter" => Some((1, 4)),
            "month" => Some((1, 12)),
            "week" => Some((1, 53)),
            "weekday" => Some((1, 7)),
            "day" => Some((1, 31)),
            "ordinal_day" => Some((1, 366)),
            "hour" => Some((0, 23)),
            "minute" | "second" => Some((0, 59)),
            _ if name.starts_with("cum_")
                || name.contains("sum")
                || name.contains("prod")
                || name == "diff" =>
            {
                return self.beyond(e, None, self.dtype(e).as_ref());
            }
            _ => None,
        })
    }

    /// The values of an aggregate over the registry's rows.
    fn aggregate(
        &self,
        e: &Expr,
        agg: &AggExpr,
        whole: Option<Range>,
    ) -> Result<Option<Range>, Refusal> {
        Ok(match agg {
            AggExpr::Min { input, .. }
            | AggExpr::Max { input, .. }
            | AggExpr::First(input)
            | AggExpr::FirstNonNull(input)
            | AggExpr::Last(input)
            | AggExpr::LastNonNull(input)
            | AggExpr::Item { input, .. } => self.range(input)?,
            AggExpr::Sum(input) => {
                let inner = self.range(input)?;
                if whole.is_some() && inner != Some((0, 0)) {
                    // A sum grows with the number of households.
                    return self.beyond(e, None, self.dtype(e).as_ref());
                }
                None
            }
            other => {
                for part in parts(&Expr::Agg(other.clone())) {
                    self.range(&part)?;
                }
                None
            }
        })
    }
}

/// The values a whole number type holds; none for other types.
fn whole_numbers(dtype: &DataType) -> Option<Range> {
    if !dtype.is_integer() {
        return None;
    }
    let bound = |s: PolarsResult<Scalar>, or: i128| -> i128 {
        s.ok()
            .and_then(|s| s.value().extract::<i128>())
            .unwrap_or(or)
    };
    // A bound beyond i128 (of u128) is taken at i128's: tighter, so safe.
    Some((bound(dtype.min(), i128::MIN), bound(dtype.max(), i128::MAX)))
}

/// A bound of a whole number as a message shows it: in full up to seven
/// digits, and beyond as a power of ten (`9.2 × 10^18`), so that no
/// message shows a number computed from the rule that could be an
/// identification number in full.
fn amount(n: i128) -> String {
    if n.unsigned_abs() < 10_000_000 {
        return n.to_string();
    }
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{} × 10^{}",
        &digits[..1],
        &digits[1..2],
        digits.len() - 1
    )
}

fn dtype_name(dtype: Option<&DataType>) -> String {
    dtype.map_or_else(String::new, |d| d.to_string())
}

/// The contract's range of a whole-number household column, the bound
/// given by another column taken at that column's own range.
fn column_range(name: &str) -> Option<Range> {
    let column = spec(Table::Households).column(name)?;
    if column.kind != Kind::Int {
        return None;
    }
    let low = match column.min? {
        Bound::Lit(v) => i128::from(v),
        Bound::Col(other) => column_range(other)?.0,
    };
    let high = match column.max? {
        Bound::Lit(v) => i128::from(v),
        Bound::Col(other) => column_range(other)?.1,
    };
    Some((low, high))
}

/// A whole number written in the rule.
fn literal(value: &LiteralValue) -> Option<Range> {
    let n = match value {
        LiteralValue::Scalar(s) if s.dtype().is_integer() => s.value().extract::<i128>()?,
        LiteralValue::Scalar(_) => return None,
        // A number as written, of no type yet; beyond i64 it is taken at
        // the range of the type it is given.
        other => i128::from(other.extract_i64().ok()?),
    };
    Some((n, n))
}

/// The whole numbers around a decimal written in the rule.
fn decimal(value: &LiteralValue) -> Option<Range> {
    let x = match value.to_any_value()? {
        AnyValue::Float64(x) => x,
        AnyValue::Float32(x) => f64::from(x),
        _ => return None,
    };
    // Far beyond any whole number type the bounds would not be exact.
    if !x.is_finite() || x.abs() > 1e30 {
        return None;
    }
    Some((x.floor() as i128, x.ceil() as i128))
}

/// The smallest range holding all of them; none when one is unknown.
fn union(ranges: impl IntoIterator<Item = Option<Range>>) -> Option<Range> {
    ranges.into_iter().try_fold(None, |acc: Option<Range>, r| {
        let r = r?;
        Some(Some(match acc {
            Some(a) => (a.0.min(r.0), a.1.max(r.1)),
            None => r,
        }))
    })?
}

/// The range of `l op r` for whole numbers; `None` when it is beyond
/// i128. A divisor of zero alone is refused before ([`Shape::range`]).
fn arithmetic(op: Operator, l: Range, r: Range) -> Option<Range> {
    let spread = |values: &[Option<i128>]| -> Option<Range> {
        let values: Vec<i128> = values.iter().copied().collect::<Option<_>>()?;
        Some((*values.iter().min()?, *values.iter().max()?))
    };
    match op {
        Operator::Plus => spread(&[l.0.checked_add(r.0), l.1.checked_add(r.1)]),
        Operator::Minus => spread(&[l.0.checked_sub(r.1), l.1.checked_sub(r.0)]),
        Operator::Multiply => spread(&[
            l.0.checked_mul(r.0),
            l.0.checked_mul(r.1),
            l.1.checked_mul(r.0),
            l.1.checked_mul(r.1),
        ]),
        Operator::FloorDivide | Operator::RustDivide | Operator::TrueDivide => {
            // The largest quotients are by the extremes and by the divisors
            // nearest zero; a floored quotient is within one of the
            // truncated one.
            let mut divisors = vec![r.0, r.1];
            if r.0 <= -1 && r.1 >= -1 {
                divisors.push(-1);
            }
            if r.0 <= 1 && r.1 >= 1 {
                divisors.push(1);
            }
            let quotients: Vec<Option<i128>> = divisors
                .iter()
                .filter(|&&d| d != 0)
                .flat_map(|&d| [l.0.checked_div(d), l.1.checked_div(d)])
                .collect();
            spread(&quotients).and_then(|(lo, hi)| Some((lo.checked_sub(1)?, hi.checked_add(1)?)))
        }
        Operator::Modulus => {
            let m =
                r.0.checked_abs()
                    .zip(r.1.checked_abs())
                    .map(|(a, b)| a.max(b));
            m.map(|m| (-(m - 1), m - 1))
        }
        _ => None,
    }
}

/// Whether `e` is the value NULL.
fn is_null(e: &Expr) -> bool {
    matches!(e, Expr::Literal(LiteralValue::Scalar(s)) if s.is_null())
}

/// A part of a rule, written back as SQL where it can be.
fn show(e: &Expr) -> String {
    match e {
        Expr::Column(name) => name.to_string(),
        _ if is_null(e) => "NULL".to_string(),
        Expr::Literal(value) => match (value.extract_str(), literal(value)) {
            (Some(text), _) => format!("'{text}'"),
            (None, Some((n, _))) => n.to_string(),
            (None, None) => e.to_string(),
        },
        Expr::Alias(inner, _) => show(inner),
        Expr::BinaryExpr { left, op, right } => {
            let symbol = match op {
                Operator::Plus => "+".to_string(),
                Operator::Minus => "-".to_string(),
                Operator::Multiply => "*".to_string(),
                Operator::FloorDivide => "//".to_string(),
                Operator::TrueDivide | Operator::RustDivide => "/".to_string(),
                Operator::Modulus => "%".to_string(),
                Operator::Eq | Operator::EqValidity => "=".to_string(),
                Operator::NotEq | Operator::NotEqValidity => "<>".to_string(),
                Operator::Lt => "<".to_string(),
                Operator::LtEq => "<=".to_string(),
                Operator::Gt => ">".to_string(),
                Operator::GtEq => ">=".to_string(),
                Operator::And | Operator::LogicalAnd => "AND".to_string(),
                Operator::Or | Operator::LogicalOr => "OR".to_string(),
                other => other.to_string(),
            };
            format!("({} {symbol} {})", show(left), show(right))
        }
        // The engine reads NULLIF(a, b) as CASE WHEN a = b THEN NULL ELSE a
        // END: shown as the rule wrote it.
        Expr::Ternary {
            predicate,
            truthy,
            falsy,
        } => match &**predicate {
            Expr::BinaryExpr {
                left,
                op: Operator::Eq,
                right,
            } if is_null(truthy) && left == falsy => {
                format!("NULLIF({}, {})", show(left), show(right))
            }
            _ => format!(
                "CASE WHEN {} THEN {} ELSE {} END",
                show(predicate),
                show(truthy),
                show(falsy)
            ),
        },
        Expr::Cast { expr, dtype, .. } => {
            let to = match dtype {
                DataTypeExpr::Literal(d) => d.to_string(),
                _ => "...".to_string(),
            };
            match (&**expr, dtype) {
                (Expr::Literal(value), DataTypeExpr::Literal(DataType::Date))
                    if value.extract_str().is_some() =>
                {
                    format!("DATE {}", show(expr))
                }
                (inner, _) => format!("CAST({} AS {to})", show(inner)),
            }
        }
        Expr::Agg(AggExpr::Sum(input)) => format!("SUM({})", show(input)),
        Expr::Function { input, function } => format!(
            "{}({})",
            function
                .to_string()
                .trim_start_matches("dt.")
                .to_uppercase(),
            input.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule's answer for each of `rows`.
    fn answers(rows: &LazyFrame, rule: &str) -> Vec<bool> {
        let df = rows
            .clone()
            .select([expression(rule).unwrap().alias("e")])
            .collect()
            .unwrap();
        let e = df.column("e").unwrap().bool().unwrap().clone();
        (0..e.len()).map(|i| e.get(i).unwrap()).collect()
    }

    fn refused(rule: &str) -> String {
        match expression(rule) {
            Ok(_) => panic!("{rule} was accepted"),
            Err(refusal) => refusal.message,
        }
    }

    #[test]
    fn rules_within_the_contracts_ranges_are_accepted() {
        for rule in [
            "welfare_decile <= 4 AND members >= 3",
            "elderly >= 1 OR disabled >= 1",
            "true",
            "registered_on < DATE '2024-02-29'",
            "members * 2 >= 6 AND members - elderly > 1",
            "(members + children) * 1000000000000000 > 0",
            "members // 2 >= 2 AND members % 2 = 1",
            "CAST(members AS SMALLINT) * 300 > 0",
            "COALESCE(elderly, 0) + disabled >= 1",
            "CASE WHEN elderly > 0 THEN members * 2 ELSE members END > 4",
            "EXTRACT(YEAR FROM registered_on) * 12 + EXTRACT(MONTH FROM registered_on) > 24300",
            "POWER(members, 2) > 9 AND ABS(members - 3) > 0",
            "TRY_CAST(head_name AS INT) IS NULL",
            "CAST(members > 3 AS INT) + CAST(elderly > 0 AS INT) >= 1",
            "head_name IS NULL OR elderly IS NOT NULL",
            "head_nik IS NOT NULL AND NOT (household_id IS NULL)",
        ] {
            assert!(
                expression(rule).is_ok(),
                "{rule}: {:?}",
                expression(rule).err()
            );
        }
    }

    /// A rule may ask whether an identifier is recorded, never which it
    /// is: a number put together in the rule would be shown whole in every
    /// report.
    #[test]
    fn a_rule_reading_an_identifier_is_refused() {
        for rule in [
            "head_nik <> '3173050101800001'",
            "head_nik <> '3173' || '0501' || '0180' || '0001'",
            "head_nik <> REPLACE('3173x0501x0180x0001', 'x', '')",
            "head_nik NOT LIKE '3173%0501%0180%0001'",
            "household_id IN ('H1', 'H2')",
            "LENGTH(head_nik) = 16",
            "head_nik IS NOT NULL AND household_id <> 'H1'",
        ] {
            assert!(
                refused(rule).contains("reads household_id or head_nik beyond whether"),
                "{rule}"
            );
        }
        for rule in [
            "LENGTH(COLUMNS('head_nik')) = 16",
            "COLUMNS('household_id') = 'H1'",
            "COLUMNS('^head_n.*$') IS NULL",
        ] {
            assert!(
                refused(rule).contains("chooses columns by pattern"),
                "{rule}"
            );
        }
    }

    #[test]
    fn a_value_the_engine_would_turn_into_nothing_is_refused() {
        for (rule, says) in [
            (
                "registered_on < DATE '2025-02-30'",
                "DATE '2025-02-30', which is not a day",
            ),
            (
                "registered_on < DATE '2025-13-01'",
                "DATE '2025-13-01', which is not a day",
            ),
            (
                "registered_on BETWEEN DATE '2025-01-01' AND DATE '2023-02-29'",
                "DATE '2023-02-29'",
            ),
            (
                "TRY_CAST('x' AS INT) IS NULL",
                "gives no value for any household",
            ),
            ("10 % 0 IS NULL", "gives no value for any household"),
            ("members > NULL", "compares members with NULL"),
            (
                "members = NULL OR welfare_decile <= 3",
                "compares members with NULL",
            ),
            ("members % 0 = 0", "divides by zero"),
            ("members / 0 >= 1", "divides by zero"),
            ("members // 0 > 1", "divides by zero"),
            ("CAST('abc' AS INT) = members", "cannot be evaluated"),
        ] {
            let message = refused(rule);
            assert!(message.contains(says), "{rule}: {message}");
        }
    }

    #[test]
    fn arithmetic_that_could_wrap_around_is_refused() {
        for (rule, says) in [
            (
                "members * 9223372036854775807 > 0",
                "(members * 9223372036854775807), which can reach 9.2 × 10^18 to 9.2 × \
                 10^20 for a household within the contract's ranges, beyond the whole numbers \
                 the engine computes it with (i64, -9.2 × 10^18 to 9.2 × 10^18)",
            ),
            (
                "members + elderly*9223372036854775807 < 0",
                "(elderly * 9223372036854775807), which can reach 0 to",
            ),
            ("9223372036854775807 + welfare_decile > 0", "can reach"),
            ("0 - members - 9223372036854775807 < 0", "can reach"),
            (
                "CAST(members AS SMALLINT) * 1000 > 0",
                "(i16, -32768 to 32767)",
            ),
            ("CAST(members AS UINTEGER) - 5 > 0", "can reach -4 to 95"),
            (
                "CAST(members * 1000 AS SMALLINT) > 0",
                "can reach 1000 to 100000",
            ),
            (
                "CAST(members - 50 AS SMALLINT) * 1000 > 0",
                "can reach -49000 to 50000",
            ),
            ("POWER(members, 100) > 0", "can go beyond"),
            ("SUM(members) > 0", "SUM(members)"),
            (
                "EXTRACT(YEAR FROM registered_on) * 1000000000000000000 > 0",
                "can reach",
            ),
            (
                "(registered_on - DATE '2020-01-01') * 100000000000 > 0",
                "from a date and a number",
            ),
            (
                "registered_on > DATE '2025-01-01' - INTERVAL '200000 days'",
                "shifted by a span of time",
            ),
            (
                "registered_on < DATE '2025-01-01' + INTERVAL '3 days'",
                "a span of time",
            ),
            (
                "registered_on - DATE '2020-01-01' > INTERVAL '10 days'",
                "a span of time",
            ),
        ] {
            let message = refused(rule);
            assert!(message.contains(says), "{rule}: {message}");
            assert!(message.contains("wrap around"), "{rule}: {message}");
        }
    }

    #[test]
    fn an_empty_rule_is_refused_in_words() {
        for rule in ["", "   "] {
            assert!(
                refused(rule).contains("is empty: write a condition"),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn a_cast_to_a_small_unsigned_type_is_refused() {
        for rule in [
            "CAST(members AS UTINYINT) > 0",
            "CAST(members AS USMALLINT) > 0",
            "TRY_CAST(head_name AS UTINYINT) IS NULL",
            "members::UTINYINT > 0",
            "CAST(members AS UHUGEINT) > 0",
            "CAST(members AS INTERVAL) IS NOT NULL",
            "CAST(members AS INT[]) IS NOT NULL",
        ] {
            let message = refused(rule);
            assert!(
                message.contains("a type pantau does not compute with"),
                "{rule}: {message}"
            );
        }
    }

    /// A NaN or an infinity compares as larger than every number, so a
    /// rule comparing with one would hold for every household.
    #[test]
    fn a_rule_comparing_with_nan_or_infinity_is_refused() {
        for rule in [
            "CAST('NaN' AS DOUBLE) > members",
            "members < CAST('inf' AS DOUBLE)",
            "members < CAST('1e999' AS DOUBLE)",
            "welfare_decile <= CAST('-Infinity' AS DOUBLE)",
        ] {
            let message = refused(rule);
            assert!(
                message.contains("not a number or is infinite"),
                "{rule}: {message}"
            );
        }
        for rule in ["members < CAST('1e300' AS DOUBLE)", "welfare_decile <= 4.5"] {
            assert!(
                expression(rule).is_ok(),
                "{rule}: {:?}",
                expression(rule).err()
            );
        }
    }

    #[test]
    fn a_rule_failing_on_the_rows_is_named_without_their_values() {
        let rows = df!("head_name" => ["Siti Aminah", "Budi"], "members" => [3i64, 4])
            .unwrap()
            .lazy();
        let rules = [
            expression("members >= 3").unwrap(),
            expression("CAST(head_name AS INT) > 0").unwrap(),
        ];
        let found = failures(&rules, &rows);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 1);
        assert!(found[0].1.contains("head_name"), "{}", found[0].1);
        assert!(!found[0].1.contains("Siti"), "{}", found[0].1);
        assert!(failures(&rules[..1], &rows).is_empty());
    }

    /// A division by a column that is zero on a row gives no value there,
    /// so the household is not eligible by it (not an infinity that
    /// holds): as with NULLIF(children, 0).
    #[test]
    fn a_division_by_a_zero_in_a_row_is_not_eligible() {
        let rows = df!(
            "members" => [4i64, 4, 3, 5],
            "children" => [0i64, 2, 0, 1],
            "elderly" => [1i64, 0, 0, 2],
        )
        .unwrap()
        .lazy();
        let eligible = |rule: &str| answers(&rows, rule);
        let by_zero = [false, true, false, true];
        assert_eq!(eligible("members / children >= 2"), by_zero);
        assert_eq!(eligible("members / NULLIF(children, 0) >= 2"), by_zero);
        assert_eq!(eligible("NOT (members / children < 2)"), by_zero);
        assert_eq!(eligible("members // children >= 2"), by_zero);
        assert_eq!(
            eligible("members % children = 0"),
            [false, true, false, true]
        );
        // 4 % 2 = 0 and 5 % 1 = 0; a zero divisor made NULL is no answer.
        assert_eq!(
            eligible("members % NULLIF(children, 0) = 0"),
            [false, true, false, true]
        );
        assert_eq!(
            eligible("NOT (members % NULLIF(children, 0) = 0)"),
            [false, false, false, false]
        );
        assert_eq!(
            eligible("children = 0 OR members / children >= 2"),
            [true, true, true, true]
        );
        assert_eq!(
            eligible("members / (children + elderly) >= 2"),
            [true, true, false, false]
        );
        // A root of a negative number or a logarithm of zero stops the
        // rule on the rows, as in SQL, rather than comparing as a NaN
        // larger than every number.
        let fails = |rule: &str| {
            let expr = expression(rule).unwrap();
            let Err(failed) = rows.clone().select([expr]).collect() else {
                panic!("{rule} was evaluated");
            };
            assert!(
                failed.to_string().contains("not a number or is infinite"),
                "{rule}: {failed}"
            );
        };
        fails("SQRT(children - 1) > 0");
        fails("LN(children) < 5");
        fails("COALESCE(SQRT(children - 1), 5) > 3");
        fails("POWER(members * 1.0, 1000) IS NULL");
        assert_eq!(
            eligible("SQRT(GREATEST(children - 1, 0)) > 0"),
            [false, true, false, false]
        );
        assert_eq!(
            eligible("CAST(members / 3 AS INT) >= 1"),
            [true, true, true, true]
        );
    }

    #[test]
    fn a_cast_that_could_leave_its_type_or_read_a_date_as_a_number_is_refused() {
        for rule in [
            "CAST(members * 1.5 AS TINYINT) > 0",
            "TRY_CAST(members * 100.5 AS TINYINT) > 0",
        ] {
            let message = refused(rule);
            assert!(
                message.contains("beyond the whole numbers"),
                "{rule}: {message}"
            );
        }
        let message = refused("CAST(registered_on AS SMALLINT) > 0");
        assert!(
            message.contains("a date or span of time cast to a number"),
            "{message}"
        );
        for rule in [
            "CAST(members * 1.5 AS INT) > 4",
            "CAST(welfare_decile / 2 AS TINYINT) <= 2",
        ] {
            assert!(
                expression(rule).is_ok(),
                "{rule}: {:?}",
                expression(rule).err()
            );
        }
    }

    /// Where the engine answers otherwise than SQL, the rule is refused:
    /// a difference of dates (milliseconds, not days), a remainder of a
    /// value that may be negative (floored, not truncated), a LOG of two
    /// values (the other way round), and what reads other households.
    #[test]
    fn a_rule_the_engine_would_answer_otherwise_than_sql_is_refused() {
        for (rule, says) in [
            ("registered_on - DATE '2020-01-01' > 30", "a span of time"),
            ("DATE '2026-08-01' - registered_on < 30", "a span of time"),
            ("(members - 10) % 3 = 2", "may be negative"),
            ("MOD(members - 10, 3) = 2", "may be negative"),
            ("(members - 10) // 3 = -2", "may be negative"),
            ("(members - 10) % 2.5 > 1", "may be negative"),
            // Shown as written, not in the engine's form of NULLIF.
            (
                "members % NULLIF(children - 1, 0) = 1",
                "computes (members % NULLIF((children - 1), 0)), a remainder",
            ),
            (
                "members % CASE WHEN children > 2 THEN children - 9 ELSE 3 END = 1",
                "computes (members % CASE WHEN (children > 2) THEN (children - 9) ELSE 3 END)",
            ),
            (
                "LOG(2, members) > 2",
                "LOG(2, members): a LOG of two values",
            ),
            ("log (members, 2) > 2", "a LOG of two values"),
            ("LOG/**/(2, members + 1) > 2", "a LOG of two values"),
            ("\"LOG\"(2, members + 1) > 2", "a LOG of two values"),
            ("LOG -- x\n(2, members + 1) > 2", "a LOG of two values"),
            ("members IN (CAST(3.7 AS INT))", "cast to a whole number"),
            ("members IN (3.7::TINYINT)", "cast to a whole number"),
            ("CAST(members AS FLOAT) * 0.1 > 0.3", "FLOAT and REAL"),
            ("CAST(members AS REAL) > 0.3", "FLOAT and REAL"),
            (
                "(elderly > 0) IS TRUE AND (disabled > 0) = TRUE",
                "both with IS TRUE or IS FALSE and with = TRUE",
            ),
            ("members > AVG(members)", "reads other households"),
            ("members > MAX(members) - 1", "reads other households"),
            (
                "members > LAG(members) OVER (ORDER BY members)",
                "reads other households",
            ),
            (
                "UNNEST(STRING_TO_ARRAY(head_name, ' ')) = 'Budi'",
                "reads other households",
            ),
            ("LENGTH(LPAD(head_name, 3000000)) > 0", "exhaust the memory"),
            (
                "LENGTH(RPAD(head_name, members * 10000000)) > 0",
                "exhaust the memory",
            ),
        ] {
            let message = refused(rule);
            assert!(message.contains(says), "{rule}: {message}");
        }
        for rule in [
            "members % 3 = 2",
            "members // 3 = 1",
            "LN(members) > 1 AND LOG10(members) < 2",
            "head_name <> 'log(a, b)'",
            "members IN (1, 2, 3)",
            "LENGTH(LPAD(head_name, 20)) > 0",
            "(members - children) % 2 = 0",
            "members / 3 * 3 = members",
            "CAST(elderly > 0 AS INT) + CAST(disabled > 0 AS INT) >= 1",
            "RIGHT(head_name, 3) = 'yat'",
            "STRPOS(head_name, 'a') = 2",
            "LENGTH(head_name) > 3",
        ] {
            assert!(
                expression(rule).is_ok(),
                "{rule}: {:?}",
                expression(rule).err()
            );
        }
    }

    /// Quotients, ROUND and casts of decimals to whole numbers answer as
    /// SQL does: 3 / 10 is 0.3, ROUND takes halves away from zero and a
    /// cast to a whole number takes them to even.
    #[test]
    fn decimals_are_divided_and_rounded_as_sql_does() {
        let rows = df!("welfare_decile" => [1i64, 2, 3, 4, 5], "members" => [1i64, 3, 5, 7, 9])
            .unwrap()
            .lazy();
        let eligible = |rule: &str| answers(&rows, rule);
        assert_eq!(
            eligible("welfare_decile / 10 <= 0.3"),
            [true, true, true, false, false]
        );
        assert_eq!(
            eligible("welfare_decile / 5 = 0.6"),
            [false, false, true, false, false]
        );
        // 0.5, 1.5, 2.5, 3.5, 4.5 round to 1, 2, 3, 4, 5.
        assert_eq!(
            eligible("ROUND(members / 2.0) = (members + 1) / 2"),
            [true, true, true, true, true]
        );
        // A decimal cast to a whole number rounds halves to even, as SQL
        // rounds a DOUBLE: 0.5, 1.5, 2.5, 3.5, 4.5 give 0, 2, 2, 4, 4.
        assert_eq!(
            eligible("CAST(members * 0.5 AS INTEGER) = 2"),
            [false, true, true, false, false]
        );
        // 1/3, 1, 5/3, 7/3, 3 round to 0, 1, 2, 2, 3.
        assert_eq!(
            eligible("CAST(members / 3 AS INTEGER) = 2"),
            [false, false, true, true, false]
        );
    }

    /// IS [NOT] TRUE and IS [NOT] FALSE answer true or false for a
    /// condition without a value, as in SQL.
    #[test]
    fn a_truth_test_of_a_condition_without_a_value_is_true_or_false() {
        let rows = df!("members" => [Some(2i64), None, Some(7)])
            .unwrap()
            .lazy();
        let eligible = |rule: &str| answers(&rows, rule);
        assert_eq!(eligible("(members > 5) IS TRUE"), [false, false, true]);
        assert_eq!(eligible("(members > 5) IS NOT TRUE"), [true, true, false]);
        assert_eq!(eligible("(members > 5) IS FALSE"), [true, false, false]);
        assert_eq!(eligible("(members > 5) IS NOT FALSE"), [false, true, true]);
        assert_eq!(eligible("NOT ((members > 5) IS TRUE)"), [true, true, false]);
        // Written with =, a condition without a value stays without one.
        assert_eq!(eligible("NOT ((members > 5) = TRUE)"), [true, false, false]);
    }

    /// The engine is built without some operations on some types; a rule
    /// using one is refused before the run rather than stopping it.
    /// A column name in capitals, or a list of values of two kinds, is
    /// refused with what to write instead, not the engine's words.
    #[test]
    fn a_name_in_capitals_or_a_mixed_list_is_refused_with_what_to_write() {
        let message = refused("MEMBERS >= 3 AND Welfare_Decile <= 4 AND pets > 0");
        assert!(
            message.contains("names MEMBERS, Welfare_Decile, pets which is not")
                && message.contains("write MEMBERS as members, Welfare_Decile as welfare_decile)"),
            "{message}"
        );
        assert!(!refused("pets > 0").contains("lower case"));
        for rule in ["members IN (3, 4.0)", "members IN (3, 'a')"] {
            let message = refused(rule);
            assert!(
                message.contains("lists values of different kinds") && !message.contains("Series"),
                "{rule}: {message}"
            );
        }
    }

    #[test]
    fn an_operation_the_engine_lacks_is_refused() {
        let rule = "CAST(members AS TINYINT) IN (CAST(1 AS TINYINT), CAST(2 AS TINYINT))";
        let message = refused(rule);
        assert!(
            message.contains("uses an operation the engine cannot do"),
            "{message}"
        );
    }
}
