"""tools/review_pack.py (``make review``): the clinical review pack, build/review/index.html.

Expected ids and weights are read straight from the CSV and YAML files, not from the tool.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, ROOT

sys.path.insert(0, str(ROOT))  # the tools/ folder lives beside the package, not in it

from tools import review_pack  # noqa: E402

TOOL = ROOT / "tools" / "review_pack.py"


class _Tables(HTMLParser):
    """The text of every cell of every table, by table id, split into header rows and body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, list[list[str]]]] = {}
        self._table: dict[str, list[list[str]]] | None = None
        self._part = "body"
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = self.tables.setdefault(dict(attrs).get("id") or "", {"head": [], "body": []})
        elif tag in ("thead", "tbody"):
            self._part = "head" if tag == "thead" else "body"
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table[self._part].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, dict[str, list[list[str]]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def records(html: str, name: str) -> list[dict[str, str]]:
    """The body rows of table ``name`` as dicts keyed by the column headings."""
    table = tables(html)[f"T_{name}"]
    header = table["head"][-1]
    return [dict(zip(header, row)) for row in table["body"]]


def csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def pack() -> tuple[str, dict[str, Any]]:
    return review_pack.build_pack(DATA)


@pytest.mark.parametrize(
    "table, column, file",
    [
        ("symptoms", "Symptom", "symptoms.csv"),
        ("causes", "Cause", "causes.csv"),
        ("rules", "Rule", "rules.csv"),
        ("advice", "Advice", "advice.csv"),
        ("sources", "Source", "sources.csv"),
    ],
)
def test_pack_names_every_id_in_file_order(pack, table, column, file):
    html, _ = pack
    assert [row[column] for row in records(html, table)] == [row["id"] for row in csv_rows(DATA, file)]


def test_matrix_has_one_row_per_symptom_and_the_weights_of_matrix_csv(pack):
    html, _ = pack
    table = tables(html)["T_matrix"]
    symptoms = [row["id"] for row in csv_rows(DATA, "symptoms.csv")]
    causes = [row["id"] for row in csv_rows(DATA, "causes.csv")]
    weights = {(row["symptom_id"], row["cause_id"]): row["weight"] for row in csv_rows(DATA, "matrix.csv")}
    assert table["head"][-1][1:] == causes
    assert [row[0] for row in table["body"]] == symptoms
    for row in table["body"]:
        assert len(row) == 1 + len(causes)
        for cause, cell in zip(causes, row[1:]):
            assert cell == weights.get((row[0], cause), ""), (row[0], cause)


def test_every_level_is_written_in_words(pack):
    html, _ = pack
    symptoms = {row["id"]: row for row in csv_rows(DATA, "symptoms.csv")}
    for row in records(html, "symptoms"):
        assert symptoms[row["Symptom"]]["level"] in row["Level (own)"].lower()
        assert row["Red flag"].lower().split(":")[0] == symptoms[row["Symptom"]]["red_flag"]
    advice = {row["id"]: row["level"] for row in csv_rows(DATA, "advice.csv")}
    for row in records(html, "advice"):
        assert advice[row["Advice"]] in row["Level"].lower()


def _covered(headers: list[str], unit: str, where: str) -> list[int]:
    """Every week (or day) that the stage columns' headings name, with repeats."""
    found: list[int] = []
    for header in headers:
        match = re.search(rf"{unit}s? ([\d–, ]+) {where}", header)
        for part in (match.group(1).split(",") if match else []):
            low, _, high = part.strip().partition("–")
            found += range(int(low), int(high or low) + 1)
    return found


def test_stage_columns_cover_every_week_and_day_once_and_the_unknown_stage(pack):
    html, _ = pack
    headers = [h for h in tables(html)["T_symptoms"]["head"][-1] if h.startswith("Level:")]
    assert headers[0] == "Level: stage not known"
    assert sorted(_covered(headers, "week", "of pregnancy")) == list(range(1, 43))
    assert sorted(_covered(headers, "day", "after the birth")) == list(range(0, 85))


def test_a_stage_rule_shows_its_level_at_its_stages_and_when_the_stage_is_unknown(pack):
    html, _ = pack
    own = {row["id"]: row["level"] for row in csv_rows(DATA, "symptoms.csv")}
    staged = [r for r in csv_rows(DATA, "rules.csv") if ";" not in r["all_of"] and r["min_week"]]
    assert staged, "data/rules.csv has no single-symptom rule with a first week: choose another example"
    by_symptom = {row["Symptom"]: row for row in records(html, "symptoms")}
    for rule in staged:
        row = by_symptom[rule["all_of"]]
        assert rule["id"] in row["Stage rules (data/rules.csv)"]
        assert rule["level"] in row["Level: stage not known"].lower()
        known = [cell.lower() for header, cell in row.items() if header.startswith("Level:") and header != "Level: stage not known"]
        week_one = next(cell for header, cell in row.items() if re.search(r"weeks? 1[–,\s]", header))
        assert own[rule["all_of"]] in week_one.lower(), "before its first week the rule does not apply"
        assert any(rule["level"] in cell for cell in known)


def test_rules_say_what_they_raise_and_when(pack):
    html, _ = pack
    symptoms = {row["id"]: row["level"] for row in csv_rows(DATA, "symptoms.csv")}
    shown = {row["Rule"]: row for row in records(html, "rules")}
    for rule in csv_rows(DATA, "rules.csv"):
        row = shown[rule["id"]]
        assert rule["level"] in row["Raises the level to"].lower()
        assert row["When all of these symptoms"].split(", ") == rule["all_of"].split(";")
        stages = rule["stages"].split(";") if rule["stages"] else ["pregnancy", "after_birth"]
        assert ("in pregnancy" in row["Stages and weeks"]) == ("pregnancy" in stages)
        assert ("after the birth" in row["Stages and weeks"]) == ("after_birth" in stages)
        if rule["min_week"]:
            assert f"week {rule['min_week']}" in row["Stages and weeks"]
        alone = max((symptoms[s] for s in rule["all_of"].split(";")), key=["self-care", "routine", "urgent", "immediate", "emergency"].index)
        assert alone in row["The symptoms alone"].lower()


def test_sources_say_where_they_are_used(pack):
    html, summary = pack
    first = csv_rows(DATA, "symptoms.csv")[0]
    source = first["source_ids"].split(";")[0]
    row = next(r for r in records(html, "sources") if r["Source"] == source)
    assert row["Status"] == "used"
    assert "data/symptoms.csv: " in row["Used in (file: rows)"]
    assert first["id"] in row["Used in (file: rows)"]
    left = yaml.safe_load((DATA / "left_rule.yaml").read_text(encoding="utf-8"))
    left_source = left["limits"]["source_ids"][0]
    left_row = next(r for r in records(html, "sources") if r["Source"] == left_source)
    assert "data/left_rule.yaml: " in left_row["Used in (file: rows)"] and "limits" in left_row["Used in (file: rows)"]


def test_an_unused_source_is_flagged(data_copy):
    with (data_copy / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["S999", "A source that nothing in the course cites, for this test.", "2024", "", ""])
    html, summary = review_pack.build_pack(data_copy)
    rows = {r["Source"]: r for r in records(html, "sources")}
    assert rows["S999"]["Status"].startswith("UNUSED")
    assert rows["S999"]["Uses"] == "0"
    assert "S999" in summary["unused"]
    cited = csv_rows(data_copy, "symptoms.csv")[0]["source_ids"].split(";")[0]
    assert rows[cited]["Status"] == "used" and cited not in summary["unused"]
    flags = re.search(r'<section id="flags">(.*?)</section>', html, re.S).group(1)
    assert "S999" in flags


def test_a_source_read_through_a_copy_shows_its_note_and_is_listed_first(data_copy):
    sources = csv_rows(data_copy, "sources.csv")
    plain = next(row for row in sources if not row["note"] and row["url"])
    plain["note"] = "Read through a copy on a document-sharing site, for this test."
    write_csv(data_copy, "sources.csv", sources)
    html, summary = review_pack.build_pack(data_copy)
    row = next(r for r in records(html, "sources") if r["Source"] == plain["id"])
    assert row["How it was read (note)"] == "Read through a copy on a document-sharing site, for this test."
    assert row["Link"] == plain["url"], "the link stays the original's address"
    assert plain["id"] in summary["noted"]
    flags = re.search(r'<section id="flags">(.*?)</section>', html, re.S).group(1)
    assert plain["id"] in flags
    without = [r["Source"] for r in records(html, "sources") if not r["How it was read (note)"]]
    assert not set(without) & set(summary["noted"])


def test_unsourced_rows_are_flagged(data_copy):
    lesson = data_copy / "lessons" / "00_start_here.yaml"
    raw = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    question = raw["quiz"][0]
    del question["options"][1]["source_ids"]
    lesson.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")

    html, summary = review_pack.build_pack(data_copy)
    flagged = {(r["File"], r["Row"]) for r in records(html, "unsourced")}
    assert flagged == {("data/lessons/00_start_here.yaml", f"quiz[{question['id']}].options[1]")}
    assert len(summary["unsourced"]) == 1


def _run_pack(data_copy, tmp_path):
    """Run `make review`'s tool on a data folder; return where the page would be and what ran."""
    out = tmp_path / "pack" / "index.html"
    result = subprocess.run(
        [sys.executable, str(TOOL), "--data", str(data_copy), "--out", str(out)], capture_output=True, text=True, timeout=120
    )
    return out, result


def test_a_vte_factor_without_sources_stops_the_pack_with_the_file_and_row(data_copy, tmp_path):
    # The pack shows the VTE risk factors, so it loads them, and their loader requires sources.
    factors = csv_rows(data_copy, "vte_risk_factors.csv")
    factors[0]["source_ids"] = ""
    write_csv(data_copy, "vte_risk_factors.csv", factors)
    out, result = _run_pack(data_copy, tmp_path)
    assert result.returncode == 2
    assert "data/vte_risk_factors.csv, row 1" in result.stderr and "source_ids" in result.stderr
    assert not out.exists()


def test_an_unsourced_row_that_the_loader_rejects_is_still_found_and_the_tool_says_why(data_copy, tmp_path):
    symptoms = csv_rows(data_copy, "symptoms.csv")
    symptoms[2]["source_ids"] = ""
    write_csv(data_copy, "symptoms.csv", symptoms)
    _, unsourced = review_pack.scan_sources(data_copy)
    assert unsourced.to_dict("records") == [{"file": "data/symptoms.csv", "row": symptoms[2]["id"], "line": "4"}]
    out, result = _run_pack(data_copy, tmp_path)
    assert result.returncode == 2
    assert "data/symptoms.csv, row 3" in result.stderr and "source_ids" in result.stderr
    assert not out.exists()


def test_text_from_the_data_is_escaped(data_copy):
    symptoms = csv_rows(data_copy, "symptoms.csv")
    symptoms[0]["label"] = "Breathless <b>now</b> & chest pain"
    write_csv(data_copy, "symptoms.csv", symptoms)
    sources = csv_rows(data_copy, "sources.csv")
    linked = next(row for row in sources if row["url"])
    linked["citation"] = 'RCOG <img src=x onerror="alert(1)">'
    linked["url"] = 'https://example.org/"onmouseover="alert(1)'
    write_csv(data_copy, "sources.csv", sources)
    html, _ = review_pack.build_pack(data_copy)
    assert "Breathless &lt;b&gt;now&lt;/b&gt; &amp; chest pain" in html
    assert "<b>now</b>" not in html
    assert "RCOG &lt;img src=x" in html and "<img" not in html
    assert '<a href="https://example.org/&#34;onmouseover=&#34;alert(1)">' in html
    assert '"onmouseover="' not in html


def test_the_page_is_self_contained(pack):
    html, _ = pack
    lowered = html.lower()
    for loader in ("<script", "<link", "<iframe", "<img", " src=", "@import", "url("):
        assert loader not in lowered, loader
    urls = {row["url"] for row in csv_rows(DATA, "sources.csv") if row["url"]}
    for href in re.findall(r'href="([^"]*)"', html):
        assert href.startswith("#") or href.replace("&amp;", "&") in urls, href


def test_make_review_writes_the_page(tmp_path):
    out = tmp_path / "review" / "index.html"
    result = subprocess.run([sys.executable, str(TOOL), "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in result.stdout


def test_the_course_package_never_imports_pandas():
    code = (
        "import importlib, pkgutil, sys, legpain\n"
        "for m in pkgutil.walk_packages(legpain.__path__, 'legpain.'): importlib.import_module(m.name)\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
