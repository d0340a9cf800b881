//! pantau turns the raw records of village social-assistance programs
//! (Bantuan Sosial) into indicators and reports.
//!
//! The pipeline is one line of stages, each using only the leaves and the
//! stages before it:
//!
//! - leaves: [`contract`] (the data contract as data), [`problem`] (one
//!   located problem record), [`fmt`] (numbers, money and dates per
//!   language), [`writer`] (the one CSV writer), [`progress`], `cache`
//!   (asking the processor for memory ahead of its use);
//! - [`load`]: a file becomes text columns (CSV, XLSX, Parquet);
//! - [`config`]: `site.toml` becomes a checked [`config::SiteConfig`];
//! - [`privacy`]: masking, and the gate every public output passes;
//! - [`validate`]: the contract enforced over the loaded tables (a rule
//!   that would show an identifier is refused by the gate's measure);
//! - [`site`]: [`site::Site::open`], the one place a folder becomes a
//!   validated, typed site;
//! - [`publish`]: files written all at once, and the manifest of a run;
//! - [`indicators`]: every indicator as tidy rows;
//! - [`charts`]: SVG charts from aggregates;
//! - [`report`]: typed view models rendered by tera templates;
//! - [`explain`]: one household's eligibility clause by clause, and its letter;
//! - [`simulate`]: proposed eligibility rules against the current one;
//! - [`generate`]: synthetic sites;
//! - [`init`]: a new, empty site to fill in (site.toml and a workbook);
//! - [`cli`] and [`commands`]: the command line, one module per command.

pub(crate) mod cache;
pub(crate) mod charts;
pub mod cli;
pub mod commands;
pub mod config;
pub mod contract;
pub mod explain;
pub mod fmt;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod indicators;
pub mod init;
pub mod load;
pub mod panics;
pub mod privacy;
pub mod problem;
pub mod progress;
pub mod publish;
pub mod report;
pub(crate) mod rng;
pub mod rule;
pub mod simulate;
pub mod site;
pub mod validate;
pub mod writer;
