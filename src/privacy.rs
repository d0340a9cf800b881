//! Personal data in public outputs. Reports, notices and exports are printed,
//! pinned on notice boards and passed around, so they never show a full NIK
//! or family-card (KK) number, and the recipient notice never shows fields
//! that are nobody else's business (address, disability, health).
//!
//! Two layers: the masking helpers here are what the outputs use, and the
//! [`Gate`] checks every finished document before it is written. A document
//! that would leak is refused as a whole: the run exits with code 2 and
//! writes nothing.

use std::collections::BTreeSet;

use crate::problem::InvalidInput;

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
/// shown as they are.
pub fn mask_id(id: &str) -> String {
    let digits = id.chars().filter(char::is_ascii_digit).count();
    if digits < 8 {
        return id.to_string();
    }
    let mut seen = 0;
    id.chars()
        .map(|c| {
            if c.is_ascii_digit() {
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
    /// Check for runs of 16 or more digits (apart from letters). Off only for the machine-readable
    /// indicator table, whose floating-point values have long digit runs;
    /// the site's own identifiers are still looked for in it.
    pub digit_runs: bool,
}

/// Checks public documents before they are written.
#[derive(Debug, Default)]
pub struct Gate {
    /// Every NIK and KK-like identifier of the site (8 or more digits).
    identifiers: BTreeSet<String>,
}

impl Gate {
    /// A gate that knows the site's identifiers, so it also catches them in
    /// documents where long digit runs are allowed.
    pub fn new(identifiers: impl IntoIterator<Item = String>) -> Gate {
        Gate {
            identifiers: identifiers
                .into_iter()
                .filter(|id| id.chars().filter(char::is_ascii_digit).count() >= 8)
                .collect(),
        }
    }

    /// The first of the site's identifiers that stands in `text`, as a word
    /// (a run of letters, digits, `-` and `_`) or as a run of digits inside
    /// one. One pass over the text with set lookups, so large exports of
    /// large sites stay fast.
    fn known_identifier(&self, text: &str) -> Option<&str> {
        if self.identifiers.is_empty() {
            return None;
        }
        let word_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        for word in text.split(|c: char| !word_char(c)).filter(|w| w.len() >= 8) {
            if let Some(id) = self.identifiers.get(word) {
                return Some(id);
            }
            for run in word
                .split(|c: char| !c.is_ascii_digit())
                .filter(|r| r.len() >= 8 && r.len() < word.len())
            {
                if let Some(id) = self.identifiers.get(run) {
                    return Some(id);
                }
            }
        }
        None
    }

    /// `Err(InvalidInput)` naming the document and what would leak.
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
        if doc.digit_runs {
            if let Some(at) = digit_run(doc.text, ID_DIGITS) {
                return refuse(format!(
                    "it contains {ID_DIGITS} or more consecutive digits at byte {at}"
                ));
            }
        }
        if let Some(id) = self.known_identifier(doc.text) {
            return refuse(format!(
                "it contains the identifier {} in full",
                mask_id(id)
            ));
        }
        Ok(())
    }
}

/// The byte offset of the first run of at least `n` ASCII digits that
/// stands apart from letters. A run inside a word of letters and digits (a
/// sha256 in hex, an SVG id) is not an identifier printed for people.
fn digit_run(text: &str, n: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let letter_before = start > 0 && bytes[start - 1].is_ascii_alphabetic();
        let letter_after = i < bytes.len() && bytes[i].is_ascii_alphabetic();
        if i - start >= n && !letter_before && !letter_after {
            return Some(start);
        }
    }
    None
}

#[cfg(test)]
mod tests {
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

    fn doc<'a>(text: &'a str, columns: &'a [&'a str], digit_runs: bool) -> Document<'a> {
        Document {
            name: "notice.html",
            text,
            columns,
            digit_runs,
        }
    }

    #[test]
    fn gate_refuses_full_identifiers_and_forbidden_fields() {
        let gate = Gate::new(["3173050101800001".to_string(), "H-1".to_string()]);
        assert!(gate
            .check(&doc("KK 317305**********", &["rw"], true))
            .is_ok());
        let err = gate
            .check(&doc("x 1234567890123456 y", &[], true))
            .unwrap_err();
        assert!(err.0.contains("notice.html"), "{err}");
        assert!(err.0.contains("byte 2"), "{err}");
        // 15 digits pass the run check, and so do digits inside a hex hash.
        assert!(gate.check(&doc("123456789012345", &[], true)).is_ok());
        assert!(gate
            .check(&doc("sha256 ab1234567890123456789cd", &[], true))
            .is_ok());
        assert!(gate
            .check(&doc("<td>1234567890123456</td>", &[], true))
            .is_err());
        // The site's own identifiers are caught even where long runs are allowed.
        let err = gate
            .check(&doc("0.12,3173050101800001", &[], false))
            .unwrap_err();
        assert!(err.0.contains("317305**********"), "{err}");
        assert!(gate.check(&doc("0.35714285714285715", &[], false)).is_ok());
        // Inside a longer word, too.
        assert!(gate
            .check(&doc("NIK3173050101800001,", &[], false))
            .is_err());
        let err = gate.check(&doc("", &["rw", "Alamat"], true)).unwrap_err();
        assert!(err.0.contains("Alamat"), "{err}");
    }
}
