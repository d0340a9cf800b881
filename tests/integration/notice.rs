//! The recipient notice as the notice board needs it: the period in words,
//! the posting date and objection deadline in the village's time zone, a
//! section per RW with its own header and signature, an index of RWs and
//! RTs, the criteria in plain words, look-alike names told apart, and no
//! family-card or NIK digits at all. Worked out on the hand-made audit
//! site (tests/fixtures/audit), posted at SOURCE_DATE_EPOCH 1790000000 =
//! 2026-09-21 14:13:20 UTC.

use std::path::Path;

use crate::harness::{edit, fixtures, page_text as text, Dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1790000000");

/// The audit site copied to `site`, with `[notice]` settings added.
fn site_with(dir: &Dir, notice: &str) -> String {
    let site = dir.copy_dir(&fixtures().join("audit"), "site");
    edit(&site.join("site.toml"), |toml| {
        toml.replace("[notice]", &format!("[notice]\n{notice}"))
    });
    site.display().to_string()
}

fn notice(dir: &Dir, site: &str, lang: &str) -> String {
    let run = dir
        .pantau_env(
            &[
                "notice",
                site,
                "--program",
                "CASH",
                "--period",
                "2026-Q1",
                "--lang",
                lang,
                "--out",
                "out",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    std::fs::read_to_string(dir.path().join(run.stdout().trim())).unwrap()
}

#[test]
fn the_notice_names_its_period_dates_signer_and_criteria_in_words() {
    let dir = Dir::new();
    let site = site_with(
        &dir,
        "signed_by = \"Sari Dewi\"\nobjection_days = 7\ntimezone = \"WIT\"",
    );
    let en = notice(&dir, &site, "en");
    let words = text(&en);
    for expected in [
        "Recipients of Cash aid, Quarter 1 (January–March) 2026",
        // 14:13 UTC is 23:13 WIT (UTC+9), still 21 September; 7 days on.
        "Posted 21 September 2026",
        "until 28 September 2026 (7 days after posting)",
        "generated 21 September 2026 23:13 WIT",
        "Who qualifies welfare decile 1–3",
        "welfare_decile <= 3",
        "Audit Tangan, 21 September 2026 Head of Audit Tangan village (Kepala Desa) \
         (signature and stamp) Sari Dewi",
        "Where to object: Kotak pengaduan di kantor desa",
    ] {
        assert!(
            words.contains(expected),
            "missing {expected:?} in:\n{words}"
        );
    }
    let id = text(&notice(&dir, &site, "id"));
    for expected in [
        "Penerima Cash aid, Triwulan I (Januari–Maret) 2026",
        "Diumumkan 21 September 2026",
        "Masa sanggah sampai 28 September 2026 (7 hari sejak diumumkan)",
        "Siapa yang berhak desil kesejahteraan 1–3",
        "Kepala Desa Audit Tangan (tanda tangan dan cap) Sari Dewi",
    ] {
        assert!(id.contains(expected), "missing {expected:?} in:\n{id}");
    }
}

#[test]
fn each_rw_is_a_section_of_its_own_reached_from_the_index() {
    let dir = Dir::new();
    let site = site_with(&dir, "");
    let html = notice(&dir, &site, "en");
    // The audit site's Q1 CASH recipients live in RW 01 / RT 001 and RW 02 / RT 001.
    assert_eq!(html.matches("<section class=\"notice-rw\"").count(), 2);
    for (rw, rt) in [("rw-01", "rw-01-rt-001"), ("rw-02", "rw-02-rt-001")] {
        assert!(html.contains(&format!("<section class=\"notice-rw\" id=\"{rw}\"")));
        assert!(html.contains(&format!("<tbody id=\"{rt}\">")));
        assert!(html.contains(&format!("href=\"#{rw}\"")));
        assert!(html.contains(&format!("href=\"#{rt}\"")));
    }
    // Every RW carries the program, period and deadline in its repeated
    // header and ends with the signature block (the title by default, a
    // blank line for the name).
    assert_eq!(html.matches("class=\"notice-rw-head\"").count(), 2);
    assert_eq!(html.matches("<div class=\"signature\">").count(), 2);
    assert_eq!(
        html.matches("Head of Audit Tangan village (Kepala Desa)")
            .count(),
        4,
        "in each RW's signature block and page foot"
    );
    let words = text(&html);
    assert!(words.contains("RW 01: 1 household received Rp 1,200,000 in total."));
    assert!(words.contains("RW 02: 2 households received Rp 900,000 in total."));
    assert!(words.contains("Total RT 001 Rp 900,000"));
    // No family card or NIK digits, not even the region part.
    assert!(!html.contains("317305"), "family-card digits in the notice");
    assert!(!words.contains("Family card"));
}

#[test]
fn look_alike_names_in_one_rt_are_told_apart() {
    let dir = Dir::new();
    let site = site_with(&dir, "");
    let households = Path::new(&site).join("households.csv");
    let registry = std::fs::read_to_string(&households).unwrap();
    // RW 02 / RT 001 holds household 3 (registry line 4) and 4 (line 5).
    std::fs::write(
        &households,
        registry
            .replace("<b>Agus</b> Wijaya", "Agus Wijaya")
            .replace(",Dewi,", ",Agus Wirawan,"),
    )
    .unwrap();
    let words = text(&notice(&dir, &site, "en"));
    assert!(words.contains("2 Agus Wij. 2 Rp 600,000"), "{words}");
    assert!(words.contains("3 Agus Wir. 1 Rp 300,000"), "{words}");
    assert!(!words.contains("Wijaya") && !words.contains("Wirawan"));

    // The same name twice: each keeps its initial and gains its list number.
    std::fs::write(
        &households,
        registry
            .replace("<b>Agus</b> Wijaya", "Agus Wijaya")
            .replace(",Dewi,", ",Agus Wijaya,"),
    )
    .unwrap();
    let words = text(&notice(&dir, &site, "en"));
    assert!(words.contains("Agus W. (list no. 4)"), "{words}");
    assert!(words.contains("Agus W. (list no. 5)"), "{words}");
}

#[test]
fn notice_settings_out_of_range_are_refused() {
    for (setting, named) in [
        ("objection_days = 0", "objection_days"),
        ("objection_days = 91", "objection_days"),
        ("timezone = \"PST\"", "timezone"),
        ("signed_by = 7", "signed_by"),
    ] {
        let dir = Dir::new();
        let site = site_with(&dir, setting);
        let before = dir.snapshot();
        let run = dir
            .pantau_env(
                &[
                    "notice",
                    &site,
                    "--program",
                    "CASH",
                    "--period",
                    "2026-Q1",
                    "--out",
                    "out",
                ],
                &[EPOCH],
            )
            .expect_code(2);
        assert!(
            run.stderr().contains("site.toml") && run.stderr().contains(named),
            "{setting}: {}",
            run.stderr()
        );
        assert_eq!(dir.snapshot(), before, "{setting}: nothing may be written");
    }
}
