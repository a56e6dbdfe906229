#!/usr/bin/env python3
"""Writes a synthetic year of hourly station data in the `vigil aqi` input format (issue 21).

    bench/aqi-year.py STATIONS [YEAR] > file.csv

Deterministic: the same arguments always give the same bytes (no clock, no random seed from the machine).
Rows are time-major like a national hourly publication: every station for 00:00, then every station for 01:00, …
Values follow a daily cycle per pollutant with station-to-station spread; about 2 % of values are missing, whole
hours of some stations go missing too, so that the daily validity rules (≥ 20 hours, O3 8-hour windows) decide
some days. Concentrations are integers in µg/m³ and CO has one decimal in mg/m³, like the national publication.
The station codes are synthetic (S0001…), not real stations.
"""
import sys
from datetime import datetime, timedelta

HEADER = "time,station,SO2,NO2,PM10,PM2.5,CO,O3\n"


def main() -> None:
    stations = int(sys.argv[1])
    year = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    out = sys.stdout
    out.write(HEADER)
    codes = [f"S{i:04d}" for i in range(1, stations + 1)]
    # Per-station levels from a fixed linear congruential sequence.
    state = 2026
    levels = []
    for _ in codes:
        state = (state * 1103515245 + 12345) % 2147483648
        levels.append(0.5 + (state % 1000) / 500.0)
    start = datetime(year, 1, 1)
    hours = (datetime(year + 1, 1, 1) - start).days * 24
    cycle = [1.0 + 0.6 * ((h - 14) % 24 < 8) - 0.3 * (h < 6) for h in range(24)]
    for n in range(hours):
        t = start + timedelta(hours=n)
        prefix = t.strftime("%Y-%m-%dT%H:%M,")
        day = n // 24
        season = 1.6 if t.month in (1, 2, 12) else 0.8 if t.month in (6, 7, 8) else 1.0
        c = cycle[t.hour]
        lines = []
        for i, code in enumerate(codes):
            k = (n * 7919 + i * 104729) % 1000003
            if (day * 31 + i * 17) % 97 == 0 and t.hour < 6:
                continue  # a station down for the first hours of a day
            lv = levels[i]
            wobble = (k % 101) / 100.0
            so2 = int(4 + 18 * lv * season * wobble)
            no2 = int(10 + 45 * lv * c * wobble)
            pm25 = int(8 + 70 * lv * season * ((k >> 3) % 97) / 96.0)
            pm10 = int(pm25 * 1.5 + 10 * wobble)
            co = f"{0.3 + 1.4 * lv * season * wobble:.1f}"
            o3 = int(15 + 120 * (2.0 - season) * c * ((k >> 5) % 89) / 88.0)
            values = [str(so2), str(no2), str(pm10), str(pm25), co, str(o3)]
            gap = k % 50
            if gap < 6:
                values[gap] = ""
            lines.append(prefix + code + "," + ",".join(values) + "\n")
        out.write("".join(lines))


if __name__ == "__main__":
    main()
