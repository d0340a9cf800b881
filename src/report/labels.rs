//! Names as a reader sees them: funders, groups of a disaggregation,
//! programs, and the slugs output files are named with.

use std::path::Path;

use super::context::Ctx;
use crate::indicators::ALL;
use crate::site::Site;

/// A funder code (`dana_desa`) in the report's language.
pub(crate) fn funder_label(c: &Ctx, funder: &str) -> String {
    c.say
        .msg
        .maybe(&format!("funder-{funder}"))
        .unwrap_or_else(|| funder.to_string())
}

/// The label of a group of a disaggregation, in the report's language.
pub(crate) fn group_label(c: &Ctx, group_by: &str, group: &str) -> String {
    match (group_by, group) {
        ("head_gender" | "participant_gender", "L") => c.say.t("gender-male"),
        ("head_gender" | "participant_gender", "P") => c.say.t("gender-female"),
        ("welfare_decile", d) => c.say.ta("decile-n", &[("n", d.to_string())]),
        ("trained", "trained") => c.say.t("group-trained"),
        ("trained", "untrained") => c.say.t("group-untrained"),
        ("course", code) => course_label(c, code),
        _ => c
            .say
            .msg
            .maybe(&format!("{group_by}-{group}"))
            .unwrap_or_else(|| group.to_string()),
    }
}

/// A course code (`usaha_kecil`) as a reader writes it: its label in the
/// report's language where the catalogue has one (`course-usaha_kecil`),
/// otherwise the code with spaces for underscores (`usaha kecil`).
pub(crate) fn course_label(c: &Ctx, code: &str) -> String {
    c.say
        .msg
        .maybe(&format!("course-{code}"))
        .unwrap_or_else(|| code.replace('_', " "))
}

/// A program code, or "all programs" for the rows over every program.
pub(crate) fn program_label(c: &Ctx, code: &str) -> String {
    if code == ALL {
        c.say.t("all-programs")
    } else if code == crate::indicators::AID {
        c.say.t("aid-programs")
    } else {
        code.to_string()
    }
}

/// A name as it may appear in a file name: lower-case ASCII letters and
/// digits joined by `-` (`Duri Selatan` → `duri-selatan`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("site");
    }
    // A file name holds at most 255 bytes: a long folder name keeps its
    // start and a short hash of the whole, so that a name built from it
    // (`SITE-notice-PROGRAM-PERIOD-LANG.html`, its temporary name beside
    // it) fits, and two long names stay apart.
    if out.len() > MAX_SLUG {
        let hash = crate::publish::sha256_hex(out.as_bytes());
        out.truncate(MAX_SLUG - 9);
        while out.ends_with('-') {
            out.pop();
        }
        out = format!("{out}-{}", &hash[..8]);
    }
    out
}

/// The longest slug, in bytes.
const MAX_SLUG: usize = 64;

/// The name output files start with: the site folder's name (or, if it has
/// none, the village name), as a slug.
pub(crate) fn site_slug(site: &Site) -> String {
    let name = folder_name(&site.dir).unwrap_or_else(|| site.config.site.name.clone());
    slug(&name)
}

/// A folder's name as it was given (`district/desa-8`, a link to another
/// folder, is `desa-8`), or the real folder's for `.` and `..`.
pub(crate) fn folder_name(dir: &Path) -> Option<String> {
    let given = match dir.components().next_back() {
        Some(std::path::Component::Normal(name)) => Some(name.to_string_lossy().into_owned()),
        _ => None,
    };
    given.or_else(|| {
        let real = dir.canonicalize().ok()?;
        Some(real.file_name()?.to_string_lossy().into_owned())
    })
}

/// A file of a site as the report names it: relative to the site folder.
pub(crate) fn short_name(dir: &Path, file: &str) -> String {
    Path::new(file)
        .strip_prefix(dir)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| file.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert_eq!(super::slug("Duri Selatan"), "duri-selatan");
        assert_eq!(super::slug("  Désa <X> 2 "), "d-sa-x-2");
        assert_eq!(super::slug("!!"), "site");
        let exactly = "a".repeat(64);
        assert_eq!(super::slug(&exactly), exactly);
    }

    #[test]
    fn a_long_name_keeps_its_start_and_a_hash_of_the_whole() {
        let long = "a".repeat(230);
        let other = format!("{}b", "a".repeat(229));
        let (a, b) = (super::slug(&long), super::slug(&other));
        assert!(a.len() <= 64 && b.len() <= 64, "{a} {b}");
        assert!(a.starts_with(&"a".repeat(55)), "{a}");
        assert_ne!(a, b);
        // The hash is of the whole slug: the same name, the same slug.
        assert_eq!(a, super::slug(&long));
        assert_eq!(
            &a[56..],
            &crate::publish::sha256_hex(long.as_bytes())[..8],
            "{a}"
        );
    }
}
