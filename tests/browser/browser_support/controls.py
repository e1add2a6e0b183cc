"""Doing what a student does to one widget control, found by its visible label, and seeing the result."""

from __future__ import annotations

import re
import time
from typing import Any, Optional

from .scripts import script
from .settings import STEP_TIMEOUT

BUTTONS = "button.jupyter-button, button.widget-button, button.widget-toggle-button"
VIEWS = ".jupyter-widgets.widget-inline-hbox, .widget-radio, .widget-checkbox"
ACTIONS = ("fill", "select", "radio", "check", "click")


def exact(text: str) -> "re.Pattern[str]":
    """A pattern for this text, and nothing more, give or take white space around it."""
    return re.compile(r"^\s*" + re.escape(text.strip()) + r"\s*$")


def _one_visible(locator: Any, label: str, what: str, timeout_ms: int = STEP_TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout_ms / 1000
    while True:  # widgets draw after their cell has run: wait for them, up to the step timeout
        visible = [i for i in range(locator.count()) if locator.nth(i).is_visible()]
        if visible or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if not visible:
        raise LookupError(f"no visible {what} with the label {label!r}")
    if len(visible) > 1:
        raise LookupError(f"{len(visible)} visible {what}s have the label {label!r}; labels must be unique in a notebook")
    return locator.nth(visible[0])


def find_control(scope: Any, label: str) -> Any:
    """The one visible ipywidgets view whose description label reads exactly ``label``.

    ipywidgets 8 draws ``description`` as ``<label class="widget-label">`` beside the
    control (linked with ``for=`` only for text boxes and drop-downs), so we find the
    label by its text and take its widget; check boxes carry their description in a
    ``<label class="widget-label-basic">`` that wraps the box.
    """
    # Inner locators for has= are matched inside each candidate, so they start from the page.
    labels = scope.page.locator(":scope > label.widget-label, :scope > label.widget-label-basic").filter(has_text=exact(label))
    return _one_visible(scope.locator(VIEWS).filter(has=labels), label, "control")


def find_button(scope: Any, label: str) -> Any:
    return _one_visible(scope.locator(BUTTONS).filter(has_text=exact(label)), label, "button")


def perform(scope: Any, action: str, label: str, value: Any = None) -> None:
    """Do what a student does to one control, found by its visible label."""
    if action == "click":
        find_button(scope, label).click()
        return
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    container = find_control(scope, label)
    if action == "check":
        box = container.locator("input[type=checkbox]")
        if value is None or str(value).strip().lower() in {"true", "yes", "1", "on"}:
            box.check()
        else:
            box.uncheck()
    elif action == "select":
        container.locator("select").select_option(label=str(value))
    elif action == "radio":
        option = container.locator(".widget-radio-box label").filter(has_text=exact(str(value)))
        _one_visible(option, str(value), "radio option").locator("input[type=radio]").check()
    else:  # fill
        box = container.locator("input, textarea").first
        box.fill(str(value))
        box.press("Enter")
        box.blur()


def count_text(scope: Any, text: str) -> int:
    """How many times ``text`` is visible in ``scope`` (hidden elements do not count)."""
    return scope.evaluate(script("count_text"), text)


def output_text_near(scope: Any, label: str, action: str) -> Optional[str]:
    """The visible output text of the widget tree around a control (not the controls themselves)."""
    try:
        target = find_button(scope, label) if action == "click" else find_control(scope, label)
    except LookupError:
        return None
    return target.evaluate(script("output_text_near"))


def do_step(scope: Any, step: dict[str, Any], timeout_ms: int = STEP_TIMEOUT) -> None:
    """Perform one step and wait until its expected text has appeared in what the student sees.

    The text counts as appeared when it is visible more times than before the action, or
    when it is in the widget's output and that output changed (a text already on screen
    is not proof that the action did anything).
    """
    label, action, expect = step["control_label"], step["action"], step["expect_text"]
    before_count = count_text(scope, expect)
    before_output = output_text_near(scope, label, action)
    perform(scope, action, label, step.get("value"))
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        now_count = count_text(scope, expect)
        if now_count > before_count:
            return
        now_output = output_text_near(scope, label, action)
        if now_output is not None and now_output != before_output and expect in now_output:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"after {action} {step.get('value', '')!r} on {label!r}, the text {expect!r} did not appear "
                f"within {timeout_ms / 1000:.0f}s (seen {now_count} time(s), before the action {before_count})"
            )
        time.sleep(0.1)
