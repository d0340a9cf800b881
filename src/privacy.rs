//! Personal data in public outputs. Reports, notices and exports are printed,
//! pinned on notice boards and passed around, so they never show a full NIK
//! or family-card (KK) number, and the recipient notice never shows fields
//! that are nobody else's business (address, disability, health).
//!
//! Two layers: the masking helpers here are what the outputs use, and the
//! [`Gate`] checks every finished document before it is written. A document
//! that would leak is refused as a whole: the run exits with code 2 and
//! writes nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use rayon::prelude::*;

use crate::contract::invisible;
use crate::problem::{InvalidInput, Origin};

/// Digits of a NIK or KK number that name the region (province, regency,
/// district) and are not personal.
const REGION_DIGITS: usize = 6;

/// Length of a NIK or a KK number.
const ID_DIGITS: usize = 16;

/// Column names that may never appear in a public table, as the contract
/// names them or as people label them (Indonesian and English).
const FORBIDDEN_FIELDS: [&str; 14] = [
    "head_nik",
    "nik",
    "no_kk",
    "kk",
    "address",
    "alamat",
    "disabled",
    "disability",
    "disabilitas",
    "health",
    "kesehatan",
    "diagnosis",
    "phone",
    "telepon",
];

/// An identifier as it may be shown: a NIK or KK number (or any identifier of
/// eight or more digits) keeps its region digits and the rest is masked
/// (`317305**********`); other identifiers (site ids such as `H-001`) are
/// shown as they are. A digit of any script counts as the gate reads it.
pub fn mask_id(id: &str) -> String {
    let digits = id.chars().filter(|&c| is_digit(c)).count();
    if digits < 8 {
        return id.to_string();
    }
    let mut seen = 0;
    id.chars()
        .map(|c| {
            if is_digit(c) {
                seen += 1;
                if seen <= REGION_DIGITS {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

/// Whether `c` is a decimal digit of any script, as the gate reads it.
fn is_digit(c: char) -> bool {
    as_ascii_digit(c).is_ascii_digit()
}

/// A text with every run of eight or more digits masked like [`mask_id`]
/// (`head_nik = '3173050101800001'` → `head_nik = '317305**********'`),
/// and every chain of sixteen or more digits in groups joined by single
/// separators (`'3173 0555 1163 9392'`, a NIK or family-card number
/// written for people) masked as one; short numbers and dates are left as
/// they are: for texts people write that may hold an identification
/// number, such as an eligibility rule. Digits, separators and characters
/// nobody sees are read as the gate reads them: a digit of any script is a
/// digit, a space of any width, `_`, `.`, `/` and dashes join groups, and
/// a zero-width character between digits does not end a run.
pub fn mask_long_numbers(text: &str) -> String {
    mask_chains(text, true)
}

/// A text with every chain of sixteen or more digits (a NIK, a
/// family-card number, a household id of that length) masked as
/// [`mask_long_numbers`] masks it, and shorter numbers left as they are:
/// for messages that quote a value of a file, such as an amount the reader
/// is to correct.
pub fn mask_identifiers(text: &str) -> String {
    mask_chains(text, false)
}

/// [`mask_long_numbers`], with runs of eight to fifteen digits masked
/// only when `short`.
fn mask_chains(text: &str, short: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let in_run = |c: char| is_digit(c) || invisible(c);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The chain of digit groups joined by single separators.
        let mut end = i;
        while end < chars.len() && in_run(chars[end]) {
            end += 1;
            let joined = end + 1 < chars.len() && separator(chars[end]) && is_digit(chars[end + 1]);
            if joined {
                end += 1;
            }
        }
        let chain: String = chars[i..end].iter().collect();
        if chain.chars().filter(|&c| is_digit(c)).count() >= ID_DIGITS {
            out.push_str(&mask_id(&chain));
        } else if short {
            out.push_str(&mask_runs(&chain));
        } else {
            out.push_str(&chain);
        }
        i = end;
    }
    out
}

/// Whether `text` holds `min` or more digits in a row as the gate reads
/// them (in groups joined by separators, in any script, with characters
/// nobody sees passed over): a text that may carry an identifier.
pub fn has_digit_chain(text: &str, min: usize) -> bool {
    digit_chains(text, false)
        .iter()
        .any(|(_, digits, _)| digits.len() >= min)
}

/// `text` with every run of eight or more digits (characters nobody sees
/// within it passed over) masked like [`mask_id`].
fn mask_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(|&c| is_digit(c)).count() >= 8 {
            out.push_str(&mask_id(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if is_digit(c) || (invisible(c) && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A name as the public notice shows it when full names are not allowed:
/// the first word in full and the initial of every other word
/// (`Siti Aminah` → `Siti A.`); a one-word name keeps its first three letters
/// (`Suparman` → `Sup***`).
pub fn mask_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [only] => {
            let keep: String = only.chars().take(3).collect();
            let hidden = only.chars().count().saturating_sub(3);
            format!("{keep}{}", "*".repeat(hidden.max(1)))
        }
        [first, rest @ ..] => {
            let initials: Vec<String> = rest
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            format!("{first} {}", initials.join(" "))
        }
    }
}

/// A finished public document, about to be written.
pub struct Document<'a> {
    /// The file name, for the refusal message.
    pub name: &'a str,
    pub text: &'a str,
    /// Column headings of the tables in it, by contract name.
    pub columns: &'a [&'a str],
    /// Look for any 16 digits in a row (allowing spaces, dots and dashes
    /// between groups, and letters around them). Off only for the
    /// machine-readable indicator table, whose floating-point values have
    /// long digit runs; the site's own identifiers are still looked for in
    /// it.
    pub digit_runs: bool,
}

/// Finds the input that carried a run of digits (by its digits alone), and
/// says where it is.
pub type Locate<'a> = Box<dyn Fn(&str) -> Option<String> + Send + Sync + 'a>;

/// Checks public documents before they are written.
#[derive(Default)]
pub struct Gate<'a> {
    /// Every NIK and KK-like identifier of the site (8 or more digits), by
    /// its digits, with where it was read.
    identifiers: Known,
    /// The lengths of the identifiers of 16 digits or more, which are
    /// also looked for inside longer runs.
    long: Vec<usize>,
    locate: Option<Locate<'a>>,
}

/// Identifiers by their digits: up to [`PACKED`] digits as a number with
/// their count (so that leading zeros count), more as text. A site has an
/// identifier or two per household, millions in a registry extract; a
/// packed key needs no text of its own, and where it was read is a line
/// and the number of its file and column among the few of `sources`.
#[derive(Default)]
struct Known {
    packed: HashMap<(u64, u8), Place, foldhash::fast::FixedState>,
    text: HashMap<String, Place, foldhash::fast::FixedState>,
    /// The files and columns identifiers were read from.
    sources: Vec<(Arc<str>, &'static str)>,
}

/// Where an identifier was read: its line, in the file and column of
/// [`Known::sources`] at `source`.
#[derive(Clone, Copy)]
struct Place {
    source: usize,
    line: u64,
}

/// The most digits a `u64` holds whatever they are.
const PACKED: usize = 19;

/// The number of digits of an identifier ([`id_digits`]) when there are
/// enough of them (eight) for the gate to look for it.
fn looked_for(digits: &str) -> Option<usize> {
    let n = digits.bytes().filter(u8::is_ascii_digit).count();
    (n >= 8).then_some(n)
}

/// Whether `id` is ASCII with no letter that looks like a digit: it is
/// then known by its ASCII digits as they stand.
fn plain(id: &str) -> bool {
    id.is_ascii() && !id.chars().any(|c| looks_like_digit(c).is_some())
}

/// `id` with every letter that looks like a digit read as that digit,
/// when other letters stand in it too and it then has the sixteen digits
/// of a NIK or more (`3173O56O12946572z`, a NIK mistyped in a rejected
/// registry row): the gate knows it by these digits too. An identifier
/// with other letters and fewer digits is known by its digits only, so
/// that `DURI-0012345678` is not taken for 10012345678.
/// `digits` is `id`'s [`id_digits`].
fn id_read_too(id: &str, digits: &str) -> Option<String> {
    if plain(id) {
        return None;
    }
    let read: String = id
        .chars()
        .map(as_read)
        .filter_map(|c| looks_like_digit(c).or(c.is_ascii_digit().then_some(c)))
        .collect();
    (read.len() >= ID_DIGITS && read != digits).then_some(read)
}

/// The identifier `id` as the gate knows it, its ASCII digits read among
/// other characters: a digit of any script is its ASCII digit, and when
/// every letter of `id` looks like a digit (`3173O5...` with a letter O,
/// as a mistyped, rejected registry row may hold it) those letters are
/// read as digits too, as the gate reads them in a document. An ASCII
/// identifier without such letters is itself (no copy for the millions
/// of a registry).
fn id_digits(id: &str) -> Cow<'_, str> {
    if plain(id) {
        return Cow::Borrowed(id);
    }
    let read: Vec<char> = id.chars().map(as_read).collect();
    let all_look_like_digits = read
        .iter()
        .filter(|c| c.is_alphabetic())
        .all(|&c| looks_like_digit(c).is_some());
    Cow::Owned(
        read.into_iter()
            .filter_map(|c| match looks_like_digit(c) {
                Some(d) if all_look_like_digits => Some(d),
                _ => c.is_ascii_digit().then_some(c),
            })
            .collect(),
    )
}

/// `digits` (ASCII digits) as a number with their count, when there are
/// at most [`PACKED`].
fn packed(digits: impl Iterator<Item = u8>) -> Option<(u64, u8)> {
    let mut value = 0u64;
    let mut count = 0u8;
    for d in digits {
        if usize::from(count) == PACKED {
            return None;
        }
        value = value * 10 + u64::from(d - b'0');
        count += 1;
    }
    Some((value, count))
}

impl Known {
    /// Where the identifier whose digits are `digits` (ASCII digits only)
    /// was read.
    fn get(&self, digits: &str) -> Option<Origin> {
        let place = match packed(digits.bytes()) {
            Some(key) => self.packed.get(&key),
            None => self.text.get(digits),
        }?;
        let (file, column) = &self.sources[place.source];
        Some(Origin {
            file: file.clone(),
            line: place.line,
            column,
        })
    }

    /// The place of `origin`, its file and column numbered as first met.
    fn place(&mut self, origin: Origin) -> Place {
        let source = match self
            .sources
            .iter()
            .rposition(|(file, column)| *column == origin.column && **file == *origin.file)
        {
            Some(at) => at,
            None => {
                self.sources.push((origin.file, origin.column));
                self.sources.len() - 1
            }
        };
        Place {
            source,
            line: origin.line,
        }
    }
}

impl<'a> Gate<'a> {
    /// A gate that knows the site's identifiers (with where each was read),
    /// so it also catches them in documents where long digit runs are
    /// allowed.
    pub fn new<S: AsRef<str>>(identifiers: impl IntoIterator<Item = (S, Origin)>) -> Gate<'a> {
        let identifiers = identifiers.into_iter();
        let mut gate = Gate::default();
        gate.reserve(identifiers.size_hint().0);
        for (id, origin) in identifiers {
            gate.add(id.as_ref(), origin);
        }
        gate
    }

    /// Room for `more` identifiers.
    pub fn reserve(&mut self, more: usize) {
        self.identifiers.packed.reserve(more);
    }

    /// Adds one identifier with where it was read; an identifier of fewer
    /// than eight digits is not one the gate looks for, and the first
    /// place an identifier is read is the one named.
    pub fn add(&mut self, id: &str, origin: Origin) {
        let digits = id_digits(id);
        let read_too = id_read_too(id, &digits);
        let n = looked_for(&digits);
        if n.is_none() && read_too.is_none() {
            return;
        }
        let place = self.identifiers.place(origin);
        if let Some(n) = n {
            self.add_digits(&digits, place);
            self.count_long(n);
        }
        if let Some(read) = read_too {
            self.add_digits(&read, place);
            self.count_long(read.len());
        }
    }

    /// Adds the identifier whose ASCII digits (among other characters) are
    /// `id`, read at `place`, unless it is known already.
    fn add_digits(&mut self, id: &str, place: Place) {
        let known = &mut self.identifiers;
        match packed(id.bytes().filter(u8::is_ascii_digit)) {
            Some(key) => {
                known.packed.entry(key).or_insert(place);
            }
            None => {
                known.text.entry(digits_of(id)).or_insert(place);
            }
        }
    }

    /// Adds the identifiers `ids`, each with its line, all read from one
    /// file and column, as [`Gate::add`] would one after the other. For the
    /// millions of a registry, their keys are found on every core, and put
    /// in the table in the order of the table's slots (the same key's
    /// places in the order given, so the first is kept), so that the table
    /// is filled in sequence rather than at a scattered place for each.
    pub fn add_read(&mut self, file: Arc<str>, column: &'static str, ids: &[(&str, u64)]) {
        let known = &mut self.identifiers;
        let source = known.place(Origin {
            file,
            line: 0,
            column,
        });
        let place = |line| Place { line, ..source };
        let mut long: Vec<usize> = Vec::new();
        let mut packed_ids = 0;
        // The identifiers known by their digits read from letters too
        // ([`id_read_too`]), added after the others.
        let mut read_too: Vec<(String, u64)> = Vec::new();
        for &(id, line) in ids {
            let digits = id_digits(id);
            if let Some(read) = id_read_too(id, &digits) {
                read_too.push((read, line));
            }
            let Some(n) = looked_for(&digits) else {
                continue;
            };
            if !long.contains(&n) {
                long.push(n);
            }
            if n <= PACKED {
                packed_ids += 1;
            } else {
                known.text.entry(digits_of(&digits)).or_insert(place(line));
            }
        }
        known.packed.reserve(packed_ids);
        // The slot a key's search starts at is its hash's lowest bits.
        let slots = (known.packed.capacity() * 8 / 7).next_power_of_two() as u64;
        let hasher = known.packed.hasher();
        // (slot, place in `ids`, key, line), sorted in place by slot and
        // then by place.
        let mut keyed: Vec<(u64, usize, (u64, u8), u64)> = ids
            .par_iter()
            .enumerate()
            .filter_map(|(at, &(id, line))| {
                let digits = id_digits(id);
                looked_for(&digits)?;
                let key = packed(digits.bytes().filter(u8::is_ascii_digit))?;
                Some((hasher.hash_one(key) & (slots - 1), at, key, line))
            })
            .collect();
        keyed.par_sort_unstable_by_key(|&(slot, at, ..)| (slot, at));
        for (_, _, key, line) in keyed {
            known.packed.entry(key).or_insert(place(line));
        }
        for n in long {
            self.count_long(n);
        }
        for (read, line) in read_too {
            self.add_digits(&read, place(line));
            self.count_long(read.len());
        }
    }

    /// Notes an identifier of `n` digits: those of 16 digits or more are
    /// looked for inside longer runs too.
    fn count_long(&mut self, n: usize) {
        if n >= ID_DIGITS && !self.long.contains(&n) {
            self.long.push(n);
            self.long.sort_unstable();
        }
    }

    /// Adds a search of the inputs, used to name where a refused run of
    /// digits came from when it is not one of the site's identifiers.
    pub fn locating(mut self, locate: Locate<'a>) -> Gate<'a> {
        self.locate = Some(locate);
        self
    }

    /// The site identifier a run of digits is, or holds: a NIK or
    /// family-card number (16 digits or more) is found inside a longer run
    /// too (`7 3173 0501 0180 0001 71`); shorter identifiers only as the
    /// whole run, so that no amount or ratio is mistaken for one.
    fn known_in(&self, digits: &str) -> Option<Origin> {
        if let Some(origin) = self.identifiers.get(digits) {
            return Some(origin);
        }
        self.long
            .iter()
            .filter(|&&n| n < digits.len())
            .find_map(|&n| {
                (0..=digits.len() - n).find_map(|i| self.identifiers.get(&digits[i..i + n]))
            })
    }

    /// `Err(InvalidInput)` naming the document, the place in it and, where
    /// it can be found, the input that carried the value.
    pub fn check(&self, doc: &Document) -> Result<(), InvalidInput> {
        let refuse = |why: String| {
            Err(InvalidInput(format!(
                "privacy gate: refusing to write {}: {why}; nothing was written",
                doc.name
            )))
        };
        for column in doc.columns {
            let lower = column.to_lowercase();
            if FORBIDDEN_FIELDS.contains(&lower.as_str()) {
                return refuse(format!("it would show the field `{column}`"));
            }
        }
        for (at, digits, only_known) in digit_chains(doc.text, doc.name.ends_with(".html")) {
            let known = self.known_in(&digits);
            let long_run = !only_known && doc.digit_runs && digits.len() >= ID_DIGITS;
            if known.is_none() && !long_run {
                continue;
            }
            let (line, column) = line_and_column(doc.text, at);
            let origin = known
                .as_ref()
                .map(Origin::to_string)
                .or_else(|| self.locate.as_ref()?(&digits));
            let from = origin
                .map(|o| format!("; it comes from {o}"))
                .unwrap_or_default();
            let what = if known.is_some() {
                format!("the identifier {} in full", mask_id(&digits))
            } else {
                format!(
                    "{} digits in a row ({})",
                    digits.len(),
                    masked_start(&digits)
                )
            };
            return refuse(format!(
                "it contains {what} at line {line}, column {column}{from}"
            ));
        }
        Ok(())
    }
}

/// A long run of digits as a refusal shows it: its first six digits and
/// at most sixteen masked ones, so that a run of a million digits makes a
/// message of one line.
fn masked_start(digits: &str) -> String {
    let shown = mask_id(&digits[..digits.len().min(22)]);
    if digits.len() > 22 {
        format!("{shown}...")
    } else {
        shown
    }
}

/// The digits of a text, without anything between them.
fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Characters that may stand between the digit groups of an identifier
/// written for people: `3173 0516 1165 6829`, `3173.0516...`, `3173-0516...`,
/// `3173/0516...`, `3173_0516...` (any space but a tab or a line break,
/// and any dash).
fn separator(c: char) -> bool {
    (c.is_whitespace() && !c.is_control())
        || matches!(
            c,
            '.' | '-' | '/' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

/// The most characters between two digit groups on either side of a line
/// break that still join them into one identifier for the site's
/// identifiers (a number written over two lines of a cell). Within a line
/// any run of characters that are not letters joins them (`3173 - 0516 -
/// ...`, `3173, 0516, ...`, `3173 -- 0516 -- ...`); any run of digits
/// joined across one [`separator`] is checked for a long run of digits too.
const MAX_GAP: usize = 3;

/// The first digit (zero) of each block of ten decimal digits of Unicode
/// besides ASCII's: Arabic-Indic, Devanagari, ..., fullwidth, the
/// mathematical digits. A digit of any script reads as the same digit.
const ZEROS: [u32; 67] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// `c` as an ASCII digit when it is a decimal digit of any script, or a
/// digit written otherwise that people read as one (superscript `³`,
/// subscript `₃`, circled `③`, `3.` and `(3)`: a digit by Unicode's
/// compatibility decomposition, with the dot or parentheses around it; a
/// Chinese numeral `三`).
fn as_ascii_digit(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let cp = c as u32;
    let at = ZEROS.partition_point(|&z| z <= cp);
    if let Some(d @ 0..=9) = at.checked_sub(1).map(|i| cp - ZEROS[i]) {
        return char::from(b'0' + d as u8);
    }
    // Digits in circles without a decomposition: the dingbats' ❶ ➀ ➊, the
    // double-circled ⓵, and the negative circled zero ⓿.
    let circled = match cp {
        0x2776..=0x277E => Some(cp - 0x2776 + 1),
        0x2780..=0x2788 => Some(cp - 0x2780 + 1),
        0x278A..=0x2792 => Some(cp - 0x278A + 1),
        0x24F5..=0x24FD => Some(cp - 0x24F5 + 1),
        0x24FF => Some(0),
        _ => None,
    };
    if let Some(d) = circled {
        return char::from(b'0' + d as u8);
    }
    // The Chinese numerals written digit by digit (三一七三〇五...).
    if let Some(d) = "〇一二三四五六七八九".chars().position(|h| h == c) {
        return char::from(b'0' + d as u8);
    }
    if !c.is_numeric() {
        return c;
    }
    let mut digits = Vec::new();
    unicode_normalization::char::decompose_compatible(c, |d| {
        if d.is_ascii_digit() {
            digits.push(d);
        }
    });
    match digits[..] {
        [d] => d,
        _ => c,
    }
}

/// The runs of digits in a text, each with its byte offset and whether it
/// is only for the site's identifiers: digits joined across single
/// [`separator`]s between groups of two or more digits, and whatever
/// letters stand around them; and where groups are joined across other
/// characters that are not letters (up to [`MAX_GAP`] of them across a
/// line break), the whole run too,
/// which is looked for among the site's identifiers only (so that a list
/// of dates is not taken for a long run of digits); so are the runs joined
/// across a few letters within a line, once with the letters passed over
/// and once with those that look like digits read as digits. Characters nobody sees
/// are passed over, and a digit of any script reads as its ASCII digit.
/// In HTML only the text people read is searched (not tags, attributes or
/// the style sheet), and a sha256 digest (64 hexadecimal characters, the
/// provenance footer's) is not a run.
fn digit_chains(text: &str, html: bool) -> Vec<(usize, String, bool)> {
    let mut out = Vec::new();
    // Each line is read on its own, through one buffer of its characters,
    // rather than a copy of every character of the document (16 bytes
    // each). A line break is no separator, so no long run crosses a line;
    // but the site's identifiers are looked for across each line break
    // too (a registry number written over two lines of a cell, which a
    // spreadsheet shows in one), in the few characters on either side.
    let mut chars: Vec<(usize, char)> = Vec::new();
    // The characters read back from the end of the last line, with their
    // byte offsets in `text`: a number written over three lines or more
    // is read across all of them, as far back as [`SEAM`] characters
    // besides spaces. Spaces and line breaks in a row are one character
    // here, so that no stretch of blank lines or spaces between the parts
    // of a number parts them.
    let mut back: Vec<(usize, char)> = Vec::new();
    let mut seam: Vec<(usize, char)> = Vec::new();
    for (offset, piece) in readable(text, html) {
        let mut line_start = offset;
        let mut previous: Option<&str> = None;
        back.clear();
        for line in piece.split_inclusive('\n') {
            seen_chars(line, html, &mut chars);
            chains_in(line, &chars, line_start, false, &mut out);
            let joined = previous.is_some_and(|before| joins(before, line, html));
            // A line of no letters or digits (blank, a dash, a character
            // nobody sees) does not part two lines of a cell.
            let holds_any = line.chars().any(char::is_alphanumeric);
            if !joined && holds_any {
                back.clear();
            }
            if joined {
                seam.clear();
                seam.extend_from_slice(&back);
                // The line's first characters besides the spaces it
                // starts with.
                let spaces = line.len() - line.trim_start().len();
                let end = spaces + head_end(&line[spaces..], SEAM);
                let head = chars.iter().take_while(|(at, _)| *at < end);
                push_collapsed(&mut seam, head.map(|&(at, c)| (line_start + at, c)));
                words_as_digits(&mut seam);
                let found = out.len();
                chains_in(text, &seam, 0, true, &mut out);
                // Only what crosses the line break is new.
                let mut k = found;
                while k < out.len() {
                    if out[k].2 && out[..found].iter().rev().take(64).all(|o| *o != out[k]) {
                        k += 1;
                    } else {
                        out.remove(k);
                    }
                }
            }
            push_collapsed(&mut back, chars.iter().map(|&(at, c)| (line_start + at, c)));
            let shown = back.iter().filter(|(_, c)| !c.is_whitespace()).count();
            // Only the last [`SEAM`] shown characters are kept: the buffer
            // starts past the first `extra` of them.
            if shown > SEAM {
                let mut extra = shown - SEAM;
                let cut = back
                    .iter()
                    .position(|(_, c)| {
                        if extra == 0 {
                            return true;
                        }
                        extra -= usize::from(!c.is_whitespace());
                        false
                    })
                    .unwrap_or(back.len());
                back.drain(..cut);
            }
            // A blank line between two lines of a cell does not part them
            // (a page shows none), nor does a line of no letters or digits.
            if holds_any {
                previous = Some(line.trim_end());
            }
            line_start += line.len();
        }
    }
    out
}

/// `chars` added to `to`, spaces and line breaks in a row (with those
/// already at its end) as one: a line break if there is one among them.
fn push_collapsed(to: &mut Vec<(usize, char)>, chars: impl Iterator<Item = (usize, char)>) {
    for (at, c) in chars {
        match to.last_mut() {
            Some(last) if c.is_whitespace() && last.1.is_whitespace() => {
                if c == '\n' {
                    *last = (at, c);
                }
            }
            _ => to.push((at, c)),
        }
    }
}

/// The characters on either side of a line break read for the site's
/// identifiers across it: enough for sixteen digits in groups with the
/// widest gaps between them.
const SEAM: usize = 16 * (MAX_GAP + 1) + 8;

/// Whether a chain may cross the line break between `before` and `line`:
/// the one ends in a digit and the other starts with one, with at most
/// [`MAX_GAP`] characters between them, the line break included. Only
/// their ends are read (a character reference is at most a dozen bytes).
fn joins(before: &str, line: &str, html: bool) -> bool {
    const EDGE: usize = (MAX_GAP + 1) * 12;
    // However many spaces start the line (those that end the line before
    // are taken off once, as it becomes the line before).
    let line = line.trim_start();
    if line.is_empty() {
        return false;
    }
    let mut chars = Vec::new();
    seen_chars(&before[tail_start(before, EDGE)..], html, &mut chars);
    words_as_digits(&mut chars);
    // Characters between the digits, and how many of them are shown:
    // spaces and line breaks are not counted against [`MAX_GAP`].
    let between = |c: &[(usize, char)]| c.iter().filter(|(_, c)| !c.is_whitespace()).count();
    let after = chars
        .iter()
        .rev()
        .take_while(|(_, c)| !c.is_alphanumeric())
        .count();
    let after_shown = between(&chars[chars.len() - after..]);
    let ends_in_digit = chars
        .iter()
        .rev()
        .nth(after)
        .is_some_and(|(_, c)| c.is_ascii_digit());
    if !ends_in_digit || after_shown > MAX_GAP {
        return false;
    }
    seen_chars(&line[..head_end(line, EDGE)], html, &mut chars);
    words_as_digits(&mut chars);
    let before_digit = chars
        .iter()
        .take_while(|(_, c)| !c.is_alphanumeric())
        .count();
    after_shown + between(&chars[..before_digit]) <= MAX_GAP
        && chars
            .get(before_digit)
            .is_some_and(|(_, c)| c.is_ascii_digit())
}

/// The words of `chars` whose letters all look like digits, with or
/// without digits among them (`OOO1`, `lOO`), read as those digits: across
/// a line break, where a chain is read part by part, a number written
/// over lines with letters for some of its digits (`0180` on one line and
/// `OOO1` on the next) is one run of digits.
fn words_as_digits(chars: &mut [(usize, char)]) {
    let mut k = 0;
    while k < chars.len() {
        let word = chars[k..]
            .iter()
            .take_while(|(_, c)| c.is_alphanumeric())
            .count();
        if word == 0 {
            k += 1;
            continue;
        }
        let letters = &mut chars[k..k + word];
        let all = letters
            .iter()
            .all(|&(_, c)| c.is_ascii_digit() || looks_like_digit(c).is_some());
        if all {
            for (_, c) in letters.iter_mut() {
                if let Some(d) = looks_like_digit(*c) {
                    *c = d;
                }
            }
        }
        k += word;
    }
}

/// Where the last `n` characters of `line` start.
fn tail_start(line: &str, n: usize) -> usize {
    line.char_indices()
        .rev()
        .nth(n)
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the first `n` characters of `line` end.
fn head_end(line: &str, n: usize) -> usize {
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

/// The characters of `text` as a reader sees them, each with its byte
/// offset, into `chars`: characters nobody sees passed over, each as
/// [`as_read`] and, in a page, a character reference (`&#x2F;`, `&amp;`)
/// as the character it stands for.
fn seen_chars(text: &str, html: bool, chars: &mut Vec<(usize, char)>) {
    chars.clear();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let (c, len) = match (html && c == '&').then(|| reference(&text[i..])) {
            Some(Some(found)) => found,
            _ => (c, c.len_utf8()),
        };
        if !invisible(c) {
            chars.push((i, as_read(c)));
        }
        i += len;
    }
}

/// `c` as the gate reads it: a digit of any script as its ASCII digit,
/// and a character that looks like one of the letters people write for a
/// digit as that letter (`O` for a zero, `l` for a one), so that every
/// reading of letters for digits sees an ASCII letter.
fn as_read(c: char) -> char {
    let c = as_ascii_digit(c);
    if c.is_ascii() {
        return c;
    }
    match looks_like_digit(c) {
        Some('0') => 'O',
        Some(_) => 'l',
        None => c,
    }
}

/// The character a reference at the start of `text` stands for, and the
/// reference's length: `&#47;`, `&#x2F;` or one of the names a page may
/// use between digits (`&amp;`, `&nbsp;`, `&ndash;`...).
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &text[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "thinsp" => '\u{2009}',
            "shy" => '\u{ad}',
            "hyphen" | "dash" => '\u{2010}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "minus" => '\u{2212}',
            "sol" => '/',
            "lowbar" => '_',
            "period" => '.',
            "comma" => ',',
            "colon" => ':',
            "zwj" => '\u{200d}',
            "zwnj" => '\u{200c}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// The digit chains of one line (`chars`, its characters with their byte
/// offsets), which starts at byte `offset` of the document, added to `out`;
/// with `across_lines`, of a text holding a line break, which then ends a
/// part of a chain (looked for among the site's identifiers only).
fn chains_in(
    line: &str,
    chars: &[(usize, char)],
    offset: usize,
    across_lines: bool,
    out: &mut Vec<(usize, String, bool)>,
) {
    let digit = |n: usize| chars.get(n).is_some_and(|(_, d)| d.is_ascii_digit());
    let mut k = 0;
    // Where the last digest ends: a chain that starts inside it (with the
    // digits that end it) is looked for among the site's identifiers
    // only, so that a digest ending in sixteen digits is no long run.
    let mut digest_end = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let starts_word = k == 0 || !chars[k - 1].1.is_ascii_alphanumeric();
        if starts_word && hex_digest_at(line, at) {
            // A digest (the provenance footer's) is no run of digits, but
            // digits written to look like one still hold no identifier of
            // the site: its digit groups and all its digits together are
            // looked for among them.
            let run = &line[at..at + 64];
            let mut from = 0;
            for group in run.split(|c: char| !c.is_ascii_digit()) {
                if group.len() >= 8 {
                    out.push((offset + at + from, group.to_string(), true));
                }
                from += group.len() + 1;
            }
            let all = digits_of(run);
            if all.len() >= 8 {
                out.push((offset + at, all, true));
            }
            // Past its last letter: digits that end it are read on, as the
            // start of a chain that may go on after it.
            let last_letter = run.rfind(|c: char| c.is_ascii_alphabetic()).unwrap_or(63);
            digest_end = k + 64;
            k += last_letter + 1;
            continue;
        }
        // Letters before the chain that look like digits (`l173...` with
        // a letter l for a leading one), read as those digits.
        let lead = if c.is_ascii_digit() {
            None
        } else {
            match leading_letters(chars, k) {
                Ok((read, starts, digit)) => {
                    k = digit;
                    Some((read, starts))
                }
                Err(past) => {
                    k = past;
                    continue;
                }
            }
        };
        let at = chars[k].0;
        let in_digest = k < digest_end;
        let mut digits = String::new();
        // The digits with letters read as the digits they look like
        // (`3173O5...` with a letter O for a zero), while a chain is joined
        // across letters.
        let mut read_as_digits = String::new();
        let mut across_letters = false;
        // The parts joined by single separators: each one's byte and its
        // digits' range in `digits`.
        let mut parts = vec![(at, 0)];
        let mut group = 0;
        // The groups of the part under way: each one's digits and the
        // separator after it.
        let mut groups: Vec<(usize, char)> = Vec::new();
        // Letters for digits that lead a part after other letters (`RW 2
        // no. lOO12345`): where, the digits they read as, and from which
        // digit of the chain they lead.
        let mut inner_leads: Vec<(usize, String, usize)> = Vec::new();
        while let Some(&(_, c)) = chars.get(k) {
            if c.is_ascii_digit() {
                digits.push(c);
                read_as_digits.push(c);
                group += 1;
                k += 1;
                continue;
            }
            // A few letters between digits (`3173a0501b...`, `3173O501...`,
            // `3173 l 0501...`) join the chain too, for the site's
            // identifiers only: once passed over, once read as the digits
            // they look like.
            if !across_lines {
                if let Some((letters, to)) = letters_between_digits(line, chars, k) {
                    read_as_digits.extend(letters.iter().filter_map(|&c| looks_like_digit(c)));
                    let mut trailing: Vec<char> = letters
                        .iter()
                        .rev()
                        .map_while(|&c| looks_like_digit(c))
                        .take(15)
                        .collect();
                    trailing.reverse();
                    for from in 0..trailing.len() {
                        let lead = trailing[from..].iter().collect();
                        inner_leads.push((chars[to].0, lead, digits.len()));
                    }
                    parts.push((chars[to].0, digits.len()));
                    groups.clear();
                    across_letters = true;
                    group = 0;
                    k = to;
                    continue;
                }
            }
            // Within a line, any run of characters that are neither
            // letters nor digits joins two groups (`3173 -- 0516 -- ...`):
            // the whole is looked for among the site's identifiers only.
            // Across a line break, at most [`MAX_GAP`] of them that are not
            // spaces or line breaks.
            let run = chars[k..]
                .iter()
                .take_while(|(_, c)| !c.is_alphanumeric() && (across_lines || *c != '\n'));
            let (gap, shown) = run.fold((0, 0), |(n, shown), (_, c)| {
                (n + 1, shown + usize::from(!c.is_whitespace()))
            });
            if (across_lines && shown > MAX_GAP) || !digit(k + gap) {
                break;
            }
            // A lone digit on either side (`3 173050...`, `... 000 1`,
            // digits spaced one by one) joins the chain too, but only as a
            // part of its own: the whole is looked for among the site's
            // identifiers, not taken for a long run.
            let lone = group < 2 || !digit(k + gap + 1);
            groups.push((group, c));
            // A date ends a part too (`01.01.2026 31.03.2026` is two dates,
            // not sixteen digits in a row), and so does a year before
            // another (`2024 2025 2026 2027`).
            let year = |from: usize| -> bool {
                let four: String = chars[from..]
                    .iter()
                    .take(5)
                    .map_while(|&(_, c)| c.is_ascii_digit().then_some(c))
                    .collect();
                four.len() == 4 && four.parse().is_ok_and(|y: u32| (1900..=2100).contains(&y))
            };
            let years = group == 4 && year(k - 4) && year(k + gap);
            if gap > 1
                || !separator(c)
                || lone
                || years
                || ends_a_date(&groups, &digits)
                || ends_a_time_or_amount(&groups, &digits)
            {
                parts.push((chars[k + gap].0, digits.len()));
                groups.clear();
            }
            group = 0;
            k += gap;
        }
        // The parts first: a refusal then names the identifier as written
        // where it stands on its own.
        let ends = parts
            .iter()
            .skip(1)
            .map(|&(_, from)| from)
            .chain([digits.len()]);
        for (&(at, from), to) in parts.iter().zip(ends) {
            if to - from >= 8 {
                out.push((offset + at, digits[from..to].to_string(), in_digest));
            }
        }
        // A chain followed by words of letters that all look like digits
        // (`...682O`, `... 0180 OOOl`) reads them as digits too.
        if !across_lines {
            let mut i = k;
            loop {
                let gap = chars[i..]
                    .iter()
                    .take_while(|(_, c)| !c.is_alphanumeric() && *c != '\n')
                    .count();
                // Only as far as the letters look like digits: a word of
                // other letters ends the reading there, and a long word is
                // not read to its end for every chain before it.
                let word = chars[i + gap..]
                    .iter()
                    .take_while(|&&(_, c)| looks_like_digit(c).is_some())
                    .count();
                let whole = chars
                    .get(i + gap + word)
                    .is_none_or(|(_, c)| !c.is_alphanumeric());
                let read: Option<String> = whole.then(|| {
                    chars[i + gap..i + gap + word]
                        .iter()
                        .filter_map(|&(_, c)| looks_like_digit(c))
                        .collect()
                });
                match read {
                    Some(read) if word > 0 => {
                        read_as_digits.push_str(&read);
                        across_letters = true;
                        i += gap + word;
                    }
                    _ => break,
                }
            }
        }
        // The chain with its leading letters is looked for after the
        // chain without them, from its last letter back to its first (the
        // letters may end a word: `no. lOO12345`), so that a refusal names
        // the identifier as written. An identifier shorter than sixteen
        // digits is only the whole of a run, so the starts more than
        // fifteen letters back are found in the whole lead only.
        let mut led: Vec<(usize, String)> = lead
            .map(|(lead, starts)| {
                let read = if across_letters {
                    &read_as_digits
                } else {
                    &digits
                };
                let n = starts.len();
                (0..n)
                    .rev()
                    .filter(|&from| from == 0 || n - from <= 15)
                    .map(|from| (starts[from], lead[from..].to_string() + read))
                    .collect()
            })
            .unwrap_or_default();
        led.extend(inner_leads.into_iter().map(|(at, lead, from)| {
            let to = digits.len().min(from + LEAD_READ);
            (at, lead + &digits[from..to])
        }));
        if across_letters && read_as_digits != digits && read_as_digits.len() >= 8 {
            out.push((offset + at, read_as_digits, true));
        }
        if parts.len() > 1 && digits.len() >= 8 {
            out.push((offset + at, digits, true));
        }
        for (from, led) in led.into_iter().filter(|(_, led)| led.len() >= 8) {
            out.push((offset + from, led, true));
        }
    }
}

/// How many of the digits after letters that lead a part of a chain
/// (`RW 2 no. lOO12345`) are read with them: more than the longest
/// identifier a site has, and few enough that a line of thousands of such
/// parts (`1O1O1O...`) is read in time proportional to its length.
const LEAD_READ: usize = 100;

/// Whether the last groups of `groups` (each one's digits and the
/// separator after it), ending at the end of `digits`, are a time of day
/// (`08.00` before a dash or a space: `08.00-12.00 13.00-15.00`) or an
/// amount with dots between its thousands (`100.000` or `1.250.000`
/// before a space: `Rp 100.000 200.000 300.000`), which ends a part of a
/// chain as a date does. Groups of two or three digits all joined by dots
/// (`31.73.05...`, `317.305...`) are neither.
fn ends_a_time_or_amount(groups: &[(usize, char)], digits: &str) -> bool {
    let Some(&(last, after)) = groups.last() else {
        return false;
    };
    if after == '.' {
        return false;
    }
    let before = &groups[..groups.len() - 1];
    // The groups joined by dots that end with the last one.
    let dotted = before.iter().rev().take_while(|(_, s)| *s == '.').count();
    if dotted == 0 {
        return false;
    }
    let number = |from: usize, n: usize| -> u32 {
        digits[digits.len() - from..digits.len() - from + n]
            .parse()
            .unwrap_or(u32::MAX)
    };
    let time = dotted == 1
        && last == 2
        && before[before.len() - 1].0 == 2
        && number(4, 2) <= 24
        && number(2, 2) <= 59
        && number(2, 2) % 5 == 0;
    let first = before[before.len() - dotted].0;
    let amount = last == 3
        && (1..=3).contains(&first)
        && before[before.len() - dotted + 1..]
            .iter()
            .all(|(n, _)| *n == 3);
    time || amount
}

/// Whether the last groups of `groups` (each one's digits and the
/// separator after it), ending at the end of `digits`, are a date:
/// day, month and year (`31.03.2026`, `31/03/2026`) or year, month and day
/// (`2026-03-31`), with one separator between them, a month from 1 to 12,
/// a day from 1 to 31 and a year from 1900 to 2100.
fn ends_a_date(groups: &[(usize, char)], digits: &str) -> bool {
    let [.., (a, s1), (b, s2), (c, _)] = groups else {
        return false;
    };
    if s1 != s2 || digits.len() < 8 {
        return false;
    }
    let number = |from: usize, n: usize| -> u32 {
        digits[digits.len() - from..digits.len() - from + n]
            .parse()
            .unwrap_or(0)
    };
    let (day, month, year) = match (a, b, c) {
        (2, 2, 4) => (number(8, 2), number(6, 2), number(4, 4)),
        (4, 2, 2) => (number(2, 2), number(4, 2), number(8, 4)),
        _ => return false,
    };
    (1..=31).contains(&day) && (1..=12).contains(&month) && (1900..=2100).contains(&year)
}

/// The most letters in a row a chain of digits is joined across
/// (`3173abc0501...`): more make a word, and a word between two numbers
/// parts them.
const MAX_LETTERS: usize = 3;

/// The digit a letter is written for: `O` and `o` for a zero, `I`, `l`
/// and `i` for a one; and so are these letters in other forms (bold,
/// italic, script, double-struck, circled: those whose compatibility
/// decomposition is the one letter) and a white circle for a zero.
fn looks_like_digit(c: char) -> Option<char> {
    if let Some(d) = looks_like_digit_as_written(c) {
        return Some(d);
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return None;
    }
    // The letter a compatibility decomposition starts with, when marks
    // above or below it are all that follow (`ó`, `Í`).
    let mut first = None;
    let mut marks_only = true;
    unicode_normalization::char::decompose_compatible(c, |d| match first {
        None => first = Some(d),
        Some(_) => marks_only &= unicode_normalization::char::is_combining_mark(d),
    });
    match first {
        Some(l) if l != c && marks_only => looks_like_digit_as_written(l),
        _ => None,
    }
}

/// [`looks_like_digit`] of the letters that are their own form.
fn looks_like_digit_as_written(c: char) -> Option<char> {
    match c {
        // Circles: white, large or medium; negative circled and squared
        // O; small capital O; Cyrillic monocular and narrow O; Coptic and
        // Lisu O.
        '\u{25CB}' | '\u{25EF}' | '\u{26AA}' | '\u{1F15E}' | '\u{1F17E}' | '\u{1D0F}'
        | '\u{A668}' | '\u{A669}' | '\u{1C82}' | '\u{2C9E}' | '\u{2C9F}' | '\u{A4F3}'
        | '\u{24AA}' => Some('0'),
        // A dental click, small capital I, iota-like and stroked or
        // middle-dot l, Cyrillic yi, negative circled I, parenthesized l,
        // fullwidth vertical line, Hebrew vav and Arabic alef.
        '\u{01C0}' | '\u{026A}' | '\u{0196}' | '\u{0269}' | '\u{0140}' | '\u{0142}'
        | '\u{0457}' | '\u{0407}' | '\u{1F158}' | '\u{24A7}' | '\u{FF5C}' | '\u{05D5}'
        | '\u{0627}' => Some('1'),
        // Latin, slashed, fullwidth, Greek, Cyrillic and Armenian O.
        'O' | 'o' | '\u{D8}' | '\u{F8}' | '\u{FF2F}' | '\u{FF4F}' | '\u{039F}' | '\u{03BF}'
        | '\u{041E}' | '\u{043E}' | '\u{0555}' | '\u{0585}' => Some('0'),
        // Latin, dotless, script, fullwidth, Greek and Cyrillic I and l,
        // the Cyrillic palochka and the Roman numerals one and fifty.
        'I' | 'l' | 'i' | '\u{0131}' | '\u{2113}' | '\u{FF29}' | '\u{FF4C}' | '\u{FF49}'
        | '\u{0399}' | '\u{03B9}' | '\u{0406}' | '\u{0456}' | '\u{04C0}' | '\u{04CF}'
        | '\u{2160}' | '\u{2170}' | '\u{217C}' => Some('1'),
        _ => None,
    }
}

/// At `k`, a character that is not a digit: when it starts words of
/// letters that all look like digits, within the line and up to a digit
/// (`l173...`, `O l 173...`), the digits they read as, each letter's byte
/// and where that digit is; otherwise `Err` with where to look on from.
/// Every word start inside a run that leads to no digit leads to none
/// either, so the caller skips the whole run and a line is read once.
fn leading_letters(
    chars: &[(usize, char)],
    k: usize,
) -> Result<(String, Vec<usize>, usize), usize> {
    if k > 0 && looks_like_digit(chars[k - 1].1).is_some() {
        return Err(k + 1);
    }
    let mut read = String::new();
    let mut starts = Vec::new();
    let mut i = k;
    loop {
        let word = i;
        while let Some(d) = chars.get(i).and_then(|&(_, c)| looks_like_digit(c)) {
            read.push(d);
            starts.push(chars[i].0);
            i += 1;
        }
        if i == word {
            break;
        }
        let gap = chars[i..]
            .iter()
            .take_while(|(_, c)| !c.is_alphanumeric() && *c != '\n')
            .count();
        match chars.get(i + gap) {
            Some((_, c)) if c.is_ascii_digit() => return Ok((read, starts, i + gap)),
            Some(&(_, c)) if gap > 0 && looks_like_digit(c).is_some() => i += gap,
            _ => break,
        }
    }
    Err(i.max(k + 1))
}

/// At `k`, past the digits of a chain within a line: the letters (any
/// that look like digits and at most [`MAX_LETTERS`] others, with
/// characters that are neither letters nor digits around them) up to the
/// next digit, and where that digit is; `None` when there are none, or
/// more, or a line break or the end of the line comes first, or the
/// letters start a sha256 digest.
fn letters_between_digits(
    line: &str,
    chars: &[(usize, char)],
    k: usize,
) -> Option<(Vec<char>, usize)> {
    let mut letters = Vec::new();
    let mut others = 0;
    for (i, &(at, c)) in chars.iter().enumerate().skip(k) {
        if letters.is_empty() && c.is_alphanumeric() && hex_digest_at(line, at) {
            return None;
        }
        if c.is_ascii_digit() {
            return (!letters.is_empty()).then_some((letters, i));
        }
        if c == '\n' {
            return None;
        }
        if c.is_alphanumeric() {
            if looks_like_digit(c).is_none() {
                others += 1;
                if others > MAX_LETTERS {
                    return None;
                }
            }
            letters.push(c);
        }
    }
    None
}

/// Whether a sha256 digest (64 lowercase hexadecimal characters standing
/// alone) starts at byte `i` of `text`.
fn hex_digest_at(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    // At most one past a digest's length is read, so that a long run of
    // such characters costs its length, not its square.
    let run = bytes[i..].iter().take(65).take_while(|b| hex(b)).count();
    let alone_after = bytes
        .get(i + run)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    // Sixty-four digits are a run of digits: a digest has letters (all but
    // one in 10^13 of them).
    run == 64 && alone_after && bytes[i..i + 64].iter().any(u8::is_ascii_alphabetic)
}

/// The parts of a document people read, with their byte offsets: all of a
/// text file, or the text between the tags of an HTML page (not the tags
/// and their attributes, not the style sheet).
fn readable(text: &str, html: bool) -> Vec<(usize, &str)> {
    if !html {
        return vec![(0, text)];
    }
    let mut out = Vec::new();
    let mut i = 0;
    let lower_at = |at: usize, what: &str| {
        text.get(at..at + what.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(what))
    };
    while i < text.len() {
        match text[i..].find('<') {
            None => {
                out.push((i, &text[i..]));
                break;
            }
            Some(lt) => {
                if lt > 0 {
                    out.push((i, &text[i..i + lt]));
                }
                let tag = i + lt;
                let skip_to = if lower_at(tag, "<style") {
                    text[tag..]
                        .to_ascii_lowercase()
                        .find("</style")
                        .map(|e| tag + e)
                } else {
                    Some(tag)
                };
                let from = skip_to.unwrap_or(text.len());
                i = match text[from..].find('>') {
                    Some(gt) => from + gt + 1,
                    None => text.len(),
                };
            }
        }
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_numbers_in_a_text_are_masked_and_short_ones_kept() {
        assert_eq!(
            super::mask_long_numbers("head_nik = '3173050101800001' AND rw IN (1, 2)"),
            "head_nik = '317305**********' AND rw IN (1, 2)"
        );
        assert_eq!(
            super::mask_long_numbers("welfare_decile <= 12345678"),
            "welfare_decile <= 123456**"
        );
        assert_eq!(super::mask_long_numbers("members >= 3"), "members >= 3");
        // Written in groups, as one number.
        assert_eq!(
            super::mask_long_numbers(
                "head_nik = '3173 0555 1163 9392' OR kk = '3173-0501-0180-0001'"
            ),
            "head_nik = '3173 05** **** ****' OR kk = '3173-05**-****-****'"
        );
        // Dates, and numbers in a list, stay.
        assert_eq!(
            super::mask_long_numbers("registered_on < DATE '2025-01-01' AND rw IN (1, 2)"),
            "registered_on < DATE '2025-01-01' AND rw IN (1, 2)"
        );
        assert_eq!(super::mask_long_numbers("3173 05"), "3173 05");
        assert_eq!(super::mask_long_numbers("x 12345678 9"), "x 123456** 9");
    }

    #[test]
    fn long_numbers_are_masked_as_the_gate_reads_digits_and_separators() {
        // Groups joined by an underscore, a no-break space, an en dash.
        assert_eq!(
            mask_long_numbers("kk = '3173_0501_0180_0001'"),
            "kk = '3173_05**_****_****'"
        );
        assert_eq!(
            mask_long_numbers("nik = '3173\u{a0}0555\u{a0}1163\u{a0}9392'"),
            "nik = '3173\u{a0}05**\u{a0}****\u{a0}****'"
        );
        assert_eq!(
            mask_long_numbers("'3173\u{2013}0501\u{2013}0180\u{2013}0001'"),
            "'3173\u{2013}05**\u{2013}****\u{2013}****'"
        );
        // Digits of another script, and a zero-width space inside a run.
        assert_eq!(
            mask_long_numbers(
                "x = '\u{ff13}\u{ff11}\u{ff17}\u{ff13}\u{ff10}\u{ff15}\u{ff10}\u{ff11}\u{ff10}'"
            ),
            "x = '\u{ff13}\u{ff11}\u{ff17}\u{ff13}\u{ff10}\u{ff15}***'"
        );
        assert_eq!(
            mask_long_numbers("x <= 1234\u{200b}5678"),
            "x <= 1234\u{200b}56**"
        );
        // What the gate reads as no run stays as it was.
        assert_eq!(mask_long_numbers("1234_5678"), "1234_5678");
        assert_eq!(mask_long_numbers("\u{200b}12 3"), "\u{200b}12 3");
        // Every text the gate finds a run of sixteen digits in is masked.
        for text in [
            "a 3173_0501_0180_0001 b",
            "3173\u{202f}0501\u{202f}0180\u{202f}0001",
            "\u{0663}\u{0661}\u{0667}\u{0663}0501\u{200d}01800001",
        ] {
            assert!(has_digit_chain(text, 16), "{text:?}");
            let masked = mask_long_numbers(text);
            assert!(!has_digit_chain(&masked, 16), "{text:?} -> {masked:?}");
        }
    }

    use super::*;

    #[test]
    fn ids_keep_only_region_digits() {
        assert_eq!(mask_id("3173050101800001"), "317305**********");
        assert_eq!(mask_id("3173-0501-0180"), "3173-05**-****");
        assert_eq!(mask_id("H-001"), "H-001");
    }

    #[test]
    fn names_are_shortened() {
        assert_eq!(mask_name("Siti Aminah"), "Siti A.");
        assert_eq!(mask_name("Budi  Santoso Wijaya"), "Budi S. W.");
        assert_eq!(mask_name("Suparman"), "Sup*****");
        assert_eq!(mask_name("Ani"), "Ani*");
        assert_eq!(mask_name("  "), "");
    }

    fn doc<'a>(
        name: &'a str,
        text: &'a str,
        columns: &'a [&'a str],
        digit_runs: bool,
    ) -> Document<'a> {
        Document {
            name,
            text,
            columns,
            digit_runs,
        }
    }

    fn ids() -> Gate<'static> {
        let at = |line, column| Origin {
            file: "households.csv".into(),
            line,
            column,
        };
        Gate::new([
            ("3173050101800001".to_string(), at(2, "head_nik")),
            ("H-1".to_string(), at(3, "household_id")),
        ])
    }

    #[test]
    fn gate_refuses_full_identifiers_and_forbidden_fields() {
        let gate = ids();
        assert!(gate
            .check(&doc("n.csv", "KK 317305**********", &["rw"], true))
            .is_ok());
        let err = gate
            .check(&doc("n.csv", "x\n y 1234567890123456 y", &[], true))
            .unwrap_err();
        assert!(err.0.contains("n.csv"), "{err}");
        assert!(err.0.contains("line 2, column 4"), "{err}");
        // 15 digits pass the run check, and so does a sha256 digest.
        assert!(gate
            .check(&doc("n.csv", "123456789012345", &[], true))
            .is_ok());
        let digest = "d94d5e3a8d6e1f0b9a7e1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcd";
        assert!(gate.check(&doc("r.html", digest, &[], true)).is_ok());
        assert!(gate
            .check(&doc("r.html", "<td>1234567890123456</td>", &[], true))
            .is_err());
        // The site's own identifiers are caught even where long runs are
        // allowed, and named by where they were read.
        let err = gate
            .check(&doc("i.csv", "0.12,3173050101800001", &[], false))
            .unwrap_err();
        assert!(err.0.contains("317305**********"), "{err}");
        assert!(
            err.0.contains("households.csv line 2, column head_nik"),
            "{err}"
        );
        assert!(gate
            .check(&doc("i.csv", "0.35714285714285715", &[], false))
            .is_ok());
        assert!(gate
            .check(&doc("i.csv", "NIK3173050101800001,", &[], false))
            .is_err());
        let err = gate
            .check(&doc("n.csv", "", &["rw", "Alamat"], true))
            .unwrap_err();
        assert!(err.0.contains("Alamat"), "{err}");
    }

    /// Identifiers are known by their digits, leading zeros included; one
    /// of more than nineteen digits (kept as text) is found too, inside a
    /// longer run as well; the first place an identifier is read is named.
    #[test]
    fn identifiers_are_known_by_all_their_digits() {
        let at = |line, column| Origin {
            file: "households.csv".into(),
            line,
            column,
        };
        let gate = Gate::new([
            ("KK-0012345678", at(2, "household_id")),
            ("0012345678", at(9, "head_nik")),
            ("1234-5678-9012-3456-7890-1", at(3, "head_nik")),
            ("1234567", at(4, "household_id")),
        ]);
        let known = |text: &str| gate.check(&doc("i.csv", text, &[], false));
        let err = known("a 0012345678 b").unwrap_err();
        assert!(err.0.contains("households.csv line 2"), "{err}");
        // The same digits without the leading zeros are another number.
        assert!(known("a 12345678 b").is_ok());
        assert!(known("a 012345678 b").is_ok());
        // Seven digits are no identifier; 21 digits are, alone or inside a
        // longer run.
        assert!(known("1234567").is_ok());
        assert!(known("123456789012345678901")
            .unwrap_err()
            .0
            .contains("line 3"));
        assert!(known("91234567890123456789019").is_err());
        assert!(known("12345678901234567890").is_ok());
    }

    /// Identifiers added a column at a time are known as when added one by
    /// one: by the first place each is read, a short one not at all.
    #[test]
    fn identifiers_added_by_column_are_those_added_one_by_one() {
        let mut columns: Vec<(&str, Vec<(String, u64)>)> =
            vec![("household_id", Vec::new()), ("head_nik", Vec::new())];
        for i in 0..3000u64 {
            // Repeats within a column and across the two columns.
            let id = format!("3173{:012}", (i * 7_919) % 2_500);
            columns[usize::from(i % 3 == 0)].1.push((id, i + 2));
        }
        columns[0].1.extend([
            ("1234567".to_string(), 1),
            ("KK-0012345678".to_string(), 2),
            ("1234-5678-9012-3456-7890-1".to_string(), 3),
            ("1234-5678-9012-3456-7890-1".to_string(), 4),
        ]);
        let file: Arc<str> = "households.csv".into();
        let mut one_by_one = Gate::default();
        let mut by_column = Gate::default();
        for (column, ids) in &columns {
            for (id, line) in ids {
                let origin = Origin {
                    file: file.clone(),
                    line: *line,
                    column,
                };
                one_by_one.add(id, origin);
            }
            let ids: Vec<(&str, u64)> = ids.iter().map(|(id, l)| (id.as_str(), *l)).collect();
            by_column.add_read(file.clone(), column, &ids);
        }
        assert_eq!(by_column.long, one_by_one.long);
        let mut asked = 0;
        for (_, ids) in &columns {
            for (id, _) in ids {
                let digits = digits_of(id);
                let found = by_column.known_in(&digits);
                assert_eq!(found, one_by_one.known_in(&digits), "{id}");
                asked += usize::from(found.is_some());
            }
        }
        assert_eq!(asked, 3003);
        assert_eq!(by_column.known_in("1234567"), None);
    }

    #[test]
    fn digits_are_found_across_letters_spaces_dots_and_dashes() {
        let gate = ids();
        for text in [
            "x5555444433332222",
            "3173 0516 1165 6829",
            "3173.0516.1165.6829",
            "3173-0516-1165-6829",
            "NIK:3173\u{a0}0516\u{a0}1165\u{a0}6829.",
            "<p>Nama <b>x</b> 31 73 05 16 11 65 68 29</p>",
            "3173/0516/1165/6829",
            "3173_0516_1165_6829",
            "3173\u{2013}0516\u{2013}1165\u{2013}6829",
            // Characters nobody sees between the digits, and digits of
            // other scripts.
            "3173\u{200b}0516\u{200b}1165\u{200b}6829",
            "3173\u{ad}0516\u{ad}1165\u{ad}6829",
            "\u{ff13}\u{ff11}\u{ff17}\u{ff13}\u{ff10}\u{ff15}\u{ff11}\u{ff16}1165 6829",
            "\u{663}\u{661}\u{667}\u{663}\u{660}\u{665}\u{661}\u{666}\u{661}\u{661}\u{666}\u{665}\u{666}\u{668}\u{662}\u{669}",
            "\u{1d7d1}\u{1d7cf}\u{1d7d5}\u{1d7d1} 0516 1165 6829",
        ] {
            assert!(
                gate.check(&doc("r.html", text, &[], true)).is_err(),
                "{text}"
            );
        }
        // A site's identifier written in groups is still that identifier,
        // and so is one inside a longer run of digits.
        for text in [
            "3173 0501 0180 0001",
            "7 3173 0501 0180 0001 71",
            "9931730501018000017",
            "3173 - 0501 - 0180 - 0001",
            "Siti (3173, 0501, 0180, 0001)",
            "\"3173,0501,0180,0001 Siti\"",
        ] {
            let err = gate.check(&doc("i.csv", text, &[], false)).unwrap_err();
            assert!(err.0.contains("households.csv line 2"), "{text}: {err}");
        }
        // Money, dates and phone numbers stay below 16 digits; digits in
        // tags, attributes and the style sheet are not read.
        for text in [
            "Rp 1.234.567.890.123",
            "2026-01-15, 2026-03-31",
            "2026-01-15 - 2026-03-31, 2026-04-01 / 2026-06-30",
            "Rp 1.500.000, Rp 2.000.000, 1.234, 5.678, 9.012, 3.456",
            "0812-0000-0000",
            "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6",
            "<svg><path d=\"M 1234.5 6789.0 L 1234.5 6789.0 1234.5\"/></svg>",
            "<style>.a{width:1234567890123456px}</style><p>ok</p>",
        ] {
            assert!(
                gate.check(&doc("r.html", text, &[], true)).is_ok(),
                "{text}"
            );
        }
    }

    /// A page (its text between tags, read as runs) and a CSV export.
    const AS_PAGE_AND_EXPORT: [(&str, bool); 2] = [("n.html", true), ("i.csv", false)];

    /// `text` is refused in a page and in an export, showing the site's
    /// identifier masked.
    fn refused_as_page_and_export(gate: &Gate, text: &str) {
        refused_showing(gate, text, "317305**********");
    }

    /// `text` passes in a page and in an export.
    fn passed_as_page_and_export(gate: &Gate, text: &str) {
        for (name, runs) in AS_PAGE_AND_EXPORT {
            assert!(gate.check(&doc(name, text, &[], runs)).is_ok(), "{text}");
        }
    }

    /// `text` is refused in a page and in an export, showing `shown`.
    fn refused_showing(gate: &Gate, text: &str, shown: &str) {
        for (name, runs) in AS_PAGE_AND_EXPORT {
            let err = gate.check(&doc(name, text, &[], runs));
            let err = err
                .err()
                .unwrap_or_else(|| panic!("{text:?} passed in {name}"));
            assert!(err.0.contains(shown), "{text}: {err}");
        }
    }

    /// A gate that knows one identifier, read from the registry's line 2.
    fn knowing(id: &str, column: &'static str) -> Gate<'static> {
        Gate::new([(
            id.to_string(),
            Origin {
                file: "households.csv".into(),
                line: 2,
                column,
            },
        )])
    }

    /// A site identifier is caught however its digits are written: in
    /// fullwidth or Arabic-Indic digits, with a lone digit set apart, or
    /// spaced digit by digit; other digits spaced one by one are no run.
    #[test]
    fn identifiers_in_other_digits_or_with_lone_digits_are_caught() {
        let gate = ids();
        for text in [
            "Budi \u{ff13}\u{ff11}\u{ff17}\u{ff13}\u{ff10}\u{ff15}\u{ff10}\u{ff11}\u{ff10}\u{ff11}\u{ff18}\u{ff10}\u{ff10}\u{ff10}\u{ff10}\u{ff11}",
            "\u{663}\u{661}\u{667}\u{663}\u{660}\u{665}\u{660}\u{661}\u{660}\u{661}\u{668}\u{660}\u{660}\u{660}\u{660}\u{661}",
            "Budi 3 173050101800001",
            "317305010180000 1",
            "3173 0501 0180 000 1",
            "3 1 7 3 0 5 0 1 0 1 8 0 0 0 0 1",
            "3, 1, 7, 3, 0, 5, 0, 1, 0, 1, 8, 0, 0, 0, 0, 1",
            // Any run of characters other than letters between groups,
            // and digits written as superscripts, subscripts or circled.
            "3173 -- 0501 -- 0180 -- 0001",
            "3173 ====== 0501 ;;;;;; 0180 ...... 0001",
            "\u{b3}\u{b9}\u{2077}\u{b3}0501 0180 0001",
            "\u{2083}\u{2081}\u{2087}\u{2083} 0501 0180 0001",
            "\u{2462}\u{2460}\u{2466}\u{2462} 0501 0180 0001",
            "\u{248a}\u{2488}\u{248e}\u{248a} 0501 0180 0001",
            "三一七三〇五〇一〇一八〇〇〇〇一",
            "\u{2778}\u{2776}\u{277c}\u{2778}\u{24ff}\u{277a}\u{24ff}\u{2776}\u{24ff}\u{2776}\u{277d}\u{24ff}\u{24ff}\u{24ff}\u{24ff}\u{2776}",
            "\u{2782}\u{2780}\u{2786}\u{2782} 0501 0180 0001",
            "\u{278c}\u{278a}\u{2790}\u{278c} 0501 0180 0001",
            "\u{24f7}\u{24f5}\u{24fb}\u{24f7} 0501 0180 0001",
            "<tr><td class=\"num\">1</td><th scope=\"row\">Budi ３１７３０５０１０１８００００１</th><td class=\"num\">1</td>",
        ] {
            refused_as_page_and_export(&gate, text);
        }
        for text in [
            "1 2 3 4 5 6 7 8 1 2 3 4 5 6 7 8",
            "1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7",
            "RT 3 12345678901234 5",
        ] {
            assert!(
                gate.check(&doc("n.html", text, &[], true)).is_ok(),
                "{text}"
            );
        }
    }

    /// A site identifier with a few letters among its digits, or with
    /// letters written for digits (`O` for a zero, `l` for a one), is
    /// caught; letters do not join other numbers into a long run, nor
    /// a number to a digest.
    #[test]
    fn identifiers_with_letters_among_or_for_digits_are_caught() {
        let gate = ids();
        for text in [
            "3173a0501b0180c0001",
            "3173 x 0501 y 0180 z 0001",
            "3173ab0501cde01800001",
            "3173O5O1O18OOOO1",
            "3173o501 0180 000l",
            "3173 O5Ol OI8O OOOl",
            "Budi (3173-0501-0180-OOO1)",
            "31730501018000Ol",
        ] {
            refused_as_page_and_export(&gate, text);
        }
        let digest = "d94d5e3a8d6e1f0b9a7e1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcd";
        for text in [
            // Two dates one after the other.
            "Bantuan periode 01.01.2026 31.03.2026",
            "periode 2026-01-01 2026-03-31",
            "01/01/2026 31/03/2026 01/04/2026",
            // A word of four letters parts the numbers.
            "3173 abcd 0501 0180 0001",
            "3173abcd050101800001",
            "12345678 a 12345678",
            "RT 001 RW 005 no 12 ke 3 dari 1000 orang",
            // Times of day and amounts with dots between thousands.
            "Layanan 08.00-12.00 13.00-15.00",
            "Jam 08.00 10.00 13.00 15.00 16.30",
            "Paket Rp 100.000 200.000 300.000 1.250.000",
            &format!("sha256 1234 {digest}"),
        ] {
            passed_as_page_and_export(&gate, text);
        }
        // A number not the site's, in the groups people write a NIK in,
        // is still a run of sixteen digits.
        for text in [
            "NIK 3174.0501.0180.0002",
            "NIK 3174 0501 0180 0002",
            "NIK 317405 010180 0002",
            "NIK 317.405.010.180.0002",
            "NIK 31.74.05.01.01.80.00.02",
        ] {
            let err = gate.check(&doc("n.html", text, &[], true));
            let err = err.err().unwrap_or_else(|| panic!("{text} passed"));
            assert!(err.0.contains("16 digits in a row"), "{text}: {err}");
        }
    }

    #[test]
    fn identifiers_led_by_letters_for_digits_are_caught() {
        let gate = knowing("1173050101800001", "head_nik");
        for text in [
            "l173050101800001",
            "NIK: l173 0501 0180 0001",
            "I l73-0501-0180-0001",
            "NIKl173050101800001",
            "(Il73050101800001)",
            "Bantuan no. l173050101800001",
        ] {
            refused_showing(&gate, text, "117305**********");
        }
        // A word of such letters on the line before, as a number written
        // over two lines of a cell: the run read is named.
        refused_showing(&gate, "Ol\n173050101800001", "011730***********");
        for text in [
            "bila 173050101800001",
            "o 173050101800001",
            "173050101800001 l",
        ] {
            passed_as_page_and_export(&gate, text);
        }
        // Letters that end a word lead a short identifier too, and other
        // scripts' letters that look like O and l are read as digits.
        let short = knowing("10012345", "household_id");
        for text in [
            "Bantuan no. lOO12345",
            "Bantuan ini lOO12345",
            "rumah tangga no. lOO12345",
            "RW 2 no. lOO12345",
            "Tahap 2: lOO12345",
            "5 lOO12345",
        ] {
            refused_showing(&short, text, "100123**");
        }
        for text in [
            "Bantuan \u{0406}l73050101800001",
            "\u{2160}173050101800001",
            "\u{FF4C}173 0501 0180 0001",
            "\u{0456} 173050101800001",
            "\u{0131}173 \u{D8}5\u{F8}1 0180 0001",
            "\u{2113}173050101800001",
            "\u{217C}173 0501 0180 \u{0555}\u{0585}01",
        ] {
            for (name, runs) in AS_PAGE_AND_EXPORT {
                assert!(gate.check(&doc(name, text, &[], runs)).is_err(), "{text}");
            }
        }
        // Words of such letters that lead to no digit are read once: a
        // long line of them takes no longer than its length.
        let line = "o l i ".repeat(100_000);
        let started = std::time::Instant::now();
        passed_as_page_and_export(&gate, &line);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    /// Two dates one after the other are no run of sixteen digits; digits
    /// that only look like dates in part still are.
    #[test]
    fn dates_part_a_run_of_digits() {
        let gate = ids();
        for text in [
            "01.01.2026 31.03.2026",
            "2026-01-01 2026-03-31",
            "Jadwal 15.01.2026 15.02.2026 15.03.2026",
            "Renstra 2024 2025 2026 2027",
        ] {
            assert!(
                gate.check(&doc("n.html", text, &[], true)).is_ok(),
                "{text}"
            );
        }
        for text in [
            "31.13.2026 01.01.2026",
            "01.01-2026 31.03.2026",
            "1111.2222.3333.4444",
            "01.01.2026 0000000000000000",
            // A NIK of province 19, regency 71: 1971 reads as a year, 0505
            // does not.
            "1971 0505 0575 0005",
        ] {
            let err = gate.check(&doc("n.html", text, &[], true)).unwrap_err();
            assert!(err.0.contains("digits in a row"), "{text}: {err}");
        }
        // A long run is shown by its start only.
        let err = gate
            .check(&doc("n.html", &"9".repeat(100_000), &[], true))
            .unwrap_err();
        assert!(
            err.0
                .contains("100000 digits in a row (999999****************...)"),
            "{err}"
        );
        assert!(err.0.len() < 300, "{err}");
    }

    /// Sixty-four characters that could be a sha256 digest are no run of
    /// digits, but a site's identifier inside them is refused; a long run
    /// of such characters is read in its length.
    #[test]
    fn identifiers_inside_what_looks_like_a_digest_are_caught() {
        let gate = ids();
        let nik = "3173050101800001";
        // Sixty-four digits, with no letter, are a run of digits.
        let err = gate
            .check(&doc("n.html", &"3173051611656829".repeat(4), &[], true))
            .unwrap_err();
        assert!(err.0.contains("64 digits in a row"), "{err}");
        // A site's number that starts at the end of such a run.
        refused_as_page_and_export(&gate, &format!("{}31730501 01800001", "a".repeat(56)));
        for text in [
            nik.repeat(4),
            format!("{nik}{}", "0".repeat(48)),
            format!("membatik {nik}{}", "a".repeat(48)),
            format!("3173a0501b0180c0001{}", "d".repeat(45)),
        ] {
            assert_eq!(text.trim_start_matches("membatik ").len(), 64);
            refused_as_page_and_export(&gate, &text);
        }
        let digest = "d94d5e3a8d6e1f0b9a7e1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcd";
        passed_as_page_and_export(&gate, digest);
        // A digest whose last sixteen characters or more are digits (one
        // in a few hundred) is no run of digits either, in a footer.
        let ending_in_digits = "3e4a9c1f0b7d2e6a8c5b1d9f0e3a7c2b4d6e8f014910992545902718";
        assert_eq!(ending_in_digits.len(), 56);
        for text in [
            format!("sha256 d94d5e3a{ending_in_digits}"),
            format!("<footer>sha256 d94d5e3a{ending_in_digits}</footer>"),
            format!(
                "sha256 d94d5e3a3e4a9c1f0b7d2e6a8c5b1d9f0e3a7c2b4de1a9{}",
                "7".repeat(18)
            ),
        ] {
            passed_as_page_and_export(&gate, &text);
        }
        let started = std::time::Instant::now();
        for long in [
            "1a".repeat(200_000),
            "1abcd".repeat(60_000),
            // Letters for digits leading thousands of parts of one chain.
            "1O".repeat(100_000),
        ] {
            passed_as_page_and_export(&gate, &long);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn chains_are_read_line_by_line_at_their_offsets() {
        // No chain crosses a line break; each is found at its byte in the
        // whole document, after lines of other lengths and of characters
        // wider than a byte; a digest on a line of its own is no run.
        let digest = "ab".repeat(32);
        let text = format!("a,1234\n5678,b\n\u{a0}3173 0516 1165 6829\r\n{digest}\nx 12345678\n");
        let second = text.find("3173").unwrap_or(0);
        let last = text.find("12345678").unwrap_or(0);
        assert_eq!(
            digit_chains(&text, false),
            vec![
                // Across the first line break, for the site's identifiers only.
                (2, "12345678".to_string(), true),
                (second, "3173051611656829".to_string(), false),
                (last, "12345678".to_string(), false),
            ]
        );
        // In a page, lines of text between tags are read the same way.
        let page = "<p>\n31730516\n11656829</p><p>3173 0516 1165 6829</p>";
        let at = page.rfind("3173").unwrap_or(0);
        assert_eq!(
            digit_chains(page, true),
            vec![
                (4, "31730516".to_string(), false),
                (13, "11656829".to_string(), false),
                (4, "3173051611656829".to_string(), true),
                (at, "3173051611656829".to_string(), false),
            ]
        );
    }

    /// A page shows a character reference as its character, and a cell's
    /// line break as a space: a registry number written with either is
    /// the number a reader sees.
    #[test]
    fn identifiers_behind_references_or_over_line_breaks_are_caught() {
        let gate = ids();
        for (name, text) in [
            ("n.html", "<td>Budi 3173&#x2F;0501&#x2F;0180&#x2F;0001</td>"),
            ("n.html", "<td>Budi 3173&#47;0501&#47;0180&#47;0001</td>"),
            ("n.html", "<p>3173&#x27;0501&#x27;0180&#x27;0001</p>"),
            ("n.html", "<p>3173&amp;0501&amp;0180&amp;0001</p>"),
            ("n.html", "<p>3173&nbsp;0501&nbsp;0180&nbsp;0001</p>"),
            ("n.html", "<p>&#51;&#49;&#55;&#51;050101800001</p>"),
            ("n.html", "<p>Budi 3173 0501\n0180 0001</p>"),
            ("n.csv", "a,\"membatik 3173 0501\n0180 0001\",1\n"),
            ("n.csv", "a,\"membatik 3173050101800001\",1\n"),
            ("n.csv", "x,\"31730501\r\n01800001\"\n"),
            // Blank lines between the parts, which a page does not show.
            (
                "n.html",
                "<th scope=\"row\">Budi 31730501\n\n\n\n01800001</th>",
            ),
            ("n.csv", "x,\"3173 0501\n  \n\n0180 0001\"\n"),
            // Spaces around the line break, and a line of a dash or of a
            // character nobody sees between the parts.
            ("n.csv", "a,\"31730501  \n  01800001\"\n"),
            ("n.html", "<p>3173 0501\n-\n0180 0001</p>"),
            ("n.html", "<p>3173 0501\n\u{200b}\n0180 0001</p>"),
            // Over three lines or more, down to one digit per line.
            ("n.html", "<p>Bantuan 3173\n0501\n0180\n0001</p>"),
            ("n.csv", "a,\"3173\n05010180\n0001\"\n"),
            (
                "n.html",
                "<p>3\n1\n7\n3\n0\n5\n0\n1\n0\n1\n8\n0\n0\n0\n0\n1</p>",
            ),
        ] {
            let err = gate.check(&doc(name, text, &[], false));
            assert!(err.is_err(), "{text:?} passed");
            let err = err.unwrap_err();
            assert!(err.0.contains("317305**********"), "{err}");
        }
        // However many blank lines or spaces stand between the parts.
        let blank = format!("<p>3173 0501{}0180 0001</p>", "\n".repeat(80));
        let spaces = format!(
            "x,\"31730501{}\n{}01800001\"\n",
            " ".repeat(100),
            " ".repeat(100)
        );
        let lines = format!(
            "x,\"3173{0}0501{0}\u{200b}{0}0180 {0}0001\"\n",
            "  \n".repeat(500)
        );
        for (name, text) in [("n.html", &blank), ("n.csv", &spaces), ("n.csv", &lines)] {
            let err = gate
                .check(&doc(name, text, &[], false))
                .err()
                .unwrap_or_else(|| panic!("{:?} passed", &text[..40]));
            assert!(err.0.contains("317305**********"), "{err}");
        }
        // A long stretch of blank lines between single digits is read
        // once, not once for each digit after it.
        let digits = "1\n".repeat(20) + &format!("{}\n", " ".repeat(100_000)).repeat(100);
        let started = std::time::Instant::now();
        assert!(gate.check(&doc("n.csv", &digits, &[], false)).is_ok());
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        // Other numbers on lines one after the other, and references
        // that are no digits, pass.
        for (name, text) in [
            ("n.csv", "a,31730501\n01800002,b\n"),
            ("n.html", "<p>3173&lt;0501&gt;0180&quot;0002 &amp; 12</p>"),
            ("n.html", "<p>&#x;&#;&bogus;3173 &unknown; 0501</p>"),
        ] {
            assert!(gate.check(&doc(name, text, &[], false)).is_ok(), "{text:?}");
        }
    }

    /// The letters people write for digits are read in their other forms
    /// too (bold, italic, script, double-struck, circled, a white circle
    /// for a zero), and words of them are read as digits across a line
    /// break as within a line.
    #[test]
    fn letters_for_digits_in_other_forms_and_over_line_breaks_are_caught() {
        let gate = ids();
        for text in [
            // Accented, small capital, negative circled, Cyrillic and
            // Coptic letters for digits.
            "Budi 3173 \u{F3}5\u{F2}1 0180 \u{1D0F}\u{1F15E}\u{A668}\u{CD}",
            "Budi 3173 05\u{2C9E}\u{0142} \u{2C9F}\u{026A}8\u{1F17E} 000\u{01C0}",
            // Digits of the Kawi and Nag Mundari scripts.
            "Budi \u{11F53}\u{11F51}\u{11F57}\u{11F53} 0501 0180 \u{1E4F0}\u{1E4F0}\u{1E4F0}\u{1E4F1}",
            // Mathematical bold capital O and italic small l.
            "Budi 3173 0501 0180 \u{1D40E}\u{1D40E}\u{1D40E}\u{1D459}",
            // Double-struck O, script small l, circled O, white circles.
            "Budi 3173 0501 0180 \u{1D546}\u{1D546}\u{1D546}1",
            "Budi 3173 0501 0180 000\u{1D4C1}",
            "Budi 3173 0501 0180 \u{24C4}\u{24C4}\u{24C4}1",
            "Budi 3173 \u{25CB}5\u{25CB}1 \u{25CB}18\u{25CB} \u{25EF}\u{25EF}\u{25EF}1",
            // Words of such letters over line breaks.
            "3173\n0501\n0180\nOOO1",
            "3173 0501\nOl8O OOOl",
            "NIK: 3173\nO5Ol\nOl8O\nOOOl",
            "3173 0501\n\u{1D40E}\u{1D459}8\u{1D40E} 0001",
        ] {
            refused_as_page_and_export(&gate, text);
        }
        let gate = knowing("10012345", "household_id");
        for text in ["Bantuan no.\nlOO\n12345", "Bantuan no.\nlOO12\n345"] {
            refused_showing(&gate, text, "100123**");
        }
        // Words of other letters over a line break, and words whose
        // letters look like digits beside other numbers, pass.
        let gate = ids();
        for text in [
            "3173 0501\n0180 Oleh 0001",
            "Oli\n3173 0501 0180",
            "\u{1D40E}\u{1D40E}\n3173 0501 and 0180",
        ] {
            passed_as_page_and_export(&gate, text);
        }
    }

    /// An identifier is known by its digits however the input wrote them:
    /// a registry row rejected for a NIK in fullwidth digits, or with a
    /// letter O for a zero, still has its NIK kept from every page.
    #[test]
    fn identifiers_are_known_in_other_digits_and_with_letters_for_digits() {
        for id in [
            "\u{ff13}\u{ff11}\u{ff17}\u{ff13}\u{ff10}\u{ff15}\u{ff10}\u{ff11}\u{ff10}\u{ff11}\u{ff18}\u{ff10}\u{ff10}\u{ff10}\u{ff10}\u{ff11}",
            "3173O5O1O18OOOO1",
            "3173 05Ol 0180 000l",
        ] {
            let gate = knowing(id, "head_nik");
            refused_as_page_and_export(&gate, "Budi 3173050101800001");
            refused_as_page_and_export(&gate, "Budi 3173 O5O1 0180 0001");
            let mut by_column = Gate::default();
            by_column.add_read("households.csv".into(), "head_nik", &[(id, 2)]);
            refused_as_page_and_export(&by_column, "Budi 3173050101800001");
        }
        // With other letters too, a NIK's letters for digits are read as
        // digits as well.
        for id in ["3173O5O1O18OOOO1z", "3173\u{1F15E}5O1O18OOOO1 KK"] {
            let gate = knowing(id, "head_nik");
            refused_as_page_and_export(&gate, "Budi 3173 - 0501 - 0180 - 0001");
            let mut by_column = Gate::default();
            by_column.add_read("households.csv".into(), "head_nik", &[(id, 2)]);
            refused_as_page_and_export(&by_column, "Budi 3173 - 0501 - 0180 - 0001");
        }
        // Other letters in an identifier are passed over, and those that
        // look like digits are then not read as digits (but for a NIK's
        // sixteen digits).
        assert_eq!(id_digits("DURI-0012345678"), "0012345678");
        assert_eq!(id_digits("Io-12345678"), "1012345678");
        assert_eq!(id_digits("3173050101800001"), "3173050101800001");
        assert!(matches!(id_digits("H-12345678"), Cow::Borrowed(_)));
        let id_read_too = |id: &str| id_read_too(id, &id_digits(id));
        assert_eq!(id_read_too("DURI-0012345678"), None);
        assert_eq!(id_read_too("3173050101800001"), None);
        assert_eq!(
            id_read_too("NIK 3173O5O1O18OOOO1").as_deref(),
            Some("13173050101800001")
        );
    }

    #[test]
    fn a_reference_reads_as_its_character() {
        assert_eq!(reference("&#x2F;1"), Some(('/', 6)));
        assert_eq!(reference("&#47;"), Some(('/', 5)));
        assert_eq!(reference("&amp;x"), Some(('&', 5)));
        assert_eq!(reference("&#x110000;"), None);
        assert_eq!(reference("& 1;"), None);
        assert_eq!(reference("&amp"), None);
        let mut chars = Vec::new();
        seen_chars("1&#x2F;\u{200b}2", true, &mut chars);
        assert_eq!(chars, vec![(0, '1'), (1, '/'), (10, '2')]);
        seen_chars("1&#x2F;2", false, &mut chars);
        assert_eq!(chars.len(), 8);
    }

    #[test]
    fn a_refused_run_names_the_input_that_carried_it() {
        let gate = ids().locating(Box::new(|digits: &str| {
            (digits == "5555444433332222")
                .then(|| "trainings.csv line 4, column participant_name".to_string())
        }));
        let err = gate
            .check(&doc("r.html", "<td>Ani x5555444433332222</td>", &[], true))
            .unwrap_err();
        assert!(
            err.0
                .contains("it comes from trainings.csv line 4, column participant_name"),
            "{err}"
        );
    }
}
