//! The evaluator's quarterly impact report: headline figures, coverage and
//! targeting ([`coverage`]), income change and impact, poverty and school
//! enrolment ([`income`]), training ([`training`]), equity between RTs
//! ([`equity`]) and community feedback. Data quality and the methodology
//! appendix come from [`super::common`].

mod coverage;
mod equity;
mod income;
mod training;

use crate::indicators::{Id, Period, Row, AID, ALL};

use super::common::feedback_or_missing;
use super::context::Ctx;
use super::page::{Figure, Section};
use crate::contract::Table;

/// Headline figures of the period.
pub(crate) fn headlines(c: &Ctx) -> Vec<Figure> {
    let s = &c.say;
    // Coverage and targeting of the aid programs where the site also has
    // training (which has its own figure), else of all programs.
    let key = super::summary::headline_key(c);
    let targeting = |id: Id| {
        let label = if key == AID {
            format!("ind-{id}-aid")
        } else {
            format!("ind-{id}")
        };
        let before = c.prev.as_ref().and_then(|p| c.look.site(id, p, key));
        s.figure(
            &label,
            c.look.site(id, &c.period, key),
            before,
            c.target(id),
        )
    };
    let mut out = Vec::new();
    if c.has_deliveries() {
        out.extend([
            targeting(Id::Coverage),
            targeting(Id::ExclusionError),
            targeting(Id::InclusionError),
        ]);
    } else if let Some(r) = c
        .latest(Id::TrainingParticipationRate)
        .filter(|_| !c.lacks(Table::Trainings))
    {
        out.push(s.figure(
            "ind-training_participation_rate",
            Some(r),
            None,
            c.target(Id::TrainingParticipationRate),
        ));
    }
    if let Some(round) = &c.income_round() {
        let at = |id: Id, r: &Period| c.look.site(id, r, ALL);
        let prev = c.prev_round.as_ref();
        out.push(s.figure(
            "ind-income_change_mean",
            at(Id::IncomeChangeMean, round),
            prev.and_then(|p| at(Id::IncomeChangeMean, p)),
            c.target(Id::IncomeChangeMean),
        ));
        // The training's impact, when there are training records to compare.
        let trained = !c.lacks(Table::Trainings);
        if trained && !c.has_deliveries() {
            // Without aid the training's impact leads: both estimates.
            out.push(s.figure(
                "ind-income_impact_simple_diff",
                at(Id::IncomeImpactSimpleDiff, round),
                None,
                c.target(Id::IncomeImpactSimpleDiff),
            ));
        }
        if trained {
            out.push(s.figure(
                "ind-income_impact_did",
                at(Id::IncomeImpactDid, round),
                None,
                c.target(Id::IncomeImpactDid),
            ));
        }
        out.push(s.figure(
            "ind-poverty_headcount",
            at(Id::PovertyHeadcount, round),
            at(Id::PovertyHeadcount, &Period::Baseline),
            c.target(Id::PovertyHeadcount),
        ));
    }
    // The courses started in the report's quarter, else in the latest
    // quarter before it that started any (named, and not compared with
    // the quarter before the report's); never courses started later.
    let training = match c.now(Id::TrainingCompletionRate) {
        Some(r) => Some((r, c.before(Id::TrainingCompletionRate))),
        None => c.latest(Id::TrainingCompletionRate).map(|r| (r, None)),
    };
    if let Some((row, before)) = training.filter(|_| !c.lacks(Table::Trainings)) {
        let mut figure = s.figure(
            "ind-training_completion_rate",
            Some(row),
            before,
            c.target(Id::TrainingCompletionRate),
        );
        if row.period != c.period {
            figure.basis = s.ta(
                "basis-courses-started",
                &[
                    ("basis", figure.basis.clone()),
                    ("period", row.period.label()),
                ],
            );
        }
        out.push(figure);
    }
    if c.now(Id::FeedbackResolutionRate).is_some() {
        out.push(c.figure(Id::FeedbackResolutionRate));
    }
    out
}

/// Every section of the evaluator report except data quality and methodology.
pub(crate) fn sections(c: &Ctx) -> Vec<Section> {
    let s = &c.say;
    if !c.has_deliveries() {
        // A training-only site: what it has first, then what it lacks.
        let mut out = Vec::new();
        let missing_training = c.has_training_program() && c.lacks(Table::Trainings);
        if !missing_training {
            out.extend(training::training(c));
        }
        out.extend([income::income(c), income::poverty(c)]);
        if missing_training {
            out.push(c.missing_section(
                "training",
                s.t("sec-training"),
                "what-training",
                Table::Trainings,
            ));
        }
        out.push(c.empty_section("coverage", s.t("sec-coverage"), "what-coverage"));
        out.push(c.empty_section("equity", s.t("sec-equity"), "what-equity"));
        out.extend(feedback_or_missing(c));
        return out;
    }
    let mut out = vec![coverage::coverage(c), income::income(c), income::poverty(c)];
    if c.has_training_program() && c.lacks(Table::Trainings) {
        out.push(c.missing_section(
            "training",
            s.t("sec-training"),
            "what-training",
            Table::Trainings,
        ));
    } else if let Some(t) = training::training(c) {
        out.push(t);
    }
    out.push(equity::equity(c));
    out.extend(feedback_or_missing(c));
    out
}

/// The appendix after data quality: every RT's figures.
pub(crate) fn appendix(c: &Ctx) -> Option<Section> {
    c.has_deliveries().then(|| equity::rt_appendix(c))
}

/// A summary sentence listing each label with its value: `A 87,4%; B 12,0%`.
pub(crate) fn summary_list<'r>(
    c: &Ctx,
    items: impl Iterator<Item = (String, Option<&'r Row>)>,
) -> String {
    items
        .map(|(label, row)| format!("{label}: {}", c.say.value(row)))
        .collect::<Vec<_>>()
        .join("; ")
}
