//! The village profiles a synthetic site can resemble. Each program carries
//! its `eligible_when` twice: as the SQL text written to site.toml and as a
//! Rust predicate the generator uses to pick beneficiaries. A test evaluates
//! the SQL with polars on generated households and checks both agree.

use crate::config::AidType;

use super::Household;

/// How a program delivers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Schedule {
    /// Every month, on a day between the two given.
    Monthly { day_from: u32, day_to: u32 },
    /// In the first month of every quarter (scholarships paid per term).
    Quarterly { day_from: u32, day_to: u32 },
    /// Once per enrollment, on the course's start date (training programs).
    PerEnrollment,
}

pub(crate) struct ProgramDef {
    pub code: &'static str,
    pub name: &'static str,
    pub aid_type: AidType,
    pub funder: &'static str,
    pub entitlement_per_month: Option<i64>,
    pub eligible_sql: &'static str,
    pub eligible: fn(&Household) -> bool,
    /// Share of eligible households the program reaches.
    pub coverage: f64,
    /// Share of near-miss households (`near_miss`) that are reached anyway.
    pub leakage: f64,
    pub near_miss: fn(&Household) -> bool,
    pub schedule: Schedule,
    /// Value of one delivery to a household.
    pub value: fn(&Household) -> i64,
    pub unit: Option<&'static str>,
    pub quantity: fn(&Household) -> Option<f64>,
}

pub(crate) struct CourseDef {
    pub code: &'static str,
    pub sessions: i64,
    /// Cost per participant, recorded in the ledger under the training program.
    pub cost: i64,
    /// Relative number of participants per cohort.
    pub weight: f64,
}

pub struct Profile {
    pub(crate) key: &'static str,
    pub(crate) code: &'static str,
    pub(crate) name: String,
    pub(crate) district: &'static str,
    pub(crate) regency: &'static str,
    pub(crate) province: &'static str,
    pub(crate) poverty_line: i64,
    /// First six digits of NIK/KK numbers (province, regency, district).
    pub(crate) region_digits: &'static str,
    /// Prefix of distribution, enrollment and feedback ids.
    pub(crate) id_prefix: &'static str,
    pub(crate) description: &'static str,
    /// Median per-capita income as a multiple of the poverty line, and its log spread.
    pub(crate) income_median_factor: f64,
    pub(crate) income_sigma: f64,
    pub(crate) programs: Vec<ProgramDef>,
    pub(crate) training_program: &'static str,
    pub(crate) courses: Vec<CourseDef>,
    pub(crate) women_share: f64,
    /// Enrollments per 1,000 households per course and quarter.
    pub(crate) enrollment_rate: f64,
    pub(crate) channels: [f64; 6],
    /// Share of goods locally sourced / eco-packaged in the first and last month.
    pub(crate) local_sourcing: (f64, f64),
    pub(crate) eco_packaging: (f64, f64),
    pub(crate) targets: Vec<(&'static str, f64)>,
}

fn d(h: &Household) -> i64 {
    h.decile
}

fn blt() -> ProgramDef {
    ProgramDef {
        code: "BLT-DD",
        name: "Bantuan Langsung Tunai Dana Desa",
        aid_type: AidType::Cash,
        funder: "dana_desa",
        entitlement_per_month: Some(300_000),
        eligible_sql: "welfare_decile <= 3",
        eligible: |h| d(h) <= 3,
        coverage: 0.88,
        leakage: 0.05,
        near_miss: |h| d(h) == 4,
        schedule: Schedule::Monthly {
            day_from: 8,
            day_to: 14,
        },
        value: |_| 300_000,
        unit: None,
        quantity: |_| None,
    }
}

fn training(code: &'static str, name: &'static str, funder: &'static str) -> ProgramDef {
    ProgramDef {
        code,
        name,
        aid_type: AidType::Training,
        funder,
        entitlement_per_month: None,
        eligible_sql: "welfare_decile <= 6",
        eligible: |h| d(h) <= 6,
        coverage: 0.0,
        leakage: 0.0,
        near_miss: |_| false,
        schedule: Schedule::PerEnrollment,
        value: |_| 0,
        unit: Some("kursus"),
        quantity: |_| Some(1.0),
    }
}

/// The villages a synthetic site can resemble.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileName {
    /// Desa Semanan: cash, goods, scholarships, home-care services and skills training.
    Semanan,
    /// Desa Duri Selatan: needs-based food aid, local sourcing, eco packaging, entrepreneurship training.
    DuriSelatan,
    /// A generic village with cash aid, food packages and training.
    Custom,
}

impl Profile {
    /// The profile of a village; `village` names the custom one (default
    /// "Contoh").
    pub fn named(name: ProfileName, village: Option<String>) -> Profile {
        match name {
            ProfileName::Semanan => semanan(),
            ProfileName::DuriSelatan => duri_selatan(),
            ProfileName::Custom => custom(village.unwrap_or_else(|| "Contoh".to_string())),
        }
    }

    pub(crate) fn program(&self, code: &str) -> Option<&ProgramDef> {
        self.programs.iter().find(|p| p.code == code)
    }
}

pub(crate) fn semanan() -> Profile {
    Profile {
        key: "semanan",
        code: "31.73.05.1003",
        name: "Semanan".into(),
        district: "Kalideres",
        regency: "Jakarta Barat",
        province: "DKI Jakarta",
        poverty_line: 850_000,
        region_digits: "317305",
        id_prefix: "SMN",
        description: "cash aid, food packages, scholarships, home care and skills training \
                      (batik, sewing, small business), funded by Dana Desa, donors, an NGO and company CSR",
        income_median_factor: 1.25,
        income_sigma: 0.55,
        programs: vec![
            blt(),
            ProgramDef {
                code: "SEMBAKO",
                name: "Paket Sembako Bulanan",
                aid_type: AidType::Goods,
                funder: "csr",
                entitlement_per_month: Some(200_000),
                eligible_sql: "welfare_decile <= 4 AND members >= 3",
                eligible: |h| d(h) <= 4 && h.members >= 3,
                coverage: 0.84,
                leakage: 0.04,
                near_miss: |h| d(h) == 5 && h.members >= 3,
                schedule: Schedule::Monthly { day_from: 18, day_to: 24 },
                value: |_| 200_000,
                unit: Some("paket"),
                quantity: |_| Some(1.0),
            },
            ProgramDef {
                code: "BEASISWA",
                name: "Beasiswa Anak Sekolah",
                aid_type: AidType::Scholarship,
                funder: "donation",
                entitlement_per_month: None,
                eligible_sql: "welfare_decile <= 5 AND school_age_children >= 1",
                eligible: |h| d(h) <= 5 && h.school_age >= 1,
                coverage: 0.72,
                leakage: 0.0,
                near_miss: |_| false,
                schedule: Schedule::Quarterly { day_from: 5, day_to: 20 },
                value: |h| 450_000 * h.school_age.min(3),
                unit: Some("anak"),
                quantity: |h| Some(h.school_age.min(3) as f64),
            },
            ProgramDef {
                code: "LAYANAN-LANSIA",
                name: "Layanan Perawatan Lansia dan Disabilitas",
                aid_type: AidType::Service,
                funder: "ngo",
                entitlement_per_month: Some(150_000),
                eligible_sql: "welfare_decile <= 6 AND (elderly >= 1 OR disabled >= 1)",
                eligible: |h| d(h) <= 6 && (h.elderly >= 1 || h.disabled >= 1),
                coverage: 0.62,
                leakage: 0.0,
                near_miss: |_| false,
                schedule: Schedule::Monthly { day_from: 1, day_to: 28 },
                value: |_| 150_000,
                unit: Some("kunjungan"),
                quantity: |_| Some(1.0),
            },
            training("PELATIHAN", "Pelatihan Keterampilan (membatik, menjahit, usaha kecil)", "ngo"),
        ],
        training_program: "PELATIHAN",
        courses: vec![
            CourseDef { code: "membatik", sessions: 12, cost: 1_250_000, weight: 1.0 },
            CourseDef { code: "menjahit", sessions: 10, cost: 1_500_000, weight: 1.0 },
            CourseDef { code: "usaha_kecil", sessions: 8, cost: 900_000, weight: 0.8 },
        ],
        women_share: 0.84,
        enrollment_rate: 5.0,
        channels: [0.30, 0.15, 0.05, 0.20, 0.25, 0.05],
        local_sourcing: (0.35, 0.50),
        eco_packaging: (0.20, 0.35),
        targets: vec![("coverage", 0.90), ("training_completion", 0.75), ("feedback_resolution_rate", 0.85)],
    }
}

pub(crate) fn duri_selatan() -> Profile {
    Profile {
        key: "duri-selatan",
        code: "31.73.07.1004",
        name: "Duri Selatan".into(),
        district: "Tambora",
        regency: "Jakarta Barat",
        province: "DKI Jakarta",
        poverty_line: 850_000,
        region_digits: "317307",
        id_prefix: "DRS",
        description: "needs-based food aid (larger packages for families with many children, a small package \
                      for elderly people living alone) bought from local farmers in eco-friendly bags, cash aid, \
                      and entrepreneurship training for housewives",
        income_median_factor: 1.15,
        income_sigma: 0.5,
        programs: vec![
            blt(),
            ProgramDef {
                code: "PANGAN-KELUARGA",
                name: "Bantuan Pangan Keluarga Beranak Banyak",
                aid_type: AidType::Goods,
                funder: "csr",
                entitlement_per_month: Some(350_000),
                eligible_sql: "welfare_decile <= 5 AND children >= 3",
                eligible: |h| d(h) <= 5 && h.children >= 3,
                coverage: 0.86,
                leakage: 0.04,
                near_miss: |h| d(h) == 6 && h.children >= 3,
                schedule: Schedule::Monthly { day_from: 15, day_to: 20 },
                value: |_| 350_000,
                unit: Some("kg"),
                quantity: |_| Some(25.0),
            },
            ProgramDef {
                code: "PANGAN-REGULER",
                name: "Bantuan Pangan Reguler",
                aid_type: AidType::Goods,
                funder: "csr",
                entitlement_per_month: Some(225_000),
                eligible_sql: "welfare_decile <= 4 AND children < 3 AND NOT (members = 1 AND elderly >= 1)",
                eligible: |h| d(h) <= 4 && h.children < 3 && !(h.members == 1 && h.elderly >= 1),
                coverage: 0.82,
                leakage: 0.03,
                near_miss: |h| d(h) == 5 && h.children < 3 && !(h.members == 1 && h.elderly >= 1),
                schedule: Schedule::Monthly { day_from: 15, day_to: 20 },
                value: |_| 225_000,
                unit: Some("kg"),
                quantity: |_| Some(15.0),
            },
            ProgramDef {
                code: "PANGAN-LANSIA",
                name: "Bantuan Pangan Lansia Tinggal Sendiri",
                aid_type: AidType::Goods,
                funder: "donation",
                entitlement_per_month: Some(150_000),
                eligible_sql: "welfare_decile <= 6 AND members = 1 AND elderly >= 1",
                eligible: |h| d(h) <= 6 && h.members == 1 && h.elderly >= 1,
                coverage: 0.9,
                leakage: 0.0,
                near_miss: |_| false,
                schedule: Schedule::Monthly { day_from: 15, day_to: 20 },
                value: |_| 150_000,
                unit: Some("kg"),
                quantity: |_| Some(10.0),
            },
            training("PKW-IRT", "Pelatihan Kewirausahaan Ibu Rumah Tangga", "ngo"),
        ],
        training_program: "PKW-IRT",
        courses: vec![
            CourseDef { code: "usaha_kecil", sessions: 8, cost: 900_000, weight: 1.2 },
            CourseDef { code: "olahan_pangan", sessions: 10, cost: 1_100_000, weight: 1.0 },
            CourseDef { code: "menjahit", sessions: 10, cost: 1_500_000, weight: 0.7 },
        ],
        women_share: 0.95,
        enrollment_rate: 6.0,
        channels: [0.35, 0.25, 0.15, 0.10, 0.10, 0.05],
        local_sourcing: (0.50, 0.85),
        eco_packaging: (0.40, 0.80),
        targets: vec![("coverage", 0.90), ("training_completion", 0.75), ("feedback_resolution_rate", 0.85)],
    }
}

pub(crate) fn custom(name: String) -> Profile {
    let mut p = semanan();
    p.key = "custom";
    p.code = "00.00.00.0000";
    p.name = name;
    p.district = "";
    p.regency = "";
    p.province = "";
    p.region_digits = "990101";
    p.id_prefix = "DSA";
    p.description = "a generic village with cash aid, food packages and skills training";
    p.programs
        .retain(|prog| matches!(prog.code, "BLT-DD" | "SEMBAKO" | "PELATIHAN"));
    p
}
