"""Where a woman goes and what she does (legpain.routes), on named examples.

The expected routes follow from data/destinations.csv (the place listed first wins among red flags
at the same level) and the rules in legpain.routes: below urgent the level's general route; at
urgent or above the route of the most urgent red flag or matching rule; actions before safety-nets.
"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import DATA

from legpain import Level, assess, load_course
from legpain.routes import item


def advice_rows(folder: Path = DATA) -> dict[str, dict[str, str]]:
    with (folder / "advice.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def rewrite(path: Path, change) -> None:
    """Read a CSV file of the data copy, let ``change`` edit its list of rows, write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames or []), list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_an_advice_item_as_json_has_its_id_kind_text_level_place_and_sources(course):
    row = advice_rows()["route_ae_bleeding"]
    assert item(course, "route_ae_bleeding").to_dict() == {
        "id": "route_ae_bleeding",
        "kind": "route",
        "text": row["text"],
        "level": "immediate",
        "destination": "a_and_e",
        "source_ids": row["source_ids"].split(";"),
    }
    assert item(course, "cellulitis_999").to_dict()["destination"] is None


def test_two_red_flags_at_the_same_level_take_the_place_listed_first_in_destinations_csv(course):
    # A hot red leg with fever sends her to the maternity unit, a bleeding varicose vein to A&E; both
    # are "immediate". A&E comes before the maternity unit in data/destinations.csv, whatever the
    # order of the symptoms (the hot red leg comes first in data/symptoms.csv).
    places = list(course.destinations)
    assert places.index("a_and_e") < places.index("maternity_unit")
    for ticked in (["fever_hot_red_leg", "bleeding_varicose_vein"], ["bleeding_varicose_vein", "fever_hot_red_leg"]):
        result = assess(ticked)
        assert result.level is Level.IMMEDIATE
        assert result.advice[0].id == "route_ae_bleeding", ticked
        assert result.advice[0].destination == "a_and_e"


def test_a_rule_that_raises_the_level_gives_its_own_route():
    # One swollen leg (urgent) with breathlessness lying flat (urgent) is an emergency by the rule
    # clot_sign_one_leg_swollen_with_breathlessness: its route says why (a clot may have reached the
    # lungs), which the general 999 route does not.
    result = assess(["one_leg_swollen", "breathless_lying_flat"])
    assert result.level is Level.EMERGENCY
    assert result.advice[0].id == "route_999_clot_lungs"
    assert result.advice[0].destination == "call_999"


def test_actions_come_before_safety_nets_and_a_safety_net_is_only_more_urgent_than_the_level():
    # A hot red leg with fever and a bleeding varicose vein: immediate, with a route to A&E. The
    # actions at exactly "immediate" of the causes come first (infection, the bleeding vein: it is
    # ticked), then the safety-nets that say what would need 999.
    result = assess(["fever_hot_red_leg", "bleeding_varicose_vein"])
    kinds = [a.kind for a in result.advice]
    assert kinds == ["route", "action", "action", "safety-net", "safety-net", "safety-net"]
    assert {a.id for a in result.advice if a.kind == "action"} == {"cellulitis_now", "varicose_bleeding"}
    nets = {a.id for a in result.advice if a.kind == "safety-net"}
    assert nets == {"cellulitis_999", "dvt_pe_signs", "varicose_bleeding_999"}
    assert all(a.level is Level.EMERGENCY for a in result.advice if a.kind == "safety-net")
    # "Get help now if the infection spreads" is immediate too: it would not be a faster route.
    assert "cellulitis_watch" not in [a.id for a in result.advice]


def test_below_urgent_the_route_is_the_levels_general_route_and_at_urgent_a_symptoms_own(data_copy):
    # A course whose data give a routine symptom and an urgent one each a route of their own.
    def add_routes(rows):
        template = dict(rows[0], cause_id="", kind="route", source_ids="S18", destination="gp_or_midwife", only_with="")
        return rows + [
            dict(template, id="route_routine_physio", level="routine", text="See a physiotherapist in the next few days."),
            dict(template, id="route_urgent_gp", level="urgent", text="See your doctor today."),
        ]

    def name_routes(rows):
        routes = {"pelvic_pain_limits_walking": "route_routine_physio", "pain_changed": "route_urgent_gp"}
        return [dict(row, route=routes.get(row["id"], row["route"])) for row in rows]

    rewrite(data_copy / "advice.csv", add_routes)
    rewrite(data_copy / "symptoms.csv", name_routes)
    course = load_course(data_copy)

    routine = assess(["pelvic_pain_limits_walking"], course=course)
    assert routine.level is Level.ROUTINE
    assert routine.advice[0].id == "route_routine"
    urgent = assess(["pain_changed"], course=course)
    assert urgent.level is Level.URGENT
    assert urgent.advice[0].id == "route_urgent_gp"


def test_advice_for_a_symptom_that_is_not_ticked_is_skipped_and_the_causes_other_advice_still_shown(data_copy):
    # In this copy the safety-net about a hard, red, tender vein comes after the advice about a
    # bleeding vein, which applies only when "bleeding varicose vein" is ticked.
    def tender_last(rows):
        tender = next(row for row in rows if row["id"] == "varicose_tender")
        others = [row for row in rows if row is not tender]
        last_bleeding = max(i for i, row in enumerate(others) if row["only_with"] == "bleeding_varicose_vein")
        return others[: last_bleeding + 1] + [tender] + others[last_bleeding + 1 :]

    rewrite(data_copy / "advice.csv", tender_last)
    course = load_course(data_copy)
    ids = [a.id for a in assess(["painful_varicose_veins"], course=course).advice]
    assert "varicose_tender" in ids
    assert not {"varicose_bleeding", "varicose_bleeding_999"} & set(ids)
