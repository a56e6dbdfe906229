#!/usr/bin/env python3
"""The Python reference of issue 21: read a `vigil aqi` input with the csv module and sum one column (PM10)."""
import csv
import sys

total = 0.0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    for row in rows:
        if row[4]:
            total += float(row[4])
print(total)
