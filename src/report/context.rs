//! What every report section of one site needs: the site, its indicators,
//! the period shown, the period before it, and the formatting helpers.

use crate::indicators::Id;
use crate::indicators::{Indicators, Period, Quarter, Row, ALL};
use crate::site::Site;

use super::lookup::{Lookup, Say};

pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub ind: &'a Indicators,
    pub look: Lookup<'a>,
    pub say: Say<'a>,
    /// The quarter shown, e.g. `2026-Q3`, as a period of the rows.
    pub period: Period,
    /// The quarter shown.
    pub quarter: Quarter,
    /// The quarter before it in the data.
    pub prev: Option<Period>,
    /// The follow-up survey round labelled like the period, if any.
    pub round: Option<Period>,
    /// The follow-up round before `round`, if any.
    pub prev_round: Option<Period>,
    /// Quarters up to and including the period, in time order.
    pub quarters: Vec<Period>,
    /// Follow-up rounds up to and including `round` (all when no round matches).
    pub rounds: Vec<Period>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        site: &'a Site,
        ind: &'a Indicators,
        say: Say<'a>,
        period: Quarter,
    ) -> Ctx<'a> {
        let quarters: Vec<Period> = ind
            .quarters
            .iter()
            .filter(|q| **q <= period)
            .map(|q| Period::Quarter(*q))
            .collect();
        let prev = quarters.iter().rev().nth(1).cloned();
        // A round named like the quarter (`2026-Q3`) is the quarter's round.
        let position = ind.rounds.iter().position(|r| r.quarter() == Some(period));
        let rounds = match position {
            Some(i) => ind.rounds[..=i].to_vec(),
            None => ind
                .rounds
                .iter()
                .filter(|r| r.quarter().is_none_or(|q| q <= period))
                .cloned()
                .collect(),
        };
        let round = position.map(|i| ind.rounds[i].clone());
        let prev_round = position
            .and_then(|i| i.checked_sub(1))
            .map(|i| ind.rounds[i].clone());
        Ctx {
            site,
            ind,
            look: Lookup::new(&ind.rows),
            say,
            period: Period::Quarter(period),
            quarter: period,
            prev,
            round,
            prev_round,
            quarters,
            rounds,
        }
    }

    /// The survey round the report's income figures are from: the round
    /// named like the quarter, else the latest follow-up round up to it.
    pub(crate) fn income_round(&self) -> Option<Period> {
        self.round.clone().or_else(|| self.rounds.last().cloned())
    }

    /// Whether the aid ledger has deliveries up to the report's quarter (a
    /// training-only site has none).
    pub(crate) fn has_deliveries(&self) -> bool {
        !self.quarters.is_empty()
    }

    /// The row of an indicator in the latest quarter up to the report's
    /// that has one (a course starts in some quarters only).
    pub(crate) fn latest(&self, id: Id) -> Option<&'a Row> {
        self.ind
            .record_quarters
            .iter()
            .rev()
            .filter(|q| **q <= self.quarter)
            .find_map(|q| self.look.site(id, &Period::Quarter(*q), ALL))
    }

    /// The last quarter after the report's in which `id` has a row: the
    /// whole data's figures of `id` (period `all`) then take in records
    /// from after the report's quarter.
    pub(crate) fn later(&self, id: Id) -> Option<Quarter> {
        self.ind
            .record_quarters
            .iter()
            .rev()
            .filter(|q| **q > self.quarter)
            .find(|q| self.look.site(id, &Period::Quarter(**q), ALL).is_some())
            .copied()
    }

    /// The note under a table of the whole data (period `all`) of `id`
    /// when it takes in records from after the report's quarter.
    pub(crate) fn all_data_note(&self, id: Id) -> Option<String> {
        self.later(id).map(|last| {
            self.say.ta(
                "note-all-data-later",
                &[("period", self.period.label()), ("last", last.label())],
            )
        })
    }

    /// A section for what the data cannot show: its title and one line on
    /// what it would show and which file would feed it.
    pub(crate) fn empty_section(
        &self,
        id: &str,
        title: String,
        what: &str,
    ) -> super::page::Section {
        super::page::Section {
            id: id.into(),
            title,
            intro: vec![self.say.ta(
                "no-deliveries-section",
                &[
                    ("what", self.say.t(what)),
                    ("file", self.site.file_name("distributions")),
                    ("period", self.period.label()),
                ],
            )],
            blocks: Vec::new(),
        }
    }

    /// A section whose table the site does not have yet: what it would
    /// show, and the file to add.
    pub(crate) fn missing_section(
        &self,
        id: &str,
        title: String,
        what: &str,
        table: crate::contract::Table,
    ) -> super::page::Section {
        let name = crate::contract::spec(table).name;
        let sheet = self
            .site
            .validation
            .file(name)
            .and_then(|f| Some((f.sheet.clone()?, f.name_of_file())));
        let intro = match sheet {
            // A workbook from `pantau init`: the sheet is there, empty.
            Some((sheet, file)) => self.say.ta(
                "missing-sheet-section",
                &[("what", self.say.t(what)), ("sheet", sheet), ("file", file)],
            ),
            None => self.say.ta(
                "missing-table-section",
                &[("what", self.say.t(what)), ("file", format!("{name}.csv"))],
            ),
        };
        super::page::Section {
            id: id.into(),
            title,
            intro: vec![intro],
            blocks: Vec::new(),
        }
    }

    /// True when the site has no rows of `table`: no file for it, or a
    /// file (a sheet) with a header only.
    pub(crate) fn lacks(&self, table: crate::contract::Table) -> bool {
        let name = crate::contract::spec(table).name;
        self.site.frame(table).is_none()
            || self
                .site
                .validation
                .file(name)
                .is_none_or(|f| f.rows_read == 0)
    }

    /// True when site.toml has a training program.
    pub(crate) fn has_training_program(&self) -> bool {
        self.site
            .config
            .programs
            .iter()
            .any(|p| p.aid_type == crate::config::AidType::Training)
    }

    /// The target of an indicator from site.toml (`training_completion` is
    /// accepted for `training_completion_rate`).
    pub(crate) fn target(&self, id: Id) -> Option<f64> {
        let targets = &self.site.config.targets;
        targets.get(id.as_str()).copied().or_else(|| match id {
            Id::TrainingCompletionRate => targets.get("training_completion").copied(),
            _ => None,
        })
    }

    /// The headline figure of an indicator in the period shown: its value,
    /// the change since the previous quarter and its target.
    pub(crate) fn figure(&self, id: Id) -> super::page::Figure {
        self.say.figure(
            &format!("ind-{id}"),
            self.now(id),
            self.before(id),
            self.target(id),
        )
    }

    /// Whole-site row for all programs in the period shown.
    pub(crate) fn now(&self, id: Id) -> Option<&'a Row> {
        self.look.site(id, &self.period, ALL)
    }

    /// Whole-site row for all programs in the previous quarter.
    pub(crate) fn before(&self, id: Id) -> Option<&'a Row> {
        self.prev.as_ref().and_then(|p| self.look.site(id, p, ALL))
    }

    /// The labels of the quarters shown (for chart axes and table heads).
    pub(crate) fn quarter_labels(&self) -> Vec<String> {
        self.quarters.iter().map(Period::label).collect()
    }

    /// The labels of the rounds shown.
    pub(crate) fn round_labels(&self) -> Vec<String> {
        self.rounds.iter().map(Period::label).collect()
    }

    pub(crate) fn program_codes(&self) -> Vec<&'a str> {
        self.site
            .config
            .programs
            .iter()
            .map(|p| p.code.as_str())
            .collect()
    }

    /// The text alternative of a chart drawn over the quarters shown (the
    /// period alone when no quarter before it is shown, as for a site whose
    /// ledger has no rows yet).
    pub(crate) fn trend_summary(&self) -> String {
        let (first, last) = (self.quarters.first(), self.period.label());
        match first.map(Period::label).filter(|first| *first != last) {
            Some(first) => self
                .say
                .ta("chart-trend-summary", &[("first", first), ("last", last)]),
            None => self.say.ta("chart-trend-summary-one", &[("last", last)]),
        }
    }

    /// Values of a whole-site row over the quarters shown.
    pub(crate) fn series(&self, id: Id, program: &str) -> Vec<Option<f64>> {
        self.quarters
            .iter()
            .map(|q| self.look.site(id, q, program).and_then(|r| r.value.get()))
            .collect()
    }

    /// Values of a whole-site row over the rounds shown.
    pub(crate) fn round_series(&self, id: Id, group_by: &str, group: &str) -> Vec<Option<f64>> {
        self.rounds
            .iter()
            .map(|r| {
                self.look
                    .get(id, r, ALL, group_by, group)
                    .and_then(|r| r.value.get())
            })
            .collect()
    }
}
