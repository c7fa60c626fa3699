#!/usr/bin/env python3
"""Generate the place extractor's national data files from jionlp's dictionaries (run once).

    python scripts/gen_place_data.py PATH/TO/jionlp-1.5.31-py2.py3-none-any.whl

jionlp (Apache-2.0, https://github.com/dongrixinyu/JioNLP) ships the Chinese division tree
down to townships and villages (``dictionary/china_location.zip``) and a list of the world's
countries with their capitals (``dictionary/world_location.txt``). Only facts are carried
over, rewritten into two compact files next to the extractor:

* ``extract/data/place_towns.json``: county code -> its towns, townships and sub-districts
  (镇, 乡, 街道, 苏木), for short names resolved against the issuer's own territory;
* ``extract/data/place_world.json``: countries (short name -> formal names) and capitals.

Nothing is downloaded: pass the wheel (``pip download --no-deps jionlp==1.5.31``).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extract" / "data"
TOWN_HEADS = ("街道", "苏木", "镇", "乡")
SOURCE = "jionlp 1.5.31 (Apache-2.0), dictionary/china_location.zip and world_location.txt"


def _member(wheel: zipfile.ZipFile, name: str) -> bytes:
    return wheel.read(f"jionlp/dictionary/{name}")


def towns(location: str) -> dict[str, str]:
    """County code -> '|'-joined towns of that county, in the source's order."""
    out: dict[str, list[str]] = {}
    county, county_name = "", ""
    for line in location.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if not fields[0]:
            continue
        if depth == 2 and len(fields) >= 2:
            county, county_name = fields[1], fields[0]
        elif depth == 3 and county and fields[0].endswith(TOWN_HEADS):
            name = fields[0]
            if name.startswith(county_name) and len(name) > len(county_name) + 2:
                name = name[len(county_name) :]  # 高阳县锦华街道 -> 锦华街道
            names = out.setdefault(county, [])
            if name not in names:
                names.append(name)
    return {code: "|".join(names) for code, names in sorted(out.items())}


def world(text: str) -> dict[str, dict[str, object]]:
    countries: dict[str, list[str]] = {}
    capitals: dict[str, str] = {}
    for line in text.splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 2 or fields[0] == "中国":
            continue
        short = fields[0].replace("(", "（").replace(")", "）")
        countries[short] = [f for f in fields[1:2] if f != short]
        if len(fields) >= 3 and fields[2] != short:
            capitals[fields[2]] = short
    return {"countries": countries, "capitals": capitals}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: gen_place_data.py JIONLP_WHEEL", file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[0]) as wheel:
        with zipfile.ZipFile(io.BytesIO(_member(wheel, "china_location.zip"))) as inner:
            location = inner.read(inner.namelist()[0]).decode("utf-8")
        world_text = _member(wheel, "world_location.txt").decode("utf-8")
    (OUT / "place_towns.json").write_text(
        json.dumps({"source": SOURCE, "towns": towns(location)}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )
    (OUT / "place_world.json").write_text(
        json.dumps({"source": SOURCE, **world(world_text)}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
