//! tera templates: the defaults in `templates/` are compiled into the
//! binary; `--templates DIR` replaces any of them by a file of the same name.
//! Autoescaping is on for every `.html` template, so text from the data
//! (a household name like `<script>`) always renders as text. Only the
//! charts' SVG, which pantau writes and escapes itself, is marked safe.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use tera::Tera;

/// The default templates, by name.
pub(crate) const DEFAULTS: [(&str, &str); 6] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("blocks.html", include_str!("../../templates/blocks.html")),
    ("header.html", include_str!("../../templates/header.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("notice.html", include_str!("../../templates/notice.html")),
];

pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// The default templates, with any file of `overrides` replacing the
    /// default of the same name.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer> {
        let mut templates: Vec<(String, String)> = DEFAULTS
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = overrides {
            for entry in std::fs::read_dir(dir)
                .with_context(|| format!("reading the templates folder {}", dir.display()))?
            {
                let path = entry?.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if let Some(slot) = templates.iter_mut().find(|(n, _)| n == name) {
                    slot.1 = std::fs::read_to_string(&path)
                        .with_context(|| format!("reading {}", path.display()))?;
                }
            }
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(templates)
            .map_err(|e| anyhow!("{}", chain(&e)))
            .context("compiling the report templates")?;
        tera.autoescape_on(vec![".html"]);
        Ok(Renderer { tera })
    }

    /// Renders `template` with `data`, a typed page whose fields are the
    /// template's variables.
    pub fn render(&self, template: &str, data: &impl serde::Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(data).context("preparing the report data")?;
        self.tera
            .render(template, &context)
            .map_err(|e| anyhow!("{}", chain(&e)))
            .with_context(|| format!("rendering {template}"))
    }
}

/// tera puts the useful part of a message in its error sources.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
