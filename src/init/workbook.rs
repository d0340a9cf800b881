//! The data-entry workbook of a new site: an instructions sheet, then one
//! sheet per table with the contract's column names as headers (their
//! meaning in a note), checks and lists on every cell that has a fixed set
//! of values or a range, identifier columns formatted as text (so a 16-digit
//! NIK is never turned into 3.17305E+15), date and rupiah formats, a frozen
//! header, and one example row that pantau does not read.

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

use super::labels;
use super::NewSite;
use crate::contract::{self, Bound, Column, Kind, Pattern, TableSpec, TABLES};
use crate::fmt::Lang;
use crate::load::xlsx::column_letters;

/// Data rows that carry the checks and lists (the example row included).
pub(super) const ROWS: u32 = 100_000;

/// Columns that hold rupiah.
const MONEY: [&str; 5] = [
    "value",
    "monthly_income",
    "monthly_expenditure",
    "planned",
    "realised",
];

/// The number format of a column's cells.
pub(super) fn number_format(c: &Column, lang: Lang) -> &'static str {
    match c.kind {
        Kind::Date if lang == Lang::Id => "dd/mm/yyyy",
        Kind::Date => "yyyy-mm-dd",
        Kind::Int if MONEY.contains(&c.name) => "#,##0",
        Kind::Int => "0",
        Kind::Decimal => "General",
        // Identifiers, names, codes and choices: text, so that Excel keeps
        // every digit of an id and never reads a code as a number or date.
        Kind::Text | Kind::Bool | Kind::Gender => "@",
    }
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A literal bound as a formula, or another column of the same row.
fn bound_formula(b: Bound, spec: &TableSpec) -> Formula {
    Formula::new(bound_text(b, spec))
}

fn bound_text(b: Bound, spec: &TableSpec) -> String {
    match b {
        Bound::Lit(v) => v.to_string(),
        Bound::Col(other) => {
            let at = spec
                .columns
                .iter()
                .position(|c| c.name == other)
                .unwrap_or(0);
            let cell = format!("${}2", column_letters(at as u32));
            match spec.columns[at].max {
                // An optional column left empty bounds nothing (Excel would
                // read the empty cell as 0): its own bound applies instead.
                Some(outer) if !spec.columns[at].required => {
                    format!("IF({cell}=\"\",{},{cell})", bound_text(outer, spec))
                }
                _ => cell,
            }
        }
    }
}

/// The check on a column's cells, when it has one.
fn validation(
    spec: &TableSpec,
    c: &Column,
    lang: Lang,
    codes: &[String],
) -> Result<Option<DataValidation>, XlsxError> {
    let list = |items: &[&str]| DataValidation::new().allow_list_strings(items);
    let dv = match (c.kind, c.pattern) {
        (Kind::Gender, _) => list(&["L", "P"])?,
        (Kind::Bool, _) => list(&labels::yes_no(lang))?,
        // The codes of site.toml when the workbook was made: a code added
        // later is let through after a warning, and validate checks it.
        (Kind::Text, _) if spec.name == "distributions" && c.name == "program" => {
            let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
            list(&codes)?.set_error_style(DataValidationErrorStyle::Warning)
        }
        (Kind::Text, Some(Pattern::SixteenDigits)) => {
            DataValidation::new().allow_text_length(DataValidationRule::EqualTo(16))
        }
        (Kind::Text, _) if !c.allowed.is_empty() => list(c.allowed)?,
        (Kind::Int, _) => {
            let rule = match (c.min, c.max) {
                (Some(a), Some(b)) => {
                    DataValidationRule::Between(bound_formula(a, spec), bound_formula(b, spec))
                }
                (Some(a), None) => DataValidationRule::GreaterThanOrEqualTo(bound_formula(a, spec)),
                (None, Some(b)) => DataValidationRule::LessThanOrEqualTo(bound_formula(b, spec)),
                (None, None) => return Ok(None),
            };
            DataValidation::new().allow_whole_number_formula(rule)
        }
        (Kind::Decimal, _) => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
        (Kind::Date, _) => DataValidation::new().allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1950, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        )),
        (Kind::Text, _) => return Ok(None),
    };
    let title = cut(c.name, 32);
    let message = cut(
        &format!(
            "{}. {}",
            labels::column(spec.name, c.name, lang),
            labels::rule(c, lang)
        ),
        255,
    );
    Ok(Some(
        dv.set_input_title(title.clone())?
            .set_input_message(message.clone())?
            .set_error_title(title)?
            .set_error_message(message)?,
    ))
}

/// The bytes of the workbook. `codes` are the program codes of site.toml.
pub(super) fn workbook(new: &NewSite, codes: &[String]) -> Result<Vec<u8>> {
    build(new, codes).context("writing the data-entry workbook")
}

fn build(new: &NewSite, codes: &[String]) -> Result<Vec<u8>, XlsxError> {
    let lang = new.lang;
    let mut book = Workbook::new();
    let mut props = DocProperties::new().set_title(format!("pantau: {}", new.name));
    if let Ok(time) = crate::report::provenance::generation_time() {
        if let Ok(created) = ExcelDateTime::from_timestamp(time.timestamp()) {
            props = props.set_creation_datetime(&created);
        }
    }
    book.set_properties(&props);
    instructions(book.add_worksheet(), new)?;
    for spec in TABLES {
        table_sheet(book.add_worksheet(), spec, lang, codes)?;
    }
    book.save_to_buffer()
}

fn table_sheet(
    ws: &mut Worksheet,
    spec: &TableSpec,
    lang: Lang,
    codes: &[String],
) -> Result<(), XlsxError> {
    ws.set_name(spec.name)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE7F0))
        .set_border_bottom(FormatBorder::Thin)
        .set_num_format("@");
    let example = contract::example_row(spec.table, lang == Lang::En);
    for (i, c) in spec.columns.iter().enumerate() {
        let col = i as u16;
        let format = Format::new().set_num_format(number_format(c, lang));
        ws.set_column_format(col, &format)?;
        let label = labels::column(spec.name, c.name, lang);
        ws.set_column_width(col, (c.name.len().max(12) + 3) as f64)?;
        ws.write_string_with_format(0, col, c.name, &header)?;
        let note = Note::new(format!("{label}\n{}", labels::rule(c, lang)))
            .add_author_prefix(false)
            .set_width(260)
            .set_height(110);
        ws.insert_note(0, col, &note)?;
        if let Some(dv) = validation(spec, c, lang, codes)? {
            ws.add_data_validation(1, col, ROWS, col, &dv)?;
        }
        let value = example
            .iter()
            .find(|(name, _)| *name == c.name)
            .map_or("", |(_, v)| *v);
        // Only the first cell, with its note, looks like an example: data
        // typed over the row then looks like data.
        let look = if i == 0 {
            format
                .clone()
                .set_italic()
                .set_font_color(Color::RGB(0x6B6B6B))
        } else {
            format.clone()
        };
        example_cell(ws, 1, col, c, value, &look)?;
    }
    let note = match lang {
        Lang::Id => {
            "CONTOH. Baris ini tidak dibaca pantau selama tidak diubah. Hapus baris ini, atau \
             timpa semua selnya dengan data sungguhan."
        }
        Lang::En => {
            "EXAMPLE. pantau does not read this row while it is unchanged. Delete the row, or \
             type real values into every one of its cells."
        }
    };
    ws.insert_note(
        1,
        0,
        &Note::new(note).add_author_prefix(false).set_width(260),
    )?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// One cell of the example row, typed as a person would enter it.
fn example_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    c: &Column,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if value.is_empty() {
        ws.write_blank(row, col, format)?;
        return Ok(());
    }
    match c.kind {
        Kind::Int | Kind::Decimal => match value.parse::<f64>() {
            Ok(v) => ws.write_number_with_format(row, col, v, format)?,
            Err(_) => ws.write_string_with_format(row, col, value, format)?,
        },
        Kind::Date => {
            let date = ExcelDateTime::parse_from_str(value)?;
            ws.write_datetime_with_format(row, col, &date, format)?
        }
        Kind::Text | Kind::Bool | Kind::Gender => {
            ws.write_string_with_format(row, col, value, format)?
        }
    };
    Ok(())
}

/// The first sheet: what to fill in, in which order, and every column.
fn instructions(ws: &mut Worksheet, new: &NewSite) -> Result<(), XlsxError> {
    let lang = new.lang;
    let en = lang == Lang::En;
    ws.set_name(if en { "Instructions" } else { "Petunjuk" })?;
    ws.set_active(true);
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE7F0))
        .set_border_bottom(FormatBorder::Thin);
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 24)?;
    ws.set_column_width(2, 44)?;
    ws.set_column_width(3, 60)?;
    let heading = if en {
        format!(
            "Data of {} for pantau (village code {})",
            new.name, new.code
        )
    } else {
        format!(
            "Data desa {} untuk pantau (kode desa {})",
            new.name, new.code
        )
    };
    ws.write_string_with_format(0, 0, heading, &title)?;
    let steps: [&str; 8] = if en {
        [
            "1. First edit site.toml in this folder (with a plain text editor such as Notepad, not Word): the poverty line, the programs (names, amounts, who is eligible), where residents can object, and the sub-district, regency and province.",
            "2. Fill in the households sheet: one row per household of the registry (one family card).",
            "3. Then surveys: at least the first survey (round baseline) of every household.",
            "4. Then distributions (every delivery of aid), trainings, budget and feedback, when the village keeps them. The report says which sheets are still empty.",
            "5. Row 2 of every sheet is an example that pantau does not read while it is unchanged. Delete it, or type real values into every one of its cells: a row that still holds the example's id is refused.",
            "6. Keep the sheet names and the headers (row 1) as they are. Pick values from the lists; type dates as 2026-01-15; KK numbers and NIKs stay text so no digit is lost. The program list of the distributions sheet holds the codes of site.toml when the workbook was made.",
            "7. Check the data: pantau validate FOLDER. Every problem names the sheet, the cell and what to fix.",
            "8. Make the report: pantau report FOLDER.",
        ]
    } else {
        [
            "1. Ubah dulu site.toml di folder ini (dengan penyunting teks biasa seperti Notepad, bukan Word): garis kemiskinan, program (nama, besaran bantuan, siapa yang berhak), tempat warga menyampaikan sanggahan, serta kecamatan, kabupaten/kota dan provinsi.",
            "2. Isi lembar households: satu baris per rumah tangga di registri (satu Kartu Keluarga).",
            "3. Lalu surveys: paling sedikit survei awal (putaran baseline) setiap rumah tangga.",
            "4. Lalu distributions (setiap penyaluran bantuan), trainings, budget dan feedback, jika desa mencatatnya. Laporan menyebut lembar mana yang masih kosong.",
            "5. Baris 2 setiap lembar adalah contoh yang tidak dibaca pantau selama tidak diubah. Hapus baris itu, atau timpa semua selnya dengan data sungguhan: baris yang masih memuat nomor contoh ditolak.",
            "6. Jangan ubah nama lembar dan judul kolom (baris 1). Pilih nilai dari daftar; ketik tanggal seperti 2026-01-15; nomor KK dan NIK tetap teks agar tidak ada angka yang hilang. Daftar kode program di lembar distributions memuat kode di site.toml saat buku kerja ini dibuat.",
            "7. Periksa data: pantau validate FOLDER. Setiap masalah menyebut lembar, sel dan apa yang perlu diperbaiki.",
            "8. Buat laporan: pantau report FOLDER.",
        ]
    };
    for (i, step) in steps.iter().enumerate() {
        ws.merge_range(2 + i as u32, 0, 2 + i as u32, 3, step, &wrap)?;
        ws.set_row_height(2 + i as u32, 45)?;
    }
    let mut row = 2 + steps.len() as u32 + 1;
    let columns_heading = if en {
        "The sheets and their columns"
    } else {
        "Lembar dan kolomnya"
    };
    ws.write_string_with_format(row, 0, columns_heading, &bold)?;
    row += 1;
    let titles: [&str; 4] = if en {
        ["sheet", "column", "meaning", "what a cell holds"]
    } else {
        ["lembar", "kolom", "arti", "isi sel"]
    };
    for (i, t) in titles.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *t, &head)?;
    }
    row += 1;
    for spec in TABLES {
        ws.write_string_with_format(row, 0, spec.name, &bold)?;
        ws.merge_range(row, 1, row, 3, labels::table(spec, lang), &wrap)?;
        ws.set_row_height(row, 30)?;
        row += 1;
        for c in spec.columns {
            ws.write_string(row, 0, spec.name)?;
            ws.write_string(row, 1, c.name)?;
            ws.write_string_with_format(row, 2, labels::column(spec.name, c.name, lang), &wrap)?;
            ws.write_string_with_format(row, 3, labels::rule(c, lang), &wrap)?;
            row += 1;
        }
    }
    Ok(())
}
