"""The body map: the symptoms of a region, and the causes the engine ranks for them."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any, Optional

from ..data import Course, load_course
from ..triage import assess
from .state import BodyMapView, Display, ExplorerState, Result, _message, _panel, _symptom_line

def region_html(state: ExplorerState, course: Optional[Course] = None) -> str:
    """The symptoms and causes of the chosen body region."""
    course = course or load_course()
    if state.map_region is None:
        return _panel(_message("Choose a body region: click it on the drawing, or pick it in the Body map region menu.", "info"))
    region = course.regions[state.map_region]
    symptoms = course.symptoms_in_region(region.id)
    parts = [f"<h4>{escape(region.label)}</h4>"]
    if not symptoms:
        parts.append(_message(f"The course has no symptoms in the region '{region.label}'.", "info"))
        return _panel("".join(parts))
    items = "".join(f"<li>{_symptom_line(course, s.id)}</li>" for s in symptoms)
    parts.append(f"<p><strong>Symptoms here ({len(symptoms)}):</strong></p><ul>{items}</ul>")
    # The engine ranks the causes, as for any set of symptoms: must-not-miss causes first.
    result = assess([s.id for s in symptoms], course=course)
    if result.causes:
        items = "".join(
            f"<li>{escape(course.causes[c].name)} ({escape(course.causes[c].seriousness)}; total weight {result.scores[c]})</li>"
            for c in result.causes
        )
        parts.append(f"<p><strong>Causes these symptoms point to, dangerous causes of red flags first:</strong></p><ol>{items}</ol>")
    return _panel("".join(parts))


def choose_region(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Choose a region on the body map: ``event`` is {"region": id|None}."""
    course = course or load_course()
    region = event.get("region") or None
    if region is not None and region not in course.regions:
        return state, Display(region_html=_panel(_message(f"There is no body region called {region!r}; choose one from the list.", "error")))
    new = replace(state, map_region=region)
    return new, Display(region_html=region_html(new, course), body_map=BodyMapView(region))
