"""The peer an evaluator would write instead of pantau: an idiomatic,
vectorised pandas script computing the core indicators of a site folder
from its CSV files.

    python pandas_indicators.py SITE_DIR OUT.csv

It follows docs/indicators.md for the indicators it computes: coverage,
exclusion and inclusion error (per quarter, per program and for all
programs, for the site and by RT), income change and impact of training
(per follow-up round: mean change of trained and untrained panel
households, simple difference and difference in differences), the
training rates (per quarter of start and for all), and the Gini of value
per eligible household between RTs (per quarter). It writes them as
`indicator,period,program,group_by,group,value` so that the benchmark can
check them against `pantau indicators` on the same site.
"""

import sys
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd


def sql_to_pandas(expr: str) -> str:
    """eligible_when is SQL; DataFrame.eval speaks Python operators."""
    out = f" {expr} "
    for sql, py in ((" AND ", " and "), (" OR ", " or "), (" NOT ", " not "), ("<>", "!=")):
        out = out.replace(sql, py).replace(sql.lower(), py)
    # A lone `=` is SQL equality.
    out = pd.Series([out]).str.replace(r"(?<![<>!=])=(?!=)", "==", regex=True)[0]
    return out.strip()


def fiscal_quarter(dates: pd.Series, start: int) -> pd.Series:
    shifted = (dates.dt.month - start) % 12
    year = dates.dt.year - (dates.dt.month < start).astype(int)
    return year.astype(str) + "-Q" + (shifted // 3 + 1).astype(str)


def quarter_bounds(label: str, start: int):
    year, q = int(label[:4]), int(label[-1])
    first_month = start + 3 * (q - 1)
    first = pd.Timestamp(year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
    last = first + pd.DateOffset(months=3) - pd.Timedelta(days=1)
    return first, last


def rt_label(rw: pd.Series, rt: pd.Series) -> pd.Series:
    return "RW " + rw.astype(str).str.zfill(2) + " / RT " + rt.astype(str).str.zfill(3)


def weighted_gini(weights: np.ndarray, values: np.ndarray):
    """Σi Σj wi wj |xi − xj| / (2 W² μ), x = value per eligible household.

    With x sorted, the sum over ordered pairs is 2 Σj wj (xj W<j − S<j),
    W<j and S<j the sums of w and w·x before j: O(n log n), not n².
    """
    keep = weights > 0
    w, v = weights[keep], values[keep]
    total_w, total_v = w.sum(), v.sum()
    if total_w == 0 or total_v == 0:
        return np.nan
    x = v / w
    order = np.argsort(x, kind="stable")
    w, x = w[order], x[order]
    w_before = np.cumsum(w) - w
    wx_before = np.cumsum(w * x) - w * x
    pairs = 2 * (w * (x * w_before - wx_before)).sum()
    return pairs / (2 * total_w**2 * (total_v / total_w))


def main(site: Path, out: Path) -> None:
    config = tomllib.loads((site / "site.toml").read_text())
    start = config["site"].get("fiscal_year_start_month", 1)
    programs = config["program"]

    hh = pd.read_csv(
        site / "households.csv",
        usecols=["household_id", "rw", "rt", "members", "school_age_children",
                 "elderly", "disabled", "welfare_decile", "registered_on",
                 "status", "status_changed_on", "children"],
        parse_dates=["registered_on", "status_changed_on"],
    )
    dist = pd.read_csv(
        site / "distributions.csv",
        usecols=["distributed_on", "household_id", "program", "value", "status"],
        parse_dates=["distributed_on"],
    )
    surveys = pd.read_csv(
        site / "surveys.csv",
        usecols=["household_id", "round", "surveyed_on", "monthly_income"],
        parse_dates=["surveyed_on"],
    )
    trainings = pd.read_csv(
        site / "trainings.csv",
        usecols=["household_id", "participant_gender", "started_on", "sessions_total",
                 "sessions_attended", "completed", "business_started"],
        parse_dates=["started_on"],
    )

    rows = []

    def add(indicator, period, program, group_by, group, value):
        rows.append((indicator, period, program, group_by, group, value))

    # Eligibility: one boolean column per program, then any program.
    codes = [p["code"] for p in programs]
    for p in programs:
        hh["e_" + p["code"]] = hh.eval(sql_to_pandas(p["eligible_when"])).fillna(False).astype(bool)
    hh["e_all"] = hh[["e_" + c for c in codes]].any(axis=1)
    hh["rt_label"] = rt_label(hh["rw"], hh["rt"])

    # Coverage and targeting, per quarter of the ledger.
    dist["q"] = fiscal_quarter(dist["distributed_on"], start)
    delivered = dist[dist["status"] == "delivered"]
    reached_by = delivered.groupby(["q", "program", "household_id"]).size().reset_index()[
        ["q", "program", "household_id"]]
    value_by = delivered.groupby(["q", "household_id"])["value"].sum()
    for q in sorted(dist["q"].unique()):
        first, last = quarter_bounds(q, start)
        active = hh[(hh["registered_on"] <= last)
                    & ((hh["status"] == "active") | (hh["status_changed_on"] >= first))].copy()
        in_q = reached_by[reached_by["q"] == q]
        for code in codes + ["all"]:
            ids = in_q["household_id"] if code == "all" else in_q.loc[in_q["program"] == code, "household_id"]
            active["reached"] = active["household_id"].isin(ids)
            eligible = active["e_" + code]
            frame = pd.DataFrame({
                "rt": active["rt_label"],
                "covered": eligible & active["reached"],
                "missed": eligible & ~active["reached"],
                "eligible": eligible,
                "leak": active["reached"] & ~eligible,
                "reached": active["reached"],
            })
            for group_by, grouped in (("", frame.assign(rt="")), ("rt", frame)):
                sums = grouped.groupby("rt")[["covered", "missed", "eligible", "leak", "reached"]].sum()
                for group, s in sums.iterrows():
                    add("coverage", q, code, group_by, group, s.covered / s.eligible if s.eligible else np.nan)
                    add("exclusion_error", q, code, group_by, group, s.missed / s.eligible if s.eligible else np.nan)
                    add("inclusion_error", q, code, group_by, group, s.leak / s.reached if s.reached else np.nan)

        # Gini of value per eligible household between RTs.
        eligible = active[active["e_all"]].copy()
        eligible["value"] = eligible["household_id"].map(value_by.xs(q, level="q")).fillna(0)
        per_rt = eligible.groupby("rt_label").agg(n=("household_id", "size"), value=("value", "sum"))
        add("rt_allocation_gini", q, "all", "", "",
            weighted_gini(per_rt["n"].to_numpy(float), per_rt["value"].to_numpy(float)))

    # Income change and the impact of training, on the baseline panel.
    base = surveys[surveys["round"] == "baseline"][["household_id", "monthly_income"]]
    followups = (surveys[surveys["round"] != "baseline"].groupby("round")["surveyed_on"].min()
                 .sort_values().index)
    completed = trainings[trainings["completed"] == True][["household_id", "started_on"]]
    for label in followups:
        panel = surveys[surveys["round"] == label].merge(
            base, on="household_id", suffixes=("", "_baseline"))
        panel["change"] = panel["monthly_income"] - panel["monthly_income_baseline"]
        before = panel[["household_id", "surveyed_on"]].merge(completed, on="household_id")
        trained_ids = before.loc[before["started_on"] < before["surveyed_on"], "household_id"].unique()
        panel["trained"] = np.where(panel["household_id"].isin(trained_ids), "trained", "untrained")
        add("income_change_mean", label, "all", "", "", panel["change"].mean())
        by = panel.groupby("trained")[["change", "monthly_income"]].mean()
        for group, s in by.iterrows():
            add("income_change_mean", label, "all", "trained", group, s.change)
        if {"trained", "untrained"} <= set(by.index):
            add("income_impact_simple_diff", label, "all", "", "",
                by.loc["trained", "monthly_income"] - by.loc["untrained", "monthly_income"])
            add("income_impact_did", label, "all", "", "",
                by.loc["trained", "change"] - by.loc["untrained", "change"])

    # Training rates, per quarter of start and for all.
    trainings["q"] = fiscal_quarter(trainings["started_on"], start)
    trainings["women"] = trainings["participant_gender"] == "P"
    trainings["done"] = trainings["completed"] == True
    trainings["business"] = trainings["done"] & (trainings["business_started"] == True)
    for period, t in list(trainings.groupby("q")) + [("all", trainings)]:
        add("training_enrolled", period, "all", "", "", float(len(t)))
        add("training_women_share", period, "all", "", "", t["women"].mean())
        add("training_attendance_rate", period, "all", "", "",
            t["sessions_attended"].sum() / t["sessions_total"].sum())
        add("training_completion_rate", period, "all", "", "", t["done"].mean())
        add("training_business_rate", period, "all", "", "",
            t["business"].sum() / t["done"].sum() if t["done"].sum() else np.nan)

    pd.DataFrame(rows, columns=["indicator", "period", "program", "group_by", "group", "value"]).to_csv(
        out, index=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
