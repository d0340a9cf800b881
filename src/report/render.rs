//! tera templates: the defaults in `templates/` are compiled into the
//! binary; `--templates DIR` replaces any of them by a file of the same name.
//! Autoescaping is on for every `.html` template, so text from the data
//! (a household name like `<script>`) always renders as text. Only the
//! charts' SVG, which pantau writes and escapes itself, is marked safe.
//!
//! Templates given with `--templates` are the user's input: a missing
//! folder, a template that does not compile or render, a file that leads
//! outside the folder, and a macro that calls itself (which would exhaust
//! the stack instead of failing) are refused with exit code 2. Templates
//! cannot read environment variables. A template's work is bounded: its
//! `range` makes at most [`RANGE_MAX`] numbers (and never steps by 0), a
//! page it renders may hold at most [`OUTPUT_MAX`] bytes, the process may
//! grow by at most [`MEMORY_MAX`] while it renders (a text doubled in a
//! loop), and it must finish within [`RENDER_TIME`]; past any of these the
//! run stops with exit code 2, naming the template, where it would
//! otherwise run out of memory or never end.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use tera::Tera;

use crate::problem::InvalidInput;

/// The default templates, by name.
pub(crate) const DEFAULTS: [(&str, &str); 9] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("blocks.html", include_str!("../../templates/blocks.html")),
    ("header.html", include_str!("../../templates/header.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("notice.html", include_str!("../../templates/notice.html")),
    ("letter.html", include_str!("../../templates/letter.html")),
    ("brief.html", include_str!("../../templates/brief.html")),
    (
        "feedback.html",
        include_str!("../../templates/feedback.html"),
    ),
];

#[derive(Clone)]
pub struct Renderer {
    tera: Arc<Tera>,
    /// Templates came from `--templates`: their errors are the user's.
    overridden: bool,
}

impl Renderer {
    /// The default templates, with any file of `overrides` replacing the
    /// default of the same name.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer> {
        // The built-in templates are compiled once per process: a district
        // renders one report per village with them.
        static BUILTIN: OnceLock<Renderer> = OnceLock::new();
        if overrides.is_none() {
            if let Some(builtin) = BUILTIN.get() {
                return Ok(builtin.clone());
            }
        }
        let mut templates: Vec<(String, String)> = DEFAULTS
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if let Some(dir) = overrides {
            read_overrides(dir, &mut templates)?;
        }
        if let Some(why) = templates
            .iter()
            .find_map(|(name, text)| too_deep(name, text))
        {
            return InvalidInput::err(format!("--templates: {why}"));
        }
        if let Some(cycle) = recursion(&templates) {
            return InvalidInput::err(format!(
                "templates: {cycle}: a report template may not call itself"
            ));
        }
        let mut tera = Tera::default();
        // Parsed on a thread with a large stack: a template nested deep is
        // read by recursion.
        let compiled = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, || tera.add_raw_templates(templates))
                .map(|parsing| parsing.join())
        })
        .map_err(|e| anyhow!("starting the templates' parser: {e}"))?
        .map_err(|_| anyhow!("the templates' parser stopped"))?
        .map_err(|e| anyhow!("{}", chain(&e)));
        match compiled {
            Ok(()) => {}
            Err(e) if overrides.is_some() => {
                return InvalidInput::err(format!("--templates: {e:#}"));
            }
            Err(e) => return Err(e).context("compiling the report templates"),
        }
        tera.autoescape_on(vec![".html"]);
        // Templates show the data they are given, nothing of the machine.
        tera.register_function("range", bounded_range);
        tera.register_function(
            "get_env",
            |_: &std::collections::HashMap<String, tera::Value>| {
                Err(tera::Error::msg(
                    "templates cannot read environment variables",
                ))
            },
        );
        let renderer = Renderer {
            tera: Arc::new(tera),
            overridden: overrides.is_some(),
        };
        if overrides.is_none() {
            let _ = BUILTIN.set(renderer.clone());
        }
        Ok(renderer)
    }

    /// Renders `template` with `data`, a typed page whose fields are the
    /// template's variables.
    pub fn render(&self, template: &str, data: &impl serde::Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(data).context("preparing the report data")?;
        if self.overridden {
            let limits = Limits {
                time: RENDER_TIME,
                output: OUTPUT_MAX,
                memory: MEMORY_MAX,
            };
            return self.render_within(template, context, limits);
        }
        self.tera
            .render(template, &context)
            .map_err(|e| anyhow!("{}", chain(&e)))
            .with_context(|| format!("rendering {template}"))
    }

    /// Renders a template given with `--templates` on a thread of its
    /// own, stopping it once it has taken `limits.time` or written
    /// `limits.output` bytes. A template looping without writing, or
    /// growing the process by more than `limits.memory`, cannot be stopped
    /// from outside: the run then ends without it, and the process with
    /// the run.
    fn render_within(
        &self,
        template: &str,
        context: tera::Context,
        limits: Limits,
    ) -> Result<String> {
        let Limits {
            time,
            output: most,
            memory,
        } = limits;
        let refused =
            |why: String| InvalidInput::err(format!("--templates: rendering {template}: {why}"));
        let (tera, name) = (Arc::clone(&self.tera), template.to_string());
        let (sender, receiver) = std::sync::mpsc::channel();
        let late = format!(
            "it did not finish within {} s: a loop in the template may not end",
            time.as_secs()
        );
        let deadline = (Instant::now() + time, late.clone());
        let thread = std::thread::Builder::new().stack_size(STACK);
        let started = thread.spawn(move || {
            let mut out = Bounded {
                text: Vec::new(),
                most,
                deadline,
                stopped: None,
            };
            // The engine's own failures (a remainder that overflows) end
            // the page, not the run.
            let rendered = crate::panics::catch(|| tera.render_to(&name, &context, &mut out));
            let _ = sender.send(match (rendered, out.stopped) {
                (_, Some(why)) => Err(why),
                (Ok(Ok(())), None) => String::from_utf8(out.text).map_err(|e| e.to_string()),
                (Ok(Err(e)), None) => Err(chain(&e)),
                (Err(panic), None) => Err(format!("the template engine failed on it: {panic}")),
            });
        });
        started.context("starting to render a template")?;
        let until = Instant::now() + time + Duration::from_secs(1);
        let start = process_memory();
        // Grown past `memory` since the start: now, or at the process's
        // peak (a page made between two looks).
        let grown = || {
            start.zip(process_memory()).is_some_and(|(start, now)| {
                let from_peak = start.peak.max(start.resident);
                now.resident.saturating_sub(start.resident) > memory
                    || now.peak.saturating_sub(from_peak) > memory
            })
        };
        let too_large = || {
            refused(format!(
                "it takes more than {} MiB of memory for one page",
                memory >> 20
            ))
        };
        loop {
            match receiver.recv_timeout(Duration::from_millis(20)) {
                Ok(Ok(_)) if grown() => return too_large(),
                Ok(Ok(text)) => return Ok(text),
                Ok(Err(why)) => return refused(why),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    return refused("it stopped without a page".to_string())
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            if grown() {
                return too_large();
            }
            if Instant::now() > until {
                return refused(late);
            }
        }
    }
}

/// What a template given with `--templates` may take to render a page.
struct Limits {
    time: Duration,
    /// Bytes written.
    output: usize,
    /// Bytes by which the process's resident memory may grow.
    memory: usize,
}

/// The process's resident memory in bytes, now and at its peak.
#[derive(Clone, Copy)]
struct Memory {
    resident: usize,
    peak: usize,
}

/// The process's memory, where the system tells it (`VmRSS:` and
/// `VmHWM:` of `/proc/self/status` on Linux), read in one go.
fn process_memory() -> Option<Memory> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<usize> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib << 10)
    };
    Some(Memory {
        resident: field("VmRSS:")?,
        peak: field("VmHWM:")?,
    })
}

/// How much the process may grow while a template given with
/// `--templates` renders one page: a page's data are made before.
const MEMORY_MAX: usize = 4 << 30;

/// The stack of the threads that parse the templates and render a page
/// with templates given with `--templates`: tera parses and renders
/// nested tags by recursion, and a page nested a thousand deep would
/// overflow a thread's usual stack (only the part used takes memory).
const STACK: usize = 512 << 20;

/// The largest template file `--templates` reads; the largest built-in
/// template is a few tens of KiB, and parsing takes about a hundred times
/// a template's size in memory.
const TEMPLATE_MAX: u64 = 4 << 20;

/// How long a template given with `--templates` may take to render one
/// page. The built-in templates take about a second for a site of a
/// million households.
const RENDER_TIME: Duration = Duration::from_secs(600);

/// The most bytes a template given with `--templates` may write for one
/// page: the built-in report of a million households is about 4 MB.
const OUTPUT_MAX: usize = 512 << 20;

/// The most numbers a template's `range` may make.
pub(crate) const RANGE_MAX: usize = 100_000;

/// A page being written, stopped past its size or its deadline.
struct Bounded {
    text: Vec<u8>,
    most: usize,
    /// When to stop, and the words that say so.
    deadline: (Instant, String),
    /// Why the writing was stopped.
    stopped: Option<String>,
}

impl std::io::Write for Bounded {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + bytes.len() > self.most {
            self.stopped = Some(format!(
                "it writes more than {} MiB for one page",
                self.most >> 20
            ));
        } else if Instant::now() > self.deadline.0 {
            self.stopped = Some(self.deadline.1.clone());
        }
        if self.stopped.is_some() {
            return Err(std::io::Error::other("stopped"));
        }
        self.text.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// tera's `range(end, start=0, step_by=1)`, refusing a step of 0 (which
/// never reaches the end) and more than [`RANGE_MAX`] numbers.
fn bounded_range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |name: &str, default: Option<usize>| -> tera::Result<usize> {
        match (args.get(name), default) {
            (Some(value), _) => tera::from_value::<usize>(value.clone()).map_err(|_| {
                tera::Error::msg(format!(
                    "range: {name}={value} is not a whole number of 0 or more"
                ))
            }),
            (None, Some(default)) => Ok(default),
            (None, None) => Err(tera::Error::msg(format!("range: {name} is missing"))),
        }
    };
    let (start, end, step) = (
        number("start", Some(0))?,
        number("end", None)?,
        number("step_by", Some(1))?,
    );
    if step == 0 {
        return Err(tera::Error::msg("range: step_by=0 never reaches the end"));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "range: start={start} is past end={end}"
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > RANGE_MAX {
        return Err(tera::Error::msg(format!(
            "range: {count} numbers from {start} to {end}, more than the {RANGE_MAX} a template \
             may make"
        )));
    }
    Ok(tera::Value::from(
        (start..end).step_by(step).collect::<Vec<usize>>(),
    ))
}

/// Replaces the defaults by the files of the same name in `dir`. Only
/// regular files inside the folder are read (a link leading out of it is
/// refused).
fn read_overrides(dir: &Path, templates: &mut [(String, String)]) -> Result<()> {
    if !dir.is_dir() {
        return InvalidInput::err(format!(
            "--templates {}: there is no such folder",
            dir.display()
        ));
    }
    let root = dir
        .canonicalize()
        .with_context(|| format!("reading the templates folder {}", dir.display()))?;
    let entries = std::fs::read_dir(dir)
        .map_err(|e| InvalidInput(format!("--templates {}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(slot) = templates.iter_mut().find(|(n, _)| n == name) else {
            continue;
        };
        let inside = path
            .canonicalize()
            .is_ok_and(|real| real.starts_with(&root) && real.is_file());
        if !inside {
            return InvalidInput::err(format!(
                "--templates: {} is not a file inside {}",
                path.display(),
                dir.display()
            ));
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        if size > TEMPLATE_MAX {
            return InvalidInput::err(format!(
                "--templates: {} holds {} bytes, more than the {} MiB a template may hold",
                path.display(),
                size,
                TEMPLATE_MAX >> 20
            ));
        }
        slot.1 = std::fs::read_to_string(&path)
            .map_err(|e| InvalidInput(format!("--templates: reading {}: {e}", path.display())))?;
    }
    Ok(())
}

/// A macro that calls itself, directly or through others, or a template
/// that includes itself: `blocks.html::row → blocks.html::row`.
fn recursion(templates: &[(String, String)]) -> Option<String> {
    // (template, macro) → the (template, macro) it calls; a template's own
    // body is the macro "".
    let mut calls: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    // Template → the templates it imports: tera follows imports when it
    // renders, and a template importing itself, directly or through
    // others, overflows the stack even without a macro called.
    let mut imported: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for (name, text) in templates {
        let imports = imports(text);
        imported.insert(
            (name.clone(), String::new()),
            imports
                .values()
                .map(|t| (t.clone(), String::new()))
                .collect(),
        );
        let mut current = String::new();
        for tag in tags(text) {
            let words: Vec<&str> = tag.split_whitespace().collect();
            match words.first().copied() {
                Some("macro") => {
                    current = words
                        .get(1)
                        .map(|w| w.split('(').next().unwrap_or(w).to_string())
                        .unwrap_or_default();
                }
                Some("endmacro") => current.clear(),
                // `include "a.html"`, `include ["a.html", "b.html"]`,
                // `extends "a.html"`: each template named is a call.
                Some("include") | Some("extends") => {
                    for target in all_quoted(tag) {
                        calls
                            .entry((name.clone(), current.clone()))
                            .or_default()
                            .insert((target, String::new()));
                    }
                }
                _ => {}
            }
            for (ns, called) in macro_calls(tag) {
                let target = if ns == "self" {
                    Some(name.clone())
                } else {
                    imports.get(&ns).cloned()
                };
                if let Some(target) = target {
                    calls
                        .entry((name.clone(), current.clone()))
                        .or_default()
                        .insert((target, called));
                }
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        node: &(String, String),
        calls: &BTreeMap<(String, String), BTreeSet<(String, String)>>,
        path: &mut Vec<(String, String)>,
        done: &mut BTreeSet<(String, String)>,
    ) -> Option<String> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let cycle: Vec<String> = path[at..]
                .iter()
                .chain([node])
                .map(|(t, m)| {
                    if m.is_empty() {
                        t.clone()
                    } else {
                        format!("{t}::{m}")
                    }
                })
                .collect();
            return Some(cycle.join(" → "));
        }
        if !done.insert(node.clone()) {
            return None;
        }
        path.push(node.clone());
        for next in calls.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, calls, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    for graph in [&calls, &imported] {
        let mut done = BTreeSet::new();
        for node in graph.keys() {
            if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
                return Some(cycle);
            }
        }
    }
    None
}

/// The most bytes of one tag, and the most tags open inside each other,
/// of a template: tera reads both by recursion, and past them a template
/// would overflow even a large stack ([`STACK`]).
const TAG_MAX: usize = 64 << 10;
const DEPTH_MAX: usize = 2_000;

/// Why template `name` is refused as too deep: a tag longer than
/// [`TAG_MAX`] bytes, or more than [`DEPTH_MAX`] tags open inside each
/// other.
fn too_deep(name: &str, text: &str) -> Option<String> {
    let mut depth = 0usize;
    for tag in tags(text) {
        if tag.len() > TAG_MAX {
            return Some(format!(
                "{name} has a tag of {} bytes, more than the {} KiB a tag may hold",
                tag.len(),
                TAG_MAX >> 10
            ));
        }
        match tag.split_whitespace().next() {
            Some("if" | "for" | "block" | "macro" | "filter") => depth += 1,
            Some("endif" | "endfor" | "endblock" | "endmacro" | "endfilter") => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        if depth > DEPTH_MAX {
            return Some(format!(
                "{name} opens more than {DEPTH_MAX} tags inside each other"
            ));
        }
    }
    None
}

/// The text inside every `{% ... %}` and `{{ ... }}` of a template, as
/// tera reads them: not inside a comment `{# ... #}` or between `{% raw %}`
/// and `{% endraw %}`, and a tag ends at the first `%}` or `}}` outside
/// its quoted strings.
fn tags(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let close = match after.get(..2) {
            Some("{%") => "%}",
            Some("{{") => "}}",
            Some("{#") => "#}",
            _ => {
                rest = &rest[start + 1..];
                continue;
            }
        };
        let body = &after[2..];
        let end = if close == "#}" {
            body.find(close)
        } else {
            end_outside_quotes(body, close)
        };
        let Some(end) = end else {
            break;
        };
        rest = &body[end + 2..];
        let tag = body[..end].trim_matches(TRIMMED);
        match close {
            "#}" => {}
            // Up to the first endraw tag, whatever stands before it.
            "%}" if tag == "raw" => match endraw(rest) {
                Some(past) => rest = &rest[past..],
                None => break,
            },
            _ => out.push(tag),
        }
    }
    out
}

/// What tera trims around a tag's words: its whitespace control and its
/// spaces.
const TRIMMED: [char; 5] = ['-', ' ', '\n', '\t', '\r'];

/// Past the first `{% endraw %}` (with any whitespace control and spaces)
/// in `text`, as tera ends a raw part.
fn endraw(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find("{%") {
        let body = &text[from + at + 2..];
        if let Some(end) = body.find("%}") {
            if body[..end].trim_matches(TRIMMED) == "endraw" {
                return Some(from + at + 2 + end + 2);
            }
        }
        from += at + 2;
    }
    None
}

/// Where `close` first stands in `body` outside a string quoted with `"`,
/// `'` or a backtick; past an unclosed quote, where it first stands.
fn end_outside_quotes(body: &str, close: &str) -> Option<usize> {
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with(close) {
            return Some(i);
        }
        let b = rest.as_bytes()[0];
        if matches!(b, b'"' | b'\'' | b'`') {
            match rest[1..].find(char::from(b)) {
                Some(end) => i += end + 2,
                None => return body.find(close),
            }
        } else {
            i += 1;
        }
    }
    None
}

/// `{% import "blocks.html" as blocks %}`: namespace → template.
fn imports(text: &str) -> BTreeMap<String, String> {
    tags(text)
        .into_iter()
        .filter(|t| t.split_whitespace().next() == Some("import"))
        .filter_map(|t| {
            let template = quoted(t)?;
            let words: Vec<&str> = t.split_whitespace().collect();
            let [.., "as", ns] = words[..] else {
                return None;
            };
            Some((ns.to_string(), template))
        })
        .collect()
}

/// The first quoted string of a tag.
fn quoted(tag: &str) -> Option<String> {
    all_quoted(tag).into_iter().next()
}

/// Every string of a tag quoted as tera quotes them (`"`, `'` or a
/// backtick).
fn all_quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(['"', '\'', '`']) {
        let q = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(q) else {
            break;
        };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

/// `ns::name(` calls in a tag: (namespace, macro).
fn macro_calls(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(at) = rest.find("::") {
        let before: String = rest[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = rest[at + 2..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !before.is_empty() && !after.is_empty() {
            out.push((before, after));
        }
        rest = &rest[at + 2..];
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, text: &str) -> (String, String) {
        (name.to_string(), text.to_string())
    }

    /// A renderer whose header.html is `text`, given with `--templates`.
    fn with_header(text: &str) -> (tempfile::TempDir, Renderer) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("header.html"), text).unwrap();
        let renderer = Renderer::new(Some(dir.path())).unwrap();
        (dir, renderer)
    }

    fn header(text: &str, time: Duration, most: usize) -> std::result::Result<String, String> {
        // The other tests of the process may grow it: no memory bound.
        within(text, time, most, usize::MAX)
    }

    fn within(
        text: &str,
        time: Duration,
        output: usize,
        memory: usize,
    ) -> std::result::Result<String, String> {
        let (_dir, renderer) = with_header(text);
        let limits = Limits {
            time,
            output,
            memory,
        };
        renderer
            .render_within("header.html", tera::Context::new(), limits)
            .map_err(|e| format!("{e:#}"))
    }

    /// Tags nested as deep as a template may nest them, and a tag as long
    /// as one may be, are parsed and rendered (tera reads them by
    /// recursion, on a thread with a large stack).
    #[test]
    fn tags_nested_deep_are_rendered() {
        let minute = Duration::from_secs(60);
        let n = DEPTH_MAX;
        let ifs = format!("{}x{}", "{% if true %}".repeat(n), "{% endif %}".repeat(n));
        assert_eq!(header(&ifs, minute, 1 << 20).unwrap(), "x");
        let fors = format!(
            "{}x{}",
            "{% for i in [1] %}".repeat(n),
            "{% endfor %}".repeat(n)
        );
        assert_eq!(header(&fors, minute, 1 << 20).unwrap(), "x");
        let sum = format!("{{{{ 1{} }}}}", " + 1".repeat(TAG_MAX / 4 - 2));
        assert_eq!(
            header(&sum, minute, 1 << 20).unwrap(),
            (TAG_MAX / 4 - 1).to_string()
        );
    }

    /// A tag too long or tags nested too deep for tera's recursion are
    /// refused before they are parsed.
    #[test]
    fn tags_too_long_or_too_deep_are_refused() {
        let sum = format!("{{{{ 1{} }}}}", " + 1".repeat(20_000));
        assert!(too_deep("a.html", &sum)
            .unwrap()
            .contains("more than the 64 KiB"));
        let deep = |n: usize| format!("{}x{}", "{% if true %}".repeat(n), "{% endif %}".repeat(n));
        assert!(too_deep("a.html", &deep(DEPTH_MAX + 1))
            .unwrap()
            .contains("opens more than 2000 tags inside each other"));
        assert_eq!(too_deep("a.html", &deep(DEPTH_MAX)), None);
        // Closed tags do not add up.
        assert_eq!(too_deep("a.html", &deep(2).repeat(5_000)), None);
        for (name, text) in DEFAULTS {
            assert_eq!(too_deep(name, text), None);
        }
    }

    /// A template file past its size is refused before it is parsed.
    #[test]
    fn a_template_file_past_its_size_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = "x".repeat(TEMPLATE_MAX as usize + 1);
        std::fs::write(dir.path().join("header.html"), text).unwrap();
        let error = format!("{:#}", Renderer::new(Some(dir.path())).err().unwrap());
        assert!(
            error.contains("more than the 4 MiB a template may hold"),
            "{error}"
        );
        std::fs::write(dir.path().join("header.html"), "x".repeat(1 << 20)).unwrap();
        assert!(Renderer::new(Some(dir.path())).is_ok());
    }

    /// A text doubled in a loop, never written, is not waited for past
    /// the memory it may take (the loop ends at 256 MiB, past the bound).
    #[test]
    fn a_template_growing_without_writing_is_not_waited_for() {
        let doubling = "{% set_global s = \"x\" %}{% for i in range(end=28) %}{% set_global s = s \
                        ~ s %}{% endfor %}{{ s | length }}";
        let error = within(doubling, Duration::from_secs(600), 1 << 30, 32 << 20).unwrap_err();
        assert!(
            error.contains("it takes more than 32 MiB of memory for one page"),
            "{error}"
        );
    }

    #[test]
    fn range_counts_as_teras_within_its_bound() {
        let minute = Duration::from_secs(60);
        let made = |args: &str| {
            header(
                &format!("{{% for i in range({args}) %}}{{{{ i }}}},{{% endfor %}}"),
                minute,
                1 << 20,
            )
        };
        assert_eq!(made("end=5").unwrap(), "0,1,2,3,4,");
        assert_eq!(made("end=6, step_by=2").unwrap(), "0,2,4,");
        assert_eq!(made("start=3, end=5").unwrap(), "3,4,");
        assert_eq!(made("start=5, end=5").unwrap(), "");
        assert_eq!(made("end=100000").unwrap().matches(',').count(), RANGE_MAX);
        for (args, says) in [
            ("end=10, step_by=0", "step_by=0 never reaches the end"),
            (
                "end=100001",
                "100001 numbers from 0 to 100001, more than the 100000",
            ),
            ("end=4000000000, step_by=2", "2000000000 numbers"),
            ("start=6, end=5", "start=6 is past end=5"),
            ("end=-1", "end=-1 is not a whole number"),
            ("start=1", "end is missing"),
        ] {
            let error = made(args).unwrap_err();
            assert!(
                error.contains("--templates: rendering header.html") && error.contains(says),
                "{args}: {error}"
            );
        }
    }

    /// A template that writes without end is stopped at its size or its
    /// deadline, whichever comes first.
    #[test]
    fn a_template_writing_without_end_is_stopped() {
        let endless = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}x{% endfor \
                       %}{% endfor %}";
        let error = header(endless, Duration::from_secs(600), 1 << 20).unwrap_err();
        assert!(
            error.contains("it writes more than 1 MiB for one page"),
            "{error}"
        );
        let error = header(endless, Duration::from_secs(1), 1 << 30).unwrap_err();
        assert!(error.contains("did not finish within 1 s"), "{error}");
        // Within both, the page is written whole.
        let short = "{% for a in range(end=100) %}{% for b in range(end=100) %}x{% endfor %}{% \
                     endfor %}";
        assert_eq!(
            header(short, Duration::from_secs(600), 1 << 20)
                .unwrap()
                .len(),
            10_000
        );
    }

    /// A template naming itself where tera reads no tag is rendered.
    #[test]
    fn a_template_naming_itself_outside_tags_is_rendered() {
        for (text, page) in [
            (
                "{% raw %}{% include \"header.html\" %}{% endraw %}",
                "{% include \"header.html\" %}",
            ),
            ("a{# {% include \"header.html\" %} #}b", "ab"),
            (
                "{{ \"x }}{% include 'header.html' %}\" }}",
                "x }}{% include &#x27;header.html&#x27; %}",
            ),
        ] {
            assert_eq!(
                header(text, Duration::from_secs(600), 1 << 20).as_deref(),
                Ok(page),
                "{text}"
            );
        }
    }

    /// A failure inside the template engine (a remainder that overflows)
    /// refuses the template instead of ending the run.
    #[test]
    fn a_failure_of_the_engine_refuses_the_template() {
        let error = header(
            "{{ (0 - 9223372036854775807 - 1) % -1 }}",
            Duration::from_secs(600),
            1 << 20,
        )
        .unwrap_err();
        assert!(
            error.contains("rendering header.html: the template engine failed on it")
                && error.contains("overflow"),
            "{error}"
        );
    }

    /// A template looping without writing is waited for until its
    /// deadline only.
    #[test]
    fn a_template_looping_without_writing_is_not_waited_for() {
        // Ten billion turns: the thread is let go, and ends with the tests.
        let silent = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor \
                      %}{% endfor %}";
        let error = header(silent, Duration::ZERO, 1 << 20).unwrap_err();
        assert!(error.contains("did not finish within 0 s"), "{error}");
    }

    #[test]
    fn the_defaults_do_not_recurse() {
        let defaults: Vec<(String, String)> = DEFAULTS.iter().map(|(n, s)| t(n, s)).collect();
        assert_eq!(recursion(&defaults), None);
    }

    #[test]
    fn recursion_is_found_through_macros_and_includes() {
        let direct = [t(
            "a.html",
            "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}{{ self::f(n=1) }}",
        )];
        assert_eq!(recursion(&direct).as_deref(), Some("a.html::f → a.html::f"));
        let through = [
            t(
                "a.html",
                "{% import \"b.html\" as b %}{% macro f() %}{{ b::g() }}{% endmacro f %}",
            ),
            t(
                "b.html",
                "{% import \"a.html\" as a %}{% macro g() %}{{ a::f() }}{% endmacro g %}",
            ),
        ];
        assert!(recursion(&through).is_some());
        let include = [t("a.html", "{% include \"a.html\" %}")];
        assert_eq!(recursion(&include).as_deref(), Some("a.html → a.html"));
        // Spaces around `::`, a list of templates to include, a backtick,
        // and a template extending one that extends it.
        for (cycle, templates) in [
            (
                "a.html::f → a.html::f",
                vec![t(
                    "a.html",
                    "{% macro f(n) %}{{ self :: f(n=n) }}{% endmacro f %}",
                )],
            ),
            (
                "a.html::f → a.html::f",
                vec![t(
                    "a.html",
                    "{% macro f(n) %}{{ self\t::\tf(n=n) }}{% endmacro f %}",
                )],
            ),
            (
                "a.html → a.html",
                vec![t(
                    "a.html",
                    "{% include [\"none.html\", \"a.html\"] ignore missing %}",
                )],
            ),
            (
                "a.html → a.html",
                vec![t("a.html", "{% include `a.html` %}")],
            ),
            (
                "a.html → b.html → a.html",
                vec![
                    t("a.html", "{% extends \"b.html\" %}"),
                    t("b.html", "{% extends 'a.html' %}"),
                ],
            ),
        ] {
            assert_eq!(
                recursion(&templates).as_deref(),
                Some(cycle),
                "{templates:?}"
            );
        }
        let fine = [t(
            "a.html",
            "{% macro f() %}x{% endmacro f %}{% macro g() %}{{ self::f() }}{% endmacro g %}",
        )];
        assert_eq!(recursion(&fine), None);
        // What tera does not read as a tag calls nothing: text between
        // raw tags, a comment, a quoted string.
        for text in [
            "{% raw %}{% include \"a.html\" %}{% endraw %}",
            "{%- raw -%}{{ self::f() }}{% include 'a.html' %}{%- endraw -%}",
            "{# {% include \"a.html\" %} #}",
            "{{ \"x }}{% include 'a.html' %}\" }}",
            "{% set s = \"%}{% include 'a.html' %}\" %}{{ s }}",
        ] {
            assert_eq!(recursion(&[t("a.html", text)]), None, "{text}");
        }
        // A raw part ends at its first endraw tag, whatever stands before
        // it.
        let unbalanced = [t(
            "a.html",
            "{% raw %}{% {% endraw %}{% include \"a.html\" %}",
        )];
        assert_eq!(recursion(&unbalanced).as_deref(), Some("a.html → a.html"));
        // A template importing itself, or two importing each other, with
        // any spaces around `as`.
        let imports_itself = [t("a.html", "{% import \"a.html\"\tas\tme %}x")];
        assert_eq!(
            recursion(&imports_itself).as_deref(),
            Some("a.html → a.html")
        );
        let import_each_other = [
            t("a.html", "{% import 'b.html' as b %}"),
            t("b.html", "{%- import \"a.html\" as a -%}"),
        ];
        assert_eq!(
            recursion(&import_each_other).as_deref(),
            Some("a.html → b.html → a.html")
        );
        // A raw part ends at its endraw tag.
        let after_raw = [t(
            "a.html",
            "{% raw %}{% include 'x.html' %}{% endraw %}{% include 'a.html' %}",
        )];
        assert_eq!(recursion(&after_raw).as_deref(), Some("a.html → a.html"));
    }
}
