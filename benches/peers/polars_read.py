"""The floor of the benchmark: polars only reading a site's tables into
memory, with nothing computed.

    python polars_read.py SITE_DIR

Every CSV file of the site (every column, polars' own type inference) is
read with `polars.read_csv`; a Parquet site's files with `read_parquet`.
It prints the rows read, so the work cannot be skipped.
"""

import sys
from pathlib import Path

import polars as pl

TABLES = ["households", "surveys", "distributions", "trainings", "budget", "feedback"]


def main(site: Path) -> None:
    rows = 0
    for table in TABLES:
        csv, parquet = site / f"{table}.csv", site / f"{table}.parquet"
        if csv.exists():
            rows += pl.read_csv(csv).height
        elif parquet.exists():
            rows += pl.read_parquet(parquet).height
    print(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
