//! `pantau explain`: one household's eligibility, deliveries and flags,
//! on the terminal, as JSON, or as a letter to hand over; or, with
//! `--feedback CATEGORY`, a letter for every household named by an open
//! feedback item of that category and the officer's summary of the items.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{ExplainArgs, SummaryFormat};
use crate::explain::{self, batch, letter};
use crate::privacy::Document;
use crate::publish;
use crate::report::render::Renderer;

pub(super) fn run(args: ExplainArgs) -> Result<ExitCode> {
    if let Some(out) = &args.out {
        publish::check_out(out)?;
    }
    let prepared =
        crate::report::prepare(&args.site, args.period, args.rejections.max_rejected_rows)?;
    let site = &prepared.site;
    // The terminal and the JSON never show a full identification number
    // either, not even the household's own.
    let gate = site.privacy_gate()?;
    let check = |name: &str, text: &str| {
        gate.check(&Document {
            name,
            text,
            columns: &[],
            digit_runs: true,
        })
    };
    let lang = args.lang;
    let q = prepared.period;
    let renderer = || Renderer::new(args.templates.as_deref());
    let mut command = format!("pantau explain {}", args.site.display());

    let (text, files) = if let Some(category) = args.feedback {
        let b = batch::answer_open(site, &prepared.indicators, category.code(), q, lang)?;
        let text = match args.format {
            SummaryFormat::Text => batch::to_text(&b, lang)?,
            SummaryFormat::Json => serde_json::to_string_pretty(&b.json())? + "\n",
        };
        check("the summary", &text)?;
        let renderer = renderer()?;
        let mut files = Vec::new();
        for e in &b.explanations {
            let name = letter::file_name(e, lang);
            let html = renderer.render("letter.html", &letter::page(site, e.clone(), lang)?)?;
            check(&name, &html)?;
            files.push((name, html));
        }
        let name = batch::file_name(&b, q, lang);
        let html = renderer.render("feedback.html", &batch::page(site, &b, q, lang)?)?;
        check(&name, &html)?;
        files.push((name, html));
        command.push_str(&format!(" --feedback {}", category.code()));
        (text, files)
    } else {
        let household = args.household.as_deref().unwrap_or_default();
        let e = explain::explain(site, &prepared.indicators, household, q, lang)?;
        let text = match args.format {
            SummaryFormat::Text => letter::to_text(&e, lang)?,
            SummaryFormat::Json => serde_json::to_string_pretty(&e)? + "\n",
        };
        check("the explanation", &text)?;
        let mut files = Vec::new();
        if args.out.is_some() {
            let name = letter::file_name(&e, lang);
            command.push_str(&format!(" --household {}", e.household));
            let html = renderer()?.render("letter.html", &letter::page(site, e, lang)?)?;
            check(&name, &html)?;
            files.push((name, html));
        }
        (text, files)
    };
    let Some(out) = &args.out else {
        super::print(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    command.push_str(&format!(" --period {} --lang {}", q.label(), lang.code()));
    let paths = super::publish_pages(out, &files, command, site)?;
    super::print(&text)?;
    // JSON stays one document on stdout; the files written go to stderr.
    match args.format {
        SummaryFormat::Text => super::print_paths(&paths)?,
        SummaryFormat::Json => super::eprint_paths(&paths),
    }
    Ok(ExitCode::SUCCESS)
}
