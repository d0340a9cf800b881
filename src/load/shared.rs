//! Household ids that point at the registry's bytes.
//!
//! A text column holds a 16-byte view for each row and, for a text of more
//! than 12 bytes, its bytes in a buffer. A family card number has 16
//! digits, so a ledger of ten million deliveries holds 160 MB of ids that
//! the registry already holds once per household. [`pointing_at`] gives a
//! referring table's ids views into the registry's buffers instead, and the
//! table's own bytes are released: the texts, and so every comparison,
//! join and output, stay the same.

use polars::prelude::*;
use polars_arrow::array::{Array, MutableBinaryViewArray, Utf8ViewArray, View};

use crate::cache::{fill_ahead, prefetch};

/// `ids` with each id pointing at the bytes of the registry's row
/// `registry_row(i)` (a row of `registry`, for row `i` of `ids`), which
/// holds the same text: the checks found each row's registry row by its
/// text. As a guard, the length and first four bytes of the two texts
/// (held in their views, so no byte is read at a scattered place) must
/// agree. An id without a registry row, or failing the guard, keeps bytes
/// of its own, and a short id (12 bytes or fewer) is held in its view
/// anyway. The chunks are cut as those of `ids`.
pub(crate) fn pointing_at(
    ids: &StringChunked,
    registry: &StringChunked,
    registry_row: impl Fn(usize) -> Option<usize> + Sync,
) -> StringChunked {
    // The registry's views, each naming its buffer by its place in the
    // buffers of all the registry's chunks together.
    let mut buffers = Vec::new();
    let mut registry_views: Vec<View> = Vec::with_capacity(registry.len());
    for arr in registry.downcast_iter() {
        let base = buffers.len() as u32;
        buffers.extend(arr.data_buffers().iter().cloned());
        registry_views.extend(arr.views().iter().enumerate().map(|(i, v)| match v.length {
            _ if arr.is_null(i) => View::default(),
            n if n <= View::MAX_INLINE_SIZE => *v,
            _ => View {
                buffer_idx: v.buffer_idx + base,
                ..*v
            },
        }));
    }
    let registry = registry_views;
    let mut row = 0;
    let chunks: Vec<Utf8ViewArray> = ids
        .downcast_iter()
        .map(|own| {
            let start = row;
            row += own.len();
            let own_views = own.views();
            // Each row's view: the registry's where it has the row, its own
            // where it is short, and [`KEPT`] where its bytes are kept,
            // given below. The registry's views are read at scattered
            // places, a few asked for ahead ([`crate::cache`]).
            let mut views = vec![View::default(); own.len()];
            let long = |i: usize| !own.is_null(i) && own_views[i].length > View::MAX_INLINE_SIZE;
            fill_ahead(
                &mut views,
                |i| {
                    let found = long(i)
                        .then(|| registry_row(start + i).and_then(|r| registry.get(r)))
                        .flatten();
                    if let Some(r) = found {
                        prefetch(r);
                    }
                    found
                },
                |i, found| {
                    let v = own_views[i];
                    if own.is_null(i) {
                        View::default()
                    } else if v.length <= View::MAX_INLINE_SIZE {
                        v
                    } else {
                        let same = |r: &&View| r.length == v.length && r.prefix == v.prefix;
                        found.filter(same).map_or(KEPT, |r| *r)
                    }
                },
            );
            let mut out = MutableBinaryViewArray::<str>::with_capacity(0);
            for buffer in &buffers {
                out.push_buffer(buffer.clone());
            }
            let mut total = 0;
            for (v, own_view) in views.iter_mut().zip(own_views.iter()) {
                if *v == KEPT {
                    *v = out.push_value_into_buffer(bytes_of(own_view, own.data_buffers()));
                }
                total += v.length as usize;
            }
            // SAFETY: every view is inline, or names a registry buffer
            // pushed above at the place `views` gives it, or a buffer of
            // `out` holding the bytes written for it; the bytes are the
            // UTF-8 of a text of the registry or of `ids`, at the same
            // offsets; `total` is the sum of the views' lengths.
            unsafe {
                *out.views_mut() = views;
                out.set_total_bytes_len(total);
            }
            out.freeze().with_validity(own.validity().cloned())
        })
        .collect();
    StringChunked::from_chunk_iter(ids.name().clone(), chunks)
}

/// The view of a row whose bytes are kept, until they are: no view of
/// a text names this buffer.
const KEPT: View = View {
    length: u32::MAX,
    prefix: 0,
    buffer_idx: u32::MAX,
    offset: 0,
};

/// The bytes a view of more than 12 bytes names in `buffers`.
fn bytes_of<'a, B: std::ops::Deref<Target = [u8]>>(v: &View, buffers: &'a [B]) -> &'a [u8] {
    &buffers[v.buffer_idx as usize][v.offset as usize..][..v.length as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str, values: &[Option<&str>]) -> StringChunked {
        StringChunked::from_iter_options(name.into(), values.iter().copied())
    }

    /// The bytes of the buffers an array holds (shared ones counted too).
    fn buffer_bytes(ca: &StringChunked) -> usize {
        ca.downcast_iter()
            .flat_map(|a| a.data_buffers().iter())
            .map(|b| b.len())
            .sum()
    }

    #[test]
    fn ids_keep_their_texts_and_share_the_registrys_bytes() {
        let registry = texts(
            "household_id",
            &[
                Some("3173050809182069"),
                Some("3173050107259150"),
                Some("short"),
                Some("9999059999999999"),
            ],
        );
        // Two chunks, as a table read in parts is.
        let mut ids = texts(
            "household_id",
            &[Some("3173050107259150"), None, Some("3173059999999999")],
        );
        ids.append(&texts(
            "household_id",
            &[
                Some("3173050809182069"),
                Some("short"),
                Some("3173050107259150"),
            ],
        ))
        .unwrap();
        // Rows 0, 3 and 4 have their registry rows; row 1 is empty; rows
        // 2 and 5 are said to be at registry rows whose texts start
        // differently or are shorter, which the guard catches.
        let at = [Some(1), None, Some(3), Some(0), Some(2), Some(2)];
        let shared = pointing_at(&ids, &registry, |i| at[i]);
        assert_eq!(shared.name(), ids.name());
        let got: Vec<Option<&str>> = shared.iter().collect();
        let want: Vec<Option<&str>> = ids.iter().collect();
        assert_eq!(got, want);
        let lens: Vec<usize> = shared.downcast_iter().map(|a| a.len()).collect();
        assert_eq!(lens, [3, 3]);
        let registry_buffer = registry.downcast_iter().next().unwrap().data_buffers()[0].clone();
        for chunk in shared.downcast_iter() {
            assert!(chunk
                .data_buffers()
                .iter()
                .any(|b| b.as_ptr() == registry_buffer.as_ptr()));
        }
        // Only rows 2 and 5 keep bytes of their own.
        let own: usize = buffer_bytes(&shared) - 2 * registry_buffer.len();
        assert_eq!(own, 2 * 16);
    }

    #[test]
    fn an_id_past_the_registry_keeps_its_bytes() {
        let registry = texts("household_id", &[Some("3173050809182069")]);
        let ids = texts("household_id", &[Some("3173050809182069")]);
        let shared = pointing_at(&ids, &registry, |_| Some(7));
        assert_eq!(shared.get(0), Some("3173050809182069"));
    }
}
