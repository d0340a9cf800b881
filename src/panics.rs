//! A panic, of pantau or of a library it uses, reported on one line as an
//! internal error rather than as a Rust panic with a backtrace (the process
//! still ends with a failure, 101); and [`catch`], which turns a panic of a
//! piece of work that may meet a gap of the engine (a rule's operation the
//! engine is built without) into an answer the caller can word.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many [`catch`]es are running: while one is, a panic is kept for it
/// rather than printed.
static CATCHING: AtomicUsize = AtomicUsize::new(0);
static CAUGHT: Mutex<Option<String>> = Mutex::new(None);

/// What `std::thread::scope` says after one of its threads panicked: that
/// panic was already reported.
const SCOPED: &str = "a scoped thread panicked";

/// Reports every later panic on one line.
pub fn report_plainly() {
    std::panic::set_hook(Box::new(|info| {
        let message = message(info.payload());
        if CATCHING.load(Ordering::SeqCst) > 0 {
            let mut caught = CAUGHT.lock().unwrap_or_else(|e| e.into_inner());
            if caught.is_none() {
                *caught = Some(message);
                return;
            }
        }
        if message == SCOPED {
            return;
        }
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "pantau: internal error: {}{place}; please report it with the command that \
             showed it",
            crate::contract::escape_hidden(&message)
        );
    }));
}

/// The text a panic was raised with.
fn message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// `work`'s answer, or the message of its panic.
pub(crate) fn catch<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let answer = catch_unwind(AssertUnwindSafe(work));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    let kept = CAUGHT.lock().unwrap_or_else(|e| e.into_inner()).take();
    answer.map_err(|payload| kept.unwrap_or_else(|| message(&*payload)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message() {
        assert_eq!(catch(|| 3), Ok(3));
        let caught = catch(|| -> u8 { panic!("not built with {}", "u128") });
        assert_eq!(caught, Err("not built with u128".to_string()));
    }
}
