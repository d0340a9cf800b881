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
            let message = match err.downcast_ref::<pantau::problem::InvalidInput>() {
                Some(invalid) => format!("pantau: {invalid}"),
                None => format!("pantau: error: {err:#}"),
            };
            // An argument or a file may hold what a terminal would obey.
            eprintln!("{}", pantau::contract::escape_hidden(&message));
            code
        }
    }
}
