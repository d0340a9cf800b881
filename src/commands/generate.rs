//! `pantau generate`: a synthetic site folder.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::GenerateArgs;
use crate::generate::{self, Profile};

pub(super) fn run(args: GenerateArgs) -> Result<ExitCode> {
    let profile = Profile::named(args.profile, args.name);
    generate::generate(&profile, args.households, args.seed, &args.out, args.force)?;
    super::print_paths(std::slice::from_ref(&args.out))?;
    Ok(ExitCode::SUCCESS)
}
