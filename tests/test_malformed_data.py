"""A malformed data file gives one clear DataError naming file, row, column and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from legpain import DataError, load_course


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


ADVICE_ROW = 29  # the row of cramp_stretch in data/advice.csv

# (case id, file, change to make, expected file, row, column, words the message must contain)
CASES = [
    ("unknown level", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "coughing up blood, or collapse\",beyond_leg,emergency", "coughing up blood, or collapse\",beyond_leg,emergncy"),
     "data/symptoms.csv", 1, "level", "'self-care'"),
    ("red flag not yes/no", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "(the saddle area),pelvis,immediate,yes", "(the saddle area),pelvis,immediate,maybe"),
     "data/symptoms.csv", 4, "red_flag", "'yes' or 'no'"),
    ("red flag disagrees with level", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "still managing daily life\",pelvis,self-care,no", "still managing daily life\",pelvis,self-care,yes"),
     "data/symptoms.csv", 35, "red_flag", "most dangerous stage"),
    ("unknown region", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "Bleeding from a varicose vein,knee_calf", "Bleeding from a varicose vein,shin"),
     "data/symptoms.csv", 11, "region", "regions.csv"),
    ("broken source id in symptoms", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "LP03,S37", "LP03,S999"),
     "data/symptoms.csv", 6, "source_ids", "sources.csv"),
    ("missing source ids", "causes.csv",
     lambda d: replace(d / "causes.csv", "it needs a scan.\",,S61", "it needs a scan.\",,"),
     "data/causes.csv", 11, "source_ids", "required"),
    ("duplicate cause id", "causes.csv",
     lambda d: append(d / "causes.csv", "dvt,Duplicate,Dup,dangerous,06_clots_and_inflamed_veins,A second row with the same id.,,S42,"),
     "data/causes.csv", 20, "id", "unique"),
    ("cause id not snake case", "causes.csv",
     lambda d: replace(d / "causes.csv", "leg_cramps,Leg cramps", "Leg Cramps,Leg cramps"),
     "data/causes.csv", 6, "id", "lower-case id"),
    ("from_week out of range", "causes.csv",
     lambda d: replace(d / "causes.csv", "are warning signs.\",20,", "are warning signs.\",50,"),
     "data/causes.csv", 3, "from_week", "less than or equal to 42"),
    ("matrix weight not a number", "matrix.csv",
     lambda d: replace(d / "matrix.csv", "breathless_chest_pain,pulmonary_embolism,3,", "breathless_chest_pain,pulmonary_embolism,high,"),
     "data/matrix.csv", 1, "weight", "integer"),
    ("matrix weight too large", "matrix.csv",
     lambda d: replace(d / "matrix.csv", "saddle_numbness,cauda_equina,3,", "saddle_numbness,cauda_equina,7,"),
     "data/matrix.csv", 3, "weight", "less than or equal to 3"),
    ("matrix unknown symptom", "matrix.csv",
     lambda d: replace(d / "matrix.csv", "bladder_bowel_change,cauda_equina", "bladder_change,cauda_equina"),
     "data/matrix.csv", 4, "symptom_id", "symptoms.csv"),
    ("matrix unknown cause", "matrix.csv",
     lambda d: replace(d / "matrix.csv", "both_legs_weak,cauda_equina", "both_legs_weak,cauda_equinna"),
     "data/matrix.csv", 5, "cause_id", "causes.csv"),
    ("matrix row with an extra field", "matrix.csv",
     lambda d: append(d / "matrix.csv", "heavy_aching_legs,dvt,1,\"Too many fields here.\",S25,extra"),
     "data/matrix.csv", 59, None, "fields as in the header"),
    ("advice with unknown cause", "advice.csv",
     lambda d: replace(d / "advice.csv", "cramp_stretch,leg_cramps,", "cramp_stretch,leg_cramp,"),
     "data/advice.csv", ADVICE_ROW, "cause_id", "causes.csv"),
    ("route advice missing", "advice.csv",
     lambda d: replace(d / "advice.csv", "route_routine,,routine", "route_review,,routine"),
     "data/advice.csv", None, "id", "route_routine"),
    ("rule with unknown symptom", "rules.csv",
     lambda d: replace(d / "rules.csv", "breathless_lying_flat;both_ankles_swollen_gradual", "breathless_lying_flat;both_ankles_swolen_gradual"),
     "data/rules.csv", 3, "all_of", "symptoms.csv"),
    ("rule weeks reversed", "rules.csv",
     lambda d: replace(d / "rules.csv", "face_swelling_from_20_weeks,sudden_face_hand_swelling,pregnancy;after_birth,20,", "face_swelling_from_20_weeks,sudden_face_hand_swelling,pregnancy;after_birth,30,20"),
     "data/rules.csv", 1, "max_week", "min_week"),
    ("source url not a web address", "sources.csv",
     lambda d: replace(d / "sources.csv", "2008,https://pmc.ncbi.nlm.nih.gov/articles/PMC2518998", "2008,pmc2518998"),
     "data/sources.csv", 2, "url", "pattern"),
    ("source year not a year", "sources.csv",
     lambda d: replace(d / "sources.csv", "Eur Spine J. 2008;17:794-819.\",2008", "Eur Spine J. 2008;17:794-819.\",twenty"),
     "data/sources.csv", 2, "year", "integer"),
    ("header missing a column", "regions.csv",
     lambda d: replace(d / "regions.csv", "id,label,order", "id,name,order"),
     "data/regions.csv", "header", "label", "the columns"),
    ("file missing", "advice.csv",
     lambda d: (d / "advice.csv").unlink(),
     "data/advice.csv", None, None, "the file to exist"),
    ("LEFt rule invalid YAML", "left_rule.yaml",
     lambda d: replace(d / "left_rule.yaml", "points:\n", "points: [\n"),
     "data/left_rule.yaml", "line 8", None, "valid YAML"),
    ("LEFt rule broken source", "left_rule.yaml",
     lambda d: replace(d / "left_rule.yaml", "source_ids: [S46, S49]", "source_ids: [S46, S4]"),
     "data/left_rule.yaml", "points[0]", "source_ids", "sources.csv"),
    ("LEFt threshold negative", "left_rule.yaml",
     lambda d: replace(d / "left_rule.yaml", "calf_difference_threshold_cm: 2.0", "calf_difference_threshold_cm: -2"),
     "data/left_rule.yaml", "(document)", "calf_difference_threshold_cm", "greater than 0"),
    ("LEFt figure summary with an unknown name", "left_rule.yaml",
     lambda d: replace(d / "left_rule.yaml", "and even {lowest} is", "and even {lowest_score} is"),
     "data/left_rule.yaml", "(document)", "figure_summary", "{smallest_women}"),
    ("lesson notebook name mismatch", "lessons.csv",
     lambda d: replace(d / "lessons.csv", "03_nerve_compression,03_nerve_compression.ipynb", "03_nerve_compression,03_nerves.ipynb"),
     "data/lessons.csv", 4, "notebook", "03_nerve_compression.ipynb"),
    ("symptom with no matrix row", "symptoms.csv",
     lambda d: append(d / "symptoms.csv", "sore_knee,A sore knee,knee_calf,self-care,no,,S18,"),
     "data/symptoms.csv", 36, "id", "matrix.csv"),
    ("rule that never raises anything", "rules.csv",
     lambda d: append(d / "rules.csv", "no_effect,one_leg_swollen;breathless_chest_pain,,,,emergency,pulmonary_embolism,route_emergency,\"A rule at the level its own symptoms already give.\",S48"),
     "data/rules.csv", 11, "level", "never raises anything"),
    ("rule with weeks but no pregnancy stage", "rules.csv",
     lambda d: append(d / "rules.csv", "weeks_after_birth,heavy_aching_legs,after_birth,20,,routine,,route_routine,\"Weeks of pregnancy on a rule for after the birth.\",S25"),
     "data/rules.csv", 11, "stages", "'pregnancy' among the stages"),
    ("rule with an unknown stage", "rules.csv",
     lambda d: append(d / "rules.csv", "bad_stage,heavy_aching_legs,labour,,,routine,,route_routine,\"A stage that the course does not know.\",S25"),
     "data/rules.csv", 11, "stages.0", "'pregnancy' or 'after_birth'"),
    ("advice without a kind", "advice.csv",
     lambda d: replace(d / "advice.csv", "cramp_stretch,leg_cramps,self-care,action,", "cramp_stretch,leg_cramps,self-care,tip,"),
     "data/advice.csv", ADVICE_ROW, "kind", "'route', 'action' or 'safety-net'"),
    ("route advice as a safety-net", "advice.csv",
     lambda d: replace(d / "advice.csv", "route_urgent,,urgent,route,", "route_urgent,,urgent,safety-net,"),
     "data/advice.csv", None, "id", "kind 'route'"),
    ("red flag without a route", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "LP11,S38;S167,route_urgent", "LP11,S38;S167,"),
     "data/symptoms.csv", 20, "route", "the route"),
    ("symptom route at another level", "symptoms.csv",
     lambda d: replace(d / "symptoms.csv", "LP11,S38;S167,route_urgent", "LP11,S38;S167,route_ae_spine"),
     "data/symptoms.csv", 20, "route", "a route at 'urgent'"),
    ("rule route that is not a route", "rules.csv",
     lambda d: replace(d / "rules.csv", "pulmonary_embolism,route_999_clot_lungs", "pulmonary_embolism,pe_emergency"),
     "data/rules.csv", 4, "route", "of kind 'route'"),
    ("action names a place it does not declare", "advice.csv",
     lambda d: replace(d / "advice.csv", "A suspected clot in the lungs is an emergency:", "A suspected clot in the lungs is an emergency, so go to A&E:"),
     "data/advice.csv", 43, "destination", "a_and_e"),
    ("advice with an unknown destination", "advice.csv",
     lambda d: replace(d / "advice.csv", "maternity_unit,\nroute_routine", "maternity_ward,\nroute_routine"),
     "data/advice.csv", 3, "destination", "destinations.csv"),
    ("advice only for an unknown symptom", "advice.csv",
     lambda d: replace(d / "advice.csv", ",tender_red_vein\n", ",tender_vein\n"),
     "data/advice.csv", 42, "only_with", "symptoms.csv"),
    ("route row with a cause", "advice.csv",
     lambda d: replace(d / "advice.csv", "route_ae_spine,,immediate", "route_ae_spine,cauda_equina,immediate"),
     "data/advice.csv", 7, "cause_id", "no cause"),
    ("cause with an unknown stage", "causes.csv",
     lambda d: replace(d / "causes.csv", ",S487;S488,after_birth", ",S487;S488,labour"),
     "data/causes.csv", 17, "stages.0", "'pregnancy' or 'after_birth'"),
    ("duplicate matrix row", "matrix.csv",
     lambda d: append(d / "matrix.csv", "saddle_numbness,cauda_equina,2,\"The same pair a second time.\",S37"),
     "data/matrix.csv", 59, "cause_id", "one row per symptom and cause"),
    ("cause with no matrix row", "causes.csv",
     lambda d: append(d / "causes.csv", "lonely,A cause no symptom points to,Lonely,everyday,01_pelvic_girdle_pain,A cause with no row in the matrix.,,S1,"),
     "data/causes.csv", 20, "id", "matrix.csv"),
    ("route advice at the wrong level", "advice.csv",
     lambda d: replace(d / "advice.csv", "route_routine,,routine,route", "route_routine,,self-care,route"),
     "data/advice.csv", None, "id", "route_routine"),
    ("no advice for an empty selection", "advice.csv",
     lambda d: replace(d / "advice.csv", "nothing_selected,", "nothing_ticked,"),
     "data/advice.csv", None, "id", "nothing_selected"),
    ("rule naming an unknown cause", "rules.csv",
     lambda d: replace(d / "rules.csv", ",immediate,peripartum_cardiomyopathy,route_immediate", ",immediate,peripartum_cardio,route_immediate"),
     "data/rules.csv", 3, "cause_id", "causes.csv"),
    ("duplicate glossary term", "glossary.csv",
     lambda d: append(d / "glossary.csv", "Cauda equina syndrome,,A second definition of the same term.,S37"),
     "data/glossary.csv", 28, "term", "unique"),
    ("levels out of order", "levels.csv",
     lambda d: replace(d / "levels.csv", "immediate,", "immediately,"),
     "data/levels.csv", 4, "id", "'self-care'"),
    ("level missing", "levels.csv",
     lambda d: replace(d / "levels.csv", "immediate,\"get help now", "urgent,\"get help now"),
     "data/levels.csv", None, "id", "one row per level"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_malformed_file_names_file_row_and_column(case, data_copy):
    _, _, change, file, row, column, words = case
    change(data_copy)
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    error = caught.value
    assert error.file == file
    assert error.row == row
    assert error.column == column
    assert words in str(error), str(error)
    message = str(error)
    assert message.startswith(file)
    if isinstance(row, int):
        assert f"row {row} (line {row + 1} of the file)" in message
    elif row is not None:
        assert row in message
    if column is not None:
        assert f"column '{column}'" in message


def test_valid_copy_loads(data_copy):
    course = load_course(data_copy)
    assert "dvt" in course.causes


def test_data_error_is_a_value_error_not_a_key_error(data_copy):
    replace(data_copy / "matrix.csv", "both_legs_weak,cauda_equina", "both_legs_weak,nope")
    with pytest.raises(ValueError) as caught:
        load_course(data_copy)
    assert not isinstance(caught.value, KeyError)
    assert caught.value.__cause__ is None


def test_glossary_with_broken_source_is_rejected(data_copy):
    replace(data_copy / "glossary.csv", "fluid in the tissues.,S20;S21", "fluid in the tissues.,S20;S2l")
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    assert (caught.value.file, caught.value.row, caught.value.column) == ("data/glossary.csv", 10, "source_ids")


def test_every_row_model_refuses_unknown_columns():
    """A misspelt column is an error, not a silently ignored cell: every row model forbids extras."""
    import inspect

    from legpain.content import models
    from legpain.content.fields import Row

    row_models = [m for _, m in inspect.getmembers(models, inspect.isclass) if issubclass(m, Row) and m is not Row]
    assert len(row_models) >= 10
    for model in row_models:
        assert model.model_config.get("extra") == "forbid", model.__name__


def test_a_misspelt_column_is_named(data_copy):
    replace(data_copy / "regions.csv", "id,label,order", "id,label,order,colour")
    text = (data_copy / "regions.csv").read_text(encoding="utf-8").splitlines()
    (data_copy / "regions.csv").write_text("\n".join([text[0]] + [line + ",red" for line in text[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    assert (caught.value.file, caught.value.row, caught.value.column) == ("data/regions.csv", 1, "colour")
    assert "no such column" in str(caught.value)
