//! `pantau init`: a new site folder to fill in.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{InitArgs, InitFormat};
use crate::init::{self, Layout, NewSite};

pub(super) fn run(args: InitArgs) -> Result<ExitCode> {
    let layout = match args.format {
        InitFormat::Xlsx => Layout::Workbook(NewSite::workbook_name(args.lang)),
        InitFormat::Csv => Layout::Csv,
    };
    let new = NewSite {
        name: args.name.trim().to_string(),
        code: args.code.trim().to_string(),
        lang: args.lang,
        layout,
    };
    let written = init::init(&args.dir, &new, args.force)?;
    super::print_paths(&written)?;
    Ok(ExitCode::SUCCESS)
}
