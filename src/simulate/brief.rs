//! The simulation as a brief for the village meeting (HTML, A4): the
//! options side by side in plain words with the figures that decide, then
//! the charts (cost and the poor reached, recipients by decile, gains and
//! losses per RW) and the full table.

use anyhow::Result;
use serde::Serialize;

use super::{show, Simulation};
use crate::charts::bars::Bars;
use crate::charts::{self, Axis, Chart, Plot};
use crate::fmt::{Fmt, Lang};
use crate::report::i18n::Messages;
use crate::report::labels;
use crate::report::lookup::Say;
use crate::report::page::{PageBase, Provenance, SiteInfo};
use crate::report::provenance;
use crate::site::Site;

/// One option in plain words.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub option: String,
    pub rule: String,
    /// The rule in words.
    pub words: String,
    pub sentences: Vec<String>,
    /// The option the brief names as reaching the most poor households for
    /// its money (lowest yearly cost per point of poverty gap closed).
    pub best: bool,
}

/// One measure of the table: its name and (option, value) per option.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<(String, String)>,
}

/// Everything the brief template shows.
#[derive(Debug, Serialize)]
pub struct BriefPage {
    #[serde(flatten)]
    pub base: PageBase,
    pub site: SiteInfo,
    pub synthetic: Option<String>,
    pub intro: Vec<String>,
    /// What the meeting needs to know first.
    pub key: Vec<String>,
    pub cards: Vec<Card>,
    pub charts: Vec<Chart>,
    pub head: Vec<String>,
    pub rows: Vec<Row>,
    pub method: Vec<String>,
    pub provenance: Provenance,
}

/// The brief's page.
pub fn page(site: &Site, s: &Simulation, lang: Lang) -> Result<BriefPage> {
    let messages = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let say = Say {
        fmt,
        msg: &messages,
    };
    let t = |id: &str| messages.get(id);
    let config = &site.config;
    let program = config
        .program(&s.program)
        .map_or(s.program.clone(), |p| format!("{} · {}", p.code, p.name));
    let best = s
        .outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.cost_per_gap_point.map(|c| (i, c)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
        .filter(|_| s.outcomes.len() > 1);
    let cards = s
        .outcomes
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut sentences = vec![messages.args(
                "brief-eligible",
                &[
                    ("n", fmt.count(o.eligible as f64)),
                    ("cost", fmt.rupiah(o.cost_quarter as f64)),
                    ("year", fmt.rupiah(o.cost_year as f64)),
                ],
            )];
            sentences.push(match o.fits {
                Some(true) => t("brief-fits"),
                Some(false) => messages.args(
                    "brief-short",
                    &[
                        ("served", fmt.count(o.served as f64)),
                        ("left", fmt.count(o.left_out as f64)),
                    ],
                ),
                None => t("brief-no-budget"),
            });
            if let Some(c) = o.poor_coverage {
                sentences.push(messages.args(
                    "brief-poor",
                    &[
                        ("share", fmt.percent(c)),
                        (
                            "nonpoor",
                            o.non_poor_share.map_or("–".into(), |v| fmt.percent(v)),
                        ),
                    ],
                ));
            }
            if let (Some(b), Some(a)) = (o.headcount_before, o.headcount_after) {
                sentences.push(messages.args(
                    "brief-poverty",
                    &[
                        ("before", fmt.percent(b)),
                        ("after", fmt.percent(a)),
                        ("lifted", fmt.count(o.lifted as f64)),
                    ],
                ));
            }
            let gained: usize = o.by_rw.iter().map(|c| c.gaining).sum();
            let lost: usize = o.by_rw.iter().map(|c| c.losing).sum();
            if i > 0 {
                sentences.push(messages.args(
                    "brief-change",
                    &[
                        ("gaining", fmt.count(gained as f64)),
                        ("losing", fmt.count(lost as f64)),
                    ],
                ));
            }
            Card {
                option: if i == 0 {
                    t("brief-current")
                } else {
                    messages.args("brief-proposal", &[("n", i.to_string())])
                },
                rule: o.rule.clone(),
                words: crate::report::criteria::in_words(&o.rule, &say)
                    .unwrap_or_else(|| o.rule.clone()),
                sentences,
                best: best == Some(i),
            }
        })
        .collect::<Vec<_>>();

    let names: Vec<String> = cards.iter().map(|c| c.option.clone()).collect();
    let key = key_points(s, &names, &messages, fmt);
    // The deciles any option reaches.
    let deciles: Vec<i64> = (1..=10)
        .filter(|&d| {
            s.outcomes
                .iter()
                .any(|o| o.incidence.iter().any(|(x, v)| *x == d && *v > 0.0))
        })
        .collect();
    let mut charts = vec![
        bars(
            "chart-sim-cost",
            &messages,
            "brief-chart-cost",
            &names,
            vec![(
                t("sim-cost-quarter"),
                s.outcomes
                    .iter()
                    .map(|o| Some(o.cost_quarter as f64))
                    .collect(),
            )],
            Axis::Rupiah,
            s.budget
                .map(|b| (messages.get("brief-budget-line"), b as f64)),
        ),
        bars(
            "chart-sim-poor",
            &messages,
            "brief-chart-poor",
            &names,
            vec![(
                t("sim-poor-coverage"),
                s.outcomes.iter().map(|o| o.poor_coverage).collect(),
            )],
            Axis::Percent,
            None,
        ),
        bars(
            "chart-sim-deciles",
            &messages,
            "brief-chart-deciles",
            &deciles
                .iter()
                .map(|d| messages.args("brief-decile", &[("decile", d.to_string())]))
                .collect::<Vec<_>>(),
            s.outcomes
                .iter()
                .zip(&names)
                .map(|(o, name)| {
                    let share = |d: i64| o.incidence.iter().find(|x| x.0 == d).map(|x| x.1);
                    (name.clone(), deciles.iter().map(|&d| share(d)).collect())
                })
                .collect(),
            Axis::Percent,
            None,
        ),
    ];
    let rws: Vec<i64> = {
        let mut v: Vec<i64> = s
            .outcomes
            .iter()
            .flat_map(|o| o.by_rw.iter().map(|c| c.rw))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    if !rws.is_empty() {
        let mut series = Vec::new();
        for (o, name) in s.outcomes.iter().zip(&names).skip(1) {
            let count = |rw: i64, gaining: bool| {
                let c = o.by_rw.iter().find(|c| c.rw == rw);
                Some(c.map_or(0, |c| if gaining { c.gaining } else { c.losing }) as f64)
            };
            series.push((
                messages.args("brief-gaining", &[("option", name.clone())]),
                rws.iter().map(|&rw| count(rw, true)).collect(),
            ));
            series.push((
                messages.args("brief-losing", &[("option", name.clone())]),
                rws.iter().map(|&rw| count(rw, false)).collect(),
            ));
        }
        charts.push(bars(
            "chart-sim-rw",
            &messages,
            "brief-chart-rw",
            &rws.iter()
                .map(|&rw| crate::indicators::rw_label(rw))
                .collect::<Vec<_>>(),
            series,
            Axis::Count,
            None,
        ));
    }
    charts::draw_all(charts.iter_mut().collect(), fmt)?;

    let (_, body) = show::table(s, lang)?;
    let head = names.clone();
    let rows = body
        .into_iter()
        .map(|mut r| {
            let label = r.remove(0);
            Row {
                label,
                cells: head.iter().cloned().zip(r).collect(),
            }
        })
        .collect();
    let intro = show::heading(s, lang)?;
    let now = provenance::generation_time()?;
    let page = BriefPage {
        base: PageBase {
            lang: lang.code(),
            audience: "brief",
            audience_label: t("audience-brief"),
            title: messages.args("brief-title", &[("program", program)]),
            subtitle: crate::report::summary::quarter_words(
                s.period,
                config.site.fiscal_year_start_month,
                fmt,
                &messages,
            ),
            t: messages.labels(),
        },
        site: SiteInfo::of(&config.site),
        synthetic: config.site.synthetic.then(|| t("synthetic-banner")),
        intro,
        key,
        cards,
        charts,
        head,
        rows,
        method: vec![
            t("brief-method-decile"),
            t("brief-method-serving"),
            t("brief-method-poverty"),
            t("brief-method-static"),
        ],
        provenance: provenance::of_site(fmt, now, site, &messages)?,
    };
    messages.check()?;
    Ok(page)
}

/// The first lines of the brief: what the budget pays for, and for each
/// proposal who actually starts and stops receiving aid.
fn key_points(s: &Simulation, names: &[String], messages: &Messages, fmt: Fmt) -> Vec<String> {
    let mut key = Vec::new();
    if let Some(b) = s
        .budget
        .filter(|_| s.outcomes.iter().any(|o| o.left_out > 0))
    {
        let most = s.outcomes.iter().map(|o| o.served).max().unwrap_or(0);
        key.push(messages.args(
            "brief-key-budget",
            &[
                ("budget", fmt.rupiah(b as f64)),
                ("served", fmt.count(most as f64)),
            ],
        ));
    }
    let percent = |v: Option<f64>| v.map_or("–".to_string(), |v| fmt.percent(v));
    let current_poor = s.outcomes.first().and_then(|o| o.poor_coverage);
    for (o, name) in s.outcomes.iter().zip(names).skip(1) {
        key.push(if o.served_gaining == 0 && o.served_losing == 0 {
            messages.args(
                "brief-key-same",
                &[
                    ("option", name.clone()),
                    ("eligible", fmt.count(o.eligible as f64)),
                ],
            )
        } else {
            messages.args(
                "brief-key-change",
                &[
                    ("option", name.clone()),
                    ("gaining", fmt.count(o.served_gaining as f64)),
                    ("losing", fmt.count(o.served_losing as f64)),
                    ("poor", percent(o.poor_coverage)),
                    ("current", percent(current_poor)),
                ],
            )
        });
    }
    key
}

fn bars(
    id: &str,
    messages: &Messages,
    title: &str,
    categories: &[String],
    series: Vec<(String, Vec<Option<f64>>)>,
    axis: Axis,
    target: Option<(String, f64)>,
) -> Chart {
    Chart::pending(Plot::Bars(Bars {
        id: id.into(),
        title: messages.get(title),
        summary: messages.get(&format!("{title}-summary")),
        categories: categories.to_vec(),
        series,
        target,
        axis,
        axis_label: String::new(),
    }))
}

/// The brief's file name: `SITE-simulate-PROGRAM-PERIOD-LANG.html`.
pub fn file_name(site: &Site, s: &Simulation, lang: Lang) -> String {
    format!(
        "{}-simulate-{}-{}-{}.html",
        labels::site_slug(site),
        labels::slug(&s.program),
        s.quarter,
        lang.code()
    )
}
