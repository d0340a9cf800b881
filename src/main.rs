//! The `pantau` binary: parse the command line, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    pantau::panics::report_plainly();
    one_arena_per_core();
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

/// glibc's allocator gives threads that allocate at the same time arenas of
/// their own, up to eight per core, and memory freed in one arena is reused
/// only by the threads allocating from it: polars' and rayon's threads then
/// keep several villages' worth of freed memory between them. One arena per
/// core lowers the peak of a district run by about a quarter and that of
/// one large site by about a sixth (docs/scale.md). `MALLOC_ARENA_MAX` in
/// the environment still decides when it is set.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_arena_per_core() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let arenas = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
    // SAFETY: mallopt only sets a parameter of the allocator, and is called
    // before the program starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_arena_per_core() {}
