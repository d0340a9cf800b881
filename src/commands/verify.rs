//! `pantau verify`: does every run in a manifest still match its files?

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::VerifyArgs;
use crate::publish::manifest;

pub(super) fn run(args: VerifyArgs) -> Result<ExitCode> {
    let runs = manifest::verify(&args.manifest)?;
    let mut out = String::new();
    let mut changed = 0;
    for run in &runs {
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
                writeln!(out, "    {}: {}", c.path, c.what)?;
            }
        }
    }
    writeln!(
        out,
        "{} of {} runs match their files",
        runs.len() - changed,
        runs.len()
    )?;
    super::print(&out)?;
    Ok(if changed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}
