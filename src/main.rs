//! The `pantau` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pantau::cli::Cli::parse();
    match pantau::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if pantau::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            if let Some(invalid) = err.downcast_ref::<pantau::InvalidInput>() {
                eprintln!("pantau: {invalid}");
                return ExitCode::from(2);
            }
            eprintln!("pantau: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
