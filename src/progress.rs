//! Progress on long runs. A million-household site takes minutes, and a
//! silent terminal for minutes looks like a hang: while a command works,
//! standard error shows a spinner naming the step under way, and each
//! finished step leaves one line with its duration. Nothing is drawn when
//! standard error is not a terminal (a pipe, a log file, CI) or with
//! `--quiet`, so scripted runs see only their output.
//!
//! The display is one per process, like standard error itself: `start`
//! sets it up from the command line, and the pipeline's stages name their
//! steps with [`step`] without carrying a handle around. Library callers
//! that never call `start` (tests, other programs) draw nothing.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

struct Display {
    bar: ProgressBar,
    /// The step under way and when it began.
    step: Option<(String, Instant)>,
}

static DISPLAY: OnceLock<Mutex<Display>> = OnceLock::new();

/// Sets up the display for this process: hidden when `quiet` or when
/// standard error is not a terminal.
pub fn start(quiet: bool) {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    if !bar.is_hidden() {
        bar.enable_steady_tick(Duration::from_millis(125));
    }
    let _ = DISPLAY.set(Mutex::new(Display { bar, step: None }));
}

/// Starts a step (finishing the one under way): `reading semanan`.
pub fn step(name: impl Into<String>) {
    with(|d| {
        finish_step(d);
        let name = name.into();
        d.bar.set_message(name.clone());
        d.step = Some((name, Instant::now()));
    });
}

/// Finishes the last step and clears the spinner.
pub fn finish() {
    with(|d| {
        finish_step(d);
        d.bar.finish_and_clear();
    });
}

fn finish_step(d: &mut Display) {
    if let Some((name, started)) = d.step.take() {
        d.bar
            .println(format!("  {name}: {}", duration(started.elapsed())));
    }
}

fn with(f: impl FnOnce(&mut Display)) {
    if let Some(display) = DISPLAY.get() {
        if let Ok(mut d) = display.lock() {
            if !d.bar.is_hidden() {
                f(&mut d);
            }
        }
    }
}

/// `0.4 s`, `12.3 s`, `2 min 05 s`.
fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{s:.2} s")
    } else if s < 60.0 {
        format!("{s:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_seconds_then_minutes() {
        assert_eq!(duration(Duration::from_millis(400)), "0.40 s");
        assert_eq!(duration(Duration::from_millis(183)), "0.18 s");
        assert_eq!(duration(Duration::from_millis(12_345)), "12.3 s");
        assert_eq!(duration(Duration::from_secs(125)), "2 min 05 s");
    }
}
