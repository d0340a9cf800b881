//! `pantau report`: validate the sites, compute their indicators, render
//! one report per site (or one comparison for partners) with the CSV
//! behind it and the council's audit exports, record the run in the
//! manifest and publish every file together.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::ReportArgs;
use crate::privacy::{Document, Gate};
use crate::problem::InvalidInput;
use crate::publish::{self, manifest};
use crate::report::labels::{folder_name, slug};
use crate::report::{self, district, Audience, Prepared};
use crate::validate::Tolerance;

/// Two sites whose reports would have the same file names (two folders of
/// the same name, or the same folder twice) are refused before anything is
/// computed or written: one report would silently replace the other.
fn refuse_same_names(sites: &[(&Path, String)]) -> Result<()> {
    for (i, (a, slug)) in sites.iter().enumerate() {
        refuse_same_name(&sites[..i], a, slug)?;
    }
    Ok(())
}

/// [`refuse_same_names`] for one more site after `before`.
fn refuse_same_name<P: AsRef<Path>>(before: &[(P, String)], a: &Path, slug: &str) -> Result<()> {
    match before.iter().find(|(_, other)| other == slug) {
        Some((b, _)) => InvalidInput::err(format!(
            "{} and {} would write reports of the same name ({slug}-...): reports are \
             named after the site folder, so rename one folder or report them in \
             separate runs",
            b.as_ref().display(),
            a.display(),
        )),
        None => Ok(()),
    }
}

/// A copy of a village's folder kept beside it in a district (`desa/` and
/// `desa-backup/`): the same village code and the same registry file,
/// byte for byte. The district would count the village twice.
fn refuse_a_copy(
    before: &[(PathBuf, String)],
    inputs: &[manifest::SiteInputs],
    dir: &Path,
    site: &manifest::SiteInputs,
) -> Result<()> {
    let registry = |s: &manifest::SiteInputs| {
        s.tables
            .iter()
            .find(|t| t.table == "households")
            .map(|t| t.file.sha256.clone())
    };
    let copy = before.iter().zip(inputs).find(|(_, other)| {
        other.code == site.code && registry(other).is_some() && registry(other) == registry(site)
    });
    match copy {
        Some(((first, _), _)) => InvalidInput::err(format!(
            "{} and {} are the same village: the same code {} in site.toml and the same \
             registry file, so the district would count it twice; remove the copy",
            first.display(),
            dir.display(),
            site.code
        )),
        None => Ok(()),
    }
}

/// The comparison names each village by its name in site.toml: two
/// villages of the same name could not be told apart in its tables and
/// sentences, so they are refused.
fn refuse_the_same_village_name(prepared: &[Prepared]) -> Result<()> {
    for (i, p) in prepared.iter().enumerate() {
        let name = &p.site.config.site.name;
        if let Some(q) = prepared[..i]
            .iter()
            .find(|q| q.site.config.site.name == *name)
        {
            return InvalidInput::err(format!(
                "{} and {} are both named {name} in their site.toml: the comparison could \
                 not tell them apart, so give each village its own name",
                q.site.dir.display(),
                p.site.dir.display()
            ));
        }
    }
    Ok(())
}

pub(super) fn run(args: ReportArgs) -> Result<ExitCode> {
    let tolerance = args.rejections.max_rejected_rows;
    publish::check_out(&args.render.out)?;
    let dirs = crate::site::expand(&args.sites)?;
    if args.audience != Audience::Partner {
        // By folder name first, before any site is read.
        let named: Vec<(&Path, String)> = dirs
            .iter()
            .filter_map(|dir| Some((dir.as_path(), slug(&folder_name(dir)?))))
            .collect();
        refuse_same_names(&named)?;
    }
    let out = &args.render.out;
    let lang = args.render.lang;
    let templates = args.render.templates.as_deref();
    if templates.is_none() {
        // The built-in templates compile on another thread while the first
        // site is read; its outcome is left to the first report's own
        // call, which then finds them compiled.
        std::thread::spawn(|| report::render::Renderer::new(None).map(drop));
    }
    let mut staging = publish::Staging::new(out)?;
    let mut inputs = Vec::new();
    let mut command = String::from("pantau report");
    if args.audience == Audience::Partner {
        let prepared: Vec<Prepared> = dirs
            .iter()
            .map(|dir| report::prepare(dir, args.period, tolerance))
            .collect::<Result<_>>()?;
        refuse_the_same_village_name(&prepared)?;
        let r = report::render_report(&prepared, args.audience, lang, templates)?;
        stage(&mut staging, out, r)?;
        for p in &prepared {
            command.push_str(&format!(" {}", p.site.dir.display()));
            inputs.push(manifest::site_inputs(out, &p.site)?);
        }
    } else {
        staging.make_out()?;
        let mut seen: Vec<(PathBuf, String)> = Vec::new();
        let mut villages = Vec::new();
        let several = dirs.len() > 1;
        // What the district summary shows of every village's inputs (its
        // name, code and folder), read before any village: each village's
        // gate checks all of them, so that no village's identifier reaches
        // the summary through another village's name.
        let shown = if several {
            dirs.iter()
                .map(|d| district_texts(d))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::new()
        };
        villages_in_turn(
            &dirs,
            |i, done: Result<Done>| {
                let done = done?;
                refuse_same_name(&seen, &dirs[i], &done.slug)?;
                refuse_a_copy(&seen, &inputs, &dirs[i], &done.inputs)?;
                seen.push((dirs[i].clone(), done.slug.clone()));
                let name = done.files[0].0.clone();
                for (file, bytes) in &done.files {
                    staging.add(&out.join(file), bytes)?;
                }
                if let Some(line) = done.line {
                    let path = out.join(&name);
                    let (_, sha256, bytes) = staging
                        .files()
                        .find(|(f, _, _)| *f == path)
                        .context("the staged report")?;
                    villages.push(line.with_report(&name, sha256, bytes));
                }
                command.push_str(&format!(" {}", dirs[i].display()));
                inputs.push(done.inputs);
                Ok(())
            },
            |dir| {
                let p = report::prepare(dir, args.period, tolerance)?;
                if several {
                    p.site.privacy_gate()?.check(&Document {
                        name: "the district summary",
                        text: &shown,
                        columns: &[],
                        digit_runs: false,
                    })?;
                }
                // The inputs are hashed for the manifest while the report
                // renders.
                let (r, inputs) = std::thread::scope(|scope| {
                    let inputs = scope.spawn(|| manifest::site_inputs(out, &p.site));
                    let r = report::render_report(
                        std::slice::from_ref(&p),
                        args.audience,
                        lang,
                        templates,
                    );
                    let inputs = inputs
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (r, inputs)
                });
                let (r, inputs) = (r?, inputs?);
                let mut files = vec![
                    (r.html_name.clone(), r.html.into_bytes()),
                    (r.html_name.replace(".html", ".csv"), r.csv.into_bytes()),
                ];
                files.extend(r.exports.into_iter().map(|e| (e.name, e.bytes)));
                let line = if several {
                    Some(district::Village::of(&p)?)
                } else {
                    None
                };
                let slug = p.slug.clone();
                if several {
                    // A district's next village starts once this one's
                    // memory is released, so at most two are held at once.
                    drop(p);
                } else {
                    // Releasing a village's frames and rows takes a while;
                    // the report need not wait for it.
                    std::thread::spawn(move || drop(p));
                }
                Ok(Done {
                    slug,
                    files,
                    line,
                    inputs,
                })
            },
        )?;
        if !villages.is_empty() {
            let page = district::page(&villages, args.audience.name(), lang)?;
            let html = report::render::Renderer::new(templates)?.render("report.html", &page)?;
            let name = district::file_name(&villages, args.audience.name(), lang);
            Gate::default().check(&Document {
                name: &name,
                text: &html,
                columns: &[],
                digit_runs: true,
            })?;
            staging.add(&out.join(name), html.as_bytes())?;
        }
    }
    command.push_str(&format!(
        " --audience {} --lang {}",
        args.audience.name(),
        lang.code()
    ));
    if let Some(p) = &args.period {
        command.push_str(&format!(" --period {}", p.label()));
    }
    if tolerance != Tolerance::None {
        command.push_str(&format!(" --max-rejected-rows {tolerance}"));
    }
    let (manifest, bytes) = manifest::record(out, command, inputs, staging.files())?;
    staging.add(&manifest, &bytes)?;
    let written: Vec<PathBuf> = staging.files().map(|(p, _, _)| p.to_path_buf()).collect();
    staging.publish()?;
    super::print_paths(&written)?;
    Ok(ExitCode::SUCCESS)
}

/// The texts of a village the district summary shows that come from its
/// inputs: the name and code in its site.toml (when it reads) and its
/// folder's name.
fn district_texts(dir: &Path) -> String {
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match crate::config::load(dir).0 {
        Some(config) => format!("{} | {} | {folder}", config.site.name, config.site.code),
        None => folder,
    }
}

/// One village reported: its files (the report first), its line of the
/// district summary and its inputs for the manifest.
struct Done {
    slug: String,
    files: Vec<(String, Vec<u8>)>,
    line: Option<district::Village>,
    inputs: manifest::SiteInputs,
}

/// Villages reported at once: two, so that a district keeps both cores
/// busy through the parts of a village's run that use one, while its
/// memory stays within that of two villages.
const AT_ONCE: usize = 2;

/// Runs `work` on every folder, [`AT_ONCE`] at a time, and hands each
/// outcome to `take` in the folders' order. The first failure in that order
/// ends the run (no further folder is started), so the error a run reports
/// does not depend on which village finished first.
fn villages_in_turn<T: Send>(
    dirs: &[PathBuf],
    mut take: impl FnMut(usize, Result<T>) -> Result<()>,
    work: impl Fn(&Path) -> Result<T> + Sync,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = AT_ONCE.min(dirs.len()).max(1);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel::<(usize, Result<T>)>();
        for _ in 0..workers {
            let send = send.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(dir) = dirs.get(i) else {
                    break;
                };
                if send.send((i, work(dir))).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (i, outcome) in receive {
            waiting.insert(i, outcome);
            while let Some(outcome) = waiting.remove(&expected) {
                if let Err(e) = take(expected, outcome) {
                    stop.store(true, Ordering::SeqCst);
                    return Err(e);
                }
                expected += 1;
            }
        }
        Ok(())
    })
}

/// Stages a rendered report: the HTML, the CSV beside it and its exports.
fn stage(staging: &mut publish::Staging, out: &Path, r: report::Rendered) -> Result<()> {
    let csv_name = r.html_name.replace(".html", ".csv");
    staging.add(&out.join(&r.html_name), r.html.as_bytes())?;
    staging.add(&out.join(csv_name), r.csv.as_bytes())?;
    for e in r.exports {
        staging.add(&out.join(e.name), &e.bytes)?;
    }
    Ok(())
}
