//! The `pantau` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = pantau::cli::Cli::parse();
    match pantau::commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let code = pantau::commands::exit_code(&err);
            if code == ExitCode::SUCCESS {
                return code;
            }
            match err.downcast_ref::<pantau::problem::InvalidInput>() {
                Some(invalid) => eprintln!("pantau: {invalid}"),
                None => eprintln!("pantau: error: {err:#}"),
            }
            code
        }
    }
}
