//! A hash table whose look-ups can be started ahead of time.
//!
//! The registry of a million households puts its ids in a table of 64 MB,
//! larger than the processor's cache, and the ledger looks ten million ids
//! up in it. Each look-up waits for memory at a place of its own, so one
//! after the other they keep a core waiting most of the time. Here a
//! caller asks for the places of several look-ups first ([`Places::ahead`])
//! and then makes them: the memory of the later ones is on its way while
//! the first are compared ([`crate::cache`]).
//!
//! An entry's place is given by the top bits of its hash, and a search
//! goes on to the following places until it finds the entry or an empty
//! place (linear probing). The table is at most half full, so a search
//! reads one or two places, most often in one line of memory.

/// An entry of [`Places`], with a value that marks an empty place.
pub(super) trait Vacant: Copy {
    /// The value of an empty place.
    const VACANT: Self;
    /// Whether this is [`Vacant::VACANT`].
    fn vacant(&self) -> bool;
}

/// The table: a power of two of places, of which at most half are taken.
pub(super) struct Places<S> {
    slots: Vec<S>,
    /// 64 less the bits of a place: a hash shifted right by this many bits
    /// is its entry's first place.
    shift: u32,
    len: usize,
}

/// The fewest places of a table.
const FEWEST: usize = 16;

impl<S: Vacant> Places<S> {
    /// An empty table with room for `entries`.
    pub(super) fn with_room(entries: usize) -> Places<S> {
        let places = entries.saturating_mul(2).next_power_of_two().max(FEWEST);
        Places {
            slots: vec![S::VACANT; places],
            shift: 64 - places.trailing_zeros(),
            len: 0,
        }
    }

    /// How many entries the table holds.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// How many entries the table has room for before it has to grow.
    pub(super) fn room(&self) -> usize {
        self.slots.len() / 2
    }

    fn first_place(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }

    /// Asks for the memory of the first place of a search for `hash`, so
    /// that it is at hand when the search is made.
    pub(super) fn ahead(&self, hash: u64) {
        crate::cache::prefetch(&self.slots[self.first_place(hash)]);
    }

    /// The entry with `hash` for which `same` holds, if any.
    pub(super) fn find(&self, hash: u64, same: impl Fn(&S) -> bool) -> Option<&S> {
        let mask = self.slots.len() - 1;
        let mut place = self.first_place(hash);
        loop {
            let slot = &self.slots[place];
            if slot.vacant() {
                return None;
            }
            if same(slot) {
                return Some(slot);
            }
            place = (place + 1) & mask;
        }
    }

    /// The entry with `hash` for which `same` holds if there is one;
    /// otherwise `new()` is put in and none is returned. The table must
    /// have room for one more entry ([`Places::room`]).
    pub(super) fn find_or_insert(
        &mut self,
        hash: u64,
        same: impl Fn(&S) -> bool,
        new: impl FnOnce() -> S,
    ) -> Option<S> {
        debug_assert!(self.len < self.room());
        let mask = self.slots.len() - 1;
        let mut place = self.first_place(hash);
        loop {
            let slot = self.slots[place];
            if slot.vacant() {
                self.slots[place] = new();
                self.len += 1;
                return None;
            }
            if same(&slot) {
                return Some(slot);
            }
            place = (place + 1) & mask;
        }
    }

    /// Moves the entries to a table with room for `entries` (at least as
    /// many as it holds), each entry's hash given by `hash_of`.
    pub(super) fn grow(&mut self, entries: usize, hash_of: impl Fn(&S) -> u64) {
        let mut grown: Places<S> = Places::with_room(entries.max(self.len));
        let mask = grown.slots.len() - 1;
        for slot in self.slots.iter().filter(|s| !s.vacant()) {
            let mut place = grown.first_place(hash_of(slot));
            while !grown.slots[place].vacant() {
                place = (place + 1) & mask;
            }
            grown.slots[place] = *slot;
        }
        grown.len = self.len;
        *self = grown;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Vacant for (u64, u32) {
        const VACANT: (u64, u32) = (0, u32::MAX);
        fn vacant(&self) -> bool {
            self.1 == u32::MAX
        }
    }

    /// A hash that sends many keys to the same few places.
    fn crowded(key: u64) -> u64 {
        (key % 3) << 62
    }

    #[test]
    fn entries_are_found_after_collisions_and_growth() {
        let mut table: Places<(u64, u32)> = Places::with_room(2);
        assert_eq!(table.room(), 8);
        let keys: Vec<u64> = (0..100).map(|k| k * 7).collect();
        for (row, &key) in keys.iter().enumerate() {
            if table.len() == table.room() {
                table.grow(keys.len(), |s| crowded(s.0));
            }
            let same = |s: &(u64, u32)| s.0 == key;
            assert_eq!(
                table.find_or_insert(crowded(key), same, || (key, row as u32)),
                None
            );
        }
        assert_eq!(table.len(), 100);
        for (row, &key) in keys.iter().enumerate() {
            table.ahead(crowded(key));
            // Asked again, the key is there with the row that put it in.
            let again = table.find_or_insert(crowded(key), |s| s.0 == key, || (key, 999));
            assert_eq!(again, Some((key, row as u32)));
            assert_eq!(
                table.find(crowded(key), |s| s.0 == key),
                Some(&(key, row as u32))
            );
        }
        assert_eq!(table.len(), 100);
        for key in [1, 8, 701] {
            assert_eq!(table.find(crowded(key), |s| s.0 == key), None);
        }
    }

    #[test]
    fn a_search_wraps_around_the_end_of_the_table() {
        let mut table: Places<(u64, u32)> = Places::with_room(0);
        let last = u64::MAX;
        for key in 0..5 {
            table.find_or_insert(last, |s| s.0 == key, || (key, key as u32));
        }
        for key in 0..5 {
            assert_eq!(table.find(last, |s| s.0 == key), Some(&(key, key as u32)));
        }
        assert_eq!(table.find(last, |s| s.0 == 9), None);
    }
}
