"""Fills a workbook made by `pantau init` with the rows of a CSV site, the
way a person would in a spreadsheet program: numbers as numbers, dates as
date cells, yes/no words in the workbook's language, everything else as
text. Written with openpyxl, not with pantau's own writer.

usage: fill.py WORKBOOK CSV_SITE LANG FIRST_ROW
FIRST_ROW 3 keeps init's example row (row 2); 2 types over it.
"""

import csv
import datetime
import sys

import openpyxl

book_path, site, lang, first = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
book = openpyxl.load_workbook(book_path)
yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
whole = {
    "rw", "rt", "members", "children", "school_age_children", "elderly", "disabled",
    "welfare_decile", "monthly_income", "monthly_expenditure", "children_in_school",
    "value", "sessions_total", "sessions_attended", "year", "quarter", "planned", "realised",
}
for table in ["households", "surveys", "distributions", "trainings", "budget", "feedback"]:
    sheet = book[table]
    header = [c.value for c in sheet[1]]
    with open(f"{site}/{table}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for i, row in enumerate(rows):
        for j, name in enumerate(header):
            text = row.get(name, "")
            cell = sheet.cell(row=first + i, column=j + 1)
            cell.font = openpyxl.styles.Font()
            if text == "":
                cell.value = None
            elif name.endswith("_on"):
                cell.value = datetime.date.fromisoformat(text)
                cell.number_format = "dd/mm/yyyy"
            elif name in whole:
                cell.value = int(text)
            elif name == "quantity":
                cell.value = float(text)
            elif text in ("true", "false"):
                cell.value = yes if text == "true" else no
            else:
                cell.value = text
                cell.number_format = "@"
book.save(book_path)
