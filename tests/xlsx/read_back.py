"""Reads a workbook made by `pantau init` with openpyxl and prints, as JSON,
what a spreadsheet program sees: per sheet the header, the frozen panes, the
notes on the header, the number format of every column and every data
validation (type, cells, list or bounds).

usage: read_back.py WORKBOOK
"""

import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter

book = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": book.sheetnames, "active": book.active.title}
for sheet in book.worksheets:
    formats = {}
    for dim in sheet.column_dimensions.values():
        if dim.min is None:
            continue
        for i in range(dim.min, dim.max + 1):
            formats[get_column_letter(i)] = dim.number_format
    out[sheet.title] = {
        "header": [c.value for c in sheet[1]],
        "freeze": sheet.freeze_panes,
        "notes": {c.coordinate: c.comment.text for c in sheet[1] if c.comment},
        "formats": formats,
        "validations": [
            {
                "type": dv.type,
                "cells": str(dv.sqref),
                "operator": dv.operator,
                "formula1": dv.formula1,
                "formula2": dv.formula2,
            }
            for dv in sheet.data_validations.dataValidation
        ],
    }
print(json.dumps(out))
