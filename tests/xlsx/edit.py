"""Edits a workbook as a person would in a spreadsheet program, with
openpyxl: each argument is one JSON operation.

  ["set", SHEET, CELL, VALUE]      type VALUE (a string, number or null) into CELL
  ["move_row", SHEET, FROM, TO]    cut row FROM and paste it at row TO

usage: edit.py WORKBOOK OPERATION...
"""

import json
import sys

import openpyxl

book_path = sys.argv[1]
book = openpyxl.load_workbook(book_path)
for arg in sys.argv[2:]:
    op = json.loads(arg)
    if op[0] == "set":
        _, sheet, cell, value = op
        book[sheet][cell].value = value
    elif op[0] == "move_row":
        _, sheet, source, target = op
        ws = book[sheet]
        for col in range(1, ws.max_column + 1):
            ws.cell(row=target, column=col).value = ws.cell(row=source, column=col).value
            ws.cell(row=target, column=col).number_format = ws.cell(row=source, column=col).number_format
            ws.cell(row=source, column=col).value = None
    else:
        raise SystemExit(f"unknown operation {op[0]}")
book.save(book_path)
