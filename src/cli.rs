//! The command line. The doc comments here are the `--help` text. Values
//! are parsed into their types here, once: a quarter into [`Quarter`], a
//! period into [`Period`], a tolerance into [`Tolerance`]; the enums
//! ([`Lang`], [`Audience`], [`ProfileName`]) are the stages' own.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::fmt::Lang;
use crate::generate::ProfileName;
use crate::indicators::period::{Period, Quarter};
use crate::report::Audience;
use crate::validate::Tolerance;

/// pantau: indicators and reports for village social-assistance programs
/// (Bantuan Sosial), from the raw records of a village.
///
/// Exit codes: 0 success, 2 invalid input (nothing written), 1 internal
/// error; `verify` exits 3 when a report no longer matches its files.
#[derive(Debug, Parser)]
#[command(name = "pantau", version, about, long_about)]
pub struct Cli {
    /// Draw no progress on standard error. Progress is only drawn on a
    /// terminal anyway: pipes and logs never see it.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// `--max-rejected-rows`, for every command that reads sites.
#[derive(Debug, Clone, Copy, Args)]
pub struct Rejections {
    /// Rejected rows tolerated per file: a count (25) or a share of the
    /// file's rows (2%). Rejected rows are left out and counted in the
    /// data-quality summary; problems with a whole file always stop the run.
    #[arg(
        long,
        value_name = "N|P%",
        default_value = "0",
        value_parser = Tolerance::parse
    )]
    pub max_rejected_rows: Tolerance,
}

/// Language, output folder and templates, for every command that renders HTML.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// Language of the report or notice.
    #[arg(long, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,
    /// Folder to write into.
    #[arg(long, default_value = "reports", value_name = "DIR")]
    pub out: PathBuf,
    /// Folder with templates that replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new village: a commented site.toml and a data-entry workbook to fill in.
    ///
    /// The workbook (or, with --format csv, header-only CSV files) has a sheet
    /// per table with lists and checks on the cells, identifier columns kept
    /// as text, and an example row that pantau does not read. pantau reads
    /// the workbook as it is: fill it in, then `pantau validate DIR` and
    /// `pantau report DIR`.
    Init(InitArgs),
    /// Check site folders against the data contract and print a data-quality summary.
    ///
    /// Every problem names its file, row (the line in a CSV file), column, value
    /// and rule. Errors make the command exit with code 2; warnings do not.
    Validate(ValidateArgs),
    /// Compute every indicator of a site and write the tidy table to stdout.
    ///
    /// Columns: indicator, period, program, group_by, group, numerator,
    /// denominator, value, ci_low, ci_high, unit. `program` is `all` when a
    /// row is not per program; `group_by` and `group` are empty for the whole
    /// site. A value is empty when its denominator is zero.
    Indicators(IndicatorsArgs),
    /// Write HTML reports (with the indicator table behind each as CSV).
    ///
    /// The evaluator report is the quarterly impact report; the council
    /// report shows where the aid money came from and went; the partner
    /// report puts several sites side by side. Each report is one
    /// self-contained HTML file (no network access needed), printable on A4.
    /// Prints the path of each file written.
    Report(ReportArgs),
    /// Write the public recipient notice of a program for the notice board.
    ///
    /// One printable HTML page listing the households that received the
    /// program's aid in the quarter, grouped by RW and RT, with the amount
    /// and where to send objections. Family-card numbers show only their
    /// region digits and names are shortened unless site.toml allows full
    /// names ([notice] full_names = true). A privacy gate checks the page
    /// before it is written and refuses (exit 2, nothing written) if a full
    /// identification number or a forbidden field would appear.
    Notice(NoticeArgs),
    /// Explain to one household why it is or is not eligible for each program.
    ///
    /// For the officer answering a complaint: the registry values the rules
    /// read (with file and line), every program's rule clause by clause with
    /// the household's value against it, the smallest change in one value
    /// that would make it eligible, what it received per quarter against its
    /// entitlement, the integrity flags that involve it, and where and until
    /// when to object. Text on the terminal, `--format json` for other
    /// tools, and with `--out` a one-page letter (HTML, printable on A4) to
    /// hand over. The letter is for the household itself; a NIK or
    /// family-card number still shows only its region digits.
    ///
    /// With --feedback CATEGORY instead of --household: a letter for every
    /// household named by an open feedback item of that category, and a
    /// summary of the items for the officer.
    ///
    /// Example: pantau explain sample-data/semanan --household 3173051704053647
    ///
    /// Example: pantau explain sample-data/semanan --feedback complaint --out letters
    Explain(ExplainArgs),
    /// Compare a program's current eligibility rule with proposed ones, for the village meeting.
    ///
    /// On the households active in the quarter, for each rule: households
    /// eligible, cost per quarter and fiscal year at the monthly amount,
    /// whether the quarter's budget covers it (the program's expense line in
    /// budget.csv, or --budget) and, when it does not, how many are served
    /// (lowest welfare decile first) and left out; coverage of the poor and
    /// the share of recipients who are not poor (latest survey round),
    /// incidence by welfare decile and the Coady-Grosh-Hoddinott index; the
    /// poverty headcount and gap before and after the transfer, and the cost
    /// per household lifted and per point of gap closed; households gaining
    /// and losing eligibility per RW; overlap with the other programs.
    ///
    /// Example: pantau simulate sample-data/semanan --program SEMBAKO --rule "welfare_decile <= 5 AND members >= 3"
    Simulate(SimulateArgs),
    /// Write a site's tables as typed Parquet files, for faster runs.
    ///
    /// Validates the site, then writes every table it has as
    /// `<table>.parquet` (contract column names and types: whole numbers as
    /// 64-bit integers, dates as dates, yes/no as booleans) into the new site
    /// folder, with a copy of site.toml. The file, column and value mappings
    /// of site.toml (`[format.*]`, `[columns.*]`, `[values.*]`) describe the
    /// original files, so the copy leaves them out. Reading Parquet skips
    /// the text parsing a CSV file needs.
    Convert(ConvertArgs),
    /// Check that reports still match the data they were made from.
    ///
    /// Reads the manifest.json that `report` and `notice` keep beside their
    /// files, re-hashes every input (site.toml and each table) and every
    /// file written, and lists what changed. Exits 0 when nothing did, 3
    /// when something did.
    Verify(VerifyArgs),
    /// Write a synthetic site folder (for demonstrations, tests and benchmarks).
    ///
    /// The output is byte-identical for the same profile, size and seed. Every
    /// file says it is synthetic. A few realistic problems are planted on
    /// purpose and listed in planted_problems.csv.
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// One or more site folders (each with site.toml and the tables), or a
    /// folder of them (a district).
    #[arg(required = true, value_name = "SITE_DIR")]
    pub sites: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    #[command(flatten)]
    pub rejections: Rejections,
    /// Problems listed per file in text output (0 lists all; counts always cover all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub max_problems: usize,
}

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// The site folder.
    #[arg(value_name = "SITE_DIR")]
    pub site: PathBuf,
    #[command(flatten)]
    pub rejections: Rejections,
    /// Only rows of this period (a quarter `YYYY-Qn` or a survey round label).
    #[arg(long, value_name = "PERIOD", value_parser = Period::from_arg)]
    pub period: Option<Period>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// One or more site folders, or a folder of them (a district): one report
    /// per site and a district summary, or one comparison for partners.
    #[arg(required = true, value_name = "SITE_DIR")]
    pub sites: Vec<PathBuf>,
    #[command(flatten)]
    pub rejections: Rejections,
    /// Who the report is for.
    #[arg(long, value_enum, default_value_t = Audience::Evaluator)]
    pub audience: Audience,
    /// The quarter to report (`YYYY-Qn`); default: the latest complete quarter in the data.
    #[arg(long, value_name = "YYYY-Qn", value_parser = Quarter::from_arg)]
    pub period: Option<Quarter>,
    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The site folder.
    #[arg(value_name = "SITE_DIR")]
    pub site: PathBuf,
    #[command(flatten)]
    pub rejections: Rejections,
    /// The program code from site.toml.
    #[arg(long, value_name = "CODE")]
    pub program: String,
    /// The quarter (`YYYY-Qn`).
    #[arg(long, value_name = "YYYY-Qn", value_parser = Quarter::from_arg)]
    pub period: Quarter,
    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("whom").required(true).multiple(false))]
pub struct ExplainArgs {
    /// The site folder.
    #[arg(value_name = "SITE_DIR")]
    pub site: PathBuf,
    #[command(flatten)]
    pub rejections: Rejections,
    /// The household_id, as in the registry.
    #[arg(long, value_name = "ID", group = "whom")]
    pub household: Option<String>,
    /// Instead of one household: a letter for every household named by an
    /// open feedback item (no resolved_on) of this category, and a summary
    /// table of the items for the officer (needs --out).
    #[arg(
        long,
        value_enum,
        value_name = "CATEGORY",
        group = "whom",
        requires = "out"
    )]
    pub feedback: Option<FeedbackCategory>,
    /// The quarter (`YYYY-Qn`); default: the latest complete quarter in the data.
    #[arg(long, value_name = "YYYY-Qn", value_parser = Quarter::from_arg)]
    pub period: Option<Quarter>,
    /// Output format on the terminal.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Language of the explanation and the letter.
    #[arg(long, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,
    /// Also write the letter (HTML) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Folder with templates that replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The site folder.
    #[arg(value_name = "SITE_DIR")]
    pub site: PathBuf,
    #[command(flatten)]
    pub rejections: Rejections,
    /// The program code from site.toml.
    #[arg(long, value_name = "CODE")]
    pub program: String,
    /// A proposed rule, written like eligible_when (repeat for several).
    #[arg(long, value_name = "EXPR")]
    pub rule: Vec<String>,
    /// Rupiah per household and month; default: the program's entitlement_per_month.
    #[arg(long, value_name = "RUPIAH_PER_MONTH")]
    pub amount: Option<i64>,
    /// Rupiah for the quarter; default: the program's planned expense in the quarter (budget.csv).
    #[arg(long, value_name = "RUPIAH")]
    pub budget: Option<i64>,
    /// The quarter (`YYYY-Qn`); default: the latest complete quarter in the data.
    #[arg(long, value_name = "YYYY-Qn", value_parser = Quarter::from_arg)]
    pub period: Option<Quarter>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimulateFormat::Text)]
    pub format: SimulateFormat,
    /// Language of the table and the brief.
    #[arg(long, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,
    /// Also write the brief for the village meeting (HTML) into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Folder with templates that replace the built-in ones of the same name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimulateFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The site folder to convert.
    pub site: PathBuf,
    /// The new site folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub rejections: Rejections,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The manifest (`reports/manifest.json`).
    #[arg(value_name = "MANIFEST")]
    pub manifest: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder of the new site; made when it does not exist.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The village's name (site.toml `name`).
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// The village code of Kemendagri (site.toml `code`, e.g. 31.73.05.1003).
    #[arg(long, value_name = "KODE_DESA")]
    pub code: String,
    /// Language of site.toml's notes and of the workbook's instructions, notes and lists.
    #[arg(long, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,
    /// One workbook with a sheet per table, or one header-only CSV file per table.
    #[arg(long, value_enum, default_value_t = InitFormat::Xlsx)]
    pub format: InitFormat,
    /// Write into a folder that already has files, replacing site.toml and
    /// the data files of the same names (other files are left alone).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Which village the synthetic site resembles.
    #[arg(long, value_enum, default_value_t = ProfileName::Semanan)]
    pub profile: ProfileName,
    /// Number of households in the registry (1 to 20,000,000).
    #[arg(long, default_value_t = 2500, value_name = "N")]
    pub households: usize,
    /// Seed of the random generator.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Folder to create. It must not exist yet, unless --force is given.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Replace DIR if it exists (the old folder is removed only after the new one is complete).
    #[arg(long)]
    pub force: bool,
    /// Village name for the custom profile.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// The feedback categories of the data contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedbackCategory {
    Complaint,
    Suggestion,
    Question,
    Appreciation,
}

impl FeedbackCategory {
    /// The value as feedback.csv writes it.
    pub fn code(self) -> &'static str {
        match self {
            FeedbackCategory::Complaint => "complaint",
            FeedbackCategory::Suggestion => "suggestion",
            FeedbackCategory::Question => "question",
            FeedbackCategory::Appreciation => "appreciation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Csv,
    Json,
}
