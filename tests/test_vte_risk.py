"""The RCOG Green-top 37a (2015) VTE risk tool: points, thresholds, pathways, bad input and the CLI.

Expected values come from the guideline (Appendix III points and instructions, Appendix I
pathways), as recorded in docs/vte-risk.md, not from the tool's own output.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from legpain import DataError, load_course, vte_risk
from legpain.vte import load_vte_risk

# Appendix III: points and the stage(s) at which each factor is scored.
BOTH = {"antenatal", "postnatal"}
APPENDIX_III = {
    "previous_vte": (4, BOTH), "previous_vte_major_surgery": (3, BOTH), "high_risk_thrombophilia": (3, BOTH),
    "medical_comorbidity": (3, BOTH), "family_history_vte": (1, BOTH), "low_risk_thrombophilia": (1, BOTH),
    "age_over_35": (1, BOTH), "bmi_30_or_more": (1, BOTH), "bmi_40_or_more": (2, BOTH),
    "parity_3_or_more": (1, BOTH), "smoker": (1, BOTH), "gross_varicose_veins": (1, BOTH),
    "pre_eclampsia": (1, BOTH), "ivf_art": (1, {"antenatal"}), "multiple_pregnancy": (1, BOTH),
    "caesarean_in_labour": (2, {"postnatal"}), "elective_caesarean": (1, {"postnatal"}),
    "mid_cavity_or_rotational_delivery": (1, {"postnatal"}), "prolonged_labour": (1, {"postnatal"}),
    "pph": (1, {"postnatal"}), "preterm_birth": (1, {"postnatal"}), "stillbirth": (1, {"postnatal"}),
    "surgery_in_pregnancy_or_puerperium": (3, BOTH), "hyperemesis": (3, {"antenatal"}),
    "ohss": (4, {"antenatal"}), "systemic_infection": (1, BOTH), "immobility": (1, BOTH),
}
# Pathway-only factors: no points of their own (Appendix I and the Appendix III instructions).
NO_POINTS = {"antenatal_lmwh": {"postnatal"}, "hospital_admission": {"antenatal"},
             "prolonged_admission_or_readmission": {"postnatal"}, "long_distance_travel": BOTH}
# RCOG 37a's transient risk factors (Appendix III's "Transient risk factors"; admission, and
# long-distance travel of more than 4 hours, from the guideline's list of risk factors and Appendix I).
TRANSIENT = {"surgery_in_pregnancy_or_puerperium", "hyperemesis", "ohss", "systemic_infection", "immobility",
             "hospital_admission", "prolonged_admission_or_readmission", "long_distance_travel"}
# The wording the guideline keeps for women with persistent risk factors; never for a transient factor alone.
LONG_PLANS = ("throughout pregnancy", "6 weeks after the birth")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "legpain", *args], capture_output=True, text=True, timeout=60)


def counted(result) -> dict[str, int]:
    return {f.id: f.points for f in result.factors}


# ---------------------------------------------------------------- the data


def test_every_appendix_iii_factor_has_its_points_and_stages(course):
    tool = load_vte_risk(course)
    for factor_id, (points, stages) in APPENDIX_III.items():
        factor = tool.factors[factor_id]
        assert factor.points == points, factor_id
        assert set(factor.stages) == stages, factor_id
    for factor_id, stages in NO_POINTS.items():
        assert tool.factors[factor_id].points == 0
        assert set(tool.factors[factor_id].stages) == stages
    assert set(tool.factors) == set(APPENDIX_III) | set(NO_POINTS)


def test_groups_and_sources(course):
    tool = load_vte_risk(course)
    groups = {f.id: f.group for f in tool.factors.values()}
    assert groups["previous_vte"] == groups["bmi_40_or_more"] == "pre-existing"
    assert groups["caesarean_in_labour"] == groups["ivf_art"] == "obstetric"
    assert groups["ohss"] == groups["immobility"] == groups["hyperemesis"] == "transient"
    for factor in tool.factors.values():
        assert factor.source_ids and set(factor.source_ids) <= set(course.sources), factor.id


def test_immobility_names_pelvic_girdle_pain(course):
    assert "pelvic girdle pain" in load_vte_risk(course).factors["immobility"].label


# ---------------------------------------------------------------- thresholds


@pytest.mark.parametrize("factors, score, recommendation", [
    ([], 0, "none"),
    (["age_over_35", "smoker"], 2, "none"),
    (["age_over_35", "smoker", "parity_3_or_more"], 3, "from_28_weeks"),
    (["age_over_35", "smoker", "parity_3_or_more", "gross_varicose_veins"], 4, "from_first_trimester"),
    (["bmi_40_or_more", "age_over_35"], 3, "from_28_weeks"),
    (["gross_varicose_veins", "multiple_pregnancy", "pre_eclampsia"], 3, "from_28_weeks"),
    (["medical_comorbidity", "ivf_art"], 4, "from_first_trimester"),
])
def test_antenatal_thresholds(factors, score, recommendation):
    result = vte_risk(factors, "antenatal")
    assert (result.score, result.recommendation) == (score, recommendation)


@pytest.mark.parametrize("factors, score, recommendation", [
    ([], 0, "none"),
    (["smoker"], 1, "none"),
    (["elective_caesarean"], 1, "none"),
    (["elective_caesarean", "age_over_35"], 2, "10_days"),
    (["caesarean_in_labour"], 2, "10_days"),
    (["bmi_40_or_more"], 2, "10_days"),
    (["pph", "preterm_birth", "stillbirth", "prolonged_labour", "mid_cavity_or_rotational_delivery"], 5, "10_days"),
    (["surgery_in_pregnancy_or_puerperium"], 3, "10_days"),
])
def test_postnatal_thresholds(factors, score, recommendation):
    result = vte_risk(factors, "postnatal")
    assert (result.score, result.recommendation) == (score, recommendation)


def test_score_based_advice_keeps_the_guideline_word_consider():
    for factors, stage in ((["ohss"], "antenatal"), (["hyperemesis"], "antenatal"), (["caesarean_in_labour"], "postnatal")):
        assert "Consider thromboprophylaxis" in vte_risk(factors, stage).explanation[-1].text


def test_antenatal_lmwh_usually_means_six_weeks_after_the_birth():
    for factors in (["age_over_35", "smoker", "parity_3_or_more"], ["medical_comorbidity", "ivf_art"]):
        assert "6 weeks after the birth" in vte_risk(factors, "antenatal").explanation_text


# ---------------------------------------------------------------- transient factors (review W1)


def test_each_factor_says_whether_rcog_37a_treats_it_as_transient(course):
    tool = load_vte_risk(course)
    assert {f.id for f in tool.factors.values() if f.transient} == TRANSIENT
    for factor in tool.factors.values():
        assert (factor.transient_note is not None) == factor.transient, factor.id


@pytest.mark.parametrize("factor, score, lasts", [
    # Appendix III gives hyperemesis 3 and OHSS 4; 37a: LMWH until the hyperemesis resolves, OHSS in the first trimester only.
    ("hyperemesis", 3, "hyperemesis resolves"),
    ("ohss", 4, "first trimester only"),
    ("surgery_in_pregnancy_or_puerperium", 3, "as she recovers"),
])
def test_a_transient_factor_alone_gives_lmwh_only_while_it_lasts(factor, score, lasts):
    result = vte_risk([factor], "antenatal")
    assert (result.score, result.recommendation, result.transient) == (score, "while_transient", [factor])
    assert lasts in result.explanation_text
    assert "repeat" in result.explanation[-1].text.lower()
    for words in LONG_PLANS:
        assert words not in result.explanation_text, words


def test_lasting_factors_keep_their_plan_beside_a_transient_one():
    # Age, parity and smoking (3, all pre-existing) give from 28 weeks; the infection adds LMWH while it lasts.
    result = vte_risk(["age_over_35", "smoker", "parity_3_or_more", "systemic_infection"], "antenatal")
    assert (result.score, result.recommendation, result.transient) == (4, "from_28_weeks", ["systemic_infection"])
    assert "while the infection lasts" in result.explanation_text
    # With 4 lasting points the transient factor changes nothing.
    assert vte_risk(["previous_vte", "hyperemesis"], "antenatal").recommendation == "from_first_trimester"


def test_transient_factors_are_listed_after_the_birth_too():
    result = vte_risk(["systemic_infection", "elective_caesarean"], "postnatal")
    assert (result.score, result.recommendation, result.transient) == (2, "10_days", ["systemic_infection"])


def test_long_distance_travel_is_taught_but_has_no_points():
    result = vte_risk(["long_distance_travel"], "antenatal")
    assert (result.score, result.recommendation, result.transient) == (0, "none", ["long_distance_travel"])
    assert "4 hours" in result.explanation_text


# ---------------------------------------------------------------- admissions (review W2)


@pytest.mark.parametrize("factors, score, recommendation", [
    (["hospital_admission"], 0, "while_admitted"),
    (["smoker", "hospital_admission", "immobility"], 2, "while_admitted"),
    (["hyperemesis", "hospital_admission"], 3, "while_transient"),
])
def test_the_reviewers_admission_profiles_are_never_answered_with_none(factors, score, recommendation):
    # Appendix III and Appendix I: if admitted to hospital antenatally, consider thromboprophylaxis.
    result = vte_risk(factors, "antenatal")
    assert (result.score, result.recommendation) == (score, recommendation)
    assert "while she is in hospital" in result.explanation_text
    assert "No antenatal LMWH on this assessment" not in result.explanation_text
    for words in LONG_PLANS:
        assert words not in result.explanation_text, words


@pytest.mark.parametrize("factor", sorted(set(APPENDIX_III) | set(NO_POINTS)))
def test_an_antenatal_admission_with_any_one_factor_gets_lmwh(factor):
    assert vte_risk([factor, "hospital_admission"], "antenatal").recommendation != "none"


# ---------------------------------------------------------------- a specialist plans the LMWH (review I7)


@pytest.mark.parametrize("factor", ["high_risk_thrombophilia", "previous_vte", "previous_vte_major_surgery"])
@pytest.mark.parametrize("stage", ["antenatal", "postnatal"])
def test_thrombophilia_and_previous_vte_say_a_specialist_plans_the_lmwh(factor, stage):
    result = vte_risk([factor], stage)
    assert result.specialist
    assert "A specialist plans her LMWH" in result.explanation[1].text  # beside the score line
    assert "thrombosis-in-pregnancy expert or team" in result.explanation_text


def test_no_specialist_for_scored_factors_alone():
    assert not vte_risk(["age_over_35", "smoker", "parity_3_or_more"], "antenatal").specialist


# ---------------------------------------------------------------- labels (review I8)


def test_labels_carry_the_qualifiers_of_the_guideline(course):
    factors = load_vte_risk(course).factors
    assert "antibiotics or admission" in factors["systemic_infection"].label
    assert "dehydration" in factors["hyperemesis"].label
    assert "more than 4 hours" in factors["long_distance_travel"].label


# ---------------------------------------------------------------- high-risk categories


def test_previous_vte_is_high_risk_on_its_own_pathway():
    before = vte_risk(["previous_vte"], "antenatal")
    assert (before.score, before.recommendation) == (4, "from_first_trimester")
    assert "thrombosis-in-pregnancy expert or team" in before.explanation_text
    assert "not only the score" in before.explanation_text
    after = vte_risk(["previous_vte"], "postnatal")
    assert (after.score, after.recommendation) == (4, "6_weeks")  # 4 points alone would be 10 days


def test_single_previous_vte_provoked_by_surgery_scores_3_not_4():
    before = vte_risk(["previous_vte_major_surgery"], "antenatal")
    assert (before.score, before.recommendation) == (3, "from_28_weeks")
    assert "scores 3, not 4" in before.explanation_text
    assert vte_risk(["previous_vte_major_surgery", "age_over_35"], "antenatal").recommendation == "from_first_trimester"
    assert vte_risk(["previous_vte_major_surgery"], "postnatal").recommendation == "6_weeks"


def test_high_risk_thrombophilia_goes_to_a_local_expert_and_six_weeks_after_the_birth():
    before = vte_risk(["high_risk_thrombophilia"], "antenatal")
    assert (before.score, before.recommendation) == (3, "from_28_weeks")
    assert "local expert" in before.explanation_text
    after = vte_risk(["high_risk_thrombophilia"], "postnatal")
    assert (after.score, after.recommendation) == (3, "6_weeks")


def test_low_risk_thrombophilia_with_family_history_is_high_risk_after_the_birth():
    assert vte_risk(["low_risk_thrombophilia"], "postnatal").recommendation == "none"
    assert vte_risk(["family_history_vte"], "postnatal").recommendation == "none"
    both = vte_risk(["low_risk_thrombophilia", "family_history_vte"], "postnatal")
    assert (both.score, both.recommendation) == (2, "6_weeks")
    assert vte_risk(["low_risk_thrombophilia", "family_history_vte"], "antenatal").recommendation == "none"


def test_anyone_who_needed_antenatal_lmwh_is_high_risk_after_the_birth():
    result = vte_risk(["antenatal_lmwh"], "postnatal")
    assert (result.score, result.recommendation) == (0, "6_weeks")
    assert counted(result) == {"antenatal_lmwh": 0}
    assert "not from the score" in result.explanation[-1].text


def test_admissions_follow_the_appendix_i_pathway():
    after = vte_risk(["prolonged_admission_or_readmission"], "postnatal")
    assert (after.score, after.recommendation) == (0, "10_days")
    before = vte_risk(["hospital_admission"], "antenatal")
    assert (before.score, before.recommendation) == (0, "while_admitted")
    assert "while she is in hospital" in before.explanation_text


def test_a_pathway_never_lowers_the_recommendation():
    result = vte_risk(["previous_vte_major_surgery", "age_over_35", "smoker"], "antenatal")
    assert (result.score, result.recommendation) == (5, "from_first_trimester")
    assert vte_risk(["prolonged_admission_or_readmission", "previous_vte"], "postnatal").recommendation == "6_weeks"


# ---------------------------------------------------------------- counted once


def test_bmi_bands_are_exclusive_and_only_the_higher_counts():
    result = vte_risk(["bmi_30_or_more", "bmi_40_or_more"], "antenatal")
    assert result.score == 2
    assert counted(result) == {"bmi_40_or_more": 2}
    assert "only the higher counts" in result.explanation_text
    assert vte_risk(["bmi_30_or_more"], "postnatal").score == 1


def test_high_risk_categories_are_not_counted_twice():
    vte = vte_risk(["previous_vte", "previous_vte_major_surgery"], "antenatal")
    assert (vte.score, counted(vte)) == (4, {"previous_vte": 4})
    thrombophilia = vte_risk(["high_risk_thrombophilia", "low_risk_thrombophilia"], "postnatal")
    assert (thrombophilia.score, counted(thrombophilia)) == (3, {"high_risk_thrombophilia": 3})
    caesarean = vte_risk(["caesarean_in_labour", "elective_caesarean"], "postnatal")
    assert (caesarean.score, counted(caesarean)) == (2, {"caesarean_in_labour": 2})


def test_a_repeated_factor_counts_once():
    assert vte_risk(["smoker", "smoker", " smoker "], "antenatal").score == 1


# ---------------------------------------------------------------- stages


@pytest.mark.parametrize("factor", ["ivf_art", "ohss", "hyperemesis", "hospital_admission"])
def test_antenatal_only_factors_are_not_counted_after_the_birth(factor):
    assert factor in counted(vte_risk([factor], "antenatal"))
    after = vte_risk([factor], "postnatal")
    assert after.score == 0 and not after.factors
    assert "not counted at the postnatal assessment" in after.explanation_text


@pytest.mark.parametrize("factor", ["caesarean_in_labour", "elective_caesarean", "mid_cavity_or_rotational_delivery",
                                    "prolonged_labour", "pph", "preterm_birth", "stillbirth", "antenatal_lmwh",
                                    "prolonged_admission_or_readmission"])
def test_postnatal_only_factors_are_not_counted_before_the_birth(factor):
    assert factor in counted(vte_risk([factor], "postnatal"))
    before = vte_risk([factor], "antenatal")
    assert (before.score, before.recommendation, before.factors) == (0, "none", [])
    assert "not counted at the antenatal assessment" in before.explanation_text


def test_immobility_counts_at_both_stages():
    assert vte_risk(["immobility"], "antenatal").score == vte_risk(["immobility"], "postnatal").score == 1


# ---------------------------------------------------------------- the result


def test_result_lists_the_factors_that_counted_in_data_order_with_points():
    result = vte_risk(["smoker", "caesarean_in_labour", "age_over_35"], "postnatal")
    assert [(f.id, f.points) for f in result.factors] == [("age_over_35", 1), ("smoker", 1), ("caesarean_in_labour", 2)]
    assert result.to_dict()["factors"][2] == {"id": "caesarean_in_labour", "label": "Caesarean birth in labour", "points": 2}


def test_every_explanation_line_has_known_sources(course):
    result = vte_risk(["previous_vte", "bmi_30_or_more", "bmi_40_or_more", "hyperemesis"], "postnatal")
    assert len(result.explanation) >= 4
    for line in result.explanation:
        assert line.source_ids and set(line.source_ids) <= set(course.sources), line.text
    assert "S55" in result.explanation[0].source_ids  # the guideline itself


def test_stage_is_cleaned():
    assert vte_risk(["smoker"], " Postnatal ").stage == "postnatal"


# ---------------------------------------------------------------- bad input


def test_unknown_factor_suggests_close_matches():
    with pytest.raises(ValueError, match=r"Unknown VTE risk factor 'smokr'\. Did you mean 'smoker'\?"):
        vte_risk(["smokr"], "antenatal")
    with pytest.raises(ValueError, match="bmi_40_or_more"):
        vte_risk(["bmi_40"], "antenatal")
    with pytest.raises(ValueError) as caught:
        vte_risk(["zzz"], "antenatal")
    assert "Did you mean" not in str(caught.value)


@pytest.mark.parametrize("stage", ["prenatal", "", None, 3, "after"])
def test_unknown_stage(stage):
    with pytest.raises(ValueError, match="Unknown stage"):
        vte_risk(["smoker"], stage)


@pytest.mark.parametrize("factors", ["smoker", [3], [None]])
def test_factors_must_be_a_list_of_ids(factors):
    with pytest.raises(ValueError):
        vte_risk(factors, "antenatal")


# ---------------------------------------------------------------- malformed data


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("file, old, new, row, column, words", [
    ("vte_risk_factors.csv", "smoker,Smoker,1,", "smoker,Smoker,one,", 11, "points", "integer"),
    ("vte_risk_factors.csv", "Smoker,1,antenatal;postnatal", "Smoker,1,antenatal;prenatal", 11, "stages", "'antenatal'"),
    ("vte_risk_factors.csv", "Smoker,1,antenatal;postnatal,pre-existing", "Smoker,1,antenatal;postnatal,lifestyle", 11, "group", "pre-existing"),
    ("vte_risk_factors.csv", "BMI 40 kg/m² or more,2", "BMI 40 kg/m² or more,1", 9, "points", "exclusive_group"),
    ("vte_risk_factors.csv", "Smoker,1,antenatal;postnatal,pre-existing,,no,,S55", "Smoker,1,antenatal;postnatal,pre-existing,,no,,S999",
     11, "source_ids", "sources.csv"),
    ("vte_risk_factors.csv", "pre-existing,,no,,S55\ngross", "pre-existing,,maybe,,S55\ngross", 11, "transient", "'yes' or 'no'"),
    ("vte_risk_factors.csv", "pre-existing,,no,,S55\ngross", "pre-existing,,yes,,S55\ngross", 11, "transient", "'no'"),
    ("vte_risk_factors.csv", "pre-existing,,no,,S55\ngross", "pre-existing,,no,LMWH for a while,S55\ngross", 11, "transient_note", "empty"),
    ("vte_risk_pathways.csv", "from_first_trimester,yes,", "from_first_trimester,perhaps,", 1, "specialist", "'yes' or 'no'"),
    ("vte_risk_factors.csv", "\nsmoker,Smoker", "\nsmoking,Smoker", None, "id", "'smoker'"),
    ("vte_risk_recommendations.csv", "antenatal,from_28_weeks,3,3", "antenatal,from_week_28,3,3", 4, "id", "from_28_weeks"),
    ("vte_risk_recommendations.csv", "antenatal,from_first_trimester,4,4", "antenatal,from_first_trimester,4,3", 5, "min_score", "threshold"),
    ("vte_risk_pathways.csv", "antenatal,previous_vte,", "antenatal,previous_dvt,", 1, "all_of", "vte_risk_factors.csv"),
    ("vte_risk_pathways.csv", "postnatal,antenatal_lmwh,", "antenatal,antenatal_lmwh,", 9, "all_of", "antenatal stage"),
    ("vte_risk_pathways.csv", "antenatal,previous_vte,from_first_trimester", "antenatal,previous_vte,6_weeks", 1,
     "recommendation", "from_first_trimester"),
    ("vte_risk_recommendations.csv", "antenatal,while_admitted,", "antenatal,while_in_hospital,", 2, "id", "while_admitted"),
    ("vte_risk_pathways.csv", "antenatal,previous_vte,", "antenatal,antenatal_lmwh,", 1, "all_of", "antenatal stage"),
    ("vte_risk_words.yaml", "guideline_source: S55", "guideline_source: S5555", "(document)", "guideline_source", "sources.csv"),
    ("vte_risk_words.yaml", "the score is {score}: {label}.", "the score is {points}: {label}.", "sentences", "without_transient",
     "{label}, {score}"),
])
def test_malformed_vte_data_names_file_row_and_column(data_copy, file, old, new, row, column, words):
    _replace(data_copy / file, old, new)
    with pytest.raises(DataError) as caught:
        load_vte_risk(load_course(data_copy))
    error = caught.value
    assert (error.file, error.row, error.column) == (f"data/{file}", row, column), str(error)
    assert words in str(error), str(error)


def test_a_transient_factor_without_its_note_is_an_error(data_copy):
    path = data_copy / "vte_risk_factors.csv"
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    number = next(i for i, row in enumerate(rows, start=1) if row["id"] == "hyperemesis")
    rows[number - 1]["transient_note"] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as caught:
        load_vte_risk(load_course(data_copy))
    assert (caught.value.row, caught.value.column) == (number, "transient_note")
    assert "how long LMWH" in str(caught.value)


def test_valid_copy_scores_like_the_original(data_copy):
    course = load_course(data_copy)
    assert vte_risk(["previous_vte"], "postnatal", course=course).recommendation == "6_weeks"


# ---------------------------------------------------------------- command line


def test_cli_json_is_one_object_with_its_six_keys():
    done = run("vte-risk", "--json", "--stage", "postnatal", "caesarean_in_labour", "bmi_30_or_more")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"score", "recommendation", "factors", "explanation", "transient", "specialist"}
    assert (result["transient"], result["specialist"]) == ([], False)
    assert (result["score"], result["recommendation"]) == (3, "10_days")
    assert [f["id"] for f in result["factors"]] == ["bmi_30_or_more", "caesarean_in_labour"]
    assert all(line["text"] and line["source_ids"] for line in result["explanation"])


def test_cli_json_lists_the_transient_factors_counted():
    done = run("vte-risk", "--json", "--stage", "antenatal", "smoker", "hospital_admission", "immobility")
    result = json.loads(done.stdout)
    assert (result["recommendation"], result["transient"]) == ("while_admitted", ["immobility", "hospital_admission"])


def test_cli_high_risk_pathway():
    done = run("vte-risk", "--json", "--stage", "postnatal", "antenatal_lmwh")
    assert json.loads(done.stdout)["recommendation"] == "6_weeks"


def test_cli_unknown_factor_exits_2_with_one_line_and_a_suggestion():
    done = run("vte-risk", "--json", "--stage", "antenatal", "age_over35")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Did you mean 'age_over_35'" in done.stderr


@pytest.mark.parametrize("args", [["--stage", "prenatal", "smoker"], ["smoker"], ["--stage"]])
def test_cli_unknown_or_missing_stage_exits_2_with_one_line(args):
    done = run("vte-risk", "--json", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert "stage" in done.stderr


def test_cli_plain_text():
    done = run("vte-risk", "--stage", "antenatal", "ohss")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:3] == ["Score: 4", "Recommendation: while_transient", "Transient: ohss"]


# ---------------------------------------------------------------- lesson 10 (review I4, I5, I6)

LESSON_10 = Path(__file__).resolve().parents[1] / "data" / "lessons" / "10_after_the_birth.yaml"
NOTEBOOK_10 = Path(__file__).resolve().parents[1] / "notebooks" / "10_after_the_birth.ipynb"


def _lesson_10() -> dict:
    import yaml

    return yaml.safe_load(LESSON_10.read_text(encoding="utf-8"))


def _notebook_10_prose() -> str:
    cells = json.loads(NOTEBOOK_10.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _question(question_id: str) -> dict:
    return next(q for q in _lesson_10()["quiz"] if q["id"] == question_id)


def test_i6_stockings_feedback_says_37a_also_uses_them_with_lmwh():
    # RCOG 37a: mechanical methods for women at high risk of bleeding, and with LMWH for some at particularly high risk of VTE.
    option = next(o for o in _question("rcog_score_after_caesarean")["options"] if o["text"].startswith("Stockings alone"))
    assert "together with LMWH" in option["feedback"] and "high risk of bleeding" in option["feedback"]
    assert option["source_ids"] == ["S55"]


def test_i4_pre_eclampsia_after_the_birth_is_given_once_as_the_nhs_4_weeks():
    # NHS pre-eclampsia symptoms page (S72): "in the first 4 weeks after birth", as lesson 02 says.
    prose = _notebook_10_prose()
    assert "the NHS says in the first 4 weeks [S72]" in prose
    assert "first 6 weeks after the birth" not in prose and "S340" not in prose
    assert "S340" not in LESSON_10.read_text(encoding="utf-8")


def test_i5_clots_lead_maternal_deaths_up_to_6_weeks_and_mental_health_later():
    # MBRRACE-UK 2021-23 (S181): thromboembolism leads deaths up to 6 weeks; mental-health causes from 6 weeks to a year;
    # Black women more than twice as likely to die.
    prose = _notebook_10_prose()
    assert "up to **6 weeks** after it" in prose and "mental health" in prose
    assert "more than twice as likely" in prose and "2021 to 2023) [S181]" in prose
    assert "nearly three times" not in prose


def test_the_vte_lesson_cites_the_guideline_not_its_copies():
    text = LESSON_10.read_text(encoding="utf-8") + _notebook_10_prose()
    for copy in ("S201", "S202", "S203", "S204"):
        assert copy not in text, copy
    assert "12 hours after a preventive dose" in _notebook_10_prose()


def test_the_epidural_self_check_sends_new_leg_weakness_to_the_anaesthetist_now():
    question = _question("leg_weakness_after_epidural_on_lmwh")
    correct = [o for o in question["options"] if o.get("correct")]
    assert len(correct) == 1 and "anaesthetist now" in correct[0]["text"] and "LMWH" in correct[0]["text"]
    assert {"S402", "S55"} <= set(correct[0]["source_ids"])
    assert not any(o.get("safe") for o in question["options"])  # waiting or reassuring is never a safe answer here


def test_the_widget_shows_the_specialist_plan_beside_the_score(course):
    from legpain.html_output import html_text
    from legpain.postnatal import vte_risk_html

    text = html_text(vte_risk_html(["high_risk_thrombophilia"], "antenatal", course))
    plan = text.index("Plan: ")
    assert text.index("Score: 3") < plan < text.index("Risk factors that counted")
    assert "A specialist plans her LMWH" in text[plan:text.index("Risk factors that counted")]
    assert text.count("A specialist plans her LMWH") == 1
    assert "Plan: " not in html_text(vte_risk_html(["smoker"], "antenatal", course))


# ---------------------------------------------------------------- the review pack (make review)


def test_the_review_pack_shows_whether_each_factor_is_transient():
    from test_review_pack import records, review_pack

    html, _ = review_pack.build_pack()
    rows = {row["Factor"]: row for row in records(html, "vte")}
    assert set(rows) == set(APPENDIX_III) | set(NO_POINTS)
    assert {factor for factor, row in rows.items() if row["Transient"] == "yes"} == TRANSIENT
    assert "hyperemesis resolves" in rows["hyperemesis"]["While it lasts (transient_note)"]
    assert rows["smoker"]["While it lasts (transient_note)"] == ""


def test_the_explanation_sentences_come_from_the_data(data_copy):
    _replace(data_copy / "vte_risk_words.yaml", "On points alone: {label}.", "By the points: {label}.")
    result = vte_risk(["smoker"], "antenatal", load_course(data_copy))
    assert "By the points:" in result.explanation[0].text and "On points alone" not in result.explanation[0].text


def test_a_required_factor_listed_in_the_words_file_must_be_in_the_factors_file(data_copy):
    _replace(data_copy / "vte_risk_words.yaml", "elective_caesarean]", "elective_section]")
    with pytest.raises(DataError) as caught:
        load_vte_risk(load_course(data_copy))
    assert (caught.value.file, caught.value.row, caught.value.column) == ("data/vte_risk_factors.csv", None, "id")
    assert "'elective_section'" in str(caught.value) and "vte_risk_words.yaml" in str(caught.value)
