//! `pantau verify`: does every run in a manifest still match its files,
//! and did a run write every file of the manifest's folder?

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::VerifyArgs;
use crate::publish::manifest;

pub(super) fn run(args: VerifyArgs) -> Result<ExitCode> {
    let verified = manifest::verify(&args.manifest)?;
    let runs = &verified.runs;
    let mut out = String::new();
    let mut changed = 0;
    for run in runs {
        let outputs = run.outputs.join(", ");
        if run.changes.is_empty() {
            writeln!(
                out,
                "OK       {outputs}: {} inputs and {} outputs unchanged",
                run.inputs,
                run.outputs.len()
            )?;
        } else {
            changed += 1;
            writeln!(out, "CHANGED  {outputs} ({})", run.command)?;
            for c in &run.changes {
                writeln!(out, "    {}: {}", c.path.escape_debug(), c.what)?;
            }
        }
    }
    for name in &verified.unrecorded {
        // A name is shown on one line, whatever it holds.
        let name = name.escape_debug();
        writeln!(
            out,
            "UNKNOWN  {name}: in the folder, but no run of the manifest wrote it"
        )?;
    }
    writeln!(
        out,
        "{} of {} runs match their files",
        runs.len() - changed,
        runs.len()
    )?;
    if !verified.unrecorded.is_empty() {
        let n = verified.unrecorded.len();
        let (files, are) = if n == 1 {
            ("file", "is")
        } else {
            ("files", "are")
        };
        writeln!(out, "{n} {files} in the folder {are} not in the manifest")?;
    }
    super::print(&out)?;
    Ok(if changed == 0 && verified.unrecorded.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}
