//! The data contract as data: which tables a site folder holds, their columns,
//! types and rules. Loading, validation, the generator and the documentation all
//! read this one description, so a rule is stated once.

/// The type a column is read as. Every table is first read as text and then
/// parsed into these types, so a value that does not parse can be reported with
/// its location instead of silently becoming a null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// Whole number (counts, rupiah), plain or grouped (`1.500.000`).
    Int,
    /// Number with an optional fraction (quantities).
    Decimal,
    /// A date: ISO `YYYY-MM-DD` and the other forms of [`crate::load::parse`].
    Date,
    /// `true/false`, `1/0`, `ya/tidak`, `yes/no`.
    Bool,
    /// `L`/`P` or `M`/`F`, normalised to `L`/`P`.
    Gender,
}

impl Kind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Int => "a whole number",
            Kind::Decimal => "a number",
            Kind::Date => "a date (2026-01-12, 12/01/2026, 12 Januari 2026)",
            Kind::Bool => "a boolean (true/false, 1/0, ya/tidak, yes/no)",
            Kind::Gender => "a gender code (L/P or M/F)",
        }
    }
}

/// A lower or upper bound: a fixed number or another column of the same row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Lit(i64),
    Col(&'static str),
}

/// Extra shape rules for text columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// Exactly sixteen digits (NIK, KK numbers).
    SixteenDigits,
    /// ASCII letters, digits and `- _ . /` ([`identifier_char`]).
    Identifier,
    /// A label that groups rows (a survey round, a unit, a course, a
    /// budget category, a feedback topic): no character nobody sees, no
    /// space but the plain one and no two in a row ([`label_problem`]).
    Label,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    /// Allowed values (compared lower-case) for enumerated text columns.
    pub allowed: &'static [&'static str],
    /// Value used when an enumerated column is absent or empty.
    pub default: Option<&'static str>,
    pub pattern: Option<Pattern>,
    /// A date column that must not be earlier than this other date column.
    pub not_before: Option<&'static str>,
    /// Required when this column of the same row holds a value other than the given one.
    pub required_unless: Option<(&'static str, &'static str)>,
}

impl Column {
    const fn new(name: &'static str, kind: Kind, required: bool) -> Column {
        Column {
            name,
            kind,
            required,
            min: None,
            max: None,
            allowed: &[],
            default: None,
            pattern: None,
            not_before: None,
            required_unless: None,
        }
    }
    const fn range(mut self, min: Option<Bound>, max: Option<Bound>) -> Column {
        self.min = min;
        self.max = max;
        self
    }
    const fn one_of(
        mut self,
        allowed: &'static [&'static str],
        default: Option<&'static str>,
    ) -> Column {
        self.allowed = allowed;
        self.default = default;
        self
    }
    const fn pattern(mut self, pattern: Pattern) -> Column {
        self.pattern = Some(pattern);
        self
    }
    const fn not_before(mut self, other: &'static str) -> Column {
        self.not_before = Some(other);
        self
    }
    const fn required_unless(mut self, other: &'static str, value: &'static str) -> Column {
        self.required_unless = Some((other, value));
        self
    }
}

/// Which table a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Households,
    Surveys,
    Distributions,
    Trainings,
    Budget,
    Feedback,
}

pub(crate) struct TableSpec {
    pub table: Table,
    /// File stem: `households` for `households.csv` / `households.parquet`.
    pub name: &'static str,
    pub required_file: bool,
    /// Why the table must have rows when it is there (a file with a header
    /// only is refused as a whole); `None` when it may be empty.
    pub needs_rows: Option<&'static str>,
    pub columns: &'static [Column],
    /// Column sets whose values must be unique across the file.
    pub unique: &'static [&'static [&'static str]],
}

impl TableSpec {
    pub(crate) fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

use Bound::{Col, Lit};
use Kind::*;

/// The largest rupiah amount one household row may carry (a delivery, a
/// month's income or spending): Rp 10 billion. Larger values are typing
/// slips or broken exports, and refusing them keeps every sum far from the
/// 64-bit limit (10 billion × a billion rows still fits).
pub const MAX_HOUSEHOLD_RUPIAH: i64 = 10_000_000_000;
/// The largest amount of one budget line: Rp 1 trillion.
pub const MAX_BUDGET_RUPIAH: i64 = 1_000_000_000_000;
/// The most members a household can have.
pub const MAX_MEMBERS: i64 = 100;
/// The most sessions a course can have.
pub const MAX_SESSIONS: i64 = 1_000;

const HOUSEHOLDS: &[Column] = &[
    Column::new("household_id", Text, true).pattern(Pattern::Identifier),
    Column::new("head_nik", Text, false).pattern(Pattern::SixteenDigits),
    Column::new("head_name", Text, true),
    Column::new("head_gender", Gender, true),
    Column::new("rw", Int, true).range(Some(Lit(1)), Some(Lit(99))),
    Column::new("rt", Int, true).range(Some(Lit(1)), Some(Lit(999))),
    Column::new("members", Int, true).range(Some(Lit(1)), Some(Lit(MAX_MEMBERS))),
    Column::new("children", Int, false).range(Some(Lit(0)), Some(Col("members"))),
    Column::new("school_age_children", Int, false).range(Some(Lit(0)), Some(Col("children"))),
    Column::new("elderly", Int, false).range(Some(Lit(0)), Some(Col("members"))),
    Column::new("disabled", Int, false).range(Some(Lit(0)), Some(Col("members"))),
    Column::new("welfare_decile", Int, true).range(Some(Lit(1)), Some(Lit(10))),
    Column::new("registered_on", Date, true),
    Column::new("status", Text, false).one_of(&["active", "moved", "deceased"], Some("active")),
    Column::new("status_changed_on", Date, false)
        .required_unless("status", "active")
        .not_before("registered_on"),
];

const SURVEYS: &[Column] = &[
    Column::new("household_id", Text, true).pattern(Pattern::Identifier),
    Column::new("round", Text, true).pattern(Pattern::Label),
    Column::new("surveyed_on", Date, true),
    Column::new("monthly_income", Int, true).range(Some(Lit(0)), Some(Lit(MAX_HOUSEHOLD_RUPIAH))),
    Column::new("monthly_expenditure", Int, false)
        .range(Some(Lit(0)), Some(Lit(MAX_HOUSEHOLD_RUPIAH))),
    // The upper bound (the household's school_age_children) lives in another
    // table and is checked by the cross-table rules.
    Column::new("children_in_school", Int, false).range(Some(Lit(0)), None),
    Column::new("has_business", Bool, false),
    Column::new("food_insecure", Bool, false),
];

const DISTRIBUTIONS: &[Column] = &[
    Column::new("distribution_id", Text, true).pattern(Pattern::Identifier),
    Column::new("distributed_on", Date, true),
    Column::new("household_id", Text, true).pattern(Pattern::Identifier),
    Column::new("program", Text, true).pattern(Pattern::Identifier),
    Column::new("value", Int, true).range(Some(Lit(1)), Some(Lit(MAX_HOUSEHOLD_RUPIAH))),
    Column::new("quantity", Decimal, false).range(Some(Lit(0)), None),
    Column::new("unit", Text, false).pattern(Pattern::Label),
    Column::new("status", Text, false)
        .one_of(&["delivered", "failed", "returned"], Some("delivered")),
    Column::new("locally_sourced", Bool, false),
    Column::new("eco_packaging", Bool, false),
];

const TRAININGS: &[Column] = &[
    Column::new("enrollment_id", Text, true).pattern(Pattern::Identifier),
    Column::new("household_id", Text, true).pattern(Pattern::Identifier),
    Column::new("participant_name", Text, true),
    Column::new("participant_gender", Gender, true),
    Column::new("course", Text, true).pattern(Pattern::Label),
    Column::new("started_on", Date, true),
    Column::new("sessions_total", Int, true).range(Some(Lit(1)), Some(Lit(MAX_SESSIONS))),
    Column::new("sessions_attended", Int, true).range(Some(Lit(0)), Some(Col("sessions_total"))),
    Column::new("completed", Bool, true),
    Column::new("business_started", Bool, false),
];

const BUDGET: &[Column] = &[
    Column::new("year", Int, true).range(Some(Lit(1950)), Some(Lit(2100))),
    Column::new("quarter", Int, true).range(Some(Lit(1)), Some(Lit(4))),
    Column::new("kind", Text, true).one_of(&["revenue", "expense"], None),
    Column::new("category", Text, true).pattern(Pattern::Label),
    Column::new("planned", Int, true).range(Some(Lit(0)), Some(Lit(MAX_BUDGET_RUPIAH))),
    Column::new("realised", Int, true).range(Some(Lit(0)), Some(Lit(MAX_BUDGET_RUPIAH))),
    Column::new("note", Text, false),
];

const FEEDBACK: &[Column] = &[
    Column::new("feedback_id", Text, true).pattern(Pattern::Identifier),
    Column::new("received_on", Date, true),
    Column::new("rw", Int, false).range(Some(Lit(1)), Some(Lit(99))),
    Column::new("rt", Int, false).range(Some(Lit(1)), Some(Lit(999))),
    Column::new("channel", Text, true).one_of(
        &["meeting", "social_media", "flyer", "box", "phone", "other"],
        None,
    ),
    Column::new("category", Text, true).one_of(
        &["complaint", "suggestion", "question", "appreciation"],
        None,
    ),
    Column::new("topic", Text, false).pattern(Pattern::Label),
    Column::new("resolved_on", Date, false).not_before("received_on"),
    // The household the item is from, when the person gave it; empty for an
    // anonymous item. `pantau explain` lists a household's items and writes
    // a letter for each household with an open complaint.
    Column::new("household_id", Text, false).pattern(Pattern::Identifier),
];

/// Every table of the contract, in the order they are loaded and reported.
pub(crate) const TABLES: &[TableSpec] = &[
    TableSpec {
        table: Table::Households,
        name: "households",
        required_file: true,
        needs_rows: Some(
            "fill in the registry first, one row per household: every other table refers to it",
        ),
        columns: HOUSEHOLDS,
        unique: &[&["household_id"]],
    },
    TableSpec {
        table: Table::Surveys,
        name: "surveys",
        required_file: true,
        needs_rows: Some(
            "add at least the baseline survey round, one row per household: income, poverty \
             and enrolment are measured from it",
        ),
        columns: SURVEYS,
        unique: &[&["household_id", "round"]],
    },
    TableSpec {
        table: Table::Distributions,
        name: "distributions",
        required_file: false,
        needs_rows: None,
        columns: DISTRIBUTIONS,
        unique: &[&["distribution_id"]],
    },
    TableSpec {
        table: Table::Trainings,
        name: "trainings",
        required_file: false,
        needs_rows: None,
        columns: TRAININGS,
        unique: &[&["enrollment_id"]],
    },
    TableSpec {
        table: Table::Budget,
        name: "budget",
        required_file: false,
        needs_rows: None,
        columns: BUDGET,
        unique: &[&["year", "quarter", "kind", "category"]],
    },
    TableSpec {
        table: Table::Feedback,
        name: "feedback",
        required_file: false,
        needs_rows: None,
        columns: FEEDBACK,
        unique: &[&["feedback_id"]],
    },
];

pub(crate) fn spec(table: Table) -> &'static TableSpec {
    TABLES
        .iter()
        .find(|s| s.table == table)
        .unwrap_or_else(|| unreachable!("every Table has a spec"))
}

/// The example row `pantau init` writes under the header of each sheet of
/// its workbook, in Indonesian and in English: (column, value as the loaders
/// read it; empty for an empty cell). A sheet's first row that is one of
/// these, unchanged, is the example and is not read, so a workbook fresh
/// from init reads as empty; once any cell of it is changed it is data.
pub(crate) fn example_row(table: Table, english: bool) -> &'static [(&'static str, &'static str)] {
    match (table, english) {
        (Table::Households, false) => &HOUSEHOLD_EXAMPLE[0],
        (Table::Households, true) => &HOUSEHOLD_EXAMPLE[1],
        (Table::Surveys, false) => &SURVEY_EXAMPLE[0],
        (Table::Surveys, true) => &SURVEY_EXAMPLE[1],
        (Table::Distributions, false) => &DISTRIBUTION_EXAMPLE[0],
        (Table::Distributions, true) => &DISTRIBUTION_EXAMPLE[1],
        (Table::Trainings, false) => &TRAINING_EXAMPLE[0],
        (Table::Trainings, true) => &TRAINING_EXAMPLE[1],
        (Table::Budget, false) => &BUDGET_EXAMPLE[0],
        (Table::Budget, true) => &BUDGET_EXAMPLE[1],
        (Table::Feedback, false) => &FEEDBACK_EXAMPLE[0],
        (Table::Feedback, true) => &FEEDBACK_EXAMPLE[1],
    }
}

const HOUSEHOLD_EXAMPLE: [[(&str, &str); 15]; 2] = {
    const fn row(id: &'static str, name: &'static str) -> [(&'static str, &'static str); 15] {
        [
            ("household_id", id),
            ("head_nik", "3173050000000001"),
            ("head_name", name),
            ("head_gender", "P"),
            ("rw", "1"),
            ("rt", "2"),
            ("members", "4"),
            ("children", "2"),
            ("school_age_children", "1"),
            ("elderly", "0"),
            ("disabled", "0"),
            ("welfare_decile", "2"),
            ("registered_on", "2025-01-15"),
            ("status", "active"),
            ("status_changed_on", ""),
        ]
    }
    [
        row("CONTOH-0001", "Siti Aminah"),
        row("EXAMPLE-0001", "Siti Aminah"),
    ]
};

const SURVEY_EXAMPLE: [[(&str, &str); 8]; 2] = {
    const fn row(
        id: &'static str,
        yes: &'static str,
        no: &'static str,
    ) -> [(&'static str, &'static str); 8] {
        [
            ("household_id", id),
            ("round", "baseline"),
            ("surveyed_on", "2025-02-03"),
            ("monthly_income", "1500000"),
            ("monthly_expenditure", "1400000"),
            ("children_in_school", "1"),
            ("has_business", no),
            ("food_insecure", yes),
        ]
    }
    [
        row("CONTOH-0001", "ya", "tidak"),
        row("EXAMPLE-0001", "yes", "no"),
    ]
};

const DISTRIBUTION_EXAMPLE: [[(&str, &str); 10]; 2] = {
    const fn row(prefix: &'static str, id: &'static str) -> [(&'static str, &'static str); 10] {
        [
            ("distribution_id", prefix),
            ("distributed_on", "2025-03-10"),
            ("household_id", id),
            ("program", "BLT-DD"),
            ("value", "300000"),
            ("quantity", ""),
            ("unit", ""),
            ("status", "delivered"),
            ("locally_sourced", ""),
            ("eco_packaging", ""),
        ]
    }
    [
        row("CONTOH-D-0001", "CONTOH-0001"),
        row("EXAMPLE-D-0001", "EXAMPLE-0001"),
    ]
};

const TRAINING_EXAMPLE: [[(&str, &str); 10]; 2] = {
    const fn row(
        prefix: &'static str,
        id: &'static str,
        yes: &'static str,
        no: &'static str,
    ) -> [(&'static str, &'static str); 10] {
        [
            ("enrollment_id", prefix),
            ("household_id", id),
            ("participant_name", "Siti Aminah"),
            ("participant_gender", "P"),
            ("course", "membatik"),
            ("started_on", "2025-04-07"),
            ("sessions_total", "12"),
            ("sessions_attended", "10"),
            ("completed", yes),
            ("business_started", no),
        ]
    }
    [
        row("CONTOH-T-0001", "CONTOH-0001", "ya", "tidak"),
        row("EXAMPLE-T-0001", "EXAMPLE-0001", "yes", "no"),
    ]
};

const BUDGET_EXAMPLE: [[(&str, &str); 7]; 2] = {
    const fn row(note: &'static str) -> [(&'static str, &'static str); 7] {
        [
            ("year", "2025"),
            ("quarter", "1"),
            ("kind", "revenue"),
            ("category", "dana_desa"),
            ("planned", "90000000"),
            ("realised", "85000000"),
            ("note", note),
        ]
    }
    [
        row("CONTOH: Dana Desa triwulan 1"),
        row("EXAMPLE: village fund, quarter 1"),
    ]
};

const FEEDBACK_EXAMPLE: [[(&str, &str); 9]; 2] = {
    const fn row(
        prefix: &'static str,
        topic: &'static str,
        id: &'static str,
    ) -> [(&'static str, &'static str); 9] {
        [
            ("feedback_id", prefix),
            ("received_on", "2025-03-12"),
            ("rw", "1"),
            ("rt", "2"),
            ("channel", "box"),
            ("category", "question"),
            ("topic", topic),
            ("resolved_on", "2025-03-19"),
            ("household_id", id),
        ]
    }
    [
        row("CONTOH-F-0001", "jadwal", "CONTOH-0001"),
        row("EXAMPLE-F-0001", "schedule", "EXAMPLE-0001"),
    ]
};

/// Values accepted for booleans, lower-case.
pub(crate) const TRUE_WORDS: &[&str] = &["true", "1", "ya", "yes"];
pub(crate) const FALSE_WORDS: &[&str] = &["false", "0", "tidak", "no"];

/// The characters an identifier may hold (household, distribution,
/// enrollment and feedback ids, program codes): ASCII letters, digits and
/// `- _ . /`. Anything else (a zero-width space, a fullwidth digit, a
/// letter from another script that looks like a Latin one, a control
/// character) would make two ids that look the same count as different
/// households, which is how a ghost recipient is made.
pub fn identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

/// Why `text` is not a plain identifier: the first character that is not
/// allowed, by code point, name and 1-based position
/// (`U+200B ZERO WIDTH SPACE at position 17`).
pub fn identifier_problem(text: &str) -> Option<String> {
    let (at, c) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !identifier_char(*c))?;
    Some(format!("{} at position {}", describe_char(c), at + 1))
}

/// True for a character a free-text cell (a name, a course, a note, a
/// topic) may hold: anything but a control character other than tab and
/// line breaks, and the direction overrides, embeddings and isolates that
/// reorder the text around them. Those would reach a report, a letter or a
/// terminal and change what is shown: a terminal escape, text shown
/// backwards.
pub fn shown_char(c: char) -> bool {
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let direction = matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069);
    !control && !direction
}

/// True when [`shown_char`] accepts every character of `text`. An ASCII
/// text is read byte by byte: its control characters are the bytes below a
/// space other than tab, line feed and carriage return, and DEL.
pub fn all_shown(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes()
            .all(|b| (b >= b' ' || matches!(b, b'\t' | b'\n' | b'\r')) && b != 0x7f)
    } else {
        text.chars().all(shown_char)
    }
}

/// `text` with every character [`shown_char`] refuses written as an escape
/// (`\u{1b}`), for messages that quote what a file holds (a header, a
/// value): the terminal and the page show the escape, not its effect.
pub fn escape_hidden(text: &str) -> std::borrow::Cow<'_, str> {
    if all_shown(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if shown_char(c) {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Why `text` cannot be shown as it is: its first hidden character, by code
/// point, name and 1-based position.
pub fn hidden_problem(text: &str) -> Option<String> {
    let (at, c) = text.chars().enumerate().find(|(_, c)| !shown_char(*c))?;
    Some(format!("{} at position {}", describe_char(c), at + 1))
}

/// Why `text`, a label that groups rows, could pass for another label:
/// the first character nobody sees ([`invisible`]), space other than the
/// plain one (a no-break space, a tab, a line break) or second space in a
/// row, by code point, name and 1-based position. Two labels a page shows
/// alike (`membatik` and `membatik` with a zero-width space; `Batik  Tulis`,
/// whose two spaces a page shows as one) would count as two groups.
///
/// A letter written as two characters, a letter and an accent apart
/// (`e` and U+0301), is refused too: a page shows it like the letter
/// written as one (`é`), and the two spellings would count as two groups.
pub fn label_problem(text: &str) -> Option<String> {
    let mut previous = None;
    for (at, c) in text.chars().enumerate() {
        let odd_space = c.is_whitespace() && (c != ' ' || previous == Some(' '));
        if invisible(c) || odd_space {
            return Some(format!("{} at position {}", describe_char(c), at + 1));
        }
        previous = Some(c);
    }
    uncomposed(text)
}

/// Where `text` differs from its composed spelling (Unicode NFC), as the
/// end of [`label_problem`]'s message.
fn uncomposed(text: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        return None;
    }
    if unicode_normalization::is_nfc(text) {
        return look_alike(text);
    }
    let composed: String = text.nfc().collect();
    let at = text
        .chars()
        .zip(composed.chars())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let c = text.chars().nth(at).unwrap_or_default();
    let shown = composed.chars().nth(at).unwrap_or_default();
    let written = describe_char(c);
    Some(if composed.chars().count() < text.chars().count() {
        format!(
            "{written} at position {}, which with what follows it is written apart where a \
             page shows one character ('{shown}'): write the letter as one character \
             (Unicode NFC)",
            at + 1
        )
    } else {
        format!(
            "{written} at position {}, which a page shows like {}: write that character \
             (Unicode NFC)",
            at + 1,
            describe_char(shown)
        )
    })
}

/// The first character of `text` a page shows like a plain letter, digit
/// or sign of ASCII, by code point, name and 1-based position, with what
/// to write instead: a fullwidth, mathematical, superscript or subscript
/// form, a ligature (their compatibility decomposition is ASCII), a dash
/// or minus sign for `-`, an accent on a Latin letter that does not compose
/// with it (`i` and U+0307), and a Cyrillic or Greek letter among Latin
/// ones (`і`, `ο`).
fn look_alike(text: &str) -> Option<String> {
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    let mut previous = None;
    for (at, c) in text.chars().enumerate() {
        let at = at + 1;
        let written = describe_char(c);
        if !c.is_ascii() {
            let mut plain = String::new();
            unicode_normalization::char::decompose_compatible(c, |d| plain.push(d));
            if plain != c.to_string() && !plain.is_empty() && plain.is_ascii() {
                return Some(format!(
                    "{written} at position {at}, which a page shows like '{plain}': write '{plain}'"
                ));
            }
            if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}') {
                return Some(format!(
                    "{written} at position {at}, which a page shows like '-': write '-'"
                ));
            }
            let combining = unicode_normalization::char::canonical_combining_class(c) != 0;
            if combining && previous.is_some_and(|p: char| p.is_ascii_alphabetic()) {
                return Some(format!(
                    "{written} at position {at}, an accent written apart from the letter \
                     before it, which a page shows as one letter: write the letter as one \
                     character, or without the accent"
                ));
            }
            if latin && matches!(c as u32, 0x0370..=0x04FF) {
                return Some(format!(
                    "{written} at position {at}, a letter of another alphabet among Latin \
                     letters, which a page shows like a Latin one: write the Latin letter"
                ));
            }
        }
        previous = Some(c);
    }
    None
}

/// Characters nobody sees, which could stand between the letters or digits
/// of a text without showing: the Unicode format characters (the soft
/// hyphen, zero-width spaces and joiners, direction marks, the byte-order
/// mark...), the rest of Unicode's default-ignorable characters (the
/// combining grapheme joiner, variation selectors, the Hangul fillers, tag
/// characters...) and the blank Braille pattern.
pub fn invisible(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x34F | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2
        | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x206F | 0x2800 | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF
        | 0xFFA0 | 0xFFF0..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// `U+200B ZERO WIDTH SPACE`: a character by code point and, for the ones
/// that hide in identifiers, its Unicode name.
pub fn describe_char(c: char) -> String {
    let code = c as u32;
    let name = match code {
        0x00 => Some("NULL".to_string()),
        0x09 => Some("CHARACTER TABULATION".to_string()),
        0x20 => Some("SPACE".to_string()),
        0xA0 => Some("NO-BREAK SPACE".to_string()),
        0xAD => Some("SOFT HYPHEN".to_string()),
        0x200B => Some("ZERO WIDTH SPACE".to_string()),
        0x200C => Some("ZERO WIDTH NON-JOINER".to_string()),
        0x200D => Some("ZERO WIDTH JOINER".to_string()),
        0x200E => Some("LEFT-TO-RIGHT MARK".to_string()),
        0x200F => Some("RIGHT-TO-LEFT MARK".to_string()),
        0x2010 => Some("HYPHEN".to_string()),
        0x2011 => Some("NON-BREAKING HYPHEN".to_string()),
        0x2013 => Some("EN DASH".to_string()),
        0x2028 => Some("LINE SEPARATOR".to_string()),
        0x2029 => Some("PARAGRAPH SEPARATOR".to_string()),
        0x202A => Some("LEFT-TO-RIGHT EMBEDDING".to_string()),
        0x202B => Some("RIGHT-TO-LEFT EMBEDDING".to_string()),
        0x202C => Some("POP DIRECTIONAL FORMATTING".to_string()),
        0x202D => Some("LEFT-TO-RIGHT OVERRIDE".to_string()),
        0x202E => Some("RIGHT-TO-LEFT OVERRIDE".to_string()),
        0x2060 => Some("WORD JOINER".to_string()),
        0x2066 => Some("LEFT-TO-RIGHT ISOLATE".to_string()),
        0x2067 => Some("RIGHT-TO-LEFT ISOLATE".to_string()),
        0x2068 => Some("FIRST STRONG ISOLATE".to_string()),
        0x2069 => Some("POP DIRECTIONAL ISOLATE".to_string()),
        0x202F => Some("NARROW NO-BREAK SPACE".to_string()),
        0xFEFF => Some("ZERO WIDTH NO-BREAK SPACE".to_string()),
        0x034F => Some("COMBINING GRAPHEME JOINER".to_string()),
        0x0300..=0x036F => Some("COMBINING ACCENT".to_string()),
        0x115F | 0x1160 | 0x3164 | 0xFFA0 => Some("HANGUL FILLER".to_string()),
        0x180B..=0x180D | 0x180F => Some("MONGOLIAN FREE VARIATION SELECTOR".to_string()),
        0x2800 => Some("BRAILLE PATTERN BLANK".to_string()),
        0xFE00..=0xFE0F => Some(format!("VARIATION SELECTOR-{}", code - 0xFE00 + 1)),
        0xE0100..=0xE01EF => Some(format!("VARIATION SELECTOR-{}", code - 0xE0100 + 17)),
        0xE0000..=0xE007F => Some("TAG CHARACTER".to_string()),
        0xFF10..=0xFF19 => Some(format!(
            "FULLWIDTH DIGIT {}",
            ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"]
                [(code - 0xFF10) as usize]
        )),
        0x0410..=0x044F => Some(format!("CYRILLIC LETTER {c}")),
        0x0391..=0x03C9 => Some(format!("GREEK LETTER {c}")),
        _ if c.is_control() => Some("CONTROL CHARACTER".to_string()),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{code:04X} {name}"),
        None => format!("U+{code:04X} '{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_bounds_name_columns_of_the_same_table() {
        for spec in TABLES {
            for c in spec.columns {
                for b in [c.min, c.max].into_iter().flatten() {
                    if let Bound::Col(other) = b {
                        assert!(
                            spec.column(other).is_some(),
                            "{}.{} -> {other}",
                            spec.name,
                            c.name
                        );
                    }
                }
                for other in c
                    .not_before
                    .into_iter()
                    .chain(c.required_unless.map(|r| r.0))
                {
                    assert!(
                        spec.column(other).is_some(),
                        "{}.{} -> {other}",
                        spec.name,
                        c.name
                    );
                }
            }
            for key in spec.unique {
                for k in *key {
                    assert!(spec.column(k).is_some());
                }
            }
        }
    }

    #[test]
    fn example_rows_name_every_column_of_their_table_once() {
        for spec in TABLES {
            for english in [false, true] {
                let names: Vec<&str> = example_row(spec.table, english)
                    .iter()
                    .map(|(c, _)| *c)
                    .collect();
                let columns: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
                assert_eq!(names, columns, "{} english={english}", spec.name);
            }
        }
    }

    #[test]
    fn labels_name_what_a_page_would_not_show() {
        assert_eq!(label_problem("batik tulis é"), None);
        assert_eq!(label_problem("Pelatihan Menjahit"), None);
        // Another alphabet on its own, and accents on letters of it.
        assert_eq!(label_problem("Ελληνικά"), None);
        assert_eq!(label_problem("кружок"), None);
        for (label, named) in [
            ("mem\u{200b}batik", "U+200B ZERO WIDTH SPACE at position 4"),
            ("batik\u{2800}", "U+2800 BRAILLE PATTERN BLANK at position 6"),
            ("batik\u{ffa0}", "U+FFA0 HANGUL FILLER at position 6"),
            ("batik\u{180b}", "U+180B MONGOLIAN FREE VARIATION SELECTOR at position 6"),
            ("batik\u{17b4}", "U+17B4 '\u{17b4}' at position 6"),
            ("batik\u{e0041}", "U+E0041 TAG CHARACTER at position 6"),
            ("e\u{301}", "U+0065 'e' at position 1, which with what follows"),
            // A letter and two accents, one apart: the first difference.
            ("ca\u{301}\u{323}", "U+0061 'a' at position 2"),
            ("CAS\u{ff28}", "U+FF28 '\u{ff28}' at position 4, which a page shows like 'H'"),
            ("2026-Q\u{2082}", "U+2082 '\u{2082}' at position 7, which a page shows like '2'"),
            ("membati\u{1d424}", "U+1D424 '\u{1d424}' at position 8"),
            ("mem\u{2024}batik", "U+2024 '\u{2024}' at position 4, which a page shows like '.'"),
            ("\u{fb01}ber", "U+FB01 '\u{fb01}' at position 1, which a page shows like 'fi'"),
            ("2026\u{2010}Q2", "U+2010 HYPHEN at position 5, which a page shows like '-'"),
            ("membati\u{307}k", "U+0307 COMBINING ACCENT at position 8, an accent"),
            ("membat\u{456}k", "U+0456 '\u{456}' at position 7, a letter of another alphabet"),
            // The Ohm sign, which is written as the Greek letter.
            (
                "10 \u{2126}",
                "U+2126 '\u{2126}' at position 4, which a page shows like U+03A9 GREEK LETTER \u{3a9}",
            ),
        ] {
            let problem = label_problem(label).unwrap_or_default();
            assert!(problem.starts_with(named), "{label:?}: {problem}");
        }
    }

    #[test]
    fn identifiers_name_the_character_that_does_not_belong() {
        assert_eq!(identifier_problem("H-001_a/2.b"), None);
        assert_eq!(
            identifier_problem("3173050609231108\u{200B}").as_deref(),
            Some("U+200B ZERO WIDTH SPACE at position 17")
        );
        assert_eq!(
            identifier_problem("317305060923110\u{FF18}").as_deref(),
            Some("U+FF18 FULLWIDTH DIGIT EIGHT at position 16")
        );
        assert_eq!(
            identifier_problem("H1\0").as_deref(),
            Some("U+0000 NULL at position 3")
        );
        assert_eq!(
            identifier_problem("Н001").as_deref(),
            Some("U+041D CYRILLIC LETTER Н at position 1")
        );
        assert_eq!(describe_char('é'), "U+00E9 'é'");
    }
}
