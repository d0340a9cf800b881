//! `pantau simulate`: proposed eligibility rules of a program against the
//! current one, as a table, CSV or JSON.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{SimulateArgs, SimulateFormat};
use crate::simulate::{self, show, Question};

pub(super) fn run(args: SimulateArgs) -> Result<ExitCode> {
    let prepared =
        crate::report::prepare(&args.site, args.period, args.rejections.max_rejected_rows)?;
    let question = Question {
        program: &args.program,
        rules: &args.rule,
        amount: args.amount,
        budget: args.budget,
        quarter: prepared.period,
    };
    let s = simulate::simulate(&prepared.site, &prepared.indicators, &question)?;
    let text = match args.format {
        SimulateFormat::Text => show::to_text(&s, args.lang)?,
        SimulateFormat::Csv => show::to_csv(&s)?,
        SimulateFormat::Json => serde_json::to_string_pretty(&s)? + "\n",
    };
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
