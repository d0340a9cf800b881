//! What each table and column of the data contract is called, in Indonesian
//! and English, and what a cell of it must hold, for the notes and the
//! instructions sheet of the data-entry workbook.

use crate::contract::{Bound, Column, Kind, Pattern, TableSpec};
use crate::fmt::Lang;

fn pick(lang: Lang, pair: [&'static str; 2]) -> &'static str {
    match lang {
        Lang::Id => pair[0],
        Lang::En => pair[1],
    }
}

/// What a table holds, and when it is filled in.
pub(super) fn table(spec: &TableSpec, lang: Lang) -> &'static str {
    pick(
        lang,
        match spec.name {
            "households" => [
                "Daftar rumah tangga (registri): satu baris per rumah tangga (satu Kartu Keluarga). \
                 Wajib, diisi pertama.",
                "The household registry: one row per household. Required, filled in first.",
            ],
            "surveys" => [
                "Survei rumah tangga: satu baris per rumah tangga per putaran: survei awal \
                 (ditulis baseline), lalu survei lanjutan (mis. 2026-Q2). Wajib: paling sedikit \
                 survei awal.",
                "Household surveys: one row per household per round (baseline, then follow-ups \
                 such as 2026-Q2). Required: at least the baseline round.",
            ],
            "distributions" => [
                "Buku penyaluran bantuan: satu baris per penyaluran.",
                "The aid ledger: one row per delivery.",
            ],
            "trainings" => [
                "Peserta pelatihan: satu baris per peserta per kursus.",
                "Training participation: one row per participant per course.",
            ],
            "budget" => [
                "Anggaran desa (APBDes) per triwulan: pendapatan per sumber, belanja per \
                 penggunaan (kode program untuk belanja program).",
                "The village budget per quarter: revenue by source, expense by use (a program \
                 code for a program's expense).",
            ],
            _ => [
                "Masukan dan pengaduan warga.",
                "Community feedback and complaints.",
            ],
        },
    )
}

/// The column's name in words.
pub(super) fn column(table: &str, column: &str, lang: Lang) -> &'static str {
    pick(
        lang,
        match (table, column) {
            ("feedback", "household_id") => [
                "Nomor KK pengirim, bila ia menyebutkannya (kosongkan bila tanpa nama)",
                "The sender's household id, when given (empty when anonymous)",
            ],
            (_, "household_id") => [
                "Nomor KK atau nomor rumah tangga desa",
                "Family-card (KK) number or local household id",
            ],
            (_, "head_nik") => ["NIK kepala keluarga (16 angka)", "Head's NIK (16 digits)"],
            (_, "head_name") => ["Nama kepala keluarga", "Head of household's name"],
            (_, "head_gender") => ["Jenis kelamin kepala keluarga", "Head's gender"],
            (_, "rw") => ["Nomor RW", "RW number"],
            (_, "rt") => ["Nomor RT (dalam RW-nya)", "RT number (within its RW)"],
            (_, "members") => ["Jumlah anggota rumah tangga", "Household members"],
            (_, "children") => ["Jumlah anak (di bawah 18 tahun)", "Children (under 18)"],
            (_, "school_age_children") => [
                "Jumlah anak usia sekolah (7-18 tahun)",
                "School-age children (7 to 18)",
            ],
            (_, "elderly") => [
                "Jumlah lansia (60 tahun ke atas)",
                "Members aged 60 or over",
            ],
            (_, "disabled") => ["Jumlah penyandang disabilitas", "Members with a disability"],
            (_, "welfare_decile") => [
                "Desil kesejahteraan DTSEN (1 = termiskin)",
                "DTSEN welfare decile (1 = poorest)",
            ],
            (_, "registered_on") => ["Tanggal terdaftar", "Date registered"],
            ("households", "status") => ["Status rumah tangga", "Household status"],
            (_, "status_changed_on") => [
                "Tanggal status berubah (pindah/meninggal)",
                "Date the status changed (moved/deceased)",
            ],
            (_, "round") => [
                "Putaran survei (baseline untuk survei awal)",
                "Survey round (baseline for the first)",
            ],
            (_, "surveyed_on") => ["Tanggal survei", "Date of the survey"],
            (_, "monthly_income") => [
                "Pendapatan rumah tangga per bulan (rupiah)",
                "Household income per month (rupiah)",
            ],
            (_, "monthly_expenditure") => [
                "Pengeluaran rumah tangga per bulan (rupiah)",
                "Household spending per month (rupiah)",
            ],
            (_, "children_in_school") => ["Anak yang bersekolah", "Children in school"],
            (_, "has_business") => ["Punya usaha", "Has a business"],
            (_, "food_insecure") => ["Rawan pangan", "Food insecure"],
            (_, "distribution_id") => ["Nomor penyaluran", "Delivery id"],
            (_, "distributed_on") => ["Tanggal penyaluran", "Date delivered"],
            (_, "program") => [
                "Kode program (dari site.toml)",
                "Program code (from site.toml)",
            ],
            (_, "value") => ["Nilai bantuan (rupiah)", "Value of the aid (rupiah)"],
            (_, "quantity") => ["Jumlah barang (mis. 10)", "Quantity (e.g. 10)"],
            (_, "unit") => ["Satuan (mis. kg, paket)", "Unit (e.g. kg, parcel)"],
            ("distributions", "status") => ["Status penyaluran", "Delivery status"],
            (_, "locally_sourced") => [
                "Dibeli dari petani atau pedagang lokal",
                "Bought from local farmers or sellers",
            ],
            (_, "eco_packaging") => ["Kemasan ramah lingkungan", "Reusable or recycled packaging"],
            (_, "enrollment_id") => ["Nomor pendaftaran", "Enrollment id"],
            (_, "participant_name") => ["Nama peserta", "Participant's name"],
            (_, "participant_gender") => ["Jenis kelamin peserta", "Participant's gender"],
            (_, "course") => [
                "Kursus (mis. membatik, menjahit, usaha_kecil)",
                "Course (e.g. membatik, menjahit, usaha_kecil)",
            ],
            (_, "started_on") => ["Tanggal mulai", "Start date"],
            (_, "sessions_total") => ["Jumlah pertemuan", "Sessions in the course"],
            (_, "sessions_attended") => ["Pertemuan yang dihadiri", "Sessions attended"],
            (_, "completed") => ["Lulus/selesai", "Completed"],
            (_, "business_started") => [
                "Membuka usaha setelah kursus",
                "Opened a business after the course",
            ],
            (_, "year") => ["Tahun anggaran", "Fiscal year"],
            (_, "quarter") => ["Triwulan (1-4)", "Quarter (1 to 4)"],
            (_, "kind") => [
                "Jenis: revenue (pendapatan) atau expense (belanja)",
                "Kind: revenue or expense",
            ],
            ("budget", "category") => [
                "Sumber (pendapatan) atau penggunaan (belanja)",
                "Source (revenue) or use (expense)",
            ],
            (_, "planned") => ["Anggaran (rupiah)", "Planned (rupiah)"],
            (_, "realised") => ["Realisasi (rupiah)", "Realised (rupiah)"],
            (_, "note") => ["Keterangan", "Note"],
            (_, "feedback_id") => ["Nomor masukan", "Feedback id"],
            (_, "received_on") => ["Tanggal diterima", "Date received"],
            (_, "channel") => ["Saluran", "Channel"],
            ("feedback", "category") => ["Jenis masukan", "Kind of feedback"],
            (_, "topic") => [
                "Topik (mis. sasaran, jumlah, keterlambatan)",
                "Topic (e.g. targeting, amount, delay)",
            ],
            (_, "resolved_on") => ["Tanggal selesai ditangani", "Date resolved"],
            _ => ["", ""],
        },
    )
}

/// The words of a boolean cell in the workbook's language.
pub(super) fn yes_no(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Id => ["ya", "tidak"],
        Lang::En => ["yes", "no"],
    }
}

/// The Indonesian word for a value of a choice column.
fn gloss(value: &str) -> Option<&'static str> {
    Some(match value {
        "active" => "aktif",
        "moved" => "pindah",
        "deceased" => "meninggal",
        "delivered" => "tersalurkan",
        "failed" => "gagal",
        "returned" => "dikembalikan",
        "revenue" => "pendapatan",
        "expense" => "belanja",
        "meeting" => "rapat",
        "social_media" => "media sosial",
        "flyer" => "selebaran",
        "box" => "kotak saran",
        "phone" => "telepon atau WhatsApp",
        "other" => "lainnya",
        "complaint" => "pengaduan",
        "suggestion" => "saran",
        "question" => "pertanyaan",
        "appreciation" => "apresiasi",
        _ => return None,
    })
}

/// What a free-text column must hold, where "text" says too little.
fn special(column: &str, lang: Lang) -> Option<&'static str> {
    Some(pick(
        lang,
        match column {
            "round" => [
                "Tulis baseline untuk survei awal; survei lanjutan ditulis tahun-triwulan, \
                 mis. 2026-Q2.",
                "Write baseline for the first survey; a follow-up is year-quarter, e.g. 2026-Q2.",
            ],
            "category" => [
                "Pendapatan: sumber dana, ditulis persis seperti funder di site.toml (mis. \
                 dana_desa, csr, ngo, donation). Belanja: kode program, atau penggunaan lain \
                 (mis. operations).",
                "Revenue: the source, written exactly as a funder in site.toml (e.g. dana_desa, \
                 csr, ngo, donation). Expense: a program code, or another use (e.g. operations).",
            ],
            _ => return None,
        },
    ))
}

/// What a cell of the column must hold, in one sentence.
pub(super) fn rule(c: &Column, lang: Lang) -> String {
    let en = lang == Lang::En;
    let need = match (c.required, c.required_unless) {
        (true, _) => pick(lang, ["Wajib.", "Required."]).to_string(),
        (false, Some((other, _))) => {
            if en {
                format!("Required when {other} is not active.")
            } else {
                format!("Wajib jika {other} bukan active.")
            }
        }
        (false, None) => pick(lang, ["Boleh kosong.", "May be empty."]).to_string(),
    };
    let bound = |b: Option<Bound>| match b {
        // A year is written as it is, without a thousands separator.
        Some(Bound::Lit(v)) if c.name == "year" => Some(v.to_string()),
        Some(Bound::Lit(v)) => Some(crate::fmt::Fmt::new(lang).count(v as f64)),
        Some(Bound::Col(other)) => Some(other.to_string()),
        None => None,
    };
    let shape = match (c.kind, c.pattern) {
        (_, Some(Pattern::SixteenDigits)) => pick(
            lang,
            [
                "Tepat 16 angka, diketik sebagai teks. Tidak pernah tampil di laporan publik.",
                "Exactly 16 digits, typed as text. Never shown in public outputs.",
            ],
        )
        .to_string(),
        (_, Some(Pattern::Identifier)) => pick(
            lang,
            [
                "Huruf, angka dan - _ . / saja, diketik sebagai teks.",
                "Letters, digits and - _ . / only, typed as text.",
            ],
        )
        .to_string(),
        (Kind::Text, None) if !c.allowed.is_empty() => {
            let list: Vec<String> = c
                .allowed
                .iter()
                .map(|v| match (en, gloss(v)) {
                    (false, Some(word)) => format!("{v} ({word})"),
                    _ => v.to_string(),
                })
                .collect();
            let list = list.join(", ");
            let empty = match (c.default, en) {
                (Some(d), true) => format!(" Empty means {d}."),
                (Some(d), false) => format!(" Kosong berarti {d}."),
                (None, _) => String::new(),
            };
            if en {
                format!("One of: {list}.{empty}")
            } else {
                format!(
                    "Salah satu dari: {list}.{empty} Ditulis dalam bahasa Inggris, seperti yang \
                     dibaca pantau."
                )
            }
        }
        (Kind::Text, None | Some(Pattern::Label)) => special(c.name, lang)
            .unwrap_or(pick(lang, ["Teks.", "Text."]))
            .to_string(),
        (Kind::Int, _) => {
            let range = match (bound(c.min), bound(c.max)) {
                (Some(a), Some(b)) if en => format!(" from {a} to {b}"),
                (Some(a), Some(b)) => format!(" dari {a} sampai {b}"),
                (Some(a), None) if en => format!(" of {a} or more"),
                (Some(a), None) => format!(" {a} atau lebih"),
                _ => String::new(),
            };
            if en {
                format!("A whole number{range}.")
            } else {
                format!("Bilangan bulat{range}.")
            }
        }
        (Kind::Decimal, _) => {
            pick(lang, ["Angka, 0 atau lebih.", "A number, 0 or more."]).to_string()
        }
        (Kind::Date, _) => pick(
            lang,
            [
                "Tanggal, 1950 sampai 2100. Ketik tahun-bulan-tanggal (2026-01-15) agar terbaca \
                 benar di setiap komputer, lalu periksa tanggal yang tampil.",
                "A date from 1950 to 2100. Type year-month-day (2026-01-15) so that every \
                 computer reads it the same, then check the date shown.",
            ],
        )
        .to_string(),
        (Kind::Bool, _) => {
            let [yes, no] = yes_no(lang);
            format!("{yes} / {no}.")
        }
        (Kind::Gender, _) => pick(
            lang,
            [
                "L (laki-laki) atau P (perempuan).",
                "L (male) or P (female).",
            ],
        )
        .to_string(),
    };
    let mut after = match c.not_before {
        Some(other) if en => format!(" Not before {other}."),
        Some(other) => format!(" Tidak sebelum {other}."),
        None => String::new(),
    };
    if c.name == "children_in_school" {
        after.push_str(pick(
            lang,
            [
                " Tidak lebih dari school_age_children rumah tangga itu di lembar households.",
                " At most the household's school_age_children in the households sheet.",
            ],
        ));
    }
    format!("{need} {shape}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::TABLES;

    #[test]
    fn every_column_has_a_name_in_both_languages() {
        for spec in TABLES {
            for c in spec.columns {
                for lang in [Lang::Id, Lang::En] {
                    assert!(
                        !column(spec.name, c.name, lang).is_empty(),
                        "{}.{}",
                        spec.name,
                        c.name
                    );
                }
            }
        }
    }
}
