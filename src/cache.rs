//! Asking the processor for memory before it is read.
//!
//! A look-up in a table larger than the processor's cache waits for memory
//! at a place of its own. Made one after the other, such look-ups keep a
//! core waiting most of the time; asked for a few at a time first
//! ([`prefetch`]) and then made, their waits overlap ([`fill_ahead`]).

use rayon::prelude::*;

/// How many reads at scattered places are asked for before the first of
/// them is made.
pub(crate) const AHEAD: usize = 16;

/// Asks the processor to bring `item`'s memory into its cache. Nothing
/// else changes: the program reads the same values, sooner.
#[inline]
pub(crate) fn prefetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees, writes nothing
    // and cannot fault; the address is that of a live reference anyway.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// Fills every `out[i]` with `make(i, ask(i))`, on every core. `ask`
/// starts the reads at scattered places that `make` needs (with
/// [`prefetch`]) and returns what it found; it is called for [`AHEAD`]
/// rows before the first of them is made.
pub(crate) fn fill_ahead<T: Send, A: Copy + Default>(
    out: &mut [T],
    ask: impl Fn(usize) -> A + Sync,
    make: impl Fn(usize, A) -> T + Sync,
) {
    let part = AHEAD << 10;
    out.par_chunks_mut(part).enumerate().for_each(|(p, out)| {
        for (k, out) in out.chunks_mut(AHEAD).enumerate() {
            let first = p * part + k * AHEAD;
            let mut asked = [A::default(); AHEAD];
            for (j, asked) in asked.iter_mut().take(out.len()).enumerate() {
                *asked = ask(first + j);
            }
            for (j, (out, asked)) in out.iter_mut().zip(asked).enumerate() {
                *out = make(first + j, asked);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_is_made_once_from_what_was_asked_for_it() {
        // More than one part, and not a whole number of look-ups ahead.
        let n = 3 * (AHEAD << 10) + AHEAD / 2 + 1;
        let table: Vec<u64> = (0..n as u64).map(|k| k * k).collect();
        let mut out = vec![0u64; n];
        fill_ahead(
            &mut out,
            |i| {
                let at = &table[n - 1 - i];
                prefetch(at);
                Some(at)
            },
            |i, asked: Option<&u64>| asked.map_or(0, |v| v + i as u64),
        );
        let expected: Vec<u64> = (0..n).map(|i| table[n - 1 - i] + i as u64).collect();
        assert_eq!(out, expected);
    }
}
