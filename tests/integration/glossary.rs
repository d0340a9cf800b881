//! Indonesian for village officials: every Indonesian report and notice of
//! the sample sites is free of the words `locales/glossary-id.tsv` rejects
//! and of code values left untranslated (a word joined with `_`, such as a
//! course or budget code), in the text a reader sees. Program rules and
//! indicator ids shown as code are left out: they are quoted, not prose.

use crate::harness::{page_text, repo, sample, Dir};

/// The rejected terms of the glossary, lower-cased.
fn rejected() -> Vec<String> {
    let tsv = std::fs::read_to_string(repo().join("locales").join("glossary-id.tsv")).unwrap();
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 3, "glossary line needs three fields: {l}");
            fields[0].to_lowercase()
        })
        .collect()
}

/// `html` without the elements named in `tags` and their content.
fn without(html: &str, tags: &[&str]) -> String {
    let mut out = html.to_string();
    for tag in tags {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        while let Some(start) = out.find(&open) {
            let end = out[start..]
                .find(&close)
                .map(|e| start + e + close.len())
                .unwrap_or_else(|| panic!("<{tag}> not closed"));
            out.replace_range(start..end, " ");
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every place `term` stands as a whole word in `text` (case ignored),
/// with some context.
fn whole_words(text: &str, term: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(term) {
        let start = from + i;
        let end = start + term.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            let a = lower[..start]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(k, _)| k);
            let b = lower[end..]
                .char_indices()
                .nth(30)
                .map_or(lower.len(), |(k, _)| end + k);
            found.push(lower[a..b].to_string());
        }
        from = end;
    }
    found
}

/// The Indonesian reports of both sample sites for every audience, and the
/// notice of one program of each.
fn indonesian_pages(dir: &Dir) -> Vec<(String, String)> {
    let (semanan, duri) = (sample("semanan"), sample("duri-selatan"));
    let mut runs = Vec::new();
    for audience in ["evaluator", "council", "partner"] {
        runs.push(vec![
            "report".to_string(),
            semanan.clone(),
            duri.clone(),
            "--audience".into(),
            audience.into(),
        ]);
    }
    for (site, program) in [(&semanan, "SEMBAKO"), (&duri, "PANGAN-KELUARGA")] {
        runs.push(vec![
            "notice".into(),
            site.clone(),
            "--program".into(),
            program.into(),
            "--period".into(),
            "2026-Q3".into(),
        ]);
    }
    let mut pages = Vec::new();
    for mut args in runs {
        args.extend(["--lang", "id", "--out", "out"].map(String::from));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = dir.pantau(&args).expect_code(0);
        for file in run.stdout().lines().filter(|l| l.ends_with(".html")) {
            let html = std::fs::read_to_string(dir.path().join(file)).unwrap();
            pages.push((file.to_string(), html));
        }
    }
    pages
}

#[test]
fn indonesian_reports_use_the_glossary_and_translate_every_code() {
    let dir = Dir::new();
    let terms = rejected();
    assert!(terms.contains(&"galat".to_string()) && terms.len() > 20);
    let pages = indonesian_pages(&dir);
    assert_eq!(
        pages.len(),
        9,
        "{:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    let mut failures = Vec::new();
    for (file, html) in &pages {
        let text = page_text(&without(html, &["style", "code"]));
        assert!(text.contains("rumah tangga"), "{file} is not Indonesian");
        for term in &terms {
            for place in whole_words(&text, term) {
                failures.push(format!("{file}: '{term}' in …{place}…"));
            }
        }
        for word in text.split(|c: char| !is_word_char(c)) {
            if word.contains('_') {
                failures.push(format!("{file}: untranslated code '{word}'"));
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_glossary_check_finds_what_it_looks_for() {
    let text = page_text(&without(
        "<body><p>Galat inklusi 2,5 pp</p><code>welfare_decile</code><p>porsinya</p></body>",
        &["code"],
    ));
    assert_eq!(whole_words(&text, "galat").len(), 1);
    assert_eq!(whole_words(&text, "pp").len(), 1);
    assert!(whole_words(&text, "porsi").is_empty());
    assert!(!text.contains("welfare_decile"));
}
