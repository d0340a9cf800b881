//! A district run: `pantau report` over a folder of village folders writes
//! every village's report, a district summary ranking the villages with a
//! link to each report, and one manifest; a bad village anywhere in the
//! batch publishes nothing.

use std::collections::BTreeMap;

use crate::harness::{page_text, Dir, TABLES};
use crate::reports::EPOCH;

/// Three generated villages of a few hundred households in `district/`.
fn district(dir: &Dir) {
    villages(dir, &[(11, 300), (12, 420), (13, 360)]);
}

/// Generated villages `district/desa-SEED`, each named `Desa SEED` with its
/// own code.
pub(crate) fn villages(dir: &Dir, seeds: &[(u32, u32)]) {
    for &(seed, households) in seeds {
        dir.pantau(&[
            "generate",
            "--households",
            &households.to_string(),
            "--seed",
            &seed.to_string(),
            "--out",
            &format!("district/desa-{seed}"),
        ])
        .expect_code(0);
        // Each village its own name and code.
        let toml = dir.join(&format!("district/desa-{seed}/site.toml"));
        let text = std::fs::read_to_string(&toml).unwrap();
        let text = text
            .replacen("name = \"Semanan\"", &format!("name = \"Desa {seed}\""), 1)
            .replacen(
                "code = \"31.73.05.1003\"",
                &format!("code = \"31.73.05.20{seed}\""),
                1,
            );
        std::fs::write(&toml, text).unwrap();
    }
}

/// The whole-village value of one indicator in a quarter, for a program
/// key, from `pantau indicators`' CSV.
fn indicator(dir: &Dir, site: &str, id: &str, period: &str, program: &str) -> Option<f64> {
    let run = dir.pantau(&["indicators", site]).expect_code(0);
    let text = run.stdout();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let at = |name: &str| head.iter().position(|h| *h == name).expect(name);
    let (i, p, g, k, v) = (
        at("indicator"),
        at("period"),
        at("program"),
        at("group_by"),
        at("value"),
    );
    lines
        .map(|l| l.split(',').collect::<Vec<&str>>())
        .find(|c| c[i] == id && c[p] == period && c[g] == program && c[k].is_empty())
        .and_then(|c| c[v].parse().ok())
}

#[test]
fn a_folder_of_villages_gives_each_report_and_a_ranked_summary() {
    let dir = Dir::new();
    district(&dir);
    let run = dir
        .pantau_env(&["report", "district", "--out", "out"], &[EPOCH])
        .expect_code(0);
    let printed: Vec<String> = run.stdout().lines().map(str::to_string).collect();
    let mut expected = Vec::new();
    for seed in [11, 12, 13] {
        expected.push(format!("out/desa-{seed}-evaluator-2026-Q3-id.html"));
        expected.push(format!("out/desa-{seed}-evaluator-2026-Q3-id.csv"));
    }
    expected.push("out/_district-evaluator-2026-Q3-id.html".into());
    expected.push("out/manifest.json".into());
    assert_eq!(printed, expected);

    // One run in the manifest, with every village's inputs and every file.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/manifest.json")).unwrap()).unwrap();
    let runs = manifest["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["sites"].as_array().unwrap().len(), 3);
    assert_eq!(runs[0]["outputs"].as_array().unwrap().len(), 7);
    dir.pantau(&["verify", "out/manifest.json"]).expect_code(0);

    // The villages in the summary's table come from the lowest coverage of
    // the aid programs up, each linked to its report, with its coverage as
    // `pantau indicators` computes it.
    let html =
        std::fs::read_to_string(dir.join("out/_district-evaluator-2026-Q3-id.html")).unwrap();
    let mut coverage = BTreeMap::new();
    for seed in [11, 12, 13] {
        let site = format!("district/desa-{seed}");
        let value = indicator(&dir, &site, "coverage", "2026-Q3", "aid")
            .expect("the generated villages have aid and training");
        coverage.insert(seed, value);
        let link = format!("<a href=\"desa-{seed}-evaluator-2026-Q3-id.html\">Desa {seed}</a>");
        assert!(html.contains(&link), "{link} missing");
    }
    let mut order: Vec<(f64, i32)> = coverage.iter().map(|(s, v)| (*v, *s)).collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let positions: Vec<usize> = order
        .iter()
        .map(|(_, seed)| html.find(&format!(">Desa {seed}</a>")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "villages not in order of coverage {order:?}"
    );
    let text = page_text(&html);
    let (lowest, seed) = order[0];
    // Indonesian percentages have one decimal and a decimal comma.
    let percent = format!("{:.1}%", lowest * 100.0).replace('.', ",");
    let sentence = format!("Cakupan terendah: Desa {seed} ({percent}");
    assert!(text.contains(&sentence), "{sentence} not in:\n{text}");
}

#[test]
fn a_bad_village_in_a_district_publishes_nothing() {
    let dir = Dir::new();
    district(&dir);
    // The second village (in name order) has a household of "many" members.
    let path = dir.join("district/desa-12/households.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let head: Vec<&str> = lines[0].split(',').collect();
    let members = head.iter().position(|h| *h == "members").unwrap();
    let mut cells: Vec<String> = lines[5].split(',').map(str::to_string).collect();
    cells[members] = "banyak".into();
    lines[5] = cells.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();

    // validate opens the district too, and names the bad village's file.
    let run = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(run.stdout().contains("desa-12"), "{}", run.stdout());
    assert!(run.stdout().contains("desa-13"), "every village is checked");

    let run = dir
        .pantau(&["report", "district", "--out", "out"])
        .expect_code(2);
    let err = run.stderr();
    assert!(err.contains("households.csv"), "{err}");
    assert!(err.contains("members"), "{err}");
    let left: Vec<String> = std::fs::read_dir(dir.join("out"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "the first village's files were published or left behind: {left:?}"
    );
}

/// The district summary shows every village's name: one village's name
/// carrying another village's NIK (letters between its groups) is refused
/// by that other village's gate, and nothing is published.
#[test]
fn a_village_name_carrying_another_villages_nik_is_refused() {
    let dir = Dir::new();
    villages(&dir, &[(11, 300), (12, 420)]);
    let registry = std::fs::read_to_string(dir.join("district/desa-12/households.csv")).unwrap();
    let head: Vec<&str> = registry.lines().next().unwrap().split(',').collect();
    let at = head.iter().position(|h| *h == "head_nik").unwrap();
    let nik = registry.lines().nth(1).unwrap().split(',').nth(at).unwrap();
    assert_eq!(nik.len(), 16, "{nik}");
    let disguised = format!(
        "{}a{}b{}c{}",
        &nik[..4],
        &nik[4..8],
        &nik[8..12],
        &nik[12..]
    );
    let toml = dir.join("district/desa-11/site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replacen(
            "name = \"Desa 11\"",
            &format!("name = \"Desa 11 {disguised}\""),
            1,
        ),
    )
    .unwrap();
    let run = dir
        .pantau(&["report", "district", "--out", "out"])
        .expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("privacy gate")
            && err.contains("district summary")
            && err.contains("head_nik"),
        "{err}"
    );
    assert!(
        !dir.join("out").exists() || std::fs::read_dir(dir.join("out")).unwrap().next().is_none()
    );
}

#[test]
fn a_folder_that_is_neither_a_site_nor_a_district_is_named() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.join("empty/nothing-here")).unwrap();
    let run = dir.pantau(&["report", "empty"]).expect_code(2);
    assert!(run.stderr().contains("site.toml"), "{}", run.stderr());
}

#[test]
fn a_partner_comparison_of_many_villages_ranks_them_per_indicator() {
    let dir = Dir::new();
    let seeds = [(21, 250), (22, 300), (23, 280), (24, 320), (25, 260)];
    villages(&dir, &seeds);
    let mut args = vec!["report".to_string()];
    args.extend(seeds.iter().map(|(s, _)| format!("district/desa-{s}")));
    args.extend(["--audience", "partner", "--out", "out"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = dir.pantau_env(&args, &[EPOCH]).expect_code(0);
    let page = run.stdout().lines().next().unwrap().to_string();
    let html = std::fs::read_to_string(dir.join(&page)).unwrap();
    // No table with a column per village: one ranked table per indicator.
    assert!(!html.contains("Indikator menurut desa"));
    let caption = "Cakupan program bantuan: desa dari nilai terendah";
    let at = html.find(caption).expect("the coverage ranking");
    let table = &html[at..at + html[at..].find("</table>").unwrap()];
    let mut coverage: Vec<(f64, u32)> = seeds
        .iter()
        .map(|(seed, _)| {
            let site = format!("district/desa-{seed}");
            (
                indicator(&dir, &site, "coverage", "2026-Q3", "aid").unwrap(),
                *seed,
            )
        })
        .collect();
    coverage.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let positions: Vec<usize> = coverage
        .iter()
        .map(|(_, seed)| table.find(&format!("Desa {seed}")).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not from the lowest coverage up: {coverage:?}"
    );
    // The summary names the three lowest and the highest, not every village.
    let text = page_text(&html);
    let (highest, seed) = coverage[4];
    let percent = format!("{:.1}%", highest * 100.0).replace('.', ",");
    let sentence = format!("tertinggi Desa {seed} {percent}");
    assert!(text.contains(&sentence), "{sentence} not in:\n{text}");
    let (_, middle) = coverage[3];
    let start = text.find("Cakupan program bantuan: terendah").unwrap();
    let sentence = &text[start..start + text[start..].find("Dampak pelatihan").unwrap()];
    assert!(
        !sentence.contains(&format!("Desa {middle} ")),
        "the fourth village is named in: {sentence}"
    );
}

/// A partner comparison names each village by its site.toml name: the
/// same folder twice, or two villages of the same name, would compare
/// what cannot be told apart, and are refused before anything is written.
#[test]
fn a_partner_comparison_refuses_a_village_twice_or_two_of_one_name() {
    let dir = Dir::new();
    villages(&dir, &[(31, 150), (32, 150)]);
    let partner = |sites: &[&str]| {
        let mut args = vec!["report"];
        args.extend(sites);
        args.extend(["--audience", "partner", "--out", "out"]);
        dir.pantau(&args).expect_code(2)
    };
    let run = partner(&["district/desa-31", "district/../district/desa-31"]);
    assert!(
        run.stderr().contains("are the same site"),
        "{}",
        run.stderr()
    );
    let toml = dir.join("district/desa-32/site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replacen("name = \"Desa 32\"", "name = \"Desa 31\"", 1),
    )
    .unwrap();
    let run = partner(&["district/desa-31", "district/desa-32"]);
    assert!(
        run.stderr().contains("are both named Desa 31"),
        "{}",
        run.stderr()
    );
    assert!(!dir.join("out").exists());
}

/// A village folder of a district whose site.toml is missing or named in
/// capitals is named, not left out of the run; a folder of other files
/// (an earlier run's reports) is no village.
#[test]
fn a_village_without_its_site_toml_is_named_not_left_out() {
    let dir = Dir::new();
    villages(&dir, &[(41, 150), (42, 150)]);
    std::fs::create_dir_all(dir.join("district/reports")).unwrap();
    std::fs::write(dir.join("district/reports/desa-41-evaluator.csv"), "x\n").unwrap();
    dir.pantau(&["validate", "district"]).expect_code(0);
    std::fs::rename(
        dir.join("district/desa-42/site.toml"),
        dir.join("district/desa-42/Site.toml"),
    )
    .unwrap();
    for command in ["validate", "report"] {
        let run = dir.pantau(&[command, "district"]).expect_code(2);
        assert!(
            run.stderr()
                .contains("desa-42 holds a village's tables but no site.toml"),
            "{command}: {}",
            run.stderr()
        );
    }
    // A site.toml under another name beside tables of other names.
    std::fs::rename(
        dir.join("district/desa-42/Site.toml"),
        dir.join("district/desa-42/site.toml.txt"),
    )
    .unwrap();
    for table in TABLES {
        let file = dir.join(&format!("district/desa-42/{table}.csv"));
        if file.exists() {
            std::fs::rename(
                &file,
                dir.join(&format!("district/desa-42/data-{table}.csv")),
            )
            .unwrap();
        }
    }
    let run = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(
        run.stderr()
            .contains("desa-42 holds a village's tables but no site.toml"),
        "{}",
        run.stderr()
    );
    // A link to nothing below the district's folder could be a village.
    std::fs::create_dir_all(dir.join("district/lain")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/nonexistent-village", dir.join("district/lain/desa-43"))
            .unwrap();
        let run = dir.pantau(&["validate", "district"]).expect_code(2);
        assert!(
            run.stderr().contains("which cannot be opened"),
            "{}",
            run.stderr()
        );
        std::fs::remove_file(dir.join("district/lain/desa-43")).unwrap();
    }
    std::fs::rename(
        dir.join("district/desa-42/site.toml.txt"),
        dir.join("district/desa-42/Site.toml"),
    )
    .unwrap();
    // Two levels down, inside a folder that is no village, it is named too.
    std::fs::create_dir_all(dir.join("district/arsip/2025")).unwrap();
    std::fs::rename(
        dir.join("district/desa-42"),
        dir.join("district/arsip/2025/desa-42"),
    )
    .unwrap();
    let run = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(
        run.stderr()
            .contains("arsip/2025/desa-42 holds a village's tables but no site.toml"),
        "{}",
        run.stderr()
    );
}

/// A folder of villages inside a district (a sub-district) is named, not
/// left out: its villages are read one level down only.
#[test]
fn a_folder_of_villages_inside_a_district_is_named_not_left_out() {
    let dir = Dir::new();
    villages(&dir, &[(61, 150), (62, 150)]);
    std::fs::create_dir_all(dir.join("district/kecamatan")).unwrap();
    std::fs::rename(
        dir.join("district/desa-62"),
        dir.join("district/kecamatan/desa-62"),
    )
    .unwrap();
    for command in ["validate", "report"] {
        let run = dir.pantau(&[command, "district"]).expect_code(2);
        assert!(
            run.stderr()
                .contains("kecamatan is a folder of villages inside"),
            "{command}: {}",
            run.stderr()
        );
    }
    assert!(!dir.join("out").exists());
    // Two levels down (a sub-district's folder of villages) too.
    std::fs::create_dir_all(dir.join("district/kabupaten/kecamatan")).unwrap();
    std::fs::rename(
        dir.join("district/kecamatan"),
        dir.join("district/kabupaten/kecamatan/x"),
    )
    .unwrap();
    let run = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(
        run.stderr()
            .contains("kabupaten is a folder of villages inside"),
        "{}",
        run.stderr()
    );
    std::fs::rename(
        dir.join("district/kabupaten/kecamatan/x"),
        dir.join("district/kecamatan"),
    )
    .unwrap();
    // Named on the command line too, its villages are read.
    let run = dir
        .pantau(&["validate", "district/desa-61", "district/kecamatan"])
        .expect_code(0);
    assert!(run.stdout().contains("desa-62"), "{}", run.stdout());
}

/// A link in a district folder whose target is gone may have been a
/// village: the run names it instead of leaving it out; a link to a
/// village that exists is that village.
#[cfg(unix)]
#[test]
fn a_broken_link_in_a_district_is_named_not_skipped() {
    let dir = Dir::new();
    villages(&dir, &[(51, 150), (52, 150)]);
    std::fs::rename(dir.join("district/desa-52"), dir.join("desa-52")).unwrap();
    std::os::unix::fs::symlink(dir.join("desa-52"), dir.join("district/desa-52")).unwrap();
    let linked = dir.pantau(&["validate", "district"]).expect_code(0);
    assert!(linked.stdout().contains("desa-52"), "{}", linked.stdout());
    // Its reports are named after the link (the folder the district
    // holds), not after the folder it points to.
    std::fs::rename(dir.join("desa-52"), dir.join("elsewhere")).unwrap();
    std::fs::remove_file(dir.join("district/desa-52")).unwrap();
    std::os::unix::fs::symlink(dir.join("elsewhere"), dir.join("district/desa-52")).unwrap();
    dir.pantau(&["report", "district", "--out", "out"])
        .expect_code(0);
    let written: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        written.iter().any(|n| n.starts_with("desa-52-evaluator-")),
        "{written:?}"
    );
    assert!(
        !written.iter().any(|n| n.starts_with("elsewhere")),
        "{written:?}"
    );
    // A second link to a village of the district is the same village, and
    // would be counted twice.
    std::os::unix::fs::symlink(
        dir.join("district/desa-51"),
        dir.join("district/desa-51-again"),
    )
    .unwrap();
    let twice = dir
        .pantau(&["report", "district", "--out", "out2"])
        .expect_code(2);
    assert!(
        twice.stderr().contains("are the same site"),
        "{}",
        twice.stderr()
    );
    // validate reads each village once too: it would list the same
    // village's summary twice.
    let validated = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(
        validated.stderr().contains("are the same site"),
        "{}",
        validated.stderr()
    );
    std::fs::remove_file(dir.join("district/desa-51-again")).unwrap();
    // A copy of the village's folder kept beside it is the same village:
    // the same code and the same registry file. Nothing is written.
    dir.copy_dir(&dir.join("district/desa-51"), "district/desa-51-backup");
    let copy = dir
        .pantau(&["report", "district", "--out", "out3"])
        .expect_code(2);
    assert!(
        copy.stderr()
            .contains("desa-51-backup are the same village"),
        "{}",
        copy.stderr()
    );
    assert!(!dir.join("out3").join("manifest.json").exists());
    std::fs::remove_dir_all(dir.join("district/desa-51-backup")).unwrap();
    std::fs::remove_file(dir.join("district/desa-52")).unwrap();
    std::fs::rename(dir.join("elsewhere"), dir.join("desa-52")).unwrap();
    std::os::unix::fs::symlink(dir.join("desa-52"), dir.join("district/desa-52")).unwrap();
    // A village whose site.toml is a link to nothing.
    let toml = dir.join("district/desa-51/site.toml");
    std::fs::rename(&toml, dir.join("desa-51.toml")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.toml"), &toml).unwrap();
    let run = dir.pantau(&["validate", "district"]).expect_code(2);
    assert!(
        run.stderr().contains("desa-51/site.toml is a link to"),
        "{}",
        run.stderr()
    );
    std::fs::remove_file(&toml).unwrap();
    std::fs::rename(dir.join("desa-51.toml"), &toml).unwrap();
    std::fs::rename(dir.join("desa-52"), dir.join("desa-52-moved")).unwrap();
    for command in ["validate", "report"] {
        let run = dir.pantau(&[command, "district"]).expect_code(2);
        assert!(
            run.stderr().contains("desa-52 is a link to")
                && run.stderr().contains("which cannot be opened"),
            "{command}: {}",
            run.stderr()
        );
    }
}
