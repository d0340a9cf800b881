//! CSV files: encoding, delimiter, and one pass that checks the structure
//! and reads the records.
//!
//! Excel saves "CSV" in the computer's code page (Windows-1252 on most
//! Indonesian machines), "CSV UTF-8" with a byte-order mark, "Unicode text"
//! as UTF-16, and uses `;` between fields where the decimal separator is a
//! comma. A file in UTF-8 is read straight from disk; any other encoding is
//! decoded, explicitly and without replacing a single byte, before anything
//! else reads it. The delimiter is the one site.toml declares, or the one the
//! header line makes obvious.
//!
//! One streaming pass over a file's bytes checks its structure (valid
//! UTF-8, a header, the same number of fields on every record, closed
//! quotes) and reads every field of its records into text columns, so a
//! file's bytes are gone through once. The same pass maps record numbers
//! to line numbers, so a problem found later in a polars plan can name the
//! line a person sees in an editor even when a quoted field spans several
//! lines. As in an editor, a carriage return, a line feed, or the two
//! together end one line, however the endings are mixed in a file.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use polars::prelude::*;

use super::field::{part_prefix, InPass, Parts, ReadColumn};
use super::fingerprint::Fingerprinting;
use super::format::{Encoding, TableFormat};
use super::text_column::TextColumn;
use super::{RowNumbers, Source, ROW};
use crate::problem::Problem;

/// What the structural pass learned about a CSV file.
#[derive(Debug, Clone, Default)]
pub(crate) struct CsvStructure {
    pub header: Vec<String>,
    /// Line of the header (1-based; blank lines before it are skipped).
    pub header_line: u32,
    /// Start line of every record, kept only when some record does not start
    /// at `header_line + 1 + index` (multi-line fields or blank lines).
    pub record_lines: Option<Vec<u32>>,
    pub problems: Vec<Problem>,
    /// Data records (blank lines are not records).
    pub records: u64,
}

/// At most this many structural problems are listed per file; the rest are counted.
const MAX_STRUCTURE_PROBLEMS: usize = 50;

struct Scanner {
    separator: u8,
    /// The line being read: each carriage return, line feed, or carriage
    /// return followed by a line feed ends one, as in a text editor.
    line: u32,
    /// The last byte read was a carriage return, so a line feed after it
    /// ends no line of its own.
    after_cr: bool,
    in_quotes: bool,
    /// The previous byte inside quotes was a quote (either the closing quote or
    /// the first half of an escaped `""`).
    quote_pending: bool,
    /// The header field being read (data fields are only counted).
    field: Vec<u8>,
    fields: Vec<String>,
    /// Fields of the data record being read.
    data_fields: usize,
    record_start: u32,
    at_record_start: bool,
    record_was_empty: bool,
    header: Option<Vec<String>>,
    header_line: u32,
    records: u64,
    record_lines: Vec<u32>,
    irregular: bool,
    problems: Vec<Problem>,
    extra_problems: usize,
    /// The data records' field texts, when the pass also reads them.
    columns: Option<Columns>,
}

/// The texts of a file's data records, read by the structural pass itself
/// (so a CSV file's bytes are gone through once): each field as the
/// header's are read (quotes removed, a doubled quote kept as one, the
/// line end left out); an empty field that was not quoted is null.
struct Columns {
    /// The bytes of the record being read, field after field.
    record: Vec<u8>,
    /// Where each field of the record ends in `record`, and whether it was
    /// quoted.
    ends: Vec<(usize, bool)>,
    /// Whether the field being read has been quoted.
    quoted: bool,
    /// One builder per header field, made when the header is read.
    builders: Vec<Builder>,
    /// How the fields under each header name are read in the pass (a
    /// name not here is read as text).
    in_pass: InPass,
    /// Where the separators of the plain record being read are.
    separators: Vec<usize>,
}

/// A column being read: as text, or into values (see [`super::field`]).
enum Builder {
    Text(Box<TextColumn>),
    Read(Box<ReadColumn>),
}

impl Builder {
    /// Adds one field: `text` as read (quotes removed); an empty field
    /// that was not quoted is null.
    fn push(&mut self, text: &str, quoted: bool) {
        match self {
            Builder::Text(builder) => {
                if text.is_empty() && !quoted {
                    builder.push_null();
                } else {
                    builder.push(text);
                }
            }
            Builder::Read(column) => column.push(text, quoted),
        }
    }
}

impl Columns {
    fn new(in_pass: InPass) -> Columns {
        Columns {
            record: Vec::new(),
            ends: Vec::new(),
            quoted: false,
            builders: Vec::new(),
            in_pass,
            separators: Vec::new(),
        }
    }

    fn end_field(&mut self) {
        self.ends.push((self.record.len(), self.quoted));
        self.quoted = false;
    }

    /// Reads a plain record (a line without quotes, see
    /// [`Scanner::plain_record`]): its fields are added to the columns when
    /// there are as many as the header's. Returns the number of fields.
    fn plain(&mut self, text: &str, separator: u8) -> usize {
        // The separators are found in one pass and the fields cut between
        // them; a separator is ASCII, so every cut is at a character.
        self.separators.clear();
        self.separators
            .extend(memchr::memchr_iter(separator, text.as_bytes()));
        let n = self.separators.len() + 1;
        if n == self.builders.len() {
            let ends = self.separators.iter().copied().chain([text.len()]);
            let mut start = 0;
            for (end, builder) in ends.zip(&mut self.builders) {
                builder.push(&text[start..end], false);
                start = end + 1;
            }
        }
        n
    }

    /// Adds the record to the columns when it has the header's fields (a
    /// file with any other record is refused, so it is never read).
    fn end_record(&mut self, keep: bool) {
        if keep && self.ends.len() == self.builders.len() {
            let mut start = 0;
            for (&(end, quoted), builder) in self.ends.iter().zip(&mut self.builders) {
                let bytes = &self.record[start..end];
                match std::str::from_utf8(bytes) {
                    Ok(text) => builder.push(text, quoted),
                    Err(_) => builder.push(&String::from_utf8_lossy(bytes), quoted),
                }
                start = end;
            }
        }
        self.record.clear();
        self.ends.clear();
    }
}

impl Scanner {
    fn new(separator: u8) -> Scanner {
        Scanner {
            separator,
            line: 1,
            after_cr: false,
            in_quotes: false,
            quote_pending: false,
            field: Vec::new(),
            fields: Vec::new(),
            data_fields: 0,
            record_start: 1,
            at_record_start: true,
            record_was_empty: true,
            header: None,
            header_line: 0,
            records: 0,
            record_lines: Vec::new(),
            irregular: false,
            problems: Vec::new(),
            extra_problems: 0,
            columns: None,
        }
    }

    /// The columns being read, once the header is read (its own fields
    /// are kept apart, in `field`).
    fn data(&mut self) -> Option<&mut Columns> {
        match self.header {
            Some(_) => self.columns.as_mut(),
            None => None,
        }
    }

    fn problem(&mut self, line: u32, rule: &'static str, message: String) {
        if self.problems.len() < MAX_STRUCTURE_PROBLEMS {
            self.problems
                .push(Problem::error(rule, message).at_row(line as u64));
        } else {
            self.extra_problems += 1;
        }
    }

    fn end_field(&mut self) {
        // Only the header's field texts are kept; data fields are only counted.
        if self.header.is_none() {
            let text = String::from_utf8_lossy(&self.field).trim().to_string();
            self.fields.push(text);
            self.field.clear();
        } else {
            self.data_fields += 1;
            if let Some(columns) = self.data() {
                columns.end_field();
            }
        }
    }

    fn end_record(&mut self) {
        self.end_field();
        let n = if self.header.is_none() {
            self.fields.len()
        } else {
            self.data_fields
        };
        let blank = n == 1 && self.record_was_empty;
        if let Some(columns) = self.data() {
            columns.end_record(!blank);
        }
        if blank {
            // Not a row, but it shifts line numbers.
            self.irregular = true;
        } else if self.header.is_some() {
            self.count_record(n);
        } else {
            if let Some(columns) = &mut self.columns {
                columns.builders = self
                    .fields
                    .iter()
                    .map(|name| match columns.in_pass.get(name) {
                        Some(&read_as) => Builder::Read(Box::new(ReadColumn::new(read_as))),
                        None => Builder::Text(Box::new(TextColumn::new(name))),
                    })
                    .collect();
            }
            self.header = Some(std::mem::take(&mut self.fields));
            self.header_line = self.record_start;
        }
        self.fields.clear();
        self.data_fields = 0;
        self.at_record_start = true;
    }

    /// Counts a data record of `n` fields that started on line
    /// `record_start`.
    fn count_record(&mut self, n: usize) {
        let expected = self.header.as_ref().map_or(0, Vec::len);
        if self.records < u32::MAX as u64 {
            self.record_lines.push(self.record_start);
        }
        if self.record_start as u64 != self.header_line as u64 + 1 + self.records {
            self.irregular = true;
        }
        self.records += 1;
        if n != expected {
            let line = self.record_start;
            self.problem(
                line,
                "field-count",
                format!("record has {n} fields but the header has {expected}"),
            );
        }
    }

    /// Reads a whole data record at the start of `rest` at once when it is
    /// plain: a complete line, valid UTF-8, without quotes and not blank,
    /// as almost every record of a large file is. Its fields are added to
    /// the columns straight from `rest`, as the byte-by-byte reading
    /// would add them (an empty field null). Returns the bytes read (the
    /// line and its line end), or `None` when the record must be read byte
    /// by byte.
    fn plain_record(&mut self, rest: &[u8]) -> Option<usize> {
        // The line ends at its first carriage return or line feed; a quote
        // before it needs the byte-by-byte reading.
        let end = memchr::memchr3(b'\n', b'\r', b'"', rest)?;
        if end == 0 || rest[end] == b'"' {
            return None;
        }
        let text = std::str::from_utf8(&rest[..end]).ok()?;
        let separator = self.separator;
        let n = match self.data() {
            Some(columns) => columns.plain(text, separator),
            None => 1 + memchr::memchr_iter(separator, text.as_bytes()).count(),
        };
        self.record_start = self.line;
        self.count_record(n);
        self.line += 1;
        // A carriage return ends the line; the line feed after it, when
        // it is not in `rest`, is passed over when it comes.
        let crlf = rest[end] == b'\r' && rest.get(end + 1) == Some(&b'\n');
        self.after_cr = rest[end] == b'\r' && !crlf;
        Some(end + 1 + usize::from(crlf))
    }

    /// Keeps a byte of the field being read, when it is the header's.
    fn keep(&mut self, b: u8) {
        if self.header.is_none() {
            self.field.push(b);
        } else if let Some(columns) = self.data() {
            columns.record.push(b);
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        // The fast reading of whole records needs a separator that is a
        // single character (every delimiter site.toml accepts is).
        let plain = self.separator.is_ascii() && !matches!(self.separator, b'"' | b'\n' | b'\r');
        let mut i = 0;
        while i < bytes.len() {
            if plain && self.at_record_start && self.header.is_some() && !self.in_quotes {
                if let Some(read) = self.plain_record(&bytes[i..]) {
                    i += read;
                    continue;
                }
            }
            // Inside a data record, a run of bytes that are neither the
            // separator, a quote nor a line end changes nothing but
            // whether the record is empty (and, inside quotes, the line
            // count): skip it at once.
            if self.header.is_some() && !self.at_record_start && !self.quote_pending {
                let rest = &bytes[i..];
                // Unquoted fields are short: a plain loop finds their end
                // sooner than a vector search would start.
                let sep = self.separator;
                let run = if self.in_quotes {
                    memchr::memchr(b'"', rest)
                } else {
                    rest.iter()
                        .position(|&b| b == sep || b == b'"' || b == b'\n' || b == b'\r')
                }
                .unwrap_or(rest.len());
                if run > 0 {
                    let skipped = &rest[..run];
                    if let Some(columns) = self.data() {
                        columns.record.extend_from_slice(skipped);
                    }
                    self.line += line_ends(skipped, &mut self.after_cr);
                    if self.record_was_empty {
                        self.record_was_empty = skipped.iter().all(|&b| b == b'\n' || b == b'\r');
                    }
                    i += run;
                    continue;
                }
            }
            self.byte(bytes[i]);
            i += 1;
        }
    }

    fn byte(&mut self, b: u8) {
        if std::mem::replace(&mut self.after_cr, b == b'\r') && b == b'\n' {
            // The line feed of a carriage return and line feed: the
            // carriage return ended the line (and the record, outside
            // quotes), so inside quotes it is only kept.
            if self.in_quotes {
                self.keep(b);
            }
            return;
        }
        if self.at_record_start {
            self.record_start = self.line;
            self.at_record_start = false;
            self.record_was_empty = true;
        }
        if b != b'\n' && b != b'\r' {
            self.record_was_empty = false;
        }
        if self.in_quotes {
            if self.quote_pending {
                self.quote_pending = false;
                if b == b'"' {
                    // escaped quote
                    self.keep(b'"');
                    return;
                }
                self.in_quotes = false;
                // fall through to the unquoted handling of b
            } else {
                if b == b'"' {
                    self.quote_pending = true;
                } else {
                    if b == b'\n' || b == b'\r' {
                        self.line += 1;
                    }
                    self.keep(b);
                }
                return;
            }
        }
        match b {
            b'"' => {
                self.in_quotes = true;
                if let Some(columns) = self.data() {
                    columns.quoted = true;
                }
            }
            b if b == self.separator => self.end_field(),
            b'\n' | b'\r' => {
                self.end_record();
                self.line += 1;
            }
            _ => self.keep(b),
        }
    }

    fn finish(mut self) -> (CsvStructure, Option<Columns>) {
        if self.in_quotes && !self.quote_pending {
            let line = self.record_start;
            self.problem(
                line,
                "unclosed-quote",
                "a quoted field is never closed".into(),
            );
        } else if !self.at_record_start {
            self.in_quotes = false;
            self.end_record();
        }
        if self.extra_problems > 0 {
            let n = self.extra_problems;
            self.problems.push(Problem::error(
                "field-count",
                format!("{n} more records with structural problems are not listed"),
            ));
        }
        let header = self.header.unwrap_or_default();
        let structure = CsvStructure {
            header,
            header_line: self.header_line.max(1),
            record_lines: if self.irregular {
                Some(self.record_lines)
            } else {
                None
            },
            problems: self.problems,
            records: self.records,
        };
        (structure, self.columns)
    }
}

/// The lines that `bytes` end: each carriage return, line feed, or
/// carriage return followed by a line feed ends one. `after_cr` says
/// whether the byte before them was a carriage return, and is left saying
/// whether their last one is.
pub(crate) fn line_ends(bytes: &[u8], after_cr: &mut bool) -> u32 {
    let Some(&last) = bytes.last() else {
        return 0;
    };
    let mut n = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let pair = bytes[at] == b'\n'
            && match at.checked_sub(1) {
                Some(before) => bytes[before] == b'\r',
                None => *after_cr,
            };
        n += u32::from(!pair);
    }
    *after_cr = last == b'\r';
    n
}

/// What to do when the bytes are not UTF-8: the hint names the likely cause.
fn not_utf8_message(sample: &[u8]) -> String {
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    if nuls * 4 > sample.len().max(1) {
        "the file is not UTF-8; it looks like UTF-16 without a byte-order mark: declare \
         encoding = \"utf-16le\" (or \"utf-16be\") under [format.<table>] in site.toml"
            .into()
    } else {
        "the file is not valid UTF-8: save it as \"CSV UTF-8\", or, if it was saved as \
         Excel's plain \"CSV\", declare encoding = \"windows-1252\" under [format.<table>] \
         in site.toml"
            .into()
    }
}

/// One streaming pass over the bytes: UTF-8, header, field counts, line numbers.
fn scan_structure(reader: impl Read, separator: u8) -> std::io::Result<CsvStructure> {
    Ok(pass(reader, separator, None)?.0)
}

/// The structural pass, which also reads the data records when `read` is
/// given: how the fields under each header name are read.
fn pass(
    mut reader: impl Read,
    separator: u8,
    read: Option<&InPass>,
) -> std::io::Result<(CsvStructure, Option<Columns>)> {
    let mut scanner = Scanner::new(separator);
    if let Some(in_pass) = read {
        scanner.columns = Some(Columns::new(in_pass.clone()));
    }
    // The bytes are read into one buffer; an incomplete UTF-8 sequence at
    // the end of a read (`carried` bytes) is moved to the buffer's start
    // and completed by the next read.
    let mut buf = vec![0u8; 1 << 20];
    let mut carried = 0;
    let mut first = true;
    let mut bad_utf8_reported = false;
    loop {
        let n = reader.read(&mut buf[carried..])?;
        if n == 0 {
            break;
        }
        let len = carried + n;
        carried = 0;
        let mut start = 0;
        if first {
            first = false;
            if buf[..len].starts_with(b"\xEF\xBB\xBF") {
                start = 3;
            }
        }
        let chunk = &buf[start..len];
        let valid_up_to = match std::str::from_utf8(chunk) {
            Ok(_) => chunk.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => {
                if !bad_utf8_reported {
                    bad_utf8_reported = true;
                    scanner.feed(&chunk[..e.valid_up_to()]);
                    let line = scanner.line;
                    scanner.problem(line, "encoding", not_utf8_message(chunk));
                    scanner.feed(&chunk[e.valid_up_to()..]);
                    continue;
                }
                chunk.len()
            }
        };
        scanner.feed(&chunk[..valid_up_to]);
        carried = chunk.len() - valid_up_to;
        buf.copy_within(start + valid_up_to..len, 0);
    }
    if carried > 0 && !bad_utf8_reported {
        let line = scanner.line;
        scanner.problem(
            line,
            "encoding",
            "the file ends inside a UTF-8 character".into(),
        );
    }
    Ok(scanner.finish())
}

/// The frame of a file's records: every header field a text column (a
/// name repeated in the header keeps its first column; such a file is
/// refused anyway), the value and fault of each field read in the pass,
/// named so that no header name is theirs ([`super::field::Parts`]),
/// and [`ROW`] numbering the records. Also gives the positions of the
/// fields read in the pass.
fn frame(structure: &CsvStructure, columns: Columns) -> PolarsResult<(DataFrame, Vec<Parts>)> {
    let rows = structure.records as usize;
    let mut out: Vec<Column> =
        vec![IdxCa::from_vec(ROW.into(), (0..rows as IdxSize).collect()).into_column()];
    // A header name that is the row numbers' is left out like a repeated
    // one (it is not a contract column), and the parts of the columns read
    // in the pass are named so that no header name is theirs.
    let mut seen: std::collections::HashSet<PlSmallStr> = [PlSmallStr::from(ROW)].into();
    let prefix = part_prefix(&structure.header);
    let mut read = Vec::new();
    for (position, (builder, name)) in columns
        .builders
        .into_iter()
        .zip(&structure.header)
        .enumerate()
    {
        match builder {
            Builder::Text(builder) => {
                let text = builder.finish();
                if text.len() == rows && seen.insert(text.name().clone()) {
                    out.push(text.into_series().into_column());
                }
            }
            Builder::Read(column) => {
                if column.len() == rows && seen.insert(name.as_str().into()) {
                    let parts = Parts {
                        position,
                        value: format!("{prefix}value_{position}"),
                        fault: column
                            .has_fault()
                            .then(|| format!("{prefix}fault_{position}")),
                    };
                    let fault = parts.fault.as_deref().unwrap_or_default();
                    out.extend(column.finish(name, &parts.value, fault));
                    read.push(parts);
                }
            }
        }
    }
    Ok((DataFrame::new(rows, out)?, read))
}

/// The structural pass over text held in memory.
pub(crate) fn scan_bytes(bytes: &[u8], separator: u8) -> std::io::Result<CsvStructure> {
    scan_structure(bytes, separator)
}

/// The delimiter of a file whose site did not declare one: the candidate
/// that appears most often on the header line (outside quotes). A tie is
/// refused rather than guessed.
pub(crate) fn detect_delimiter(first_line: &[u8]) -> Result<u8, String> {
    const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut in_quotes = false;
    for &b in first_line {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return Ok(b',');
    }
    let winners: Vec<u8> = CANDIDATES
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n == best)
        .map(|(c, _)| *c)
        .collect();
    match winners.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "cannot tell the delimiter: the header has as many {} as {}; declare \
             delimiter under [format.<table>] in site.toml",
            shown(winners[0]),
            shown(winners[1])
        )),
    }
}

fn shown(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "\",\"",
        b';' => "\";\"",
        b'\t' => "tabs",
        _ => "\"|\"",
    }
}

/// The file's text as UTF-8 when it is not read from disk as it is: UTF-16
/// (declared or with its byte-order mark) or Windows-1252 (declared).
fn decoded(bytes: &[u8], declared: Encoding) -> Result<Option<Vec<u8>>, String> {
    let (encoding, body) = if bytes.starts_with(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, &bytes[2..])
    } else if bytes.starts_with(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, &bytes[2..])
    } else {
        match declared {
            Encoding::Utf8 => return Ok(None),
            Encoding::Windows1252 => {
                if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                    return Err(
                        "site.toml declares windows-1252, but the file is UTF-8 (its \
                                accented letters are UTF-8 sequences); remove the encoding line"
                            .into(),
                    );
                }
                (encoding_rs::WINDOWS_1252, bytes)
            }
            Encoding::Utf16le => (encoding_rs::UTF_16LE, bytes),
            Encoding::Utf16be => (encoding_rs::UTF_16BE, bytes),
        }
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Some(text.into_owned().into_bytes())),
        None => Err(format!(
            "the file is not valid {}: it has bytes that are not text in that encoding",
            encoding.name()
        )),
    }
}

/// Where polars reads the text from.
enum Text {
    File,
    Decoded(Vec<u8>),
}

/// Opens a CSV file: encoding, delimiter, structure, and the records,
/// the fields under the header names in `in_pass` read into values.
pub(crate) fn open(
    path: &Path,
    format: &TableFormat,
    in_pass: &InPass,
) -> Result<Source, Vec<Problem>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        vec![Problem::error(
            "unreadable-file",
            format!("cannot read the file: {e}"),
        )]
    };
    let mut head = vec![0u8; 64 * 1024];
    let n = File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|e| unreadable(&e))?;
    head.truncate(n);
    let utf16_bom = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let text = if utf16_bom || format.encoding != Encoding::Utf8 {
        let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
        match decoded(&bytes, format.encoding) {
            Ok(Some(utf8)) => Text::Decoded(utf8),
            Ok(None) => Text::File,
            Err(m) => return Err(vec![Problem::error("encoding", m)]),
        }
    } else {
        Text::File
    };
    let first: &[u8] = match &text {
        Text::File => &head,
        Text::Decoded(bytes) => &bytes[..bytes.len().min(64 * 1024)],
    };
    let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let separator = match format.delimiter {
        Some(d) => d,
        None => detect_delimiter(first).map_err(|m| vec![Problem::error("delimiter", m)])?,
    };
    // A file read as it is gives its fingerprint in the same pass.
    let ((structure, columns), fingerprint) = match &text {
        Text::File => File::open(path).and_then(|f| {
            let mut reader = Fingerprinting::new(f);
            let read = pass(&mut reader, separator, Some(in_pass))?;
            Ok((read, Some(reader.finish())))
        }),
        Text::Decoded(bytes) => {
            pass(bytes.as_slice(), separator, Some(in_pass)).map(|read| (read, None))
        }
    }
    .map_err(|e| unreadable(&e))?;
    if structure.header.is_empty() || structure.header.iter().all(|h| h.is_empty()) {
        return Err(vec![Problem::error(
            "missing-header",
            "the file is empty: it has no header row",
        )]);
    }
    if !structure.problems.is_empty() {
        return Err(structure.problems);
    }
    let header = structure.header.clone();
    let (df, read) = frame(
        &structure,
        columns.unwrap_or_else(|| Columns::new(InPass::new())),
    )
    .map_err(|e| unreadable(&e))?;
    let lf = df.lazy();
    Ok(Source {
        header,
        lf,
        rows: RowNumbers {
            header: structure.header_line as u64,
            lines: structure.record_lines.map(Arc::new),
        },
        letters: None,
        sheet_prefix: String::new(),
        row_errors: Vec::new(),
        example_row: None,
        fingerprint,
        read_in_pass: read,
    })
}

fn read_up_to(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = f.read(&mut buf[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the scanner finds in `text` fed to it in pieces of `sizes`
    /// (repeated; a size of 0 is one byte).
    fn scanned_in_pieces(text: &[u8], sizes: &[usize]) -> (CsvStructure, Option<Columns>) {
        let mut scanner = Scanner::new(b',');
        scanner.columns = Some(Columns::new(InPass::new()));
        let mut at = 0;
        for size in sizes.iter().cycle() {
            if at >= text.len() {
                break;
            }
            let end = (at + size.max(&1)).min(text.len());
            scanner.feed(&text[at..end]);
            at = end;
        }
        scanner.finish()
    }

    /// The structure of a text and the records read, fed to the scanner in
    /// pieces of `sizes` (repeated), or byte by byte.
    fn structure_in_pieces(text: &[u8], sizes: &[usize]) -> String {
        let (structure, columns) = scanned_in_pieces(text, sizes);
        let frame = columns.map(|c| frame(&structure, c).map(|(df, _)| texts(&df)));
        format!("{structure:?} {frame:?}")
    }

    /// A column's name and texts.
    type Texts = (String, Vec<Option<String>>);

    /// Every column of a read frame as its name and texts.
    fn texts(df: &DataFrame) -> Vec<Texts> {
        df.columns()
            .iter()
            .map(|c| {
                let s = c.as_materialized_series().cast(&DataType::String).unwrap();
                let values = s
                    .str()
                    .unwrap()
                    .iter()
                    .map(|v| v.map(str::to_string))
                    .collect();
                (c.name().to_string(), values)
            })
            .collect()
    }

    /// The records of `text` as the one pass reads them.
    fn read(text: &str) -> (CsvStructure, Vec<Texts>) {
        let (structure, columns) = pass(text.as_bytes(), b',', Some(&InPass::new())).unwrap();
        let (df, _) = frame(&structure, columns.unwrap()).unwrap();
        (structure, texts(&df))
    }

    /// A column read in the pass, from plain records and from records
    /// read byte by byte (quoted, over two lines), gives its values and
    /// keeps only the texts that are not their value's own form.
    #[test]
    fn fields_read_in_the_pass_give_values_and_keep_odd_texts() {
        let in_pass: InPass = [(
            "n".to_string(),
            super::super::field::ReadAs::Int(Default::default()),
        )]
        .into_iter()
        .collect();
        let text = "t,n\na,5\n\"b\nc\",\"6\"\nd, 7 \ne,x\nf,\n";
        let (structure, columns) = pass(text.as_bytes(), b',', Some(&in_pass)).unwrap();
        let (df, read) = frame(&structure, columns.unwrap()).unwrap();
        // A header name like a part's makes the parts' names longer.
        let text2 = "__csv_value_1,n\nx,5\n";
        let (structure2, columns2) = pass(text2.as_bytes(), b',', Some(&in_pass)).unwrap();
        let (df2, read2) = frame(&structure2, columns2.unwrap()).unwrap();
        assert_eq!(read2[0].value, "__csv__value_1");
        assert_eq!(df2.width(), 5);
        assert_eq!(
            read,
            [Parts {
                position: 1,
                value: "__csv_value_1".into(),
                fault: Some("__csv_fault_1".into())
            }]
        );
        let some = |v: &str| Some(v.to_string());
        assert_eq!(
            texts(&df),
            [
                (
                    ROW.to_string(),
                    vec![some("0"), some("1"), some("2"), some("3"), some("4")]
                ),
                (
                    "t".to_string(),
                    vec![some("a"), some("b\nc"), some("d"), some("e"), some("f")]
                ),
                (
                    "n".to_string(),
                    vec![None, None, some(" 7 "), some("x"), None]
                ),
                (
                    "__csv_value_1".to_string(),
                    vec![some("5"), some("6"), some("7"), None, None]
                ),
                (
                    "__csv_fault_1".to_string(),
                    vec![None, None, None, some("1"), None]
                ),
            ]
        );
    }

    #[test]
    fn records_are_read_with_quotes_line_ends_and_blank_lines() {
        let some = |v: &str| Some(v.to_string());
        let (structure, columns) = read(concat!(
            "\u{feff}\r\n",
            "a, b \r\n",
            "1,\"x,\"\"y\"\"\"\r\n",
            "\r\n",
            ",\"\"\n",
            "\"two\nlines\",  z \n",
            "last,\"\"",
        ));
        assert!(structure.problems.is_empty(), "{:?}", structure.problems);
        assert_eq!(structure.header, ["a", "b"]);
        assert_eq!(structure.header_line, 2);
        assert_eq!(structure.records, 4);
        assert_eq!(structure.record_lines, Some(vec![3, 5, 6, 8]));
        assert_eq!(
            columns,
            vec![
                (
                    ROW.to_string(),
                    vec![some("0"), some("1"), some("2"), some("3")]
                ),
                (
                    "a".to_string(),
                    vec![some("1"), None, some("two\nlines"), some("last")]
                ),
                (
                    "b".to_string(),
                    vec![some("x,\"y\""), some(""), some("  z "), some("")]
                ),
            ]
        );
    }

    /// The line of every record (the header's first), as the structure
    /// gives them.
    fn record_lines(structure: &CsvStructure) -> Vec<u32> {
        let first = structure.header_line + 1;
        match &structure.record_lines {
            Some(lines) => lines.clone(),
            None => (first..first + structure.records as u32).collect(),
        }
    }

    /// A text read whole, byte by byte and in uneven pieces.
    fn read_in_pieces(text: &[u8]) -> Vec<(CsvStructure, Vec<Texts>)> {
        [vec![text.len().max(1)], vec![1], vec![3, 1, 2]]
            .iter()
            .map(|sizes| {
                let (structure, columns) = scanned_in_pieces(text, sizes);
                let (df, _) = frame(&structure, columns.unwrap()).unwrap();
                (structure, texts(&df))
            })
            .collect()
    }

    /// Each carriage return, line feed, or carriage return followed by a
    /// line feed ends one line, however a file mixes them: a carriage
    /// return alone before a CRLF, or after a line feed, is an empty line
    /// of its own, outside quotes and inside them.
    #[test]
    fn every_line_end_is_one_line_however_they_are_mixed() {
        let some = |v: &str| Some(v.to_string());
        let text = concat!(
            "\r\r\n",               // lines 1 and 2, empty
            "a,b\r\n",              // 3, the header
            "1,x\r\r\n",            // 4, then 5 empty
            "2,y\n\r",              // 6, then 7 empty
            "3,\"p\rq\r\nr\nz\"\r", // 8 to 11, a quoted field over four lines
            "4,w\r",                // 12
            "\r\n",                 // 13, empty
            "\"5\",\"v\"\r\n",      // 14
            "6,u",                  // 15, no line end
        );
        for (structure, columns) in read_in_pieces(text.as_bytes()) {
            assert!(structure.problems.is_empty(), "{:?}", structure.problems);
            assert_eq!(structure.header, ["a", "b"]);
            assert_eq!(structure.header_line, 3);
            assert_eq!(record_lines(&structure), [4, 6, 8, 12, 14, 15]);
            assert_eq!(
                columns[1..],
                [
                    (
                        "a".to_string(),
                        ["1", "2", "3", "4", "5", "6"].map(some).to_vec()
                    ),
                    (
                        "b".to_string(),
                        ["x", "y", "p\rq\r\nr\nz", "w", "v", "u"].map(some).to_vec()
                    ),
                ]
            );
        }
        // A record with a field too many is named on its own line.
        let text = "a,b\n1,x\r\r\n2,y,z\r\n";
        for (structure, _) in read_in_pieces(text.as_bytes()) {
            let lines: Vec<Option<u64>> = structure.problems.iter().map(|p| p.row).collect();
            assert_eq!(lines, [Some(4)], "{:?}", structure.problems);
        }
    }

    /// The lines of a text as an editor shows them: each carriage return,
    /// line feed, or the two together ends one.
    fn editor_lines(text: &[u8]) -> Vec<&[u8]> {
        let mut lines = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i < text.len() {
            if matches!(text[i], b'\r' | b'\n') {
                lines.push(&text[start..i]);
                if text[i] == b'\r' && text.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < text.len() {
            lines.push(&text[start..]);
        }
        lines
    }

    proptest::proptest! {
        /// Without quotes, the header is the first line that is not empty
        /// and every other such line a record, named by the line an editor
        /// shows it on, whatever line ends the text mixes.
        #[test]
        fn records_are_named_by_the_lines_an_editor_shows(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b',', b'\n', b'\r', b'\r', b'\n']),
                0..120,
            ),
        ) {
            let lines = editor_lines(&text);
            let mut numbered = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, _)| i as u32 + 1);
            let header = numbered.next();
            let records: Vec<u32> = numbered.collect();
            let mut after_cr = false;
            let ends = line_ends(&text, &mut after_cr);
            proptest::prop_assert_eq!(
                ends as usize,
                lines.len() - usize::from(!text.is_empty() && !text.ends_with(b"\n") && !text.ends_with(b"\r"))
            );
            for (structure, _) in read_in_pieces(&text) {
                if let Some(header) = header {
                    proptest::prop_assert_eq!(structure.header_line, header);
                }
                proptest::prop_assert_eq!(&record_lines(&structure), &records);
            }
        }
    }

    #[test]
    fn text_after_a_closing_quote_belongs_to_the_field() {
        // Spreadsheets pad `"0"  ` this way; polars' reader had refused the
        // whole file with an unlocated message.
        let (structure, columns) = read("a,b\n\"0\"  ,x\n");
        assert!(structure.problems.is_empty(), "{:?}", structure.problems);
        assert_eq!(columns[1].1, vec![Some("0  ".to_string())]);
        assert_eq!(columns[2].1, vec![Some("x".to_string())]);
    }

    #[test]
    fn records_read_as_polars_reads_them() {
        // Plain, padded, empty and quoted fields (with separators, doubled
        // quotes and line ends inside), lines ending in CRLF or LF.
        let text =
            "id,name,note\r\n7, Dewi ,\"a, \"\"b\"\"\"\r\n,,\n\"x\ny\",\"\",z\n3,é,\"\"\"\"\n";
        let polars = CsvReadOptions::default()
            .with_has_header(true)
            .with_schema(Some(Arc::new(
                ["id", "name", "note"]
                    .into_iter()
                    .map(|n| Field::new(n.into(), DataType::String))
                    .collect(),
            )))
            .with_parse_options(CsvParseOptions::default().with_missing_is_null(true))
            .into_reader_with_file_handle(std::io::Cursor::new(text.as_bytes()))
            .finish()
            .unwrap();
        let (_, ours) = read(text);
        assert_eq!(ours[1..], texts(&polars)[..]);
    }

    proptest::proptest! {
        /// Skipping the plain bytes of a record at once finds what reading
        /// them one by one finds: header, field counts, line numbers, blank
        /// lines and quotes spanning lines, wherever the pieces end.
        #[test]
        fn runs_of_plain_bytes_read_as_single_bytes(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b',', b'"', b'\n', b'\r', b' ', 0xFF, 0xC3, 0xA9]),
                0..200,
            ),
            sizes in proptest::collection::vec(1usize..40, 1..5),
        ) {
            let whole = structure_in_pieces(&text, &[text.len().max(1)]);
            proptest::prop_assert_eq!(&whole, &structure_in_pieces(&text, &[1]));
            proptest::prop_assert_eq!(&whole, &structure_in_pieces(&text, &sizes));
        }
    }

    #[test]
    fn delimiter_from_the_header() {
        assert_eq!(detect_delimiter(b"a,b,c\n1;2,3"), Ok(b','));
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), Ok(b';'));
        assert_eq!(detect_delimiter(b"a\tb\tc"), Ok(b'\t'));
        assert_eq!(detect_delimiter(b"\"x;y\",b,c"), Ok(b','));
        assert_eq!(detect_delimiter(b"single"), Ok(b','));
        assert!(detect_delimiter(b"a;b,c").is_err());
    }

    #[test]
    fn decoding_is_explicit() {
        // "Dewi Sartika" with an e-acute in Windows-1252.
        let latin = b"Dew\xe9".to_vec();
        assert_eq!(
            decoded(&latin, Encoding::Windows1252).unwrap().unwrap(),
            "Dewé".as_bytes()
        );
        assert_eq!(decoded(&latin, Encoding::Utf8).unwrap(), None);
        // Declared 1252 on a UTF-8 file would turn é into Ã©: refused.
        assert!(decoded("Dewé".as_bytes(), Encoding::Windows1252).is_err());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a,b".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decoded(&utf16, Encoding::Utf8).unwrap().unwrap(),
            b"a,b".to_vec()
        );
        // An unpaired surrogate is not text.
        assert!(decoded(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], Encoding::Utf8).is_err());
    }

    #[test]
    fn a_file_read_as_it_is_is_fingerprinted_in_the_same_pass() {
        let dir = tempfile::tempdir().unwrap();
        // More than one read buffer of records, so the hash spans reads.
        let mut text = String::from("\u{feff}id,name\n");
        for i in 0..60_000 {
            text.push_str(&format!("{i},\"name {i}, RT 0{}\"\n", i % 9));
        }
        assert!(text.len() > 1 << 20);
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, &text).unwrap();
        let source = open(&plain, &TableFormat::default(), &InPass::new())
            .map_err(|_| ())
            .unwrap();
        assert_eq!(
            source.fingerprint,
            Some(crate::load::fingerprint::hash_file(&plain).unwrap())
        );
        assert_eq!(source.fingerprint.unwrap().bytes, text.len() as u64);
        // A file decoded before reading has no fingerprint of its bytes
        // from the pass: it is hashed from the file when needed.
        let latin = dir.path().join("latin.csv");
        std::fs::write(&latin, b"id,name\n1,Dew\xe9\n").unwrap();
        let format = TableFormat {
            encoding: Encoding::Windows1252,
            ..TableFormat::default()
        };
        let source = open(&latin, &format, &InPass::new())
            .map_err(|_| ())
            .unwrap();
        assert_eq!(source.fingerprint, None);
    }
}
