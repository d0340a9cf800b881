//! What every report section of one site needs: the site, its indicators,
//! the period shown, the period before it, and the formatting helpers.

use crate::indicators::{Indicators, Quarter, Row, ALL};
use crate::site::Site;

use super::lookup::{Lookup, Say};

pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub ind: &'a Indicators,
    pub look: Lookup<'a>,
    pub say: Say<'a>,
    /// The quarter shown, e.g. `2026-Q3`.
    pub period: String,
    /// The quarter before it in the data.
    pub prev: Option<String>,
    /// The follow-up survey round labelled like the period, if any.
    pub round: Option<String>,
    /// The follow-up round before `round`, if any.
    pub prev_round: Option<String>,
    /// Quarters up to and including the period, in time order.
    pub quarters: Vec<String>,
    /// Follow-up rounds up to and including `round` (all when no round matches).
    pub rounds: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        site: &'a Site,
        ind: &'a Indicators,
        say: Say<'a>,
        period: Quarter,
    ) -> Ctx<'a> {
        let label = period.label();
        let quarters: Vec<String> = ind
            .quarters
            .iter()
            .filter(|q| **q <= period)
            .map(|q| q.label())
            .collect();
        let prev = quarters.iter().rev().nth(1).cloned();
        let position = ind.rounds.iter().position(|r| *r == label);
        let rounds = match position {
            Some(i) => ind.rounds[..=i].to_vec(),
            None => ind
                .rounds
                .iter()
                .filter(|r| Quarter::parse(r).is_none_or(|q| q <= period))
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
            period: label,
            prev,
            round,
            prev_round,
            quarters,
            rounds,
        }
    }

    /// The target of an indicator from site.toml (`training_completion` is
    /// accepted for `training_completion_rate`).
    pub(crate) fn target(&self, id: &str) -> Option<f64> {
        let targets = &self.site.config.targets;
        targets.get(id).copied().or_else(|| match id {
            "training_completion_rate" => targets.get("training_completion").copied(),
            _ => None,
        })
    }

    /// Whole-site row for all programs in the period shown.
    pub(crate) fn now(&self, id: &str) -> Option<&'a Row> {
        self.look.site(id, &self.period, ALL)
    }

    /// Whole-site row for all programs in the previous quarter.
    pub(crate) fn before(&self, id: &str) -> Option<&'a Row> {
        self.prev
            .as_deref()
            .and_then(|p| self.look.site(id, p, ALL))
    }

    pub(crate) fn program_codes(&self) -> Vec<&'a str> {
        self.site
            .config
            .programs
            .iter()
            .map(|p| p.code.as_str())
            .collect()
    }

    /// The text alternative of a chart drawn over the quarters shown.
    pub(crate) fn trend_summary(&self) -> String {
        self.say.ta(
            "chart-trend-summary",
            &[
                ("first", self.quarters.first().cloned().unwrap_or_default()),
                ("last", self.period.clone()),
            ],
        )
    }

    /// Values of a whole-site row over the quarters shown.
    pub(crate) fn series(&self, id: &str, program: &str) -> Vec<Option<f64>> {
        self.quarters
            .iter()
            .map(|q| self.look.site(id, q, program).and_then(|r| r.value))
            .collect()
    }

    /// Values of a whole-site row over the rounds shown.
    pub(crate) fn round_series(&self, id: &str, group_by: &str, group: &str) -> Vec<Option<f64>> {
        self.rounds
            .iter()
            .map(|r| {
                self.look
                    .get(id, r, ALL, group_by, group)
                    .and_then(|r| r.value)
            })
            .collect()
    }
}
