"""The assessment bank (data/assessment/) and instructors' question files.

The bank is validated by the self-checks' own model and source check; it stays out of the
lessons, the learner build and the browser version; its right answers are spread over the
positions; and the JSON Schema in docs/ accepts every question the course has.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT
from legpain import DataError
from legpain.content.lessons.quiz import Question, load_quiz
from legpain.lms.bank import assessment_sections, bank_section, find_lesson, resolve_lessons

ASSESSMENT = DATA / "assessment"
SCHEMA = json.loads((ROOT / "docs" / "question-bank.schema.json").read_text(encoding="utf-8"))


def _bank_files() -> list[Path]:
    return sorted(ASSESSMENT.glob("*.yaml"))


def _bank_questions() -> list[dict]:
    return [q for path in _bank_files() for q in yaml.safe_load(path.read_text(encoding="utf-8"))["quiz"]]


def test_the_bank_has_about_four_questions_for_each_lesson_01_to_10(course):
    sections = assessment_sections(list(course.lessons), course)
    per_lesson = {s.key.split(".", 1)[1]: len(s.questions) for s in sections}
    wanted = [lesson for lesson in course.lessons if "01" <= lesson[:2] <= "10"]
    assert sorted(per_lesson) == wanted
    assert all(3 <= n <= 6 for n in per_lesson.values()), per_lesson
    assert sum(per_lesson.values()) >= 40


def test_the_bank_is_validated_by_the_self_checks_own_model(course):
    for section in assessment_sections(list(course.lessons), course):
        for exported in section.questions:
            assert type(exported.question) is Question
            assert exported.question.source_ids and all(o.source_ids for o in exported.question.options)


@pytest.mark.parametrize(
    "change, column",
    [
        (lambda q: [o.update(correct=True) for o in q["options"]], "options"),  # every option right
        (lambda q: q["options"][1].update(source_ids=["S99999"]), "options.1.source_ids"),
        (lambda q: q["options"][0].pop("feedback"), "options.0.feedback"),
        (lambda q: q.update(prompt="Short?"), "prompt"),
    ],
)
def test_a_broken_bank_question_names_the_file_the_question_and_the_field(course, data_copy, change, column):
    from legpain import load_course

    path = data_copy / "assessment" / "03_nerve_compression.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    question = raw["quiz"][1]
    change(question)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    copy = load_course(data_copy)
    with pytest.raises(DataError) as caught:
        assessment_sections(list(copy.lessons), copy)
    message = str(caught.value)
    assert "data/assessment/03_nerve_compression.yaml" in message and f"(id '{question['id']}')" in message
    assert f"column '{column}'" in message


def test_no_position_holds_more_than_40_percent_of_the_right_answers():
    positions = Counter(next(i for i, o in enumerate(q["options"]) if o.get("correct")) for q in _bank_questions())
    total = sum(positions.values())
    assert max(positions.values()) / total <= 0.40, positions
    assert len(positions) >= 3, f"the right answer sits in too few positions: {positions}"


def test_bank_questions_are_new_and_case_based():
    questions = _bank_questions()
    lesson_prompts = {q["prompt"].strip().casefold() for path in sorted((DATA / "lessons").glob("*.yaml"))
                      for q in (yaml.safe_load(path.read_text(encoding="utf-8")).get("quiz") or [])}
    prompts = [q["prompt"].strip().casefold() for q in questions]
    assert len(set(prompts)) == len(prompts)
    assert not set(prompts) & lesson_prompts
    # A case: her stage (weeks of pregnancy, or the birth) or a call or a checker in use.
    case = re.compile(r"\b(\d+ weeks|birth|phones?|calls?|ticks)\b", re.I)
    assert [q["id"] for q in questions if not case.search(q["prompt"])] == []


def test_new_sources_use_the_reserved_ids_only():
    with open(DATA / "sources.csv", encoding="utf-8") as handle:
        known = {line.split(",", 1)[0] for line in handle}
    for q in _bank_questions():
        for source_id in q["source_ids"] + [s for o in q["options"] for s in o["source_ids"]]:
            number = int(source_id[1:]) if re.fullmatch(r"S\d+", source_id) else None
            assert source_id in known or (number is not None and 420 <= number <= 459), source_id


# ------------------------------------------------------------------ held out of the learners' course

def _stored_in(words: str, text: str) -> bool:
    """Whether the words are in a file as they are, or as JSON stores them (a notebook)."""
    return any(form in text for form in (words, json.dumps(words)[1:-1], json.dumps(words, ensure_ascii=False)[1:-1]))


def _bank_words() -> list[str]:
    words = []
    for q in _bank_questions():
        words.append(q["prompt"].strip())
        words += [o["text"].strip() for o in q["options"] if len(o["text"]) > 40]
    return words


def test_the_bank_appears_in_no_lesson_and_no_notebook(course):
    words = _bank_words()
    places = sorted((DATA / "lessons").glob("*.yaml")) + sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in places:
        text = path.read_text(encoding="utf-8")
        assert not [w for w in words if _stored_in(w, text)], f"{path.name} contains assessment questions"
    self_checks = {q.prompt for lesson in course.lessons for q in load_quiz(lesson, course)}
    assert not self_checks & set(words)


def test_no_course_code_outside_the_exporter_reads_the_bank():
    """Only legpain.lms reads data/assessment; the learner build and the site tools never do."""
    readers = []
    for folder in (ROOT / "src" / "legpain", ROOT / "tools"):
        for path in folder.rglob("*.py"):
            if "lms" in path.relative_to(ROOT).parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"""["'/]assessment["'/]|ASSESSMENT_FOLDER|assessment_sections|legpain\.lms""", text):
                readers.append(str(path.relative_to(ROOT)))
    assert readers == [], f"these read the assessment bank or the exporter: {readers}"


def _holds_no_bank_question(built: Path) -> int:
    words = _bank_words()
    checked = 0
    for path in built.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".html", ".json", ".yaml", ".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [w for w in words if _stored_in(w, text)], path
            checked += 1
    return checked


def test_the_learner_build_holds_no_bank_question(tmp_path):
    """tools/notebook_versions.py (make build), copying the stored outputs."""
    done = subprocess.run([sys.executable, "-m", "tools.notebook_versions", "notebooks", "--out", str(tmp_path), "--no-execute"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _holds_no_bank_question(tmp_path / "learner") >= len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))


@pytest.mark.parametrize("folder", ["build/learner", "build/site"])
def test_built_learner_and_site_versions_hold_no_bank_question(folder):
    built = ROOT / folder
    if not built.is_dir():
        pytest.skip(f"{folder} has not been built (make build / make site); the wheel test in test_packaging.py covers the site")
    _holds_no_bank_question(built)


def test_no_notebook_import_loads_the_exporter():
    modules = set()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                modules |= set(re.findall(r"^\s*from (legpain[\w.]*) import", source, re.M))
                modules |= set(re.findall(r"^\s*import (legpain[\w.]*)", source, re.M))
    assert modules, "no legpain imports found in the notebooks"
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in sorted(modules)) + (
        "print(sorted(m for m in sys.modules if m.startswith('legpain.lms') or m.split('.')[0] in ('lxml', 'jsonschema')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]", done.stdout


# ------------------------------------------------------------------ lessons by number

def test_a_lesson_by_number_or_by_name(course):
    assert find_lesson("03", course) == find_lesson("3", course) == find_lesson("03_nerve_compression", course) == "03_nerve_compression"
    assert resolve_lessons([], course) == list(course.lessons)
    assert resolve_lessons(["10", "01", "10"], course) == ["10_after_the_birth", "01_pelvic_girdle_pain"]
    with pytest.raises(ValueError, match="unknown lesson '42'"):
        find_lesson("42", course)


# ------------------------------------------------------------------ the JSON Schema in docs/

def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_every_course_question_validates_against_the_schema(course):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for lesson in course.lessons:
        raw = yaml.safe_load((DATA / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))
        errors = list(validator.iter_errors({"lesson": lesson, "quiz": raw["quiz"]}))
        assert not errors, f"{lesson}: {errors[0].message}"
    for path in _bank_files():
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path.name}: {errors[0].message}"
    example = yaml.safe_load((ROOT / "docs" / "question-bank.example.yaml").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(example))


WRONG = {
    "no right answer": lambda q: q["options"][0].pop("correct"),
    "two right answers": lambda q: [o.update(correct=True) for o in q["options"]],
    "two options": lambda q: q.update(options=q["options"][:2]),
    "unknown field": lambda q: q.update(answer=1),
    "right and safe": lambda q: next(o for o in q["options"] if o.get("correct")).update(safe=True),
    "no sources": lambda q: q.update(source_ids=[]),
    "id with a capital": lambda q: q.update(id="Bad"),
}


@pytest.mark.parametrize("name", list(WRONG))
def test_schema_and_loader_reject_the_same_mistakes(course, tmp_path, name):
    example = yaml.safe_load((ROOT / "docs" / "question-bank.example.yaml").read_text(encoding="utf-8"))
    bank_section(_write(tmp_path / "good.yaml", example), course)  # the example itself is accepted
    question = example["quiz"][0]
    if name == "no right answer":
        for option in question["options"]:
            option.pop("correct", None)
    else:
        WRONG[name](question)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(example)), f"the schema accepts {name}"
    with pytest.raises(DataError):
        bank_section(_write(tmp_path / "bad.yaml", example), course)


def _write(path: Path, raw: dict) -> Path:
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ------------------------------------------------------------------ consistent with the triage engine

# The stories of the bank's triage questions as symptom ids (data/symptoms.csv) and a stage, with
# the level their key rests on. The engine must give that level, and a right option that names a
# level must name this one: a change in data/ that moves one of these levels fails here, so that
# the question is looked at again.
TRIAGE_KEYS = {
    ("01_pelvic_girdle_pain", "known_pgp_new_numbness"): (["pelvic_pain_limits_walking", "saddle_numbness"], 30, None, "immediate"),
    ("02_swelling_oedema", "one_leg_among_two"): (["both_ankles_swollen_gradual", "one_leg_swollen", "one_leg_calf_pain"], 33, None, "urgent"),
    ("02_swelling_oedema", "vomiting_late_pregnancy"): (["both_ankles_swollen_gradual", "vomiting"], 34, None, "immediate"),
    ("02_swelling_oedema", "face_swelling_overnight"): (["sudden_face_hand_swelling"], 24, None, "immediate"),
    ("02_swelling_oedema", "propped_on_pillows"): (["breathless_lying_flat", "both_ankles_swollen_gradual"], 36, None, "immediate"),
    ("03_nerve_compression", "leaking_urine_with_back_pain"): (["bladder_bowel_change"], 31, None, "immediate"),
    ("03_nerve_compression", "both_legs_now"): (["bilateral_sciatica"], 29, None, "immediate"),
    ("04_cramps_and_blood_chemistry", "cramp_that_lingers"): (["frequent_severe_cramps", "one_leg_calf_pain"], 35, None, "urgent"),
    ("04_cramps_and_blood_chemistry", "crawling_or_cramp"): (["urge_to_move_legs"], 33, None, "routine"),
    ("05_posture_gait_and_muscle_strain", "gym_thigh"): (["one_leg_calf_pain", "one_leg_swollen", "one_leg_warm_red"], 27, None, "urgent"),
    ("06_clots_and_inflamed_veins", "cord_above_the_knee"): (["tender_red_vein", "painful_varicose_veins"], 34, None, "urgent"),
    ("08_symptom_advice_matrix", "two_minor_one_flag"): (["heavy_aching_legs", "frequent_severe_cramps", "tender_red_vein"], 30, None, "urgent"),
    ("08_symptom_advice_matrix", "typical_but_not_urgent"): (["frequent_severe_cramps"], 32, None, "routine"),
    ("09_case_studies", "end_of_shift_legs"): (["heavy_aching_legs", "both_ankles_swollen_gradual"], 30, None, "self-care"),
    ("09_case_studies", "pgp_and_a_calf"): (["pelvic_pain_limits_walking", "one_leg_swollen", "one_leg_calf_pain"], 28, None, "urgent"),
    ("09_case_studies", "ache_that_changed"): (["painful_varicose_veins", "pain_changed"], 32, None, "urgent"),
    ("10_after_the_birth", "calf_eight_weeks_after"): (["one_leg_swollen", "one_leg_calf_pain"], None, 56, "urgent"),
}
LEVEL_WORDS = {"self-care": "Self-care", "routine": "Routine", "urgent": "Urgent", "immediate": "Immediate", "emergency": "Emergency"}


@pytest.mark.parametrize("key", list(TRIAGE_KEYS), ids=lambda key: key[1])
def test_a_triage_key_agrees_with_the_engine(key):
    from legpain import assess

    lesson, question_id = key
    symptoms, weeks, days, level = TRIAGE_KEYS[key]
    assert assess(symptoms, weeks=weeks, days_after_birth=days).level.value == level
    raw = yaml.safe_load((ASSESSMENT / f"{lesson}.yaml").read_text(encoding="utf-8"))
    (question,) = [q for q in raw["quiz"] if q["id"] == question_id]
    right = next(o["text"] for o in question["options"] if o.get("correct"))
    named = [word for word in LEVEL_WORDS.values() if right.startswith(word)]
    assert named in ([], [LEVEL_WORDS[level]]), f"{question_id}: the right option says {right!r}, the engine {level!r}"
    for option in question["options"]:
        if option.get("safe"):  # a safe option is a faster route than the level
            assert any(option["text"].startswith(LEVEL_WORDS[faster]) for faster in list(LEVEL_WORDS)[list(LEVEL_WORDS).index(level) + 1:])


def test_the_stage_rule_in_the_matrix_question():
    from legpain import assess

    assert assess(["vomiting"], weeks=16).level.value == "routine"
    assert assess(["vomiting"], weeks=30).level.value == "immediate"
    assert assess(["frequent_severe_cramps", "one_leg_calf_pain"], weeks=28).causes[0] == "dvt"
