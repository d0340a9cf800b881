//! `pantau generate`: a synthetic site folder.

use std::process::ExitCode;

use anyhow::Result;

use clap::ValueEnum;

use crate::cli::GenerateArgs;
use crate::generate::{self, Profile, ProfileName};

pub(super) fn run(args: GenerateArgs) -> Result<ExitCode> {
    if let Some(name) = &args.name {
        // The name goes into site.toml as the village's: what validate
        // refuses there is refused here, and a name no profile but the
        // custom one takes is not silently dropped.
        let why = match args.profile {
            ProfileName::Custom => crate::contract::hidden_problem(name)
                .map(|c| format!("it holds {c}, which site.toml may not hold"))
                .or_else(|| name.trim().is_empty().then(|| "it is empty".to_string())),
            _ => Some(format!(
                "only the custom profile takes a village name; the {} profile has its own",
                args.profile
                    .to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_string())
            )),
        };
        if let Some(why) = why {
            return crate::problem::InvalidInput::err(format!(
                "--name {}: {why} (nothing was written)",
                crate::contract::escape_hidden(name)
            ));
        }
    }
    let profile = Profile::named(args.profile, args.name);
    generate::generate(&profile, args.households, args.seed, &args.out, args.force)?;
    super::print_paths(std::slice::from_ref(&args.out))?;
    Ok(ExitCode::SUCCESS)
}
