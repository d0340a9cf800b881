//! Message catalogues in Fluent format (`locales/id.ftl`, `locales/en.ftl`),
//! compiled into the binary. Every label, heading and explanation of a
//! report comes from here; numbers are formatted by [`crate::fmt`] and
//! passed in as text.
//!
//! A message that is missing is recorded, and the report that asked for it
//! fails, so a typo never prints an empty heading.

use std::cell::RefCell;
use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Result};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast::Entry;
use unic_langid::LanguageIdentifier;

use crate::fmt::Lang;

const INDONESIAN: &str = include_str!("../../locales/id.ftl");
const ENGLISH: &str = include_str!("../../locales/en.ftl");

/// The catalogue text of a language.
pub(crate) fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => INDONESIAN,
        Lang::En => ENGLISH,
    }
}

/// The messages of one language.
pub(crate) struct Messages {
    bundle: FluentBundle<FluentResource>,
    ids: Vec<String>,
    missing: RefCell<Vec<String>>,
}

impl Messages {
    pub(crate) fn new(lang: Lang) -> Result<Messages> {
        let resource = FluentResource::try_new(source(lang).to_string())
            .map_err(|(_, errors)| anyhow!("locales/{}.ftl: {errors:?}", lang.code()))?;
        let ids = resource
            .entries()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        let langid: LanguageIdentifier = lang
            .code()
            .parse()
            .map_err(|e| anyhow!("language {}: {e}", lang.code()))?;
        let mut bundle = FluentBundle::new(vec![langid]);
        // Reports are HTML in a left-to-right script: no bidi isolation marks.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| anyhow!("locales/{}.ftl: {errors:?}", lang.code()))?;
        Ok(Messages {
            bundle,
            ids,
            missing: RefCell::new(Vec::new()),
        })
    }

    /// A message without arguments.
    pub(crate) fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with arguments (already formatted text). A count below
    /// 1,000 is passed as a number, which prints the same digits and lets a
    /// message choose its plural (`{ $n -> [one] household *[other]
    /// households }`); larger counts carry separators and take the default
    /// variant, which is the plural.
    pub(crate) fn args(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (k, v) in args {
            match small_count(v) {
                Some(n) => fluent.set(*k, n),
                None => fluent.set(*k, v.clone()),
            }
        }
        self.format(id, Some(&fluent))
    }

    /// `get` when the message exists, None otherwise (for optional texts
    /// such as an indicator's explanation).
    /// Whether the catalogue has the message.
    pub(crate) fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    pub(crate) fn maybe(&self, id: &str) -> Option<String> {
        self.bundle.has_message(id).then(|| self.get(id))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.missing.borrow_mut().push(id.to_string());
            return id.to_string();
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            self.missing.borrow_mut().push(format!("{id}: {errors:?}"));
        }
        text.into_owned()
    }

    /// Every message that takes no arguments, for the templates.
    pub(crate) fn labels(&self) -> BTreeMap<String, String> {
        self.ids
            .iter()
            .filter_map(|id| {
                let pattern = self.bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                let text = self.bundle.format_pattern(pattern, None, &mut errors);
                errors.is_empty().then(|| (id.clone(), text.into_owned()))
            })
            .collect()
    }

    /// Fails when any message asked for was missing or malformed.
    pub(crate) fn check(&self) -> Result<()> {
        let missing = self.missing.borrow();
        if !missing.is_empty() {
            bail!("message catalogue lacks: {}", missing.join(", "));
        }
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// `text` as a count when it is one written without separators or a
/// leading zero, below 1,000 (`0`, `7`, `120`).
fn small_count(text: &str) -> Option<i64> {
    let plain = !text.is_empty()
        && text.len() <= 3
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_messages() {
        let id = Messages::new(Lang::Id).unwrap();
        let en = Messages::new(Lang::En).unwrap();
        let mut a = id.ids().to_vec();
        let mut b = en.ids().to_vec();
        a.sort();
        b.sort();
        let only_id: Vec<_> = a.iter().filter(|x| !b.contains(x)).collect();
        let only_en: Vec<_> = b.iter().filter(|x| !a.contains(x)).collect();
        assert!(
            only_id.is_empty() && only_en.is_empty(),
            "only id: {only_id:?}; only en: {only_en:?}"
        );
    }

    #[test]
    fn english_counts_take_their_plural_and_indonesian_ones_stay_as_written() {
        let en = Messages::new(Lang::En).unwrap();
        let say = |n: &str| en.args("note-overlap", &[("n", n.to_string())]);
        assert!(
            say("1").starts_with("1 household was reached"),
            "{}",
            say("1")
        );
        assert!(say("2").starts_with("2 households were reached"));
        assert!(say("0").starts_with("0 households were reached"));
        assert!(say("1,234").starts_with("1,234 households were reached"));
        let id = Messages::new(Lang::Id).unwrap();
        let text = id.args("note-overlap", &[("n", "007".to_string())]);
        assert!(text.starts_with("007 "), "{text}");
        assert!(en.check().is_ok() && id.check().is_ok());
        // Every message still reads with counts in every form.
        for m in [&en, &id] {
            for name in m.ids().to_vec() {
                let _ = m.args(&name, &[("n", "1".to_string())]);
            }
        }
        assert_eq!(small_count("120"), Some(120));
        assert_eq!(small_count("1.200"), None);
        assert_eq!(small_count("05"), None);
        assert_eq!(small_count("-1"), None);
    }

    #[test]
    fn missing_messages_are_errors() {
        let m = Messages::new(Lang::En).unwrap();
        assert_eq!(m.get("no-such-message"), "no-such-message");
        assert!(m.check().is_err());
    }
}
