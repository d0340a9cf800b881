//! `pantau report`: validate the sites, compute their indicators, render
//! one report per site (or one comparison for partners) with the CSV
//! behind it and the council's audit exports, record the run in the
//! manifest and publish every file together.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ReportArgs;
use crate::problem::InvalidInput;
use crate::publish::{self, manifest};
use crate::report::labels::slug;
use crate::report::{self, Audience, Prepared};
use crate::site::Site;
use crate::validate::Tolerance;

/// Two sites whose reports would have the same file names (two folders of
/// the same name, or the same folder twice) are refused before anything is
/// computed or written: one report would silently replace the other.
fn refuse_same_names(sites: &[(&Path, String)]) -> Result<()> {
    for (i, (a, slug)) in sites.iter().enumerate() {
        if let Some((b, _)) = sites[..i].iter().find(|(_, other)| other == slug) {
            return InvalidInput::err(format!(
                "{} and {} would write reports of the same name ({slug}-...): reports are \
                 named after the site folder, so rename one folder or report them in \
                 separate runs",
                b.display(),
                a.display(),
            ));
        }
    }
    Ok(())
}

pub(super) fn run(args: ReportArgs) -> Result<ExitCode> {
    let tolerance = args.rejections.max_rejected_rows;
    publish::check_out(&args.render.out)?;
    if args.audience != Audience::Partner {
        // By folder name first, before any site is read.
        let named: Vec<(&Path, String)> = args
            .sites
            .iter()
            .filter_map(|dir| {
                let name = dir
                    .canonicalize()
                    .ok()?
                    .file_name()?
                    .to_string_lossy()
                    .into_owned();
                Some((dir.as_path(), slug(&name)))
            })
            .collect();
        refuse_same_names(&named)?;
    }
    let prepared: Vec<Prepared> = args
        .sites
        .iter()
        .map(|dir| report::prepare(dir, args.period, tolerance))
        .collect::<Result<_>>()?;
    if args.audience != Audience::Partner {
        let named: Vec<(&Path, String)> = prepared
            .iter()
            .map(|p| (p.site.dir.as_path(), p.slug.clone()))
            .collect();
        refuse_same_names(&named)?;
    }
    let groups: Vec<&[Prepared]> = match args.audience {
        Audience::Partner => vec![&prepared[..]],
        _ => prepared.chunks(1).collect(),
    };
    let out = &args.render.out;
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for group in groups {
        let r = report::render_report(
            group,
            args.audience,
            args.render.lang,
            args.render.templates.as_deref(),
        )?;
        let csv_name = r.html_name.replace(".html", ".csv");
        files.push((out.join(&r.html_name), r.html.into_bytes()));
        files.push((out.join(csv_name), r.csv.into_bytes()));
        for e in r.exports {
            files.push((out.join(e.name), e.bytes));
        }
    }
    let mut command = String::from("pantau report");
    for p in &prepared {
        command.push_str(&format!(" {}", p.site.dir.display()));
    }
    command.push_str(&format!(
        " --audience {} --lang {}",
        args.audience.name(),
        args.render.lang.code()
    ));
    if let Some(p) = &args.period {
        command.push_str(&format!(" --period {}", p.label()));
    }
    if tolerance != Tolerance::None {
        command.push_str(&format!(" --max-rejected-rows {tolerance}"));
    }
    let sites: Vec<&Site> = prepared.iter().map(|p| &p.site).collect();
    let manifest = manifest::record(out, command, &sites, &files)?;
    files.push(manifest);
    publish::files(out, &files)?;
    let written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    super::print_paths(&written)?;
    Ok(ExitCode::SUCCESS)
}
