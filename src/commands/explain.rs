//! `pantau explain`: one household's eligibility, deliveries and flags,
//! on the terminal, as JSON, or as a letter to hand over.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{ExplainArgs, SummaryFormat};
use crate::explain::{self, letter};
use crate::privacy::{Document, Gate};
use crate::publish;
use crate::report::render::Renderer;

pub(super) fn run(args: ExplainArgs) -> Result<ExitCode> {
    if let Some(out) = &args.out {
        publish::check_out(out)?;
    }
    let prepared =
        crate::report::prepare(&args.site, args.period, args.rejections.max_rejected_rows)?;
    let site = &prepared.site;
    let lang = args.lang;
    let e = explain::explain(
        site,
        &prepared.indicators,
        &args.household,
        prepared.period,
        lang,
    )?;
    // The terminal and the JSON never show a full identification number
    // either, not even the household's own.
    let gate = Gate::new(site.identifiers()?)
        .locating(Box::new(|digits: &str| site.locate_digits(digits)));
    let text = match args.format {
        SummaryFormat::Text => letter::to_text(&e, lang)?,
        SummaryFormat::Json => serde_json::to_string_pretty(&e)? + "\n",
    };
    gate.check(&Document {
        name: "the explanation",
        text: &text,
        columns: &[],
        digit_runs: true,
    })?;
    let Some(out) = &args.out else {
        super::print(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let name = letter::file_name(&e, lang);
    let e_household = e.household.clone();
    let renderer = Renderer::new(args.templates.as_deref())?;
    let html = renderer.render("letter.html", &letter::page(site, e, lang)?)?;
    gate.check(&Document {
        name: &name,
        text: &html,
        columns: &[],
        digit_runs: true,
    })?;
    let command = format!(
        "pantau explain {} --household {} --period {} --lang {}",
        args.site.display(),
        e_household,
        prepared.period.label(),
        lang.code()
    );
    let path = super::publish_page(out, &name, &html, command, site)?;
    super::print(&text)?;
    super::print_paths(&[path])?;
    Ok(ExitCode::SUCCESS)
}
