//! One module per command: each turns its parsed arguments
//! ([`crate::cli`]) into work on the stages below and returns the exit
//! code. Errors travel up as `anyhow` chains; [`InvalidInput`] among them
//! means exit code 2.

mod convert;
mod explain;
mod generate;
mod indicators;
mod init;
mod notice;
mod report;
mod simulate;
mod validate;
mod verify;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::problem::InvalidInput;

/// Runs one command of the command line, with progress drawn on a terminal.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // The engine's own notices (deprecations, performance hints) speak of
    // its internals, not of the user's data: keep them off the terminal.
    polars::error::set_warning_function(|_, _| {});
    crate::progress::start(cli.quiet);
    let outcome = match cli.command {
        Command::Init(args) => init::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Indicators(args) => indicators::run(args),
        Command::Report(args) => report::run(args),
        Command::Notice(args) => notice::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Generate(args) => generate::run(args),
    };
    crate::progress::finish();
    outcome
}

/// The exit code of a failed run: 2 for input the user can fix, 0 for a
/// closed stdout (`pantau ... | head`), 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        ExitCode::SUCCESS
    } else if err.downcast_ref::<InvalidInput>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// Writes one page and its manifest into `out` all at once.
fn publish_page(
    out: &std::path::Path,
    name: &str,
    html: &str,
    command: String,
    site: &crate::site::Site,
) -> Result<PathBuf> {
    let files = [(name.to_string(), html.to_string())];
    let mut paths = publish_pages(out, &files, command, site)?;
    Ok(paths.remove(0))
}

/// Writes pages (file name, HTML) and their manifest into `out` all at
/// once: either every file is there afterwards, or none has changed.
fn publish_pages(
    out: &std::path::Path,
    files: &[(String, String)],
    command: String,
    site: &crate::site::Site,
) -> Result<Vec<PathBuf>> {
    use crate::publish::{manifest, Staging};
    let mut staging = Staging::new(out)?;
    let mut paths = Vec::new();
    for (name, html) in files {
        let path = out.join(name);
        staging.add(&path, html.as_bytes())?;
        paths.push(path);
    }
    let inputs = vec![manifest::site_inputs(out, site)?];
    let (manifest, bytes) = manifest::record(out, command, inputs, staging.files())?;
    staging.add(&manifest, &bytes)?;
    staging.publish()?;
    Ok(paths)
}

/// Writes text to stdout in one go.
fn print(text: &str) -> Result<()> {
    print_parts(&[text])
}

/// Prints the parts of one text one after the other, each split at a
/// character boundary.
fn print_parts(parts: &[impl AsRef<str>]) -> Result<()> {
    // The spinner's line is cleared first, so the text starts a line.
    crate::progress::finish();
    let mut out = std::io::stdout().lock();
    for part in parts {
        // Whatever a file, a folder name or an argument holds that a
        // terminal would obey is written as an escape.
        let text = crate::contract::escape_hidden(part.as_ref());
        out.write_all(text.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// Prints the path of every file written, one per line.
fn print_paths(paths: &[PathBuf]) -> Result<()> {
    let text: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
    print(&text)
}

/// The paths of the files written, on standard error: for a command whose
/// standard output is one CSV or JSON document.
fn eprint_paths(paths: &[PathBuf]) {
    for p in paths {
        eprintln!(
            "{}",
            crate::contract::escape_hidden(&p.display().to_string())
        );
    }
}
