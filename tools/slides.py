"""A reveal.js slide deck for every lesson, for a projector, that works with no internet connection.

    python -m tools.slides                      # (make slides) build/slides/NN_*.slides.html
    python -m tools.slides --no-execute         # use the stored outputs only (faster; no figures
                                                # that live inside widgets)
    python -m tools.slides notebooks notebooks/06_clots_and_inflamed_veins.ipynb

Each deck has the lesson's title, its questions and objectives, one slide per figure (with the
figure's summary in words) and its key points, on a 1280 x 720 canvas in large, high-contrast
type. The lesson's instructor notes become the speaker notes (press S). Solutions are left out.

Figures come from the lesson itself: each lesson is run from a fresh kernel, and its plotly
figures are taken from its outputs, and from the figure widgets inside its interactive panels
(as they first appear). Nothing is fetched from the internet when a deck is shown: reveal.js (from
npm, pinned, installed into build/reveal by ``make slides``) and plotly.js (from the plotly Python
package) are copied into ``build/slides/lib/`` beside the decks, so the folder can be copied to
a classroom computer as it is.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from jinja2 import Environment, FileSystemLoader, select_autoescape

from legpain.html_output import html_text
from tools.notebook_versions import hidden_kind, lesson_paths
from tools.progress import progress

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
REVEAL_VERSION = "5.2.1"  # keep in step with REVEAL_JS in the Makefile
DEFAULT_REVEAL = ROOT / "build" / "reveal" / "node_modules" / "reveal.js"

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

# The slide canvas (reveal.js scales it to the screen) and the space a figure gets on it.
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
FIGURE_WIDTH, FIGURE_HEIGHT = 1180, 500
FIGURE_FONT, MIN_FIGURE_FONT = 20, 20  # figure text on a slide: never under 20px, readable from the back row
ROW_PX = 32  # a one-line row name of a heatmap on a slide
UPRIGHT_CHAR_PX = 11  # an upright 20px column name, per character
EXAMPLE_FIGURE_HEIGHT = 330  # the chart of a worked example, under its banner
# A slide of bullets holds about this many lines of text at the deck's type size.
LINE_CHARS, SLIDE_LINES, MAX_ITEMS = 58, 8, 4

REVEAL_FILES = [
    "LICENSE",
    "dist/reset.css",
    "dist/reveal.css",
    "dist/reveal.js",
    "dist/theme/white-contrast.css",
    "dist/theme/fonts/source-sans-pro",
    "plugin/notes/notes.js",
]


class SlidesError(RuntimeError):
    """The decks cannot be built (reveal.js missing, or a lesson without a title)."""


# ---------------------------------------------------------------- reading a lesson


@dataclass
class Figure:
    heading: str
    spec: dict[str, Any]
    summary: str = ""
    banner: str = ""  # a worked example: the banner's HTML (made by the course's templates)
    intro: str = ""  # a worked example: what was chosen, in words


@dataclass
class Lesson:
    name: str
    title: str
    time_to_learn: str = ""
    questions: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    notes: str = ""


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _list_after(markdown: str, heading: str) -> list[str]:
    """The bullet items that follow a heading line (``### Questions`` or ``**Questions**``)."""
    match = re.search(rf"^(?:#+\s*{heading}|\*\*{heading}\*\*)\s*$", markdown, re.M | re.I)
    if not match:
        return []
    items: list[str] = []
    for line in markdown[match.end():].lstrip("\n").splitlines():
        if re.match(r"^\s*[-*]\s+", line):
            items.append(re.sub(r"^\s*[-*]\s+", "", line).strip())
        elif line.startswith("  ") and items and line.strip():
            items[-1] += " " + line.strip()
        else:
            break
    return items


def _plain(markup: str) -> str:
    """The words of an HTML output, on one line."""
    return " ".join(html_text(markup).splitlines())


def _has_points(spec: dict[str, Any]) -> bool:
    for trace in spec.get("data") or []:
        for key in ("x", "y", "z", "values", "lat", "r"):
            values = trace.get(key)
            if isinstance(values, (list, tuple)) and len(values) > 0:
                return True
    return False


def _widget_figures(model_id: str, state: dict[str, Any], seen: set[str]) -> list[dict[str, Any]]:
    """The plotly figure widgets inside a widget tree, in the order they are drawn."""
    if model_id in seen or model_id not in state:
        return []
    seen.add(model_id)
    model = state[model_id].get("state", {})
    found = []
    if "_widget_data" in model and "_widget_layout" in model:  # plotly's FigureWidget
        found.append({"data": model["_widget_data"], "layout": model["_widget_layout"], "config": model.get("_config") or {}})
    for child in model.get("children") or []:
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            found += _widget_figures(child[len("IPY_MODEL_"):], state, seen)
    return found


def read_lesson(nb: dict[str, Any], name: str) -> Lesson:
    """What a deck needs from a (run) lesson: its words, its figures and its instructor notes."""
    cells = nb.get("cells", [])
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    visible = [c for c in cells if hidden_kind(c) is None]
    markdown = "\n\n".join(_source(c) for c in visible if c.get("cell_type") == "markdown")
    title = re.search(r"^#\s+(.+)$", markdown, re.M)
    if not title:
        raise SlidesError(f"{name}: no title (a first-level heading '# ...')")
    time_line = re.search(r"\*\*Time to learn:\*\*\s*([^·\n]+)", markdown)
    lesson = Lesson(
        name=name,
        title=title.group(1).strip(),
        time_to_learn=time_line.group(1).strip() if time_line else "",
        questions=_list_after(markdown, "Questions"),
        objectives=_list_after(markdown, "Objectives"),
        key_points=_list_after(markdown, "Key points"),
        notes="\n\n".join(_source(c) for c in cells if hidden_kind(c) == "instructor"),
    )
    heading = lesson.title
    headings = [heading]
    seen: set[str] = set()
    for cell in visible:
        if cell.get("cell_type") == "markdown":
            for match in re.finditer(r"^#{2,3}\s+(.+)$", _source(cell), re.M):
                heading = match.group(1).strip()
                headings.append(heading)
            continue
        if cell.get("cell_type") != "code":
            continue
        outputs = cell.get("outputs", [])
        # A figure's summary is the HTML output shown after it. A widget's stored HTML (its still
        # picture before Run All) may quote a summary too; that one is not a summary to count here.
        summaries = [
            _plain(_text(o.get("data", {}).get("text/html")))
            for o in outputs
            if WIDGET_MIME not in o.get("data", {}) and "legpain-figure-summary" in _text(o.get("data", {}).get("text/html"))
        ]
        specs = [o["data"][PLOTLY_MIME] for o in outputs if PLOTLY_MIME in o.get("data", {})]
        for output in outputs:
            view = output.get("data", {}).get(WIDGET_MIME)
            if view:
                specs += _widget_figures(view.get("model_id", ""), state, seen)
        for index, spec in enumerate(s for s in specs if _has_points(s)):
            summary = re.sub(r"^In words:\s*", "", summaries[index] if index < len(summaries) else "")
            parts = split_tall_heatmap(spec)
            if len(parts) == 1:
                parts = split_tall_rows(spec)
            for number, part in enumerate(parts, 1):
                label = heading if len(parts) == 1 else f"{heading} ({number} of {len(parts)})"
                lesson.figures.append(Figure(label, part, summary if number == 1 or len(parts) == 1 else ""))
    add_worked_example(lesson, headings)
    return lesson


def _one_line(label: Any, chars: int = 42) -> str:
    """A row name on one line, shortened to about ``chars`` characters (its bold and warning sign kept)."""
    text = str(label)
    bold = text.startswith("<b>")
    words = html.unescape(re.sub(r"<[^>]+>", "", text.replace("<br>", " ")))
    words = " ".join(words.replace("\u00a0", " ").split())
    if len(words) > chars:
        # keep the bracketed level at the end, shorten the symptom before it
        tail = re.search(r"\s(\([^()]*\))$", words)
        end = tail.group(1) if tail else ""
        head = words[: len(words) - len(end)].strip() if end else words
        room = max(10, chars - len(end) - 1)
        head = head if len(head) <= room else head[: room - 1].rsplit(" ", 1)[0].rstrip(",;") + " …"
        words = f"{head} {end}".strip()
    escaped = html.escape(words, quote=False)
    return f"<b>{escaped}</b>" if bold else escaped


def split_tall_heatmap(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """A heatmap far taller than a slide, cut into runs of rows that each fit one slide.

    On a slide every row name is one line (shortened if need be), every row is ROW_PX high, and
    the column names stand upright above the rows only (the slide is short enough to need no copy
    below). The slide's heading names the figure, so the parts carry no title of their own. Any
    other figure is returned whole.
    """
    layout = spec.get("layout") or {}
    data = spec.get("data") or []
    height = layout.get("height") or 450
    heatmaps = [t for t in data if t.get("type") == "heatmap"]
    if height <= 1.5 * FIGURE_HEIGHT or len(heatmaps) != 1:
        return [spec]
    trace = heatmaps[0]
    z = trace.get("z")
    if not isinstance(z, list) or len(z) < 2:
        return [spec]
    rows = len(z)
    columns = [html.unescape(re.sub(r"<[^>]+>", "", str(t))) for t in ((layout.get("xaxis") or {}).get("ticktext") or [])]
    band = UPRIGHT_CHAR_PX * max((len(c) for c in columns), default=8) + 40
    per_slide = max(2, int((FIGURE_HEIGHT - band - 20) // ROW_PX))
    count = -(-rows // per_slide)
    size = -(-rows // count)
    parts = []
    for start in range(0, rows, size):
        stop = min(rows, start + size)
        part_trace = dict(trace)
        for key in ("z", "y", "text", "hovertext", "customdata"):
            if isinstance(trace.get(key), list) and len(trace[key]) == rows:
                part_trace[key] = trace[key][start:stop]
        part_layout = copy.deepcopy(layout)
        part_layout.pop("shapes", None)  # highlights belong to the rows of the whole figure
        part_layout.pop("xaxis2", None)  # the names below the matrix: not needed on a slide this short
        part_layout["title"] = {**(part_layout.get("title") or {}), "text": ""}
        part_layout["margin"] = {**(part_layout.get("margin") or {}), "t": 10, "b": 10}
        yaxis = part_layout.get("yaxis") or {}
        ys = part_trace.get("y")
        if isinstance(ys, list) and isinstance(yaxis.get("tickvals"), list):
            pairs = [(v, t) for v, t in zip(yaxis["tickvals"], yaxis.get("ticktext") or yaxis["tickvals"]) if v in ys]
            yaxis = {**yaxis, "tickvals": [v for v, _ in pairs], "ticktext": [_one_line(t) for _, t in pairs]}
        yaxis.pop("range", None)  # the whole matrix's rows: each part fits its own, first row at the top
        yaxis["autorange"] = "reversed"
        part_layout["yaxis"] = yaxis
        part_layout["height"] = round(band + 20 + ROW_PX * (stop - start))
        parts.append({**spec, "data": [part_trace], "layout": part_layout, "legpain_part": True})
    return parts


def _categories(spec: dict[str, Any]) -> list[Any]:
    """The y categories of a chart whose every trace is placed on named rows, in the order shown."""
    layout = spec.get("layout") or {}
    order = [axis.get("categoryarray") for key, axis in layout.items() if re.fullmatch(r"yaxis\d*", key) and isinstance(axis, dict)]
    given = next((list(o) for o in order if isinstance(o, list) and o), None)
    seen: list[Any] = []
    for trace in spec.get("data") or []:
        ys = trace.get("y")
        if not isinstance(ys, list) or not all(isinstance(y, str) for y in ys):
            return []
        seen += [y for y in ys if y not in seen]
    if given is not None and set(seen) <= set(given):
        return [y for y in given if y in seen]
    return seen


def split_tall_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """A chart of named rows (bars or points, one row per name) too tall for a slide at 20px, cut
    into runs of rows that each fit, every point kept once. Any other figure is returned whole."""
    layout = spec.get("layout") or {}
    height = layout.get("height") or 450
    names = _categories(spec)
    if height <= FIGURE_HEIGHT or len(names) < 2:
        return [spec]
    margin = layout.get("margin") or {}
    fixed = (margin.get("t", 80) or 0) + (margin.get("b", 80) or 0)
    lines = max(str(n).count("<br>") + 1 for n in names)
    per_row = max((height - fixed) / len(names), 14 + FIGURE_FONT * 1.35 * lines)
    per_slide = max(2, int((FIGURE_HEIGHT - fixed) // per_row))
    if per_slide >= len(names):
        return [spec]
    count = -(-len(names) // per_slide)
    size = -(-len(names) // count)
    parts = []
    for start in range(0, len(names), size):
        chunk = names[start:start + size]
        data = []
        for trace in spec.get("data") or []:
            keep = [i for i, y in enumerate(trace["y"]) if y in chunk]
            part = dict(trace)
            for key, values in trace.items():
                if isinstance(values, list) and len(values) == len(trace["y"]):
                    part[key] = [values[i] for i in keep]
            marker = trace.get("marker")
            if isinstance(marker, dict):
                part["marker"] = {k: ([v[i] for i in keep] if isinstance(v, list) and len(v) == len(trace["y"]) else v) for k, v in marker.items()}
            data.append(part)
        part_layout = copy.deepcopy(layout)
        for key in [k for k in part_layout if re.fullmatch(r"yaxis\d*", k)]:
            if isinstance(part_layout[key], dict) and isinstance(part_layout[key].get("categoryarray"), list):
                part_layout[key]["categoryarray"] = [y for y in part_layout[key]["categoryarray"] if y in chunk]
        part_layout["height"] = round(fixed + per_row * len(chunk))
        # Notes placed under the plot (paper y below 0) keep their distance from it in pixels.
        old_plot, new_plot = height - fixed, part_layout["height"] - fixed
        for note in part_layout.get("annotations") or []:
            if note.get("yref") == "paper" and isinstance(note.get("y"), (int, float)) and note["y"] < 0 and new_plot > 0:
                note["y"] = note["y"] * old_plot / new_plot
        parts.append({**spec, "data": data, "layout": part_layout, "legpain_part": True})
    return parts


# ---------------------------------------------------------------- a worked example (a widget's still picture)


def checker_banner_html(result: Any, course: Any) -> str:
    """The banner the notebook's checker shows for an assessment (``legpain.triage.Assessment``): the
    level, then "What to do first:" and the route (the first advice item), without the lists under it,
    since the slide shows the likely causes as a chart. Made by the checker's own function and
    template, so the slide and the notebook cannot differ."""
    from dataclasses import replace

    from legpain.explorer.checker import assessment_view_html

    return assessment_view_html(replace(result, red_flags=[], reasons=[], causes=[], advice=result.advice[:1]), course)


def worked_example(name: str) -> Optional[tuple[str, Figure]]:
    """The worked example a lesson file gives for a slide (``slides.checker_example``), if any:
    the heading it belongs under and its figure (the checker's banner with the level and the route,
    what was ticked, likely causes)."""
    from legpain.content import load_course
    from legpain.content.lessons.slides import load_checker_example
    from legpain.explorer.checker import bar_view
    from legpain.figures.matrix import bar_figure
    from legpain.triage import assess

    course = load_course()
    stem = name.removesuffix(".ipynb")
    if stem not in course.lessons:
        return None
    example = load_checker_example(stem, course)
    if example is None:
        return None
    symptoms, weeks = example.symptoms, example.weeks
    result = assess(symptoms, weeks=weeks, course=course)
    fig = bar_figure(bar_view(result.causes, result.scores, course))
    fig.update_layout(title={"text": ""}, height=EXAMPLE_FIGURE_HEIGHT, margin={"t": 10})
    spec = json.loads(fig.to_json())
    stage = f"at week {weeks} of pregnancy" if weeks is not None else "stage not known"
    ticked = "; ".join(course.symptoms[s].label for s in symptoms)
    figure = Figure(
        heading=f"{example.heading}: a worked example",
        spec=spec,
        summary="",
        banner=checker_banner_html(result, course),
        intro=f"Ticked, {stage}: {ticked}.",
    )
    return example.heading, figure


def add_worked_example(lesson: Lesson, headings: list[str]) -> None:
    """Put the lesson's worked example, if it has one, among its figures, under its heading."""
    found = worked_example(lesson.name)
    if found is None:
        return
    heading, figure = found
    if heading not in headings:
        raise SlidesError(f"{lesson.name}: the worked example's heading '{heading}' is not a heading of the lesson")
    order = {h: i for i, h in enumerate(headings)}
    at = next((i for i, f in enumerate(lesson.figures) if order.get(re.sub(r" \(\d+ of \d+\)$", "", f.heading), -1) > order[heading]),
              len(lesson.figures))
    lesson.figures.insert(at, figure)


# ---------------------------------------------------------------- a figure for the projector


SUMMARY_LINE_CHARS, SUMMARY_LINE_PX, SUMMARY_FREE_LINES = 95, 29, 2


def summary_room(summary: str) -> int:
    """The pixels a figure gives up on its slide for a summary longer than SUMMARY_FREE_LINES lines."""
    lines = -(-len(summary) // SUMMARY_LINE_CHARS) if summary else 0
    return max(0, lines - SUMMARY_FREE_LINES) * SUMMARY_LINE_PX


def slide_figure(spec: dict[str, Any], height: Optional[int] = None, room: int = FIGURE_HEIGHT) -> dict[str, Any]:
    """The figure at the slide's width, with its text at FIGURE_FONT (20px) or more.

    A figure keeps its own height when it is shorter than the slide's figure space (a part of a
    split heatmap or chart, a worked example's chart); any other is drawn as high as the space
    left beside its summary (``room``, at most FIGURE_HEIGHT).
    """
    layout = copy.deepcopy(spec.get("layout") or {})
    layout.pop("template", None)
    own = layout.get("height") or 450
    height = height or (min(own, room) if spec.get("legpain_part") else room)
    font = FIGURE_FONT
    layout.update(width=FIGURE_WIDTH, height=height, autosize=False)
    layout["font"] = {**(layout.get("font") or {}), "size": max(font, (layout.get("font") or {}).get("size") or font)}
    for key in [k for k in layout if re.fullmatch(r"[xy]axis\d*", k)]:
        axis = layout[key] or {}
        tickfont = axis.get("tickfont") or {}
        layout[key] = {**axis, "automargin": True, **({"tickfont": {**tickfont, "size": max(MIN_FIGURE_FONT, tickfont["size"])}}
                                                       if isinstance(tickfont.get("size"), (int, float)) else {})}
    title = layout.get("title")
    if isinstance(title, dict):
        layout["title"] = {**title, "font": {**(title.get("font") or {}), "size": font + 4}}
    for annotation in layout.get("annotations") or []:
        size = (annotation.get("font") or {}).get("size")
        if isinstance(size, (int, float)) and size < MIN_FIGURE_FONT:
            annotation["font"] = {**annotation["font"], "size": MIN_FIGURE_FONT}
    data = copy.deepcopy(spec.get("data") or [])
    for trace in data:  # text drawn inside the plot (cell numbers, bar labels): never under 20px
        size = (trace.get("textfont") or {}).get("size")
        if isinstance(size, (int, float)) and size < MIN_FIGURE_FONT:
            trace["textfont"] = {**trace["textfont"], "size": MIN_FIGURE_FONT}
    config = {**(spec.get("config") or {}), "displayModeBar": False, "displaylogo": False, "responsive": False}
    return {"data": data, "layout": layout, "config": config}


# ---------------------------------------------------------------- writing a deck

def _link(match: "re.Match[str]") -> str:
    text, href = match.group(1), match.group(2)
    if not re.match(r"^(https?://|[\w./#-]+$)", href):
        return match.group(0)  # not a link this deck can follow: leave the text as it is
    href = re.sub(r"^(\d\d_[^/]+)\.ipynb(#.*)?$", r"\1.slides.html\2", href)  # a lesson: its deck
    return f'<a href="{href}">{text}</a>'


def inline_html(text: str) -> str:
    """A line of the lessons' markdown as HTML: the text is escaped first, so any HTML in it
    shows as text; then **bold**, *italic*, `code` and [links](...) are marked up."""
    out = html.escape(text, quote=True)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?![\s*])(.+?)(?<![\s*])\*(?![*\w])", r"<em>\1</em>", out)
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", _link, out)


def markdown_html(text: str) -> str:
    """Paragraphs and bullet lists of markdown as HTML (enough for instructor notes)."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{inline_html(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.strip().splitlines():
        bullet = re.match(r"^\s*[-*]\s+(.*)$", line)
        if not line.strip():
            flush()
        elif bullet:
            if paragraph:
                flush()
            items.append(bullet.group(1).strip())
        elif items and line.startswith("  "):
            items[-1] += " " + line.strip()
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return "\n".join(out)


def chunks(items: list[str]) -> list[list[str]]:
    """Bullets split into slides that fit: at most MAX_ITEMS, and about SLIDE_LINES lines of text."""
    out: list[list[str]] = []
    current: list[str] = []
    lines = 0
    for item in items:
        need = max(1, -(-len(re.sub(r"[*_`]", "", item)) // LINE_CHARS))
        if current and (len(current) >= MAX_ITEMS or lines + need > SLIDE_LINES):
            out.append(current)
            current, lines = [], 0
        current.append(item)
        lines += need
    if current:
        out.append(current)
    return out


def _notes_html(notes: str) -> str:
    stripped = re.sub(r"</?details[^>]*>|<summary>.*?</summary>", "", notes, flags=re.S)
    return markdown_html(stripped)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["inline"] = inline_html
    return env


def render_deck(lesson: Lesson, lib: str = "lib") -> str:
    bullets = []
    for heading, items in (("Questions", lesson.questions), ("Objectives", lesson.objectives), ("Key points", lesson.key_points)):
        parts = chunks(items)
        for number, part in enumerate(parts, 1):
            label = heading if len(parts) == 1 else f"{heading} ({number} of {len(parts)})"
            bullets.append({"kind": heading, "heading": label, "items": part})
    figures = [
        {"id": f"figure-{n}", "heading": f.heading, "summary": f.summary, "banner": f.banner, "intro": f.intro,
         "spec": slide_figure(f.spec, EXAMPLE_FIGURE_HEIGHT if f.banner else None),
         # A summary too long to sit under the figure gets a slide of its own, straight after it.
         "summary_slide": summary_room(f.summary) > 0}
        for n, f in enumerate(lesson.figures, 1)
    ]
    template = _environment().get_template("deck.html.j2")
    return template.render(
        lesson=lesson,
        lib=lib,
        opening=[b for b in bullets if b["kind"] != "Key points"],
        closing=[b for b in bullets if b["kind"] == "Key points"],
        figures=figures,
        notes=_notes_html(lesson.notes) if lesson.notes.strip() else "",
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
    )


# ---------------------------------------------------------------- the bundled libraries


def check_reveal(reveal: Path) -> None:
    package = reveal / "package.json"
    if not package.is_file():
        raise SlidesError(
            f"reveal.js is not installed at {reveal}: `make slides` installs reveal.js {REVEAL_VERSION} from npm "
            "into build/reveal (it needs npm once; after that the decks work offline)"
        )
    version = json.loads(package.read_text(encoding="utf-8")).get("version")
    if version != REVEAL_VERSION:
        raise SlidesError(f"reveal.js {version} found at {reveal}, but the decks are made for {REVEAL_VERSION}: run `make slides-deps`")


def copy_libraries(reveal: Path, lib: Path) -> None:
    """reveal.js, plotly.js and the deck's own style and script, beside the decks."""
    check_reveal(reveal)
    for name in REVEAL_FILES:
        source = reveal / name
        target = lib / "reveal" / name.replace("dist/", "", 1)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    from plotly.offline import get_plotlyjs

    (lib / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
    for name in ("legpain-slides.css", "legpain-slides.js"):
        shutil.copy2(TEMPLATES / name, lib / name)


# ---------------------------------------------------------------- running a lesson


def run_lesson(path: Path, timeout: int = 300) -> dict[str, Any]:
    """The lesson run from a fresh kernel, with the state of its widgets (for the figures inside them)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    os.environ["LEGPAIN_PROGRESS"] = "off"  # never add to a student's progress file (legpain.progress.store)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    client.execute()
    return nb


def build_decks(
    sources: Iterable[Path],
    out: Path,
    reveal: Path = DEFAULT_REVEAL,
    execute: bool = True,
    stream: Any = None,
) -> list[Path]:
    """Write one deck per lesson into ``out`` (and the libraries into ``out/lib``); return the decks."""
    stream = stream or sys.stdout
    sources = list(sources)
    check_reveal(reveal)
    out.mkdir(parents=True, exist_ok=True)
    copy_libraries(reveal, out / "lib")
    written = []
    verb = "Running the lessons and writing their slides" if execute else "Writing the slides"
    for path in progress(sources, verb, lambda p: p.name, stream):
        nb = run_lesson(path) if execute else json.loads(path.read_text(encoding="utf-8"))
        lesson = read_lesson(nb, path.name)
        target = out / f"{path.stem}.slides.html"
        target.write_text(render_deck(lesson), encoding="utf-8")
        written.append(target)
    return written


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build a reveal.js slide deck for every lesson.")
    parser.add_argument("folder", nargs="?", default=str(ROOT / "notebooks"), help="where the lessons are (default: notebooks)")
    parser.add_argument("lessons", nargs="*", help="only these lesson files (default: every NN_*.ipynb in the folder)")
    parser.add_argument("--out", default=str(ROOT / "build" / "slides"), help="output folder (default: build/slides)")
    parser.add_argument("--reveal", default=str(DEFAULT_REVEAL), help="the reveal.js package folder (from npm)")
    parser.add_argument("--no-execute", action="store_true", help="use the stored outputs instead of running each lesson")
    args = parser.parse_args(argv)
    sources = [Path(p) for p in args.lessons] or lesson_paths(Path(args.folder))
    if not sources:
        print(f"no lessons (NN_*.ipynb) found in {args.folder}", file=sys.stderr)
        return 2
    try:
        build_decks(sources, Path(args.out), Path(args.reveal), execute=not args.no_execute)
    except SlidesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
