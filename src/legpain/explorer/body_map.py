"""The body map: the symptoms of a region, and the causes the engine ranks for them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..content import Course, load_course
from ..palette import LEVEL_STYLE
from ..templating import markup, render
from ..triage import assess
from .state import BodyMapView, Display, ExplorerState, Result, status_message, panel_html, seriousness_words

def region_html(state: ExplorerState, course: Optional[Course] = None) -> str:
    """The symptoms and causes of the chosen body region."""
    course = course or load_course()
    if state.map_region is None:
        return panel_html(status_message("Choose a body region: click it on the drawing, or pick it in the Body map region menu.", "info"))
    region = course.regions[state.map_region]
    symptoms = course.symptoms_in_region(region.id)
    if not symptoms:
        message = markup(status_message(f"The course has no symptoms in the region '{region.label}'.", "info"))
        return render("explorer_region.html", region=region, symptoms=[], message=message, styles=LEVEL_STYLE)
    # The engine ranks the causes, as for any set of symptoms: must-not-miss causes first.
    result = assess([s.id for s in symptoms], course=course)
    causes = [
        {"name": course.causes[c].name, "seriousness": seriousness_words(course.causes[c].seriousness), "score": result.scores[c]}
        for c in result.causes
    ]
    return render("explorer_region.html", region=region, symptoms=symptoms, causes=causes, message="", styles=LEVEL_STYLE)


def choose_region(state: ExplorerState, event: dict[str, Any], course: Optional[Course] = None) -> Result:
    """Choose a region on the body map: ``event`` is {"region": id|None}."""
    course = course or load_course()
    region = event.get("region") or None
    if region is not None and region not in course.regions:
        message = status_message(f"There is no body region called {region!r}; choose one from the list.", "error")
        return state, Display(region_html=panel_html(message))
    new = replace(state, map_region=region)
    return new, Display(region_html=region_html(new, course), body_map=BodyMapView(region))
