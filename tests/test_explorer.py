"""The matrix explorer: every callback path, HTML escaping, and in-place figure updates."""

from __future__ import annotations

import csv
import re

from html import escape

import pytest

from legpain import DataError, load_course
from legpain.explorer import (
    ExplorerSession,
    ExplorerState,
    choose_region,
    clear_all,
    filter_matrix,
    initial,
    matrix_view,
    select_cell,
    select_cell_at,
    set_high_contrast,
    set_stage,
    tick_symptom,
)

EVERYDAY = "occasional_night_cramp"  # self-care, not a red flag
EVERYDAY_2 = "heavy_aching_legs"
URGENT_FLAG = "one_leg_swollen"
EMERGENCY_FLAG = "breathless_chest_pain"


def _text(html: str) -> str:
    """The words a learner reads: tags removed, entities left as they are."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _tick(state, *ids, course):
    display = None
    for symptom_id in ids:
        state, display = tick_symptom(state, {"symptom": symptom_id, "ticked": True}, course)
    return state, display


# ---------------------------------------------------------------- the checker


def test_nothing_ticked_shows_the_nothing_selected_message(course):
    state, display = initial(course)
    assert course.advice["nothing_selected"].text in _text(display.checker_html)
    assert "legpain-banner" not in display.checker_html  # no level is claimed for an empty selection
    assert display.bars.scores == () and "Tick symptoms" in display.bars.message


def test_everyday_symptom_gives_a_self_care_banner(course):
    state, display = _tick(ExplorerState(), EVERYDAY, course=course)
    assert state.ticked == (EVERYDAY,)
    assert "legpain-level-self-care" in display.checker_html
    assert "SELF-CARE" in display.checker_html
    assert course.causes["leg_cramps"].name.split(" (")[0] in display.bars.names


@pytest.mark.parametrize("flag, level", [(URGENT_FLAG, "urgent"), (EMERGENCY_FLAG, "emergency")])
def test_red_flag_after_everyday_symptoms_escalates_the_banner_at_once(course, flag, level):
    state, before = _tick(ExplorerState(), EVERYDAY, EVERYDAY_2, course=course)
    assert "legpain-level-self-care" in before.checker_html
    state, after = tick_symptom(state, {"symptom": flag, "ticked": True}, course)
    assert f"legpain-level-{level}" in after.checker_html
    assert "legpain-level-self-care" not in after.checker_html
    # the red flag that set the level is named under the banner
    flags = after.checker_html.split('class="legpain-red-flags"')[1].split("</ul>")[0]
    assert course.symptoms[flag].label in _text(flags).replace("&#x27;", "'").replace("&#39;", "'")
    # unticking it takes the level back down
    state, back = tick_symptom(state, {"symptom": flag, "ticked": False}, course)
    assert "legpain-level-self-care" in back.checker_html and flag not in state.ticked


def test_combination_rule_raises_the_level_and_says_why(course):
    rule = course.rules["breathless_lying_flat_with_swollen_legs"]
    state, display = _tick(ExplorerState(), "both_ankles_swollen_gradual", course=course)
    assert "legpain-level-self-care" in display.checker_html
    state, display = _tick(state, "breathless_lying_flat", course=course)
    assert f"legpain-level-{rule.level.value}" in display.checker_html
    assert rule.reason.split(",")[0] in display.checker_html


def test_ranked_causes_bars_follow_the_scores(course):
    state, display = _tick(ExplorerState(), EVERYDAY, URGENT_FLAG, course=course)
    bars = display.bars
    assert list(bars.scores) == sorted(bars.scores, reverse=True)
    assert bars.names[0] == "Deep vein thrombosis"  # one leg swollen: DVT weight 3
    assert all(t.split(" · ")[1] in {"everyday", "needs-review", "dangerous"} for t in bars.text)  # seriousness in words
    assert len(set(bars.patterns)) >= 2  # dangerous and everyday bars differ by pattern, not colour alone


def test_advice_lists_its_sources(course):
    _, display = _tick(ExplorerState(), URGENT_FLAG, course=course)
    route = course.advice["route_urgent"]
    assert route.text.split(";")[0] in display.checker_html.replace("&#x27;", "'").replace("&#39;", "'")
    for source_id in route.source_ids:
        assert f">{source_id}</abbr>" in display.checker_html


def test_clear_resets_to_nothing_selected(course):
    _, first = initial(course)
    state, _ = _tick(ExplorerState(), EVERYDAY, EMERGENCY_FLAG, course=course)
    state, _ = set_stage(state, {"stage": "pregnant", "text": "30"}, course)
    state, display = clear_all(state, None, course)
    assert state.ticked == () and state.stage == "unknown" and state.stage_text == ""
    assert display.checker_html == first.checker_html
    assert display.bars == first.bars
    assert display.ticked == () and display.week_controls == ("unknown", "")


def test_unknown_symptom_gives_a_message_and_keeps_the_state(course):
    state = ExplorerState(ticked=(EVERYDAY,))
    new, display = tick_symptom(state, {"symptom": "made_up", "ticked": True}, course)
    assert new is state
    assert "legpain-message-error" in display.checker_html


# ---------------------------------------------------------------- the week


@pytest.mark.parametrize("stage, typed, words", [
    ("pregnant", "50", "from 1 to 42"), ("pregnant", "0", "from 1 to 42"), ("pregnant", "-3", "from 1 to 42"),
    ("pregnant", "abc", "not a whole number"), ("pregnant", "20.5", "not a whole number"), ("pregnant", "<b>", "not a whole number"),
    ("after_birth", "85", "from 0 to 84"), ("after_birth", "-1", "from 0 to 84"), ("after_birth", "soon", "not a whole number"),
])
def test_bad_stage_values_give_a_message_and_count_as_unknown(course, stage, typed, words):
    state, _ = _tick(ExplorerState(), "vomiting", course=course)
    state, display = set_stage(state, {"stage": stage}, course)
    state, display = set_stage(state, {"text": typed}, course)
    assert "legpain-message-error" in display.week_html and words in display.week_html
    assert "treats the stage as not known" in display.week_html
    if typed == "<b>":
        assert "&lt;b&gt;" in display.week_html and "<b>" not in display.week_html  # what was typed is escaped
    _, unknown = set_stage(state, {"stage": "unknown"}, course)
    # The assessment is the unknown stage's, banner included, with the reason said above it.
    assert display.checker_html.endswith(unknown.checker_html)
    assert "legpain-level-immediate" in unknown.checker_html  # fail safe: not known counts as the most dangerous stage
    note = display.checker_html[: -len(unknown.checker_html)]
    assert "legpain-stage-fallback" in note and "Stage taken as not known" in note
    assert escape(typed) in note and ("from 1 to 42" if stage == "pregnant" else "from 0 to 84") in note
    assert "Stage taken as not known" not in unknown.checker_html


def test_empty_stage_number_asks_for_a_number(course):
    state, display = set_stage(ExplorerState(), {"stage": "pregnant", "text": "  "}, course)
    assert "legpain-message-info" in display.week_html and "1 to 42" in display.week_html
    state, display = set_stage(state, {"stage": "after_birth"}, course)
    assert "0 to 84" in display.week_html


def test_an_unknown_stage_choice_gives_a_message_and_keeps_the_state(course):
    state = ExplorerState(ticked=("vomiting",))
    new, display = set_stage(state, {"stage": "labour"}, course)
    assert new is state and "legpain-message-error" in display.week_html


def test_a_valid_week_changes_the_likely_causes_and_the_level(course):
    assert course.causes["pre_eclampsia"].from_week == 20
    state, _ = _tick(ExplorerState(), "sudden_face_hand_swelling", course=course)
    state, early = set_stage(state, {"stage": "pregnant", "text": "12"}, course)
    assert "Week 12" in early.week_html
    assert "Pre-eclampsia" not in early.bars.names
    assert "legpain-level-urgent" in early.checker_html
    state, late = set_stage(state, {"text": "30"}, course)
    assert late.bars.names[0] == "Pre-eclampsia"
    assert "legpain-level-immediate" in late.checker_html
    assert course.rules["face_swelling_from_20_weeks"].reason.split(":")[0] in late.checker_html


def test_days_after_the_birth_count_as_the_weeks_after_birth(course):
    state, _ = _tick(ExplorerState(), "headache_vision_rib_pain", course=course)
    state, display = set_stage(state, {"stage": "after_birth", "text": "4"}, course)
    assert "Day 4 after the birth" in display.week_html
    assert "legpain-level-immediate" in display.checker_html
    assert display.bars.names[0] == "Pre-eclampsia"


def test_typed_number_is_ignored_while_the_stage_is_not_known(course):
    state, _ = _tick(ExplorerState(), "sudden_face_hand_swelling", course=course)
    _, display = set_stage(state, {"text": "12"}, course)
    assert "counts it as the most dangerous stage" in display.week_html
    assert "Pre-eclampsia" in display.bars.names


# ---------------------------------------------------------------- the matrix


def test_full_matrix_has_every_symptom_and_cause(course):
    view = matrix_view(ExplorerState(), course)
    assert view.rows == tuple(course.symptoms) and view.columns == tuple(course.causes)
    for i, s in enumerate(view.rows):
        for j, c in enumerate(view.columns):
            row = course.weights.get((s, c))
            # no link is an empty cell, not a zero; a link's weight is also written in the cell
            assert view.z[i][j] == (row.weight if row else None)
            assert view.text[i][j] == (str(row.weight) if row else "")
    assert view.message == ""
    assert f"{len(course.symptoms)} of {len(course.symptoms)} symptoms" in view.summary


def test_red_flag_rows_are_marked_without_colour(course):
    view = matrix_view(ExplorerState(), course)
    for symptom_id, label in zip(view.rows, view.y_labels):
        symptom = course.symptoms[symptom_id]
        if symptom.red_flag:
            words = label.replace("\u00a0", " ")
            # the step's name in words: "(Urgent)", "(Immediate)", "(Emergency)"
            step = {"self-care": "Self-care", "routine": "Routine review", "urgent": "Urgent", "immediate": "Immediate", "emergency": "Emergency"}[symptom.level.value]
            assert label.startswith("<b>⚠ ") and f"({step})" in words
            assert all(line.startswith("<b>") for line in label.split("<br>"))
        else:
            assert "⚠" not in label and "<b>" not in label


def test_region_filter_keeps_only_that_region(course):
    state, display = filter_matrix(ExplorerState(), {"region": "ankle_foot"}, course)
    expected = [s.id for s in course.symptoms_in_region("ankle_foot")]
    assert state.region == "ankle_foot" and list(display.matrix.rows) == expected
    assert "body region: Ankle and foot" in display.matrix_status
    state, display = filter_matrix(state, {"region": None}, course)
    assert len(display.matrix.rows) == len(course.symptoms)


def test_level_filter_keeps_only_that_level(course):
    _, display = filter_matrix(ExplorerState(), {"level": "emergency"}, course)
    assert display.matrix.rows and all(course.symptoms[s].level.value == "emergency" for s in display.matrix.rows)


def test_filters_that_leave_no_rows_show_a_message(course):
    region = next(r for r in course.regions if not any(s.level.value == "emergency" for s in course.symptoms_in_region(r)))
    state, display = filter_matrix(ExplorerState(level="emergency"), {"region": region}, course)
    assert display.matrix.rows == () and display.matrix.z == ()
    assert "No symptom matches both filters" in display.matrix_status
    assert "legpain-message" in display.matrix.message


def test_sort_by_cause_orders_rows_by_weight(course):
    state, display = filter_matrix(ExplorerState(), {"sort_cause": "dvt"}, course)
    column = display.matrix.columns.index("dvt")
    weights = [line[column] or 0 for line in display.matrix.z]
    assert weights == sorted(weights, reverse=True) and weights[0] == 3
    assert display.matrix.x_labels[column].startswith("▼ <b>")  # the sorted column is marked
    assert "sorted by their link to DVT" in display.matrix.summary


@pytest.mark.parametrize("event", [{"region": "neck"}, {"level": "emergncy"}, {"sort_cause": "flu"}, {"colour": "red"}])
def test_unknown_filter_values_give_a_message(course, event):
    state = ExplorerState()
    new, display = filter_matrix(state, event, course)
    assert new is state and display.matrix is None
    assert "legpain-message-error" in display.matrix_status


def test_choosing_a_cell_explains_the_link_with_advice_and_sources(course):
    state, display = select_cell(ExplorerState(), {"symptom": URGENT_FLAG, "cause": "dvt"}, course)
    row = course.weights[(URGENT_FLAG, "dvt")]
    html = display.cell_html
    assert row.why in html
    assert f"{row.weight} of 3" in html
    assert "legpain-level-urgent" in html and "URGENT" in html  # the symptom's own level, in words
    for advice in course.advice_for_cause("dvt"):
        assert advice.text.split(":")[0] in html
        assert all(f">{s}</abbr>" in html for s in advice.source_ids)
    assert all(f">{s}</abbr>" in html for s in row.source_ids)
    rows = display.matrix.rows
    assert display.matrix.highlight == (list(course.causes).index("dvt"), rows.index(URGENT_FLAG))


def test_cell_without_a_link_says_so_and_lists_the_real_links(course):
    _, display = select_cell(ExplorerState(), {"symptom": EVERYDAY, "cause": "pulmonary_embolism"}, course)
    assert "does not link this symptom" in display.cell_html
    assert course.causes["leg_cramps"].name in display.cell_html


def test_choosing_half_a_cell_asks_for_the_other_half(course):
    state, display = select_cell(ExplorerState(), {"symptom": EVERYDAY}, course)
    assert "Now choose a cause" in display.cell_html and display.matrix.highlight is None
    state, display = select_cell(state, {"cause": "leg_cramps"}, course)
    assert course.weights[(EVERYDAY, "leg_cramps")].why in display.cell_html


def test_unknown_cell_ids_give_a_message(course):
    state = ExplorerState()
    new, display = select_cell(state, {"symptom": "nope", "cause": "dvt"}, course)
    assert new is state and "legpain-message-error" in display.cell_html


def test_click_maps_to_the_visible_row_after_filtering(course):
    state, display = filter_matrix(ExplorerState(), {"region": "pelvis", "sort_cause": "cauda_equina"}, course)
    view = display.matrix
    state, chosen = select_cell_at(state, view.columns.index("cauda_equina"), 0, view, course)
    assert state.symptom == view.rows[0] and state.cause == "cauda_equina"
    assert course.weights[(view.rows[0], "cauda_equina")].why in chosen.cell_html
    same, outside = select_cell_at(state, 0, len(view.rows), view, course)
    assert same is state and "Click inside the matrix" in outside.cell_html


def test_highlight_disappears_when_the_cell_is_filtered_out(course):
    state, _ = select_cell(ExplorerState(), {"symptom": URGENT_FLAG, "cause": "dvt"}, course)
    _, display = filter_matrix(state, {"region": "pelvis"}, course)
    assert display.matrix.highlight is None


# ---------------------------------------------------------------- the body map and high contrast


def test_choosing_a_region_lists_its_symptoms_and_causes(course):
    state, display = choose_region(ExplorerState(), {"region": "beyond_leg"}, course)
    assert state.map_region == "beyond_leg" and display.body_map.selected == "beyond_leg"
    text = _text(display.region_html).replace("&#x27;", "'").replace("&#39;", "'")
    for symptom in course.symptoms_in_region("beyond_leg"):
        assert symptom.label.split(",")[0] in text
    assert course.causes["pulmonary_embolism"].name in text and course.causes["pre_eclampsia"].name in text
    state, display = choose_region(state, {"region": None}, course)
    assert "Choose a body region" in display.region_html and display.body_map.selected is None


def test_unknown_region_on_the_body_map_gives_a_message(course):
    state = ExplorerState()
    new, display = choose_region(state, {"region": "elbow"}, course)
    assert new is state and "legpain-message-error" in display.region_html


def test_high_contrast_switches_the_style(course):
    state, on = set_high_contrast(ExplorerState(), {"on": True}, course)
    assert state.high_contrast and on.style.css_class == "legpain-hc"
    assert on.style.font_size > 20 and on.style.line_width > 1
    state, off = set_high_contrast(state, {"on": False}, course)
    assert not state.high_contrast and off.style.css_class == ""
    assert off.style.font_size >= 20  # back to normal is never under the back row's 20px


# ---------------------------------------------------------------- escaping


@pytest.fixture()
def script_course(data_copy):
    path = data_copy / "symptoms.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    rows[0]["label"] = "<script>alert(1)</script>"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    course = load_course(data_copy)
    assert course.symptoms[rows[0]["id"]].label == "<script>alert(1)</script>"
    return course, rows[0]["id"]


def test_data_strings_are_escaped_in_every_html_output(script_course):
    course, symptom_id = script_course
    symptom = course.symptoms[symptom_id]
    cause = next(r.cause_id for r in course.matrix if r.symptom_id == symptom_id)
    outputs = []
    state, display = initial(course)
    outputs += [display.cell_html, display.checker_html, display.region_html, display.matrix_status]
    state, display = tick_symptom(state, {"symptom": symptom_id, "ticked": True}, course)
    outputs += [display.checker_html]
    _, display = select_cell(state, {"symptom": symptom_id}, course)
    outputs += [display.cell_html]
    _, display = select_cell(state, {"symptom": symptom_id, "cause": cause}, course)
    outputs += [display.cell_html]
    _, display = choose_region(state, {"region": symptom.region}, course)
    outputs += [display.region_html]
    outputs += list(matrix_view(ExplorerState(), course).y_labels)
    joined = "".join(outputs)
    assert "<script>" not in joined
    assert joined.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5


def test_explorer_widgets_escape_data_strings(script_course):
    course, symptom_id = script_course
    explorer = ExplorerSession(course)
    explorer.matrix_part(), explorer.checker_part(), explorer.body_map_part()
    explorer.controls["ticks"][symptom_id].value = True
    explorer.controls["map_region"].value = course.symptoms[symptom_id].region
    for name in ("result", "region_info", "cell", "matrix_status"):
        assert "<script>" not in explorer.controls[name].value
    assert "<script>" not in "".join(explorer.controls["matrix"].layout.yaxis.ticktext)
    assert explorer.controls["ticks"][symptom_id].description_allow_html is False  # ipywidgets shows it as text


# ---------------------------------------------------------------- builders: wiring and in-place updates


def _sent_to_browser(fig) -> list[dict]:
    """Record the in-place update messages that a FigureWidget sends to the browser."""
    sent: list[dict] = []
    fig.observe(lambda change: change["new"] and sent.append(change["new"]), names=["_py2js_update", "_py2js_restyle", "_py2js_relayout"])
    return sent


@pytest.fixture()
def explorer(course):
    session = ExplorerSession(course)
    session.parts = (session.matrix_part(), session.checker_part(), session.body_map_part())
    return session


def test_every_control_is_labelled(explorer):
    c = explorer.controls
    for name in ("matrix", "bars", "body_map"):  # no icon-only plotly toolbar links without names
        assert c[name]._config["displayModeBar"] is False
    for name in ("region", "level", "sort", "symptom", "cause", "stage", "week", "clear", "map_region"):
        assert c[name].description.strip(), name
    assert c["symptom"].description == "Symptom" and c["cause"].description == "Cause"
    assert all(box.description for box in c["ticks"].values())
    assert explorer.high_contrast.description == "High contrast"
    labels = [c[n].description for n in ("region", "level", "sort", "symptom", "cause", "stage", "week", "clear", "map_region")]
    labels += [box.description for box in c["ticks"].values()]
    assert len(labels) == len(set(labels)), "two controls share a label, so a learner cannot tell them apart"


def test_the_stage_menu_offers_not_known_a_week_or_days_and_the_number_box_follows_it(explorer):
    c = explorer.controls
    assert list(c["stage"].options) == [("Not known", "unknown"), ("Pregnant (week)", "pregnant"), ("After the birth (days)", "after_birth")]
    assert c["week"].disabled and c["week"].placeholder == "e.g. 28"
    c["stage"].value = "after_birth"
    assert not c["week"].disabled and "0 to 84" in c["week_message"].value
    c["stage"].value = "unknown"
    assert c["week"].disabled


def test_ticking_updates_the_banner_and_the_bar_chart_in_place(explorer):
    c = explorer.controls
    bars = c["bars"]
    sent = _sent_to_browser(bars)
    c["ticks"][EVERYDAY].value = True
    assert "legpain-level-self-care" in c["result"].value
    c["ticks"][URGENT_FLAG].value = True
    assert "legpain-level-urgent" in c["result"].value
    assert c["bars"] is bars and len(bars.data) == 1
    assert bars.data[0].y[0] == "Deep vein thrombosis"
    assert sent and {"x", "y", "text"} <= set(sent[-1]["style_data"])  # the browser is told, without a new figure
    assert list(sent[-1]["style_data"]["y"][0]) == list(bars.data[0].y)


def test_the_empty_chart_note_goes_when_a_symptom_is_ticked_and_comes_back_on_clear(explorer):
    c = explorer.controls
    bars = c["bars"]
    assert [a.text for a in bars.layout.annotations] == ["Tick symptoms to see the likely causes here."]
    c["ticks"][EVERYDAY].value = True
    assert len(bars.layout.annotations) == 0 and bars.layout.xaxis.visible is True
    c["clear"].click()
    assert [a.text for a in bars.layout.annotations] == ["Tick symptoms to see the likely causes here."]


def test_clear_all_button_unticks_every_box(explorer):
    c = explorer.controls
    c["ticks"][EVERYDAY].value = True
    c["ticks"][EMERGENCY_FLAG].value = True
    c["stage"].value = "pregnant"
    assert not c["week"].disabled
    c["week"].value = "99"
    assert "legpain-message-error" in c["week_message"].value
    c["clear"].click()
    assert not any(box.value for box in c["ticks"].values())
    assert c["stage"].value == "unknown" and c["week"].value == "" and c["week"].disabled
    assert explorer.state.ticked == ()
    assert explorer.course.advice["nothing_selected"].text in c["result"].value
    assert len(c["bars"].data[0].x) == 0


def test_matrix_filter_updates_the_same_figure(explorer):
    c = explorer.controls
    course = explorer.course
    region = next(r for r in course.regions if not any(s.level.value == "emergency" for s in course.symptoms_in_region(r)))
    fig = c["matrix"]
    sent = _sent_to_browser(fig)
    c["region"].value = region
    assert c["matrix"] is fig and [t.type for t in fig.data] == ["heatmap", "scatter"]
    assert list(fig.layout.xaxis2.ticktext) == list(fig.layout.xaxis.ticktext)  # the cause names below the matrix too
    assert {"z", "y", "text"} <= set(sent[-1]["style_data"]) and "yaxis.ticktext" in sent[-1]["layout_data"]
    assert len(fig.data[0].z) == len(course.symptoms_in_region(region))
    assert len(fig.layout.yaxis.ticktext) == len(fig.data[0].z)
    c["level"].value = "emergency"
    assert c["matrix_box"].layout.display == "none"
    assert "No symptom matches" in c["matrix_status"].value
    c["region"].value = ""
    assert c["matrix_box"].layout.display is None and len(fig.data[0].z) > 0


def test_keyboard_cell_choice_syncs_with_the_matrix(explorer):
    c = explorer.controls
    c["symptom"].value = URGENT_FLAG
    c["cause"].value = "dvt"
    assert explorer.course.weights[(URGENT_FLAG, "dvt")].why in c["cell"].value
    assert len(c["matrix"].layout.shapes) == 1


def test_body_map_marks_the_chosen_region(explorer):
    c = explorer.controls
    sent = _sent_to_browser(c["body_map"])
    c["map_region"].value = "knee_calf"
    assert sent and "text" in sent[-1]["style_data"]
    markers = next(t for t in c["body_map"].data if t.meta == "region-markers")
    chosen = list(markers.customdata).index("knee_calf")
    assert markers.text[chosen].startswith("▶ <b>")
    shape = next(t for t in c["body_map"].data if t.meta == "shape-knee_calf")
    assert shape.line.width > 2
    assert "Knee and calf" in c["region_info"].value


def test_high_contrast_toggle_restyles_every_part(explorer):
    explorer.high_contrast.value = True
    assert all("legpain-hc" in part._dom_classes for part in explorer.parts)
    assert explorer.controls["matrix"].layout.font.size == 24
    explorer.high_contrast.value = False
    assert explorer.controls["matrix"].layout.font.size == 20
    assert not any("legpain-hc" in part._dom_classes for part in explorer.parts)


def test_a_panel_shown_again_starts_from_the_current_state(explorer):
    c = explorer.controls
    c["ticks"][URGENT_FLAG].value = True
    c["region"].value = "knee_calf"
    explorer.checker_part(), explorer.matrix_part()  # the learner runs the cells again
    c = explorer.controls
    assert c["ticks"][URGENT_FLAG].value is True and "legpain-level-urgent" in c["result"].value
    assert c["region"].value == "knee_calf"
    assert len(c["matrix"].data[0].z) == len(explorer.course.symptoms_in_region("knee_calf"))
    c["ticks"][URGENT_FLAG].value = False  # and the new panel is the one that responds
    assert explorer.course.advice["nothing_selected"].text in c["result"].value


def test_default_row_order_is_most_urgent_first(course):
    ranks = [course.symptoms[s].level.rank for s in matrix_view(ExplorerState(), course).rows]
    assert ranks == sorted(ranks, reverse=True)


def test_the_syncing_switch_is_always_turned_off_even_when_setting_a_control_fails():
    from legpain.explorer.frame import Syncing

    syncing = Syncing()
    with syncing:
        assert syncing.active
    assert not syncing.active
    with pytest.raises(ValueError):
        with syncing:
            raise ValueError("a control refused its value")
    assert not syncing.active


def _edit_notice(data_copy, key, value):
    import yaml

    path = data_copy / "lessons" / "08_symptom_advice_matrix.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["not_for_diagnosis"][key] = value
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_the_explorers_notice_comes_from_the_lesson_file(data_copy):
    """The 'for learning, not diagnosis' words, with where a woman goes, are data with sources."""
    from legpain.content.lessons.matrix import load_not_for_diagnosis

    _edit_notice(data_copy, "text", "For learning only: in an emergency, phone the emergency number.")
    assert load_not_for_diagnosis(load_course(data_copy)).text.startswith("For learning only")


def test_the_explorers_notice_needs_known_sources(data_copy):
    from legpain.content.lessons.matrix import load_not_for_diagnosis

    _edit_notice(data_copy, "source_ids", ["S9999"])
    with pytest.raises(DataError) as caught:
        load_not_for_diagnosis(load_course(data_copy))
    assert caught.value.column == "source_ids"
