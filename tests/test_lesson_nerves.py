"""Lesson 03 (nerve compression): its data, figures and the 'which nerve problem?' picker."""

from __future__ import annotations

import itertools
import re

import pytest

from legpain import DataError, Level
from legpain.figures.nerves import AREAS, how_common_figure, load_how_common, load_nerve_problems, nerve_map_figure
from legpain.widgets.nerves import load_picker, nerve_picker_html, nerve_picker_widget

from conftest import edit_lesson

LESSON = "03_nerve_compression"
CAUDA_EQUINA_FLAGS = ["bilateral_sciatica", "saddle_numbness", "bladder_bowel_change", "both_legs_weak"]


def _banner(html: str) -> str:
    """The text of the level banner alone, so that advice further down cannot satisfy a level check."""
    start = html.index('class="legpain-banner')
    return re.sub(r"<[^>]+>", " ", html[start : html.index("</div>", start)])


# ------------------------------------------------------------------ data


def test_every_nerve_problem_links_to_a_cause_of_this_lesson_or_pgp(course):
    problems = load_nerve_problems(course)
    assert {p.cause_id for p in problems} >= {"nerve_compression", "meralgia_paraesthetica", "cauda_equina"}
    for problem in problems:
        assert problem.cause_id in course.causes


def test_unknown_body_area_is_rejected_with_file_row_and_column(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["nerve_problems"][2].update(areas=["elbow"]))
    with pytest.raises(DataError) as caught:
        load_nerve_problems(course)
    assert caught.value.file == f"data/lessons/{LESSON}.yaml"
    assert caught.value.row == "nerve_problems[2]"
    assert "areas" in caught.value.column


def test_unknown_cause_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["nerve_problems"][0].update(cause_id="sciatica"))
    with pytest.raises(DataError) as caught:
        load_nerve_problems(course)
    assert (caught.value.row, caught.value.column) == ("nerve_problems[0]", "cause_id")
    assert "causes.csv" in str(caught.value)


def test_missing_source_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["how_common"][1].update(source_ids=["S999"]))
    with pytest.raises(DataError) as caught:
        load_how_common(course)
    assert (caught.value.row, caught.value.column) == ("how_common[1]", "source_ids")


def test_count_larger_than_group_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["how_common"][0].update(count=6, out_of=5))
    with pytest.raises(DataError, match="at most out_of"):
        load_how_common(course)


def test_picker_symptom_must_exist(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["picker"][1].update(symptom_id="outer_thigh_numbness"))
    with pytest.raises(DataError) as caught:
        load_picker(course)
    assert (caught.value.row, caught.value.column) == ("picker[1]", "symptom_id")


def test_picker_symptom_only_once(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["picker"].append(dict(raw["picker"][0])))
    with pytest.raises(DataError, match="only once"):
        load_picker(course)


# ------------------------------------------------------------------ figures


def test_body_map_shows_each_problem_once_in_the_legend_with_its_own_pattern(course):
    fig, summary = nerve_map_figure(load_nerve_problems(course))
    legend = [t for t in fig.data if t.showlegend]
    names = [t.name for t in legend]
    problems = load_nerve_problems(course)
    assert names == [f"{i}. {p.name}" for i, p in enumerate(problems, start=1)]
    patterns = [t.fillpattern.shape for t in fig.data if t.showlegend and t.fill == "toself"]
    assert len(set(patterns)) == len(patterns), "two problems share a pattern: colour would be the only difference"
    numbers = sorted(a.text for a in fig.layout.annotations if a.text.startswith("<b>") and a.text[3:-4].isdigit())
    assert len(numbers) == sum(len(p.areas) for p in problems)


def test_meralgia_is_drawn_on_the_outer_thigh_of_the_front_view_only(course):
    fig, summary = nerve_map_figure(load_nerve_problems(course))
    traces = [t for t in fig.data if t.legendgroup == "meralgia"]
    assert traces and all(min(t.x) > 10 for t in traces), "meralgia must be in the front view (right half)"
    assert "Meralgia paraesthetica: front and outer thigh" in summary


def test_cauda_equina_covers_saddle_and_both_legs(course):
    fig, summary = nerve_map_figure(load_nerve_problems(course))
    assert "saddle area" in summary and "both legs" in summary
    traces = [t for t in fig.data if t.legendgroup == "cauda_equina"]
    assert len(traces) == 2
    assert any(t.fill != "toself" for t in traces), "both legs are drawn as an outline, not a fill that hides the others"


def test_map_summary_follows_the_data(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["nerve_problems"][2].update(name="Trapped thigh nerve"))
    _, summary = nerve_map_figure(load_nerve_problems(course))
    assert "Trapped thigh nerve: front and outer thigh" in summary


def test_every_drawn_area_lies_inside_its_view():
    for area_id, area in AREAS.items():
        xs = [x for x, _ in area.points]
        assert 0 <= min(xs) and max(xs) <= 10, area_id


def test_how_common_puts_a_slipped_disc_at_about_one_in_ten_thousand(course):
    rows = {r.id: r for r in load_how_common(course)}
    assert rows["disc"].per_10000 == pytest.approx(1.025, abs=0.01)  # 5 / 48,760
    assert rows["pgp"].per_10000 == pytest.approx(2000)
    fig, summary = how_common_figure(list(rows.values()))
    assert fig.layout.xaxis.type == "log"
    assert list(fig.data[0].text) == ["about 1 in 10,000", "about 12 in 10,000", "about 2,000 in 10,000"]
    assert "2,000 times as common as a true slipped disc" in summary


# ------------------------------------------------------------------ picker callback


def test_picker_offers_the_numb_patch_foot_drop_and_every_cauda_equina_flag(course):
    offered = [item.symptom_id for item in load_picker(course)]
    assert {"numb_patch_below_knee", "foot_drop_or_numb_below_knee", *CAUDA_EQUINA_FLAGS} <= set(offered)


def test_outer_thigh_alone_is_routine_meralgia(course):
    result = nerve_picker_html(["outer_thigh_numb_burning"], course)
    assert result.assessment.level is Level.ROUTINE
    assert result.assessment.causes[0] == "meralgia_paraesthetica"
    assert "Meralgia paraesthetica" in result.html and "ROUTINE REVIEW" in _banner(result.html)
    assert "red flag is ticked" not in result.html


def test_a_numb_patch_below_the_knee_with_normal_strength_is_routine(course):
    result = nerve_picker_html(["numb_patch_below_knee"], course)
    assert result.assessment.level is Level.ROUTINE
    assert result.assessment.red_flags == []
    assert result.assessment.causes[0] == "nerve_compression"
    assert "ROUTINE REVIEW" in _banner(result.html) and "red flag is ticked" not in result.html


def test_foot_drop_is_urgent_and_says_so_in_the_levels_own_words(course):
    result = nerve_picker_html(["buttock_pain_back_of_thigh", "numb_patch_below_knee", "foot_drop_or_numb_below_knee"], course)
    assert result.assessment.level is Level.URGENT
    assert result.assessment.red_flags == ["foot_drop_or_numb_below_knee"]
    assert result.assessment.causes[0] == "nerve_compression"
    assert "URGENT: SAME DAY" in _banner(result.html)
    assert "the level is \u201cUrgent: same day\u201d" in result.html and "emergency" not in result.html.lower()
    assert result.html.index("Trapped nerve root") < result.html.index("Pelvic girdle pain spreading down")
    assert "A foot that drags or slaps needs assessment the same day" in result.html


@pytest.mark.parametrize("flag", CAUDA_EQUINA_FLAGS)
def test_each_cauda_equina_red_flag_sends_her_to_a_and_e_now(course, flag):
    result = nerve_picker_html(["outer_thigh_numb_burning", flag], course)
    assert result.assessment.level is Level.IMMEDIATE
    assert result.assessment.causes[0] == "cauda_equina"
    assert result.assessment.red_flags == [flag]
    assert "IMMEDIATE: NOW" in _banner(result.html)
    assert "the level is \u201cImmediate: now\u201d" in result.html
    # A&E, not maternity triage, and not a 999 call.
    assert "Go to A&amp;E now, not to maternity triage" in result.html
    assert "999" not in result.html
    assert result.html.index("Cauda equina syndrome") < result.html.index("Meralgia paraesthetica")


def test_red_flag_message_follows_the_level_data(data_copy):
    path = data_copy / "symptoms.csv"
    text = path.read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("foot_drop_or_numb_below_knee,"))
    # A symptom's route belongs to its level, so the route moves with it.
    path.write_text(text.replace(line, line.replace(",urgent,yes,", ",immediate,yes,").replace("route_urgent", "route_immediate")), encoding="utf-8")
    from legpain import load_course

    result = nerve_picker_html(["foot_drop_or_numb_below_knee"], load_course(data_copy))
    assert result.assessment.level is Level.IMMEDIATE
    assert "the level is \u201cImmediate: now\u201d" in result.html


def test_every_combination_takes_the_level_of_its_most_urgent_symptom(course):
    offered = [item.symptom_id for item in load_picker(course)]
    for n in range(1, len(offered) + 1):
        for combo in itertools.combinations(offered, n):
            result = nerve_picker_html(list(combo), course)
            top = max(course.symptoms[s].level for s in combo)
            assert result.assessment.level is top, combo
            if set(combo) & set(CAUDA_EQUINA_FLAGS):
                assert result.assessment.level is Level.IMMEDIATE, combo
                assert result.assessment.causes[0] == "cauda_equina", combo
            flagged = [s for s in combo if course.symptoms[s].red_flag]
            assert sorted(result.assessment.red_flags) == sorted(flagged), combo
            assert ("red flag is ticked" in result.html) == bool(flagged), combo


def test_nothing_ticked_asks_the_student_to_tick(course):
    result = nerve_picker_html([], course)
    assert result.assessment is None
    assert "Tick one or more symptoms" in result.html


@pytest.mark.parametrize("bad", [["one_leg_swollen"], ["<b>x</b>"], [None]])
def test_symptoms_outside_the_picker_give_a_message_not_a_traceback(course, bad):
    result = nerve_picker_html(bad, course)
    assert result.assessment is None
    assert 'role="alert"' in result.html and "not one of the symptoms" in result.html
    assert "<b>x</b>" not in result.html


# ------------------------------------------------------------------ picker builder


def test_builder_labels_every_box_and_updates_on_tick(course):
    panel = nerve_picker_widget(course)
    boxes = [c for c in panel.children if hasattr(c, "symptom_id")]
    assert [b.description for b in boxes] == [course.symptoms[i.symptom_id].label for i in load_picker(course)]
    output = panel.children[-1]
    assert "Tick one or more symptoms" in output.value
    by_id = {b.symptom_id: b for b in boxes}
    by_id["outer_thigh_numb_burning"].value = True
    assert "ROUTINE REVIEW" in _banner(output.value)
    by_id["foot_drop_or_numb_below_knee"].value = True
    assert "URGENT: SAME DAY" in _banner(output.value)
    by_id["saddle_numbness"].value = True
    assert "IMMEDIATE: NOW" in _banner(output.value)
    by_id["outer_thigh_numb_burning"].value = False
    by_id["foot_drop_or_numb_below_knee"].value = False
    assert "IMMEDIATE: NOW" in _banner(output.value)
    by_id["saddle_numbness"].value = False
    assert "Tick one or more symptoms" in output.value
