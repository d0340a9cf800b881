//! `pantau notice`: build, render, check and publish the public recipient
//! notice of one program in one quarter.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::NoticeArgs;
use crate::privacy::Document;
use crate::publish;
use crate::report::notice;
use crate::report::render::Renderer;
use crate::site::Site;

pub(super) fn run(args: NoticeArgs) -> Result<ExitCode> {
    publish::check_out(&args.render.out)?;
    let site = Site::open(&args.site, args.rejections.max_rejected_rows)?;
    let lang = args.render.lang;
    let page = notice::build(&site, &args.program, args.period, lang)?;
    let renderer = Renderer::new(args.render.templates.as_deref())?;
    let html = renderer.render("notice.html", &page)?;
    let name = notice::file_name(&site, &args.program, args.period, lang);
    let gate = site.privacy_gate()?;
    gate.check(&Document {
        name: &name,
        text: &html,
        columns: &notice::COLUMNS,
        digit_runs: true,
    })?;
    let command = format!(
        "pantau notice {} --program {} --period {} --lang {}",
        args.site.display(),
        args.program,
        args.period.label(),
        lang.code()
    );
    let path = super::publish_page(&args.render.out, &name, &html, command, &site)?;
    super::print_paths(&[path])?;
    Ok(ExitCode::SUCCESS)
}
