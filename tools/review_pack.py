"""Build the review pack: the course's clinical content as one HTML page for clinical sign-off.

    python tools/review_pack.py [--data DATA_DIR] [--out build/review/index.html]

``make review`` runs it. The page lists every symptom (its level, red flag, stage rules, its level at
each stage class and its sources), the symptom x cause matrix, every combination rule, every advice
item and every source with where it is used. Sources that nothing uses and rows that name no source
are flagged. A reviewer reads it in any browser, offline: no Python, no scripts, nothing fetched.

Each level is shown in colour AND in words (its name), so colour is never the only cue.

pandas builds the tables (pivot, groupby, Styler). It is a tool's dependency (the "tools" extra):
the course package ``src/legpain`` never imports it, because the browser version cannot load it.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any, Iterable, Optional

import pandas as pd
import yaml
from jinja2 import Environment

from legpain.content import Course, DataError, Rule, load_course, source_order
from legpain.explorer.state import WEIGHT_WORDS
from legpain.levels import LEVELS, Level
from legpain.palette import LEVEL_STYLE, SERIOUSNESS_COLOUR, WEIGHT_SCALE, contrast_ratio
from legpain.triage import DAYS_AFTER_BIRTH, WEEKS, Stage, impossible_causes, stage_classes
from legpain.vte import load_vte_risk

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "review" / "index.html"

# How a row of a CSV file is named in the pack, when its 'id' column alone does not name it.
ROW_KEYS = {
    "matrix.csv": ("symptom_id", "cause_id"),
    "glossary.csv": ("term",),
    "vte_risk_recommendations.csv": ("stage", "id"),
}
UNKNOWN_STAGE = "stage not known"


# ---------------------------------------------------------------- words and colours


def level_words(level: Level) -> str:
    """A level in words, with its symbol: the words carry the meaning, the colour only repeats it."""
    return f"{LEVEL_STYLE[level]['symbol']} {level.label}"


LEVEL_CSS = {
    level_words(level): f"background-color: {LEVEL_STYLE[level]['fill']}; color: {LEVEL_STYLE[level]['text']}; font-weight: bold;"
    for level in LEVELS
}


def _text_on(fill: str) -> str:
    return "#000000" if contrast_ratio("#000000", fill) >= contrast_ratio("#FFFFFF", fill) else "#FFFFFF"


SERIOUSNESS_CSS = {name: f"background-color: {fill}; color: {_text_on(fill)}; font-weight: bold;" for name, fill in SERIOUSNESS_COLOUR.items()}
WEIGHT_CSS = {w: f"background-color: {WEIGHT_SCALE[w]}; color: {_text_on(WEIGHT_SCALE[w])}; font-weight: bold; text-align: center;" for w in (1, 2, 3)}
FLAG_CSS = "background-color: #E69F00; color: #000000; font-weight: bold;"
UNUSED = "UNUSED: nothing cites it"
# A source's address as a link; the template escapes it (the table cell takes the markup as it is).
LINK = Environment(autoescape=True).from_string('<a href="{{ url }}">{{ url }}</a>')
NOT_LISTED = "NOT IN data/sources.csv"
# A source's note says how it was read: through a copy (the original could not be read), or with part of the
# citation unconfirmed. The pack shows it beside the citation, outlined, so a reviewer checks those first.
NOTE = "How it was read (note)"
NOTE_CSS = "border: 3px solid #E69F00; font-style: italic;"


def _css_for(table: dict[str, str]):
    return lambda value: table.get(value, "")


def _ids(values: Iterable[str]) -> str:
    return ", ".join(values)


def _sources(ids: Iterable[str]) -> str:
    return "; ".join(ids)


def _runs(numbers: list[int]) -> list[str]:
    """[1, 2, 3, 7] -> ['1–3', '7']."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [f"{a}–{b}" if a != b else f"{a}" for a, b in runs]


def when_rule_applies(rule: Rule) -> str:
    """A rule's stages and weeks in words, for example 'in pregnancy from week 20, and after the birth'."""
    parts = []
    if "pregnancy" in rule.stages:
        low, high = rule.min_week or WEEKS[0], rule.max_week or WEEKS[1]
        if (low, high) == WEEKS:
            parts.append(f"in pregnancy (any week, {WEEKS[0]}–{WEEKS[1]})")
        elif high == WEEKS[1]:
            parts.append(f"in pregnancy from week {low}")
        elif low == WEEKS[0]:
            parts.append(f"in pregnancy up to week {high}")
        else:
            parts.append(f"in pregnancy, weeks {low}–{high}")
    if "after_birth" in rule.stages:
        parts.append(f"after the birth (days {DAYS_AFTER_BIRTH[0]}–{DAYS_AFTER_BIRTH[1]})")
    return ", and ".join(parts)


# ---------------------------------------------------------------- stage classes


def stage_columns(course: Course) -> list[tuple[Stage, str]]:
    """Each stage class of :func:`legpain.triage.stage_classes`, with the stages it stands for in words.

    Two stages are in one class when the same rules apply and the same causes are too early
    (``from_week``, or only after the birth); that is how ``stage_classes`` picks its representatives, and the grouping is
    checked against it, so the column headings cannot drift from the engine.
    """

    def signature(stage: Stage) -> tuple[tuple[str, ...], tuple[str, ...]]:
        rules = tuple(r.id for r in course.rules.values() if r.applies_in(stage.weeks, stage.days_after_birth))
        return rules, impossible_causes(course, stage)

    known = [Stage(weeks=w) for w in range(WEEKS[0], WEEKS[1] + 1)]
    known += [Stage(days_after_birth=d) for d in range(DAYS_AFTER_BIRTH[0], DAYS_AFTER_BIRTH[1] + 1)]
    stages = pd.DataFrame(
        {
            "stage": known,
            "weeks": [s.weeks for s in known],
            "days": [s.days_after_birth for s in known],
            "signature": [signature(s) for s in known],
        }
    )
    columns = [(Stage(), UNKNOWN_STAGE)]
    for _, group in stages.groupby("signature", sort=False):
        weeks = [int(w) for w in group["weeks"].dropna()]
        days = [int(d) for d in group["days"].dropna()]
        words = []
        if weeks:
            words.append(f"week{'s' if len(weeks) > 1 else ''} {', '.join(_runs(weeks))} of pregnancy")
        if days:
            words.append(f"day{'s' if len(days) > 1 else ''} {', '.join(_runs(days))} after the birth")
        columns.append((group["stage"].iloc[0], "; ".join(words)))
    engine = stage_classes(course)
    if [stage for stage, _ in columns] != engine:
        raise RuntimeError(
            "tools/review_pack.py groups the stages differently from legpain.triage.stage_classes "
            f"({[s for s, _ in columns]} against {engine}): update stage_columns() to match the engine."
        )
    return columns


# ---------------------------------------------------------------- where each source is used


def _row_name(file: str, row: dict[str, str], number: int) -> str:
    keys = ROW_KEYS.get(file) or (("id",) if "id" in row else ())
    name = " / ".join(row[k] for k in keys if row.get(k))
    return name or f"row {number}"


def _split(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(part).strip() for part in value if str(part).strip()]
    return []


def _walk_yaml(node: Any, path: str, uses: list[dict[str, Any]], unsourced: list[dict[str, Any]], file: str) -> None:
    """Every mapping with 'source_ids' is a use; a list item without them, whose siblings have them, is unsourced."""
    if isinstance(node, dict):
        if "source_ids" in node:
            ids = _split(node["source_ids"])
            for source_id in ids:
                uses.append({"source_id": source_id, "file": file, "row": path or "reference list"})
            if not ids:
                unsourced.append({"file": file, "row": path, "line": ""})
        for key, value in node.items():
            if key != "source_ids":
                _walk_yaml(value, f"{path}.{key}" if path else str(key), uses, unsourced, file)
    elif isinstance(node, list):
        sourced_siblings = any(isinstance(item, dict) and "source_ids" in item for item in node)
        for i, item in enumerate(node):
            name = f"{path}[{item['id']}]" if isinstance(item, dict) and isinstance(item.get("id"), str) else f"{path}[{i}]"
            if sourced_siblings and isinstance(item, dict) and "source_ids" not in item:
                unsourced.append({"file": file, "row": name, "line": ""})
            _walk_yaml(item, name, uses, unsourced, file)


def sourced_files(data_dir: Path) -> list[Path]:
    """The files whose rows cite sources: data/*.csv (but sources.csv), data/left_rule.yaml, data/lessons/*.yaml."""
    files = [p for p in sorted(data_dir.glob("*.csv")) if p.name != "sources.csv"]
    files += [p for p in [data_dir / "left_rule.yaml"] if p.is_file()]
    files += sorted((data_dir / "lessons").glob("*.yaml"))
    return files


def scan_sources(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the data files as they are on disk (not through the loader).

    Returns ``uses`` (source_id, file, row: one line per citation) and ``unsourced`` (file, row,
    line: rows that carry content but name no source). A CSV file without a 'source_ids' column
    (regions, lessons) holds no clinical statement, so it has no unsourced rows.
    """
    uses: list[dict[str, Any]] = []
    unsourced: list[dict[str, Any]] = []
    for path in sourced_files(data_dir):
        file = f"data/{path.relative_to(data_dir).as_posix()}"
        if path.suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
            if "source_ids" not in table.columns:
                continue
            for number, row in enumerate(table.to_dict("records"), start=1):
                name = _row_name(path.name, row, number)
                ids = _split(row["source_ids"])
                uses += [{"source_id": s, "file": file, "row": name} for s in ids]
                if not ids:
                    unsourced.append({"file": file, "row": name, "line": str(number + 1)})
        else:
            _walk_yaml(yaml.safe_load(path.read_text(encoding="utf-8")), "", uses, unsourced, file)
    return (
        pd.DataFrame(uses, columns=["source_id", "file", "row"]),
        pd.DataFrame(unsourced, columns=["file", "row", "line"]),
    )


# ---------------------------------------------------------------- the tables


def _styler(frame: pd.DataFrame, name: str, caption: str, index: bool = False) -> Any:
    styler = frame.style.format(escape="html", na_rep="").format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    styler = styler.set_uuid(name).set_caption(caption).set_table_attributes(f'class="pack {name}"')
    return styler if index else styler.hide(axis="index")


def _levels_table(course: Course) -> Any:
    frame = pd.DataFrame(
        [
            {
                "Level": level.value,
                "Shown as": level_words(level),
                "What to do (data/levels.csv)": course.levels[level].action,
                "Route advice": course.route_advice(level).id,
                "Sources": _sources(course.levels[level].source_ids),
            }
            for level in LEVELS
        ]
    )
    return _styler(frame, "levels", "The five levels, least to most urgent").map(_css_for(LEVEL_CSS), subset=["Shown as"])


def _symptoms_table(course: Course, columns: list[tuple[Stage, str]]) -> Any:
    symptoms = pd.DataFrame(
        [
            {
                "Symptom": s.id,
                "Label": s.label,
                "Region": course.regions[s.region].label,
                "Level (own)": level_words(s.level),
                "Red flag": "YES: red flag" if s.red_flag else "no",
                "Route (where she goes)": _route_words(course, course.symptom_route(s.id).id),
                "Sources": _sources(s.source_ids),
            }
            for s in course.symptoms.values()
        ]
    )
    # Stage dependence: the rules whose all_of is this one symptom, grouped by symptom.
    single = pd.DataFrame(
        [
            {"Symptom": r.all_of[0], "rule": f"{r.id}: {r.level.label}, {when_rule_applies(r)}"}
            for r in course.rules.values()
            if len(r.all_of) == 1
        ],
        columns=["Symptom", "rule"],
    )
    stage_rules = single.groupby("Symptom")["rule"].agg("\n".join).rename("Stage rules (data/rules.csv)")
    # The symptom's level on its own at each stage class: a long table pivoted to one column per class.
    at_stage = pd.DataFrame(
        [
            {"Symptom": s, "stage": f"Level: {label}", "level": level_words(course.single_symptom_level(s, stage.weeks, stage.days_after_birth))}
            for s in course.symptoms
            for stage, label in columns
        ]
    )
    stage_order = [f"Level: {label}" for _, label in columns]
    by_stage = at_stage.pivot(index="Symptom", columns="stage", values="level")[stage_order]
    frame = symptoms.join(stage_rules, on="Symptom").join(by_stage, on="Symptom")
    frame = frame[["Symptom", "Label", "Region", "Level (own)", "Red flag", "Route (where she goes)", "Stage rules (data/rules.csv)", *stage_order, "Sources"]]
    frame["Stage rules (data/rules.csv)"] = frame["Stage rules (data/rules.csv)"].fillna("none")
    styler = _styler(frame, "symptoms", "Symptoms (data/symptoms.csv), in file order")
    styler = styler.map(_css_for(LEVEL_CSS), subset=["Level (own)", *stage_order])
    return styler.map(lambda v: FLAG_CSS if v.startswith("YES") else "", subset=["Red flag"])


def _causes_table(course: Course) -> Any:
    frame = pd.DataFrame(
        [
            {
                "Cause": c.id,
                "Name": c.name,
                "Seriousness": c.seriousness,
                "Lesson": c.lesson,
                "Only from week": "" if c.from_week is None else str(c.from_week),
                "Sources": _sources(c.source_ids),
            }
            for c in course.causes.values()
        ]
    )
    return _styler(frame, "causes", "Causes (data/causes.csv), in file order").map(_css_for(SERIOUSNESS_CSS), subset=["Seriousness"])


def matrix_frame(course: Course) -> pd.DataFrame:
    """Symptom x cause weights from data/matrix.csv: one row per symptom, empty where there is no link."""
    links = pd.DataFrame([{"symptom": r.symptom_id, "cause": r.cause_id, "weight": r.weight} for r in course.matrix])
    table = links.pivot(index="symptom", columns="cause", values="weight").reindex(index=list(course.symptoms), columns=list(course.causes))
    table.index.name = table.columns.name = None
    return table.astype("Int64")


def _matrix_table(course: Course) -> Any:
    frame = matrix_frame(course)
    styler = _styler(frame, "matrix", "Symptom x cause matrix (data/matrix.csv): symptoms down, causes across; the weight of each link; empty: no link", index=True)
    return styler.map(lambda v: WEIGHT_CSS.get(v, "") if not pd.isna(v) else "")


def _route_words(course: Course, route_id: str) -> str:
    """A route as a reviewer reads it: its id, the place and the level."""
    route = course.advice[route_id]
    place = course.destinations[route.destination].label if route.destination else "no place"
    return f"{route_id}: {place} ({route.level.label})"


def _rules_table(course: Course) -> Any:
    rows = []
    for r in course.rules.values():
        own = max(course.symptoms[s].level for s in r.all_of)
        rows.append(
            {
                "Rule": r.id,
                "When all of these symptoms": _ids(r.all_of),
                "Stages and weeks": when_rule_applies(r),
                "The symptoms alone": level_words(own),
                "Raises the level to": level_words(r.level),
                "Cause": r.cause_id or "",
                "Route (where she goes)": _route_words(course, r.route),
                "Reason": r.reason,
                "Sources": _sources(r.source_ids),
            }
        )
    frame = pd.DataFrame(rows)
    caption = "Combination rules (data/rules.csv): when all of the symptoms are present at one of the stages, the level is at least the rule's level"
    return _styler(frame, "rules", caption).map(_css_for(LEVEL_CSS), subset=["The symptoms alone", "Raises the level to"])


def _advice_table(course: Course) -> Any:
    frame = pd.DataFrame(
        [
            {
                "Advice": a.id,
                "Kind": a.kind,
                "Level": level_words(a.level),
                "Cause": a.cause_id or "(none: route or general advice)",
                "Place": course.destinations[a.destination].label if a.destination else "",
                "Only with": _ids(a.only_with) if a.only_with else "",
                "Text": a.text,
                "Sources": _sources(a.source_ids),
            }
            for a in course.advice.values()
        ]
    )
    caption = (
        "Advice (data/advice.csv), in file order. A route says where to go and how soon; an action says what to do now, at its level; "
        "a safety-net says what to watch for and where to go (at its level) if it happens"
    )
    return _styler(frame, "advice", caption).map(_css_for(LEVEL_CSS), subset=["Level"])


def _vte_factors_table(course: Course) -> Any:
    """The RCOG 37a risk factors of data/vte_risk_factors.csv, with whether each is transient and for how long."""
    frame = pd.DataFrame(
        [
            {
                "Factor": f.id,
                "Label": f.label,
                "Points": f.points,
                "Stages": ", ".join(f.stages),
                "Group": f.group,
                "Transient": "yes" if f.transient else "no",
                "While it lasts (transient_note)": f.transient_note or "",
                "Sources": _sources(f.source_ids),
            }
            for f in load_vte_risk(course).factors.values()
        ]
    )
    return _styler(frame, "vte", "VTE risk factors (data/vte_risk_factors.csv), in file order")


def _sources_table(course: Course, uses: pd.DataFrame) -> tuple[Any, list[str], list[str]]:
    listed = pd.DataFrame(
        [
            {"Source": s.id, "Citation": s.citation, "Year": "" if s.year is None else str(s.year), "Link": s.url or "", NOTE: s.note or ""}
            for s in course.sources.values()
        ]
    )
    # Where each source is used: one line per file, naming the rows.
    per_file = (
        uses.drop_duplicates()
        .groupby(["source_id", "file"], sort=False)["row"]
        .agg(lambda rows: ", ".join(rows))
        .reset_index()
    )
    per_file["line"] = per_file["file"] + ": " + per_file["row"]
    used_in = per_file.groupby("source_id")["line"].agg("\n".join)
    count = uses.drop_duplicates().groupby("source_id").size()
    frame = listed.join(used_in.rename("Used in (file: rows)"), on="Source").join(count.rename("Uses"), on="Source")
    frame["Uses"] = frame["Uses"].fillna(0).astype(int)
    frame["Status"] = frame["Uses"].map(lambda n: UNUSED if n == 0 else "used")
    frame = frame[["Source", "Status", "Uses", "Citation", "Year", "Used in (file: rows)", "Link", NOTE]]
    unused = frame.loc[frame["Uses"] == 0, "Source"].tolist()
    not_listed = sorted(set(uses["source_id"]) - set(course.sources), key=source_order)
    styler = _styler(frame, "sources", "Sources (data/sources.csv) and where each is used")
    styler = styler.format(lambda url: LINK.render(url=url) if url else "", subset=["Link"])
    styler = styler.map(lambda v: FLAG_CSS if v == UNUSED else "", subset=["Status"])
    styler = styler.map(lambda v: NOTE_CSS if v else "", subset=[NOTE])
    return styler, unused, not_listed


def read_with_a_note(course: Course) -> list[str]:
    """Ids of the sources whose row carries a note: read through a copy, or with part of the citation unconfirmed."""
    return sorted((s.id for s in course.sources.values() if s.note), key=source_order)


def _unsourced_table(unsourced: pd.DataFrame) -> Any:
    frame = unsourced.rename(columns={"file": "File", "row": "Row", "line": "Line of the file"})
    return _styler(frame, "unsourced", "Rows that name no source").map(lambda v: FLAG_CSS, subset=["Row"])


def data_fingerprint(data_dir: Path) -> str:
    """A short SHA-256 of every file under data/, so a sign-off names exactly the content it covers."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- the page

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review pack: clinical content of the leg pain in pregnancy course</title>
<style>
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; font-size: 15px; line-height: 1.45; color: #111; margin: 0 auto; padding: 1em 2em 4em; max-width: 110em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { border-top: 3px solid #0072B2; padding-top: 0.6em; margin-top: 2.2em; }
nav ul { columns: 3; padding-left: 1.2em; }
.meta { color: #333; }
.flags { border: 3px solid #E69F00; padding: 0.4em 1em; background: #FFF7E6; }
.flags.clear { border-color: #009E73; background: #EEF9F5; }
.key span { display: inline-block; padding: 0.1em 0.5em; margin: 0.1em 0.3em 0.1em 0; font-weight: bold; border: 1px solid #333; }
.scroll { overflow-x: auto; }
table.pack { border-collapse: collapse; margin: 0.6em 0 1em; }
table.pack caption { text-align: left; font-weight: bold; padding: 0.3em 0; caption-side: top; }
table.pack th, table.pack td { border: 1px solid #999; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
table.pack thead th { background: #EAEAEA; position: sticky; top: 0; }
table.pack td { white-space: pre-line; }
table.pack td a { overflow-wrap: anywhere; }
table.sources td:nth-child(4) { min-width: 22em; }
table.sources td:nth-child(5) { white-space: nowrap; }
table.sources td:nth-child(6) { min-width: 28em; }
table.sources td:nth-child(7) { min-width: 12em; }
table.sources td:nth-child(8) { min-width: 22em; }
table.pack tbody tr:nth-child(even) td:not([style]) { background: #F7F7F7; }
table.matrix thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; vertical-align: bottom; }
table.matrix tbody th { white-space: nowrap; }
table.matrix td { min-width: 1.8em; }
@media print { thead th { position: static; } h2 { break-before: page; } }
</style>
</head>
<body>
<header>
<h1>Review pack: the clinical content of the course</h1>
<p class="meta">Leg pain in pregnancy and after the birth: an interactive course for midwifery students.
Built from <code>data/</code> by <code>make review</code> (<code>tools/review_pack.py</code>).
Data fingerprint (SHA-256 of every file under <code>data/</code>): <strong>{{ fingerprint }}</strong>.
Quote it when you sign off, so the sign-off names exactly this content.</p>
<p>Every table is read from the course's data files, the same files the course and its triage
engine load. Ids are the names used in those files, so a comment can point at the exact row.
<strong>Colour is never the only cue:</strong> every coloured cell also says what it means in words.</p>
<p class="key">Levels: {% for name, style in level_key %}<span style="{{ style }}">{{ name }}</span>{% endfor %}</p>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ul>
{% for anchor, title in sections %}<li><a href="#{{ anchor }}">{{ title }}</a></li>
{% endfor %}</ul></nav>

<section id="flags"><h2>To check first</h2>
<div class="flags{% if not unused and not unsourced_count and not not_listed %} clear{% endif %}">
<p>{{ counts }}</p>
{% if unused %}<p><strong>Unused sources ({{ unused|length }}):</strong> {{ unused|join(", ") }}. Nothing in the data cites them: cite them where they support a statement, or remove them.</p>
{% else %}<p>No unused sources: every source in data/sources.csv is cited somewhere.</p>{% endif %}
{% if unsourced_count %}<p><strong>Rows without a source ({{ unsourced_count }}):</strong> listed under <a href="#unsourced">Rows that name no source</a>.</p>
{% else %}<p>No unsourced rows: every row with a source_ids column, and every item among sourced siblings in the YAML files, names a source.</p>{% endif %}
{% if not_listed %}<p><strong>Cited but missing from data/sources.csv:</strong> {{ not_listed|join(", ") }}.</p>{% endif %}
{% if noted %}<p><strong>Sources read through a copy, or with part of the citation unconfirmed ({{ noted|length }}):</strong> {{ noted|join(", ") }}.
Each says how in the column "How it was read (note)" under <a href="#sources">Sources</a>; the address given is always the original's, never the copy's.</p>{% endif %}
</div></section>

<section id="levels"><h2>The urgency levels</h2>
<p>A symptom is a red flag exactly when, on its own at its most dangerous stage, its level is urgent or above.
When the stage (week of pregnancy, or days after the birth) is not known, every stage rule applies as at its most dangerous stage.</p>
<div class="scroll">{{ tables.levels|safe }}</div></section>

<section id="symptoms"><h2>Symptoms</h2>
<p>"Level (own)" is the level in data/symptoms.csv. "Stage rules" are the rules whose only symptom is this one.
The "Level:" columns give the symptom's level on its own at each class of stages that the engine treats alike
({{ stage_count }} classes); a column names every week or day it stands for.</p>
<div class="scroll">{{ tables.symptoms|safe }}</div></section>

<section id="causes"><h2>Causes</h2>
<p>Seriousness: everyday, needs-review or dangerous. When a red flag is present, the dangerous causes it points to rank first.
"Only from week": the cause is not ranked before that week of pregnancy.</p>
<div class="scroll">{{ tables.causes|safe }}</div></section>

<section id="matrix"><h2>Symptom x cause matrix</h2>
<p>Each cell is the weight of the link from a symptom (row) to a cause (column), as a number:
{% for w, words in weight_key %}<strong>{{ w }}</strong> = {{ words }}{% if not loop.last %}, {% endif %}{% endfor %}.
An empty cell means no link. The blue shading repeats the number.</p>
<div class="scroll">{{ tables.matrix|safe }}</div></section>

<section id="rules"><h2>Combination rules</h2>
<p>Each rule raises the level above what its symptoms give on their own, at the stages and weeks shown.</p>
<div class="scroll">{{ tables.rules|safe }}</div></section>

<section id="advice"><h2>Advice</h2>
<p>The route comes first: at urgent or above, the route of the most urgent red flag or rule (where two at that level name
different places, the place listed first in data/destinations.csv); below urgent, the level's general route. No action
names a different place. An item with "Only with" is shown only when one of those symptoms is ticked. At urgent or above, only actions of exactly that level are shown,
plus safety-nets of a more urgent level; below urgent, actions up to the level.</p>
<div class="scroll">{{ tables.advice|safe }}</div></section>

<section id="vte"><h2>VTE risk factors (RCOG Green-top 37a)</h2>
<p>The points of Appendix III, the stages at which each factor is scored, and whether the guideline treats it as
transient: LMWH given because of a transient factor lasts while the factor lasts, then the assessment is repeated
(docs/vte-risk.md).</p>
<div class="scroll">{{ tables.vte|safe }}</div></section>

<section id="sources"><h2>Sources</h2>
<p>Where each source is cited, by file and row id, across data/*.csv, data/left_rule.yaml and data/lessons/*.yaml
(lesson rows are named by their place in the file, for example quiz[question_id].options[2]).
The link is the original's own address. Where the original could not be read, the note (outlined) names the copy
it was read through, only as the place where it was read; it also says which parts of a citation could not be confirmed.</p>
<div class="scroll">{{ tables.sources|safe }}</div></section>

<section id="unsourced"><h2>Rows that name no source</h2>
{% if unsourced_count %}<div class="scroll">{{ tables.unsourced|safe }}</div>
{% else %}<p>None.</p>{% endif %}</section>
</body>
</html>
"""

SECTIONS = [
    ("flags", "To check first"),
    ("levels", "The urgency levels"),
    ("symptoms", "Symptoms"),
    ("causes", "Causes"),
    ("matrix", "Symptom x cause matrix"),
    ("rules", "Combination rules"),
    ("advice", "Advice"),
    ("vte", "VTE risk factors"),
    ("sources", "Sources"),
    ("unsourced", "Rows that name no source"),
]


def build_pack(data_dir: Optional[Path] = None) -> tuple[str, dict[str, Any]]:
    """The review pack as HTML, and a summary (counts, unused sources, unsourced rows)."""
    course = load_course(data_dir)
    data_dir = course.data_dir
    uses, unsourced = scan_sources(data_dir)
    columns = stage_columns(course)
    sources, unused, not_listed = _sources_table(course, uses)
    stylers = {
        "levels": _levels_table(course),
        "symptoms": _symptoms_table(course, columns),
        "causes": _causes_table(course),
        "matrix": _matrix_table(course),
        "rules": _rules_table(course),
        "advice": _advice_table(course),
        "vte": _vte_factors_table(course),
        "sources": sources,
        "unsourced": _unsourced_table(unsourced),
    }
    summary = {
        "symptoms": len(course.symptoms),
        "causes": len(course.causes),
        "links": len(course.matrix),
        "rules": len(course.rules),
        "advice": len(course.advice),
        "sources": len(course.sources),
        "unused": unused,
        "unsourced": [f"{row.file} {row.row}" for row in unsourced.itertuples()],
        "not_listed": not_listed,
        "noted": read_with_a_note(course),
    }
    counts = (
        f"{summary['symptoms']} symptoms, {summary['causes']} causes, {summary['links']} links in the matrix, "
        f"{summary['rules']} rules, {summary['advice']} advice items, {summary['sources']} sources."
    )
    html = (
        Environment(autoescape=True)
        .from_string(PAGE)
        .render(
            fingerprint=data_fingerprint(data_dir),
            level_key=[(level_words(level), LEVEL_CSS[level_words(level)]) for level in LEVELS],
            weight_key=[(w, WEIGHT_WORDS[w]) for w in (1, 2, 3)],
            sections=SECTIONS,
            counts=counts,
            unused=unused,
            unsourced_count=len(unsourced),
            not_listed=not_listed,
            noted=summary["noted"],
            stage_count=len(columns),
            tables={name: styler.to_html() for name, styler in stylers.items()},
        )
    )
    return html, summary


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Write the clinical review pack (one self-contained HTML page).")
    parser.add_argument("--data", type=Path, default=None, help="the data folder (default: the course's data/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"where to write the page (default: {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    try:
        html, summary = build_pack(args.data)
    except DataError as exc:
        print(f"review pack: the data do not load: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(html, encoding="utf-8")
    print(
        f"Wrote {args.out}: {summary['symptoms']} symptoms, {summary['rules']} rules, {summary['advice']} advice items, "
        f"{summary['sources']} sources; {len(summary['unused'])} unused sources, {len(summary['unsourced'])} unsourced rows."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
