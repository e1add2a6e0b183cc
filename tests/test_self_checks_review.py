"""Second clinical review: the self-checks and lesson 07 (findings W3, W4, W5 and I2).

Each test reads the data files and notebooks as written, and would fail on the text they had before.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT
from legpain import Level, assess
from legpain.content.lessons.relief import load_toolkit

RELIEF = "07_relief_toolkit"
LEVEL_WORDS = {  # how a keyed option names its level, at the start of its text
    "Self-care": Level.SELF_CARE,
    "Routine": Level.ROUTINE,
    "Urgent (same day)": Level.URGENT,
    "Immediate (now)": Level.IMMEDIATE,
    "Emergency (999)": Level.EMERGENCY,
}


def _lesson(lesson_id: str) -> dict:
    return yaml.safe_load((DATA / "lessons" / f"{lesson_id}.yaml").read_text(encoding="utf-8"))


def _question(lesson_id: str, qid: str) -> dict:
    return next(q for q in _lesson(lesson_id)["quiz"] if q["id"] == qid)


def _keyed(question: dict) -> dict:
    return next(o for o in question["options"] if o.get("correct"))


def _keyed_level(question: dict) -> Level:
    text = _keyed(question)["text"]
    found = [level for word, level in LEVEL_WORDS.items() if text.startswith(word)]
    assert len(found) == 1, f"{question['id']}: the right answer does not start with a level word: {text!r}"
    return found[0]


def _markdown_cells(notebook: Path) -> list[tuple[list[str], str]]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [(c.get("metadata", {}).get("tags", []), "".join(c["source"])) for c in cells if c["cell_type"] == "markdown"]


def _all_quiz_text() -> list[tuple[str, str]]:
    """(where, text) for every prompt and option text and feedback of lessons 01 to 09."""
    found = []
    for path in sorted((DATA / "lessons").glob("0[1-9]_*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8")).get("quiz") or []:
            found.append((f"{path.stem} {q['id']}", q["prompt"]))
            found += [(f"{path.stem} {q['id']}", o["text"] + " " + o["feedback"]) for o in q["options"]]
    return found


# ---------------------------------------------------------------- W3: exercise with SPD


def test_w3_exercise_with_spd_is_chosen_by_a_physiotherapist_not_ruled_out():
    toolkit = load_toolkit()
    cautions = {m.id: m.caution for m in toolkit.measures if m.caution is not None}
    assert {"tailored_exercise", "keep_active"} <= set(cautions)
    for measure_id, caution in cautions.items():
        assert "not advised" not in caution.text, measure_id
        assert "physiotherapist" in caution.text and "provoke" in caution.text, measure_id
        assert {"S18", "S239"} & set(caution.source_ids), measure_id  # POGP (S18) or the NHS physiotherapy leaflet (S239)
    solution = [text for tags, text in _markdown_cells(ROOT / "notebooks" / f"{RELIEF}.ipynb") if "solution" in tags]
    assert solution and not any("not advised for it" in text for text in solution)
    assert any("physiotherapist" in text and "SPD" in text for text in solution)


# ---------------------------------------------------------------- W4: 20 and 28 weeks, not 30


def test_w4_nsaid_weeks_are_20_and_28_everywhere_in_lesson_07_and_30_only_as_the_old_us_label():
    rows = {p.id: p for p in load_toolkit().painkillers}
    assert (rows["nsaid_from_20"].from_week, rows["nsaid_third_trimester"].from_week) == (20, 28)
    assert "S460" in rows["nsaid_third_trimester"].source_ids  # the MHRA: contraindicated after 28 weeks
    for tags, text in _markdown_cells(ROOT / "notebooks" / f"{RELIEF}.ipynb"):
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if re.search(r"\b30[- ]week", sentence):
                assert "US" in sentence, (tags, sentence)
    instructor = "".join(text for tags, text in _markdown_cells(ROOT / "notebooks" / f"{RELIEF}.ipynb") if "instructor" in tags)
    assert "20 weeks" in instructor and "28 weeks" in instructor


# ---------------------------------------------------------------- W5: where the ductus arteriosus is


def _course_texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in sorted(DATA.rglob("*")) if p.suffix in {".csv", ".yaml"}]
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        texts += [(f"{notebook.name} markdown", text) for _, text in _markdown_cells(notebook)]
    texts += [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
    return texts


def test_w5_the_ductus_arteriosus_is_never_put_in_the_lungs():
    wrong = re.compile(r"vessel in the (baby's )?lungs|ductus arteriosus[^.]{0,40}\bin the (baby's )?lungs", re.I)
    assert [where for where, text in _course_texts() if wrong.search(text)] == []


def test_w5_lesson_07_says_what_the_ductus_arteriosus_joins():
    rows = {p.id: p for p in load_toolkit().painkillers}
    for text in (rows["nsaid_from_20"].text, _keyed(_question(RELIEF, "ibuprofen_at_24"))["feedback"]):
        assert "pulmonary artery" in text and "aorta" in text and "heart" in text
    assert "S461" in rows["nsaid_from_20"].source_ids
    notebook = "".join(text for _, text in _markdown_cells(ROOT / "notebooks" / f"{RELIEF}.ipynb"))
    assert "joins the pulmonary artery to the aorta" in notebook and "kidneys" in notebook


# ---------------------------------------------------------------- I2: sepsis after a caesarean


def test_i2_sepsis_after_caesarean_keys_immediate_like_grace_with_999_as_a_safe_choice():
    question = _question("09_case_studies", "sepsis_after_caesarean")
    grace = next(c for c in _lesson("09_case_studies")["cases"] if c["id"] == "grace")
    assert _keyed_level(question) == Level(grace["level"]) == Level.IMMEDIATE
    emergency = [o for o in question["options"] if o["text"].startswith("Emergency (999)")]
    assert len(emergency) == 1 and emergency[0].get("safe") is True
    for option in (emergency[0], _keyed(question)):  # both name the signs that do make it a 999 call
        assert "confused" in option["feedback"] and "breath" in option["feedback"] and "skin" in option["feedback"]
        assert {"S236", "S162"} <= set(option["source_ids"])
    assert "not breathless" in question["prompt"] and "making sense" in question["prompt"]


# ---------------------------------------------------------------- the keys agree with the triage engine


# (lesson, question, the symptom ids of its story, weeks, days after the birth): written out from the prompts.
STORIES = [
    ("01_pelvic_girdle_pain", "when_to_refer", ["pelvic_pain_limits_walking"], 27, None),
    ("02_swelling_oedema", "warning_signs", ["both_ankles_swollen_gradual", "headache_vision_rib_pain"], 32, None),
    ("02_swelling_oedema", "after_birth", ["headache_vision_rib_pain", "sudden_face_hand_swelling"], None, 5),
    ("03_nerve_compression", "cauda_equina_where", ["bilateral_sciatica", "bladder_bowel_change"], 35, None),
    ("03_nerve_compression", "foot_drop", ["foot_drop_or_numb_below_knee"], 32, None),
    ("04_cramps_and_blood_chemistry", "cramps_most_nights", ["frequent_severe_cramps"], 28, None),
    ("04_cramps_and_blood_chemistry", "rls_iron", ["urge_to_move_legs"], 28, None),
    ("05_posture_gait_and_muscle_strain", "strain_or_clot", ["one_leg_calf_pain", "one_leg_swollen"], 26, None),
    ("06_clots_and_inflamed_veins", "calf_and_breathless", ["one_leg_calf_pain", "one_leg_swollen", "breathless_lying_flat"], None, 10),
    ("06_clots_and_inflamed_veins", "red_vein", ["painful_varicose_veins", "tender_red_vein"], 30, None),
    ("08_symptom_advice_matrix", "sickle_cell_pain", ["sickle_cell_pain"], 26, None),
    ("09_case_studies", "pgp_after_birth", ["pelvic_pain_after_birth", "pelvic_pain_limits_walking"], None, 21),
]


@pytest.mark.parametrize(("lesson_id", "qid", "symptom_ids", "weeks", "days"), STORIES, ids=[s[1] for s in STORIES])
def test_a_keyed_level_is_the_engines_level_for_the_same_story(lesson_id, qid, symptom_ids, weeks, days):
    question = _question(lesson_id, qid)
    assert _keyed_level(question) == assess(symptom_ids, weeks, days_after_birth=days).level


def test_a_clot_sign_with_breathlessness_is_999_with_a_clot_in_the_lungs_first():
    result = assess(["one_leg_calf_pain", "one_leg_swollen", "breathless_lying_flat"], days_after_birth=10)
    assert (result.level, result.causes[0]) == (Level.EMERGENCY, "pulmonary_embolism")


def test_the_triage_order_question_follows_the_engine():
    """C (a thunderclap headache at 16 weeks) before B (headache and flashing lights at 33) before A (PGP at 38)."""
    c = assess(["thunderclap_headache"], 16).level
    b = assess(["headache_vision_rib_pain"], 33).level
    a = assess(["pelvic_pain_limits_walking"], 38).level
    assert c > b > a and (c, b, a) == (Level.EMERGENCY, Level.IMMEDIATE, Level.ROUTINE)
    assert _keyed(_question("09_case_studies", "triage_order"))["text"] == "C, then B, then A"


# ---------------------------------------------------------------- one point, not seven times


def test_the_same_day_check_for_one_swollen_calf_is_keyed_in_at_most_two_questions():
    """A question whose story has one swollen or painful calf and whose right answer is a same-day check."""
    calf = re.compile(r"\b(calf|leg)\b[^.]*\b(swollen|sore|painful)|\b(swollen|sore|painful)\b[^.]*\b(calf|leg)\b", re.I)
    same_day = []
    for path in sorted((DATA / "lessons").glob("0[1-9]_*.yaml")):
        for q in yaml.safe_load(path.read_text(encoding="utf-8")).get("quiz") or []:
            keyed = _keyed(q)
            if calf.search(q["prompt"]) and re.search(r"same[- ]day|today", keyed["text"] + " " + keyed["feedback"], re.I):
                if "both" not in q["prompt"]:
                    same_day.append(f"{path.stem} {q['id']}")
    assert len(same_day) <= 2, same_day


def test_no_quiz_text_sends_a_clot_sign_with_breathlessness_to_a_same_day_check():
    wrong = re.compile(r"breathless[^.]*\b(same day|today)\b", re.I)
    offenders = [(where, text) for where, text in _all_quiz_text() if wrong.search(text) and "999" not in text]
    assert offenders == []
