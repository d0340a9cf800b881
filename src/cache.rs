//! Asking the processor for memory before it is read.
//!
//! A look-up in a table larger than the processor's cache waits for memory
//! at a place of its own. Made one after the other, such look-ups keep a
//! core waiting most of the time; asked for a few at a time first
//! ([`prefetch`]) and then made, their waits overlap.

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
