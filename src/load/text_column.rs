//! A text column being read, whose repeated texts share their bytes.
//!
//! A text column holds a 16-byte view for every cell and, for a text of
//! more than 12 bytes, its bytes in a buffer. Many columns hold a few
//! texts over and over: a ledger's ten million program codes of 14 bytes
//! (`LAYANAN-LANSIA`) are 140 MB of the same dozen texts. [`TextColumn`]
//! writes a long text's bytes once and points the views of its repeats at
//! them. It looks texts up only while a column has few distinct ones
//! ([`MOST_DISTINCT`]): a column of ids, every text new, stops looking
//! after its first few thousand rows and is read as before. The texts,
//! and so every check and output, stay the same.

use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::hash_table::HashTable;
use polars::prelude::*;
use polars_arrow::array::{MutableBinaryViewArray, View};

/// The distinct long texts a column may have for its repeats to be
/// looked up; past this many, the column stops looking.
pub(crate) const MOST_DISTINCT: usize = 1 << 12;

/// A text column being read.
pub(crate) struct TextColumn {
    name: PlSmallStr,
    texts: MutableBinaryViewArray<str>,
    /// The view of each distinct long text written so far, while the
    /// column has at most [`MOST_DISTINCT`]; `None` once it has more.
    seen: Option<HashTable<View>>,
    hasher: RandomState,
    /// The bytes of the texts whose views were reused, added to the
    /// array's total length once, when it is finished (polars checks a
    /// total set while building against every view, in a debug build).
    reused: usize,
}

impl TextColumn {
    pub(crate) fn new(name: &str) -> TextColumn {
        TextColumn {
            name: name.into(),
            texts: MutableBinaryViewArray::new(),
            seen: Some(HashTable::new()),
            hasher: RandomState::default(),
            reused: 0,
        }
    }

    pub(crate) fn push_null(&mut self) {
        self.texts.push_null();
    }

    pub(crate) fn push(&mut self, text: &str) {
        if text.len() <= View::MAX_INLINE_SIZE as usize {
            self.texts.push_value(text);
            return;
        }
        let Some(seen) = &mut self.seen else {
            self.texts.push_value(text);
            return;
        };
        let texts = &mut self.texts;
        let hash = self.hasher.hash_one(text);
        // SAFETY (here and below): every view in `seen` is one this array
        // gave.
        if let Some(&view) = seen.find(
            hash,
            |v| unsafe { texts.value_from_view_unchecked(v) } == text,
        ) {
            // SAFETY: `view` names bytes of this array's buffers holding
            // `text` (its buffers never move or change once written); the
            // total length grows by the text's in `finish`, before the
            // array is read.
            unsafe {
                texts.views_mut().push(view);
            }
            self.reused += text.len();
            if let Some(validity) = texts.validity() {
                validity.push(true);
            }
            return;
        }
        texts.push_value(text);
        if seen.len() == MOST_DISTINCT {
            self.seen = None;
            return;
        }
        let view = *texts.views().last().expect("a text was just pushed");
        let hasher = &self.hasher;
        seen.insert_unique(hash, view, |v| {
            hasher.hash_one(unsafe { texts.value_from_view_unchecked(v) })
        });
    }

    pub(crate) fn finish(mut self) -> StringChunked {
        let total = self.texts.total_bytes_len() + self.reused;
        // SAFETY: the total is that of every view's text: the array's own
        // count, and the bytes of the views reused.
        unsafe {
            self.texts.set_total_bytes_len(total);
        }
        StringChunked::with_chunk(self.name, self.texts.freeze())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn buffer_bytes(ca: &StringChunked) -> usize {
        ca.downcast_iter()
            .flat_map(|a| a.data_buffers().iter())
            .map(|b| b.len())
            .sum()
    }

    fn read(texts: &[Option<&str>]) -> StringChunked {
        let mut column = TextColumn::new("program");
        for t in texts {
            match t {
                Some(t) => column.push(t),
                None => column.push_null(),
            }
        }
        let column = column.finish();
        assert_eq!(column.len(), texts.len());
        column
    }

    #[test]
    fn repeated_long_texts_are_written_once() {
        let texts = [
            Some("LAYANAN-LANSIA"),
            None,
            Some("BLT-DD"),
            Some("LAYANAN-LANSIA"),
            Some("BANTUAN-PANGAN"),
            Some("BLT-DD"),
            None,
            Some("LAYANAN-LANSIA"),
        ];
        let column = read(&texts);
        assert_eq!(column.name().as_str(), "program");
        assert_eq!(column.iter().collect::<Vec<_>>(), texts);
        assert_eq!(column.null_count(), 2);
        // The two long texts, once each; a short one is held in its view.
        assert_eq!(buffer_bytes(&column), 14 + 14);
        let arr = column.downcast_iter().next().unwrap();
        assert_eq!(arr.total_bytes_len(), 3 * 14 + 14 + 2 * 6);
    }

    #[test]
    fn a_column_of_many_distinct_texts_stops_looking_and_keeps_every_text() {
        let n = MOST_DISTINCT + 100;
        let ids: Vec<String> = (0..n).map(|i| format!("SMN-D-{i:010}")).collect();
        let mut texts: Vec<Option<&str>> = ids.iter().map(|s| Some(s.as_str())).collect();
        // Repeats of a text seen before the column stopped looking share
        // its bytes no more: each is written again.
        texts.push(Some(&ids[0]));
        texts.push(Some(&ids[n - 1]));
        let column = read(&texts);
        assert_eq!(column.iter().collect::<Vec<_>>(), texts);
        assert_eq!(buffer_bytes(&column), (n + 2) * 16);
    }
}
