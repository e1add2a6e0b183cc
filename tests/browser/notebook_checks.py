"""Checks shared by the JupyterLab and Voila tests: the notebook's outputs, the interaction files and the quiz."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

import yaml

from browser_support.controls import ACTIONS
from browser_support.notebooks import WIDGET_MIME, code_sources, count_mime
from browser_support.settings import DATA, INTERACTIONS, STEP_TIMEOUT

NEEDS_VALUE = {"fill", "select", "radio"}


def stem(name: str) -> str:
    return Path(name).stem


# ---------------------------------------------------------------- the outputs of a run


def has_quiz(name: str) -> bool:
    return any("show_quiz(" in source for source in code_sources(name))


def widget_cells(cells: list[dict[str, Any]]) -> list[int]:
    """Code cells (by index) that show a widget other than the self-check."""
    found = []
    for cell in cells:
        if cell["type"] != "code" or "show_quiz(" in cell["source"]:
            continue
        if count_mime(cell["outputs"], WIDGET_MIME):
            found.append(cell["index"])
    return found


def error_outputs(cells: list[dict[str, Any]]) -> list[str]:
    problems = []
    for cell in cells:
        if cell["type"] != "code":
            continue
        first_line = cell["source"].strip().splitlines()[0] if cell["source"].strip() else ""
        if cell["execution_count"] is None:
            problems.append(f"cell {cell['index']} ({first_line}) did not run")
        for out in cell["outputs"]:
            if out.get("output_type") == "error":
                problems.append(f"cell {cell['index']} ({first_line}) raised {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {cell['index']} ({first_line}) wrote to stderr: {str(out.get('text'))[:300]}")
    return problems


# ---------------------------------------------------------------- the interaction files


def load_interactions(name: str) -> Optional[list[dict[str, Any]]]:
    """The steps of tests/browser/interactions/<stem>.yaml, checked; None when there is no file."""
    path = INTERACTIONS / f"{stem(name)}.yaml"
    if not path.is_file():
        return None
    where = f"tests/browser/interactions/{path.name}"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or not isinstance(spec.get("steps"), list) or not spec["steps"]:
        raise ValueError(f"{where}: expected a mapping with a non-empty 'steps' list")
    if spec.get("notebook") != name:
        raise ValueError(f"{where}: 'notebook' is {spec.get('notebook')!r}, expected {name!r}")
    for i, step in enumerate(spec["steps"]):
        if not isinstance(step, dict):
            raise ValueError(f"{where}: steps[{i}] is not a mapping")
        for key in ("control_label", "action", "expect_text"):
            if not isinstance(step.get(key), str) or not step[key].strip():
                raise ValueError(f"{where}: steps[{i}] needs a non-empty {key!r}")
        if step["action"] not in ACTIONS:
            raise ValueError(f"{where}: steps[{i}] action {step['action']!r} is not one of {sorted(ACTIONS)}")
        if step["action"] in NEEDS_VALUE and step.get("value") in (None, ""):
            raise ValueError(f"{where}: steps[{i}] ({step['action']}) needs a 'value'")
    return spec["steps"]


# ---------------------------------------------------------------- the quiz


def quiz_questions(name: str) -> list[dict[str, Any]]:
    """The lesson's questions, straight from its data file."""
    path = DATA / "lessons" / f"{stem(name)}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["quiz"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Narrow each self-check (as on a small screen or a zoomed projector) so that long answers wrap,
# then check that every answer's text lies to the right of its radio button, starting level with it:
# the button beside the answer, not below or above a wrapped answer.
RADIO_LAYOUT_JS = """
(box) => {
  const old = box.style.maxWidth;
  box.style.maxWidth = '520px';
  const problems = [];
  let wrapped = 0;
  for (const label of box.querySelectorAll('.widget-radio-box label')) {
    const radio = label.querySelector('input[type=radio]');
    if (!radio) { problems.push('no radio button in: ' + label.textContent.trim()); continue; }
    const button = radio.getBoundingClientRect();
    let left = Infinity, top = Infinity, lines = 0;
    const range = document.createRange();
    for (const node of label.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        left = Math.min(left, rect.left); top = Math.min(top, rect.top); lines += 1;
      }
    }
    if (lines > 1) wrapped += 1;
    if (left < button.right - 1 || Math.abs(button.top - top) > 12) {
      problems.push(label.textContent.trim().slice(0, 60) + ': text left ' + Math.round(left) + ', top ' + Math.round(top)
                    + '; button right ' + Math.round(button.right) + ', top ' + Math.round(button.top));
    }
  }
  box.style.maxWidth = old;
  return {problems, wrapped};
}
"""


def radio_layout_problems(root: Any) -> list[str]:
    """Answers whose text wraps above, below or under their radio button. Needs at least one wrapped answer."""
    problems = []
    boxes = root.locator(".legpain-quiz")
    wrapped = 0
    for i in range(boxes.count()):
        result = boxes.nth(i).evaluate(RADIO_LAYOUT_JS)
        problems += [f"answer not beside its radio button: {p}" for p in result["problems"]]
        wrapped += result["wrapped"]
    if boxes.count() and not wrapped:
        problems.append("no answer wrapped at 520px, so the layout of long answers was not checked")
    return problems


def answer_quiz(root: Any, name: str) -> list[str]:
    """Check the layout, then answer every question twice, wrong then right, and read the feedback. Returns problems."""
    questions = quiz_questions(name)
    shown = root.locator(".legpain-quiz-question")
    if shown.count() != len(questions):
        return [f"{shown.count()} questions on screen, {len(questions)} in data/lessons/{stem(name)}.yaml"]
    problems = radio_layout_problems(root)
    for i, question in enumerate(questions):
        box = shown.nth(i)
        box.scroll_into_view_if_needed()
        if _squash(question["prompt"]) not in _squash(box.inner_text()):
            problems.append(f"question {i + 1}: prompt {question['prompt']!r} not shown")
            continue
        right = next(o for o in question["options"] if o.get("correct"))
        # A safe over-triage is answered "Safe, but not the best answer.": pick a plainly wrong one.
        wrong = next(o for o in question["options"] if not o.get("correct") and not o.get("safe"))
        feedback = box.locator(".legpain-output")
        for option, expected in ((wrong, "Not quite."), (right, "Correct.")):
            label = box.locator(".widget-radio-box label").filter(has_text=re.compile(r"^\s*" + re.escape(_squash(option["text"])) + r"\s*$"))
            if label.count() != 1:
                problems.append(f"question {i + 1}: answer {option['text']!r} found {label.count()} times")
                break
            try:
                label.locator("input[type=radio]").check(timeout=5_000)
            except Exception as exc:
                covered = "intercepts pointer events" in str(exc)
                problems.append(
                    f"question {i + 1}: the answer {option['text']!r} cannot be chosen with the mouse"
                    + (": another answer's label lies over it (a long answer wraps onto the next one)" if covered else f": {str(exc).splitlines()[0]}")
                )
                break
            box.get_by_role("button", name="Check", exact=True).click()
            try:
                # The feedback starts with its verdict (after a symbol): match the start, case and all.
                verdict = re.compile(r"^\W*" + re.escape(expected))
                feedback.locator(".legpain-message").filter(has_text=verdict).wait_for(state="visible", timeout=STEP_TIMEOUT)
            except Exception:
                problems.append(f"question {i + 1}: after choosing {option['text']!r} and Check, "
                                f"expected {expected!r}; saw {feedback.inner_text()[:200]!r}")
    return problems
