//! The one way pantau writes CSV: the `csv` crate's writer (fields quoted
//! only when they hold a comma, a quote or a line break; `\n` line ends),
//! with every text cell of an output made safe for spreadsheets first
//! ([`neutralise`]). Input files written by the generator use
//! [`Cell::Raw`], which keeps the text exactly as the data contract reads it.

use std::borrow::Cow;
use std::io::Write;

use anyhow::{Context, Result};

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Text from the data or the messages: neutralised, then quoted when needed.
    Text(&'a str),
    /// Text pantau made itself (a number, a date, a code), written as it is.
    Raw(&'a str),
}

/// A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return) gets a leading `'`, so it shows as text.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer over any byte sink.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    pub fn new(sink: W) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(sink),
        }
    }

    /// A header line of column names.
    pub fn header(&mut self, names: &[&str]) -> Result<()> {
        self.inner
            .write_record(names)
            .context("writing a CSV header")
    }

    /// One row.
    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        for cell in cells {
            let text = match cell {
                Cell::Text(t) => neutralise(t),
                Cell::Raw(t) => Cow::Borrowed(*t),
            };
            self.inner
                .write_field(text.as_bytes())
                .context("writing a CSV field")?;
        }
        self.inner
            .write_record(None::<&[u8]>)
            .context("ending a CSV row")
    }

    /// Flushes and hands back the sink.
    pub fn finish(self) -> Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| anyhow::anyhow!("finishing a CSV file: {}", e.error()))
    }
}

/// Builds CSV text in memory: `rows` is called with the writer after the header.
pub fn to_string(
    header: &[&str],
    rows: impl FnOnce(&mut CsvWriter<Vec<u8>>) -> Result<()>,
) -> Result<String> {
    let mut w = CsvWriter::new(Vec::new());
    w.header(header)?;
    rows(&mut w)?;
    String::from_utf8(w.finish()?).context("CSV text is UTF-8")
}

/// Builds CSV lines in memory, without a header: `rows` is called with the writer.
pub fn lines(rows: impl FnOnce(&mut CsvWriter<Vec<u8>>) -> Result<()>) -> Result<String> {
    let mut w = CsvWriter::new(Vec::new());
    rows(&mut w)?;
    String::from_utf8(w.finish()?).context("CSV text is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[Cell]) -> String {
        let mut w = CsvWriter::new(Vec::new());
        w.row(cells).unwrap();
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn cells_are_quoted_only_when_needed_and_never_formulas() {
        assert_eq!(line(&[Cell::Text("RW 01 / RT 002")]), "RW 01 / RT 002\n");
        assert_eq!(line(&[Cell::Text("a,b"), Cell::Raw("1")]), "\"a,b\",1\n");
        assert_eq!(
            line(&[Cell::Text("=HYPERLINK(\"x\")")]),
            "\"'=HYPERLINK(\"\"x\"\")\"\n"
        );
        assert_eq!(line(&[Cell::Text("-1"), Cell::Raw("-1")]), "'-1,-1\n");
        assert_eq!(
            line(&[Cell::Text("x"), Cell::Raw(""), Cell::Text("")]),
            "x,,\n"
        );
        assert_eq!(line(&[Cell::Raw("line\nbreak")]), "\"line\nbreak\"\n");
    }
}
