//! `pantau simulate`: proposed eligibility rules of a program against the
//! current one, as a table, CSV or JSON, and as a brief for the village
//! meeting.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{SimulateArgs, SimulateFormat};
use crate::privacy::Document;
use crate::publish;
use crate::report::render::Renderer;
use crate::simulate::{self, brief, show, Question};

pub(super) fn run(args: SimulateArgs) -> Result<ExitCode> {
    if let Some(out) = &args.out {
        publish::check_out(out)?;
    }
    let prepared =
        crate::report::prepare(&args.site, args.period, args.rejections.max_rejected_rows)?;
    let site = &prepared.site;
    let question = Question {
        program: &args.program,
        rules: &args.rule,
        amount: args.amount,
        budget: args.budget,
        quarter: prepared.period,
    };
    let s = simulate::simulate(site, &prepared.indicators, &question)?;
    let text = match args.format {
        SimulateFormat::Text => show::to_text(&s, args.lang)?,
        SimulateFormat::Csv => show::to_csv(&s)?,
        SimulateFormat::Json => serde_json::to_string_pretty(&s)? + "\n",
    };
    let Some(out) = &args.out else {
        super::print(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let name = brief::file_name(site, &s, args.lang);
    let renderer = Renderer::new(args.templates.as_deref())?;
    let html = renderer.render("brief.html", &brief::page(site, &s, args.lang)?)?;
    // A public page: counts only, and never an identification number.
    site.privacy_gate()?.check(&Document {
        name: &name,
        text: &html,
        columns: &[],
        digit_runs: true,
    })?;
    let mut command = format!(
        "pantau simulate {} --program {} --period {} --lang {}",
        args.site.display(),
        s.program,
        s.quarter,
        args.lang.code()
    );
    // The rules as every other output shows them: long numbers masked.
    for rule in &args.rule {
        let rule = crate::privacy::mask_long_numbers(rule);
        command.push_str(&format!(" --rule \"{rule}\""));
    }
    if let Some(a) = args.amount {
        command.push_str(&format!(" --amount {a}"));
    }
    if let Some(b) = args.budget {
        command.push_str(&format!(" --budget {b}"));
    }
    let path = super::publish_page(out, &name, &html, command, site)?;
    super::print(&text)?;
    // CSV and JSON stay one document on stdout; the file written goes to
    // stderr.
    match args.format {
        SimulateFormat::Text => super::print_paths(&[path])?,
        SimulateFormat::Csv | SimulateFormat::Json => super::eprint_paths(&[path]),
    }
    Ok(ExitCode::SUCCESS)
}
