//! The commented site.toml of a new site, in Indonesian or English: the
//! village block filled in, one example program of each aid type, and every
//! optional key present but commented out with its default.

use super::{Layout, NewSite};
use crate::contract::TABLES;
use crate::fmt::Lang;

/// A TOML string literal of `text` (quotes and escapes as TOML needs them).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The example programs: (code, Indonesian name, English name, aid type,
/// funder, monthly entitlement, rule, Indonesian and English explanation).
struct ExampleProgram {
    code: &'static str,
    name: [&'static str; 2],
    aid_type: &'static str,
    funder: &'static str,
    entitlement: Option<u32>,
    rule: &'static str,
    why: [&'static str; 2],
}

const PROGRAMS: [ExampleProgram; 5] = [
    ExampleProgram {
        code: "BLT-DD",
        name: [
            "Bantuan Langsung Tunai Dana Desa",
            "Village fund direct cash transfer",
        ],
        aid_type: "cash",
        funder: "dana_desa",
        entitlement: Some(300_000),
        rule: "welfare_decile <= 3",
        why: [
            "rumah tangga di desil kesejahteraan 1 sampai 3 (30% termiskin secara nasional)",
            "households in welfare deciles 1 to 3 (the poorest 30% nationally)",
        ],
    },
    ExampleProgram {
        code: "SEMBAKO",
        name: ["Paket Sembako Bulanan", "Monthly staple food parcel"],
        aid_type: "goods",
        funder: "csr",
        entitlement: Some(200_000),
        rule: "welfare_decile <= 4 AND members >= 3",
        why: [
            "rumah tangga di desil 1 sampai 4 dengan paling sedikit 3 anggota: keluarga besar \
             butuh lebih banyak bahan pangan",
            "households in deciles 1 to 4 with at least 3 members: a large family needs more food",
        ],
    },
    ExampleProgram {
        code: "LAYANAN-LANSIA",
        name: [
            "Layanan Perawatan Lansia dan Disabilitas",
            "Care for the elderly and people with disabilities",
        ],
        aid_type: "service",
        funder: "ngo",
        entitlement: Some(150_000),
        rule: "welfare_decile <= 6 AND (elderly >= 1 OR disabled >= 1)",
        why: [
            "rumah tangga di desil 1 sampai 6 yang punya anggota lansia (60 tahun ke atas) atau \
             penyandang disabilitas",
            "households in deciles 1 to 6 with a member aged 60 or over or with a disability",
        ],
    },
    ExampleProgram {
        code: "PELATIHAN",
        name: [
            "Pelatihan Keterampilan (membatik, menjahit, usaha kecil)",
            "Skills training (batik, sewing, small business)",
        ],
        aid_type: "training",
        funder: "ngo",
        entitlement: None,
        rule: "welfare_decile <= 6",
        why: [
            "rumah tangga di desil 1 sampai 6; pesertanya dicatat di lembar trainings",
            "households in deciles 1 to 6; participants are recorded in the trainings sheet",
        ],
    },
    ExampleProgram {
        code: "BEASISWA",
        name: ["Beasiswa Anak Sekolah", "School scholarship"],
        aid_type: "scholarship",
        funder: "donation",
        entitlement: None,
        rule: "welfare_decile <= 5 AND school_age_children >= 1",
        why: [
            "rumah tangga di desil 1 sampai 5 yang punya anak usia sekolah (7 sampai 18 tahun)",
            "households in deciles 1 to 5 with a child of school age (7 to 18)",
        ],
    },
];

/// The text of site.toml.
pub(super) fn text(new: &NewSite) -> String {
    let en = new.lang == Lang::En;
    let t = |id: &str, english: &str| if en { english } else { id }.to_string();
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&t(
        "# Pengaturan desa untuk pantau. Baris yang diawali # adalah catatan dan tidak dibaca.",
        "# The village's settings for pantau. Lines starting with # are notes and are not read.",
    ));
    line(&t(
        "# Pengaturan yang diawali # belum aktif dan memakai nilai bawaan yang tertulis; hapus # lalu ubah nilainya.\n\
         # Ubah dulu: garis kemiskinan, program (nama, besaran bantuan, siapa yang berhak),\n\
         # complaint_channel, dan kecamatan/kabupaten/provinsi.\n\
         # Angka ditulis tanpa titik ribuan (600000); pecahan memakai titik (0.9).",
        "# Settings with a # in front are not in use and keep the default written there; remove the # and change the value.\n\
         # Change these first: the poverty line, the programs (names, amounts, who is eligible),\n\
         # complaint_channel, and the sub-district, regency and province.\n\
         # Numbers have no thousands separator (600000); fractions use a point (0.9).",
    ));
    line(&t(
        "# Aturan lengkap setiap kolom: docs/data-contract.md dalam pantau. Periksa dengan: pantau validate FOLDER",
        "# The full rules of every column: docs/data-contract.md of pantau. Check with: pantau validate FOLDER",
    ));
    line("");
    line("[site]");
    line(&format!(
        "code = {}{}",
        quoted(&new.code),
        t(
            "  # kode desa Kemendagri",
            "  # the village code (Kemendagri)"
        )
    ));
    line(&format!("name = {}", quoted(&new.name)));
    line(&t(
        "# district = \"\"                # kecamatan",
        "# district = \"\"                # kecamatan (sub-district)",
    ));
    line(&t(
        "# regency = \"\"                 # kabupaten/kota",
        "# regency = \"\"                 # kabupaten/kota (regency or city)",
    ));
    line(&t(
        "# province = \"\"                # provinsi",
        "# province = \"\"                # province",
    ));
    line(&t(
        "# fiscal_year_start_month = 1  # bulan awal tahun anggaran (1 = Januari); triwulan dihitung dari bulan ini",
        "# fiscal_year_start_month = 1  # first month of the fiscal year (1 = January); quarters count from it",
    ));
    let [id_note, en_note] = crate::config::INIT_EXAMPLE_NOTES;
    line(&t(
        &format!("# Garis kemiskinan, rupiah per orang per bulan. {id_note}: ganti dengan garis"),
        &format!("# The poverty line, rupiah per person per month. {en_note}: replace it"),
    ));
    line(&t(
        "# kemiskinan BPS untuk kabupaten/kota Anda.",
        "# with BPS's poverty line for your regency or city.",
    ));
    line(&format!(
        "poverty_line = {}",
        crate::config::INIT_POVERTY_LINE
    ));
    line(&t(
        "# synthetic = false            # true hanya untuk data latihan (buatan): setiap laporan diberi tanda data latihan",
        "# synthetic = false            # true only for made-up data (practice): reports then say so",
    ));
    line("");
    line(&t(
        "# Program bantuan: satu blok [[program]] per program, paling sedikit satu. Di bawah ini",
        "# Aid programs: one [[program]] block each, at least one. Below is one example of each",
    ));
    line(&t(
        "# satu contoh untuk setiap jenis bantuan (aid_type): cash (tunai), goods (barang),",
        "# aid type (aid_type): cash, goods, service, training and scholarship. Keep the ones",
    ));
    line(&t(
        "# service (layanan), training (pelatihan), scholarship (beasiswa). Biarkan program yang",
        "# the village runs, delete the others, and change names, amounts and rules.",
    ));
    line(&t(
        "# dijalankan desa, hapus yang lain, lalu ubah nama, besaran bantuan dan aturannya.",
        "#",
    ));
    line(&t(
        "# code: kode unik (huruf, angka, - _ . /), dipakai di kolom program lembar distributions.",
        "# code: a unique code (letters, digits, - _ . /), used in the program column of distributions.",
    ));
    line(&t(
        "# funder: sumber dana; harus muncul sebagai kategori pendapatan (revenue) di lembar budget.",
        "# funder: who pays; it must appear as a revenue category in the budget sheet.",
    ));
    line(&t(
        "# entitlement_per_month: besaran bantuan per rumah tangga per bulan (rupiah), untuk program bulanan; boleh dihapus.",
        "# entitlement_per_month: the monthly amount per household (rupiah) of a monthly program; optional.",
    ));
    line(&t(
        "# eligible_when: siapa yang berhak, sebagai syarat atas kolom lembar households",
        "# eligible_when: who is eligible, as a condition on the columns of the households sheet",
    ));
    line(&t(
        "#   (welfare_decile, members, children, school_age_children, elderly, disabled, rw, rt,",
        "#   (welfare_decile, members, children, school_age_children, elderly, disabled, rw, rt,",
    ));
    line(&t(
        "#   head_gender, registered_on, status), digabung dengan AND, OR, NOT dan tanda kurung;",
        "#   head_gender, registered_on, status), joined with AND, OR, NOT and parentheses;",
    ));
    line(&t(
        "#   tanggal ditulis DATE '2025-01-01'; \"true\" berarti semua rumah tangga.",
        "#   a date is written DATE '2025-01-01'; \"true\" means every household.",
    ));
    for p in &PROGRAMS {
        line("");
        line("[[program]]");
        line(&format!("code = {}", quoted(p.code)));
        line(&format!(
            "name = {}",
            quoted(if en { p.name[1] } else { p.name[0] })
        ));
        line(&format!("aid_type = {}", quoted(p.aid_type)));
        line(&format!("funder = {}", quoted(p.funder)));
        if let Some(amount) = p.entitlement {
            line(&format!("entitlement_per_month = {amount}"));
        }
        line(&format!("# {}", if en { p.why[1] } else { p.why[0] }));
        line(&format!("eligible_when = {}", quoted(p.rule)));
    }
    line("");
    line(&t(
        "# Target yang ditampilkan di samping indikator, ditulis sebagai pecahan dengan titik: 0.9 adalah 90%.",
        "# Targets shown beside the indicators (shares of 1: 0.9 is 90%).",
    ));
    line(&t(
        "# Indikator lain yang bisa diberi target: exclusion_error, inclusion_error, adequacy,",
        "# Other indicators that take a target: exclusion_error, inclusion_error, adequacy,",
    ));
    line(
        "# regularity, income_improved_share, poverty_headcount, school_enrolment_rate, \
         budget_absorption, ...",
    );
    line("[targets]");
    line("coverage = 0.9");
    line("training_completion = 0.75");
    line("feedback_resolution_rate = 0.85");
    line("");
    line(&t(
        "# Batas selisih yang masih dianggap cocok antara realisasi belanja program (lembar budget)\n\
         # dan jumlah penyalurannya (lembar distributions): selisih sampai",
        "# When a program's budget line matches its ledger: a gap up to this share of the",
    ));
    line(&t(
        "# bagian ini dari nilai realisasi, atau sampai rupiah ini, mana yang lebih besar.",
        "# realised amount, or up to these rupiah, whichever is larger.",
    ));
    line("[reconciliation]");
    line(&t(
        "# tolerance_share = 0.0        # 0.001 adalah 0,1%",
        "# tolerance_share = 0.0        # 0.001 is 0.1%",
    ));
    line("# tolerance_rupiah = 0");
    line("");
    line(&t(
        "# Pengumuman penerima (pantau notice).",
        "# The public recipient notice (pantau notice).",
    ));
    line("[notice]");
    line(&t(
        "# Tempat warga menyampaikan sanggahan dan pengaduan; dicetak di setiap halaman pengumuman.",
        "# Where residents send objections and complaints; printed on every page of the notice.",
    ));
    line(&format!(
        "complaint_channel = {}",
        quoted(&if en {
            format!("{} village office", new.name)
        } else {
            format!("Kantor Desa {}", new.name)
        })
    ));
    line(&t(
        "# signed_by = \"\"               # nama yang menandatangani; kosong: garis untuk menulis nama",
        "# signed_by = \"\"               # who signs; empty leaves a line to write the name on",
    ));
    line(&t(
        "# signed_title = \"\"            # kosong: \"Kepala Desa <nama desa>\"",
        "# signed_title = \"\"            # empty: \"Kepala Desa <village name>\"",
    ));
    line(&t(
        "# objection_days = 14          # masa sanggah, 1 sampai 90 hari",
        "# objection_days = 14          # days to object after posting, 1 to 90",
    ));
    line(&t(
        "# full_names = false           # true mencetak nama kepala keluarga lengkap",
        "# full_names = false           # true prints heads' names in full",
    ));
    line(&t(
        "# timezone = \"WIB\"             # WIB, WITA atau WIT",
        "# timezone = \"WIB\"             # WIB, WITA or WIT",
    ));
    match &new.layout {
        Layout::Workbook(file) => {
            line("");
            line(&t(
                "# Setiap tabel ada di lembarnya sendiri di buku kerja ini. Jangan ubah bagian [format.*]\n\
                 # kecuali nama file atau nama lembar diganti.",
                "# Every table is a sheet of its own in this workbook. Leave the [format.*] sections as they\n\
                 # are unless the file or a sheet is renamed.",
            ));
            line(&t(
                "# Tanggal yang diketik sebagai teks dibaca hari/bulan/tahun (03/04/2026 adalah 3 April);\n\
                 # angka yang diketik sebagai teks dibaca gaya Indonesia (1.500.000 dan 2,5).",
                "# Dates typed as text are read day first (03/04/2026 is 3 April).",
            ));
            for spec in TABLES {
                line("");
                line(&format!("[format.{}]", spec.name));
                line(&format!("file = {}", quoted(file)));
                line(&format!("sheet = {}", quoted(spec.name)));
                line("dates = \"day-first\"");
                if !en {
                    line("numbers = \"id\"");
                }
            }
        }
        Layout::Csv => {
            line("");
            line(&t(
                "# Setiap tabel adalah file CSV bernama tabelnya (households.csv, ...). Jika file",
                "# Every table is a CSV file named after it (households.csv, ...). When a file is",
            ));
            line(&t(
                "# ditulis lain, jelaskan di sini, misalnya:",
                "# written differently, say so here, for example:",
            ));
            line("# [format.households]");
            line("# delimiter = \";\"");
            line("# dates = \"day-first\"");
            line("# numbers = \"id\"");
        }
    }
    out
}
