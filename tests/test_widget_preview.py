"""Before Run All, a widget's stored HTML is the instruction and a still picture of its first state."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from legpain.figures.figure_widget import quick_figure_widget
from legpain.widgets import widget_bundle
from legpain.widgets.preview import preview_html

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"
CONTROLS = {"input", "select", "button", "textarea"}


class _Controls(HTMLParser):
    """Every form control in an HTML fragment, with its attributes, and the text outside styles."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[tuple[str, dict[str, Any]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        if tag in CONTROLS:
            self.controls.append((tag, dict(attrs)))
        self._in_style = self._in_style or tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def _read(html: str) -> _Controls:
    parser = _Controls()
    parser.feed(html)
    return parser


def _panel() -> widgets.VBox:
    hidden = widgets.HTML("<p>Hidden note</p>", layout=widgets.Layout(display="none"))
    figure = quick_figure_widget([{"type": "bar", "x": [1], "y": [2]}], {"title": {"text": "Calf <b>size</b><br>by week"}})
    return widgets.VBox([
        widgets.HTML("<style>.x { color: red }</style><p>Measure both calves.</p>"),
        widgets.Checkbox(value=True, description="Swollen calf"),
        widgets.RadioButtons(options=["Yes", "No"], value="No", description="Left leg?"),
        widgets.HBox([widgets.Dropdown(options=[("Not known", "unknown"), ("Pregnant", "weeks")], value="unknown", description="Stage"),
                      widgets.Text(value="", placeholder="e.g. 28", description="Week")]),
        widgets.IntText(value=5, description="Women with PGP"),
        widgets.Textarea(placeholder="Situation", description="S"),
        widgets.Button(description="Check"),
        widgets.ToggleButton(description="High contrast"),
        hidden,
        figure,
    ])


def test_every_control_is_drawn_greyed_out_in_its_first_state():
    page = _read(preview_html(_panel(), "Run the notebook to use this calculator."))
    kinds = [tag for tag, _ in page.controls]
    assert kinds.count("input") == 2 + 1 + 1 + 1  # two radios, the tick box, the week, the count
    assert {"select", "button", "textarea"} <= set(kinds) and kinds.count("button") == 2
    assert all("disabled" in attrs for _, attrs in page.controls), page.controls
    inputs = [attrs for tag, attrs in page.controls if tag == "input"]
    assert [a.get("type") for a in inputs] == ["checkbox", "radio", "radio", "text", "text"]
    assert "checked" in inputs[0] and "checked" not in inputs[1] and "checked" in inputs[2]  # ticked; "No" chosen
    assert inputs[3]["placeholder"] == "e.g. 28" and inputs[4]["value"] == "5"
    words = " ".join(" ".join(page.text).split())
    for label in ("Measure both calves.", "Swollen calf", "Left leg?", "Stage", "Not known", "Week", "Women with PGP", "Check", "High contrast"):
        assert label in words
    assert "Pregnant" not in words, "only the chosen menu item is shown"
    assert "Hidden note" not in words and "color: red" not in words
    assert "Chart: Calf size by week. It is drawn when the notebook runs." in words


def test_the_instruction_comes_first():
    page = _read(preview_html(_panel(), "Run the notebook to use this calculator."))
    assert "".join(page.text).strip().startswith("Run the notebook to use this calculator.")


def test_labels_are_escaped():
    html = preview_html(widgets.VBox([widgets.Checkbox(description="<img src=x onerror=alert(1)>")]), "<b>Run</b> it")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;Run&lt;/b&gt;" in html


def test_the_bundle_keeps_the_live_widget_and_the_instruction():
    bundle = widget_bundle(_panel(), "Run the notebook to use this calculator.")
    assert WIDGET in bundle and bundle["text/plain"] == "Run the notebook to use this calculator."
    assert "Swollen calf" in bundle["text/html"]


def _stored_widget_outputs(path: Path) -> list[dict[str, Any]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [out["data"] for cell in cells if cell["cell_type"] == "code" for out in cell.get("outputs", []) if WIDGET in out.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_widgets_show_the_instruction_then_their_first_state(path):
    shown = [data for data in _stored_widget_outputs(path) if data.get("text/plain")]
    assert shown, f"{path.name} stores no widget a student can see"
    for data in shown:
        page = _read("".join(data.get("text/html", "")))
        instruction = "".join(data["text/plain"])
        assert " ".join("".join(page.text).split()).startswith(instruction), f"{path.name}: {instruction[:60]!r} is not first"
        assert page.controls, f"{path.name}: {instruction[:60]!r} shows no controls"
        assert all("disabled" in attrs for _, attrs in page.controls), f"{path.name}: a control is not greyed out"
