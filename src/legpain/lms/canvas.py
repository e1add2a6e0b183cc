"""A Canvas quiz package: QTI 1.2 in the form Canvas's "QTI .zip file" import reads.

One quiz (and one question bank) a section: ``<id>/<id>.xml`` holds the questions
(``questestinterop``), ``<id>/assessment_meta.xml`` the quiz's settings (options shuffled,
unpublished), and ``imsmanifest.xml`` lists both. Each option has its own feedback
(``itemfeedback`` ``<answer id>_fb``), the general feedback is ``general_fb``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from typing import Sequence

from .bank import ExportQuestion, Section
from .qti21 import to_bytes, write_zip
from .text import general_feedback_html, html

QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI12_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
META_TYPE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"


def section_ident(section: Section) -> str:
    return "legpain." + section.key


def answer_ident(exported: ExportQuestion, index: int) -> str:
    """A number that stays the same for the same question and position (Canvas keeps answer ids as numbers)."""
    return str(zlib.crc32(f"{exported.uid}#{index}".encode("utf-8")) % 9000 + 1000 + index)


def _field(parent: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = label
    ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, html_text: str) -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", texttype="text/html").text = html_text


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    feedback = ET.SubElement(item, "itemfeedback", ident=ident)
    _material(ET.SubElement(feedback, "flow_mat"), html_text)


def _item(parent: ET.Element, exported: ExportQuestion) -> None:
    q = exported.question
    answers = [answer_ident(exported, i) for i in range(len(q.options))]
    item = ET.SubElement(parent, "item", ident=exported.uid, title=q.id)
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", "multiple_choice_question")
    _field(meta, "points_possible", "1.0")
    _field(meta, "original_answer_ids", ",".join(answers))
    _field(meta, "assessment_question_identifierref", f"bank.{exported.uid}")
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, html(q.prompt))
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
    choices = ET.SubElement(response, "render_choice", shuffle="Yes")
    for ident, option in zip(answers, q.options, strict=True):
        label = ET.SubElement(choices, "response_label", ident=ident)
        _material(label, html(option.text))
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
    ET.SubElement(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    for ident in answers:
        condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal", respident="response1").text = ident
        ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_fb")
    right = ET.SubElement(processing, "respcondition", {"continue": "No"})
    ET.SubElement(ET.SubElement(right, "conditionvar"), "varequal", respident="response1").text = answers[exported.answer]
    ET.SubElement(right, "setvar", action="Set", varname="SCORE").text = "100"
    _feedback(item, "general_fb", general_feedback_html(exported))
    for ident, option in zip(answers, q.options, strict=True):
        _feedback(item, f"{ident}_fb", html(option.feedback))


def questestinterop(section: Section) -> ET.Element:
    root = ET.Element("questestinterop", {"xmlns": QTI12, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI12} {QTI12_XSD}"})
    assessment = ET.SubElement(root, "assessment", ident=section_ident(section), title=section.title)
    _field(ET.SubElement(assessment, "qtimetadata"), "cc_maxattempts", "unlimited" if _practice(section) else "1")
    part = ET.SubElement(assessment, "section", ident="root_section")
    for exported in section.questions:
        _item(part, exported)
    return root


def _practice(section: Section) -> bool:
    """A self-check (or an instructor's file) is a practice quiz; the assessment bank is graded, one attempt."""
    return not section.key.startswith("assessment.")


def assessment_meta(section: Section) -> ET.Element:
    practice = _practice(section)
    quiz = ET.Element("quiz", {"identifier": section_ident(section), "xmlns": CANVAS, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{CANVAS} https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    values = {
        "title": section.title,
        "shuffle_answers": "true",
        "scoring_policy": "keep_highest",
        "quiz_type": "practice_quiz" if practice else "assignment",
        "points_possible": f"{len(section.questions):.1f}",
        "show_correct_answers": "true" if practice else "false",
        "allowed_attempts": "-1" if practice else "1",
        "one_question_at_a_time": "false",
        "available": "false",
    }
    for tag, value in values.items():
        ET.SubElement(quiz, tag).text = value
    return quiz


def manifest(sections: Sequence[Section]) -> ET.Element:
    root = ET.Element("manifest", {"identifier": "legpain.canvas", "xmlns": CC})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for section in sections:
        ident = section_ident(section)
        quiz = ET.SubElement(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
        ET.SubElement(quiz, "file", href=f"{ident}/{ident}.xml")
        ET.SubElement(quiz, "dependency", identifierref=f"{ident}.meta")
        meta = ET.SubElement(resources, "resource", identifier=f"{ident}.meta", type=META_TYPE, href=f"{ident}/assessment_meta.xml")
        ET.SubElement(meta, "file", href=f"{ident}/assessment_meta.xml")
    return root


def canvas_package(sections: Sequence[Section]) -> bytes:
    files = {"imsmanifest.xml": to_bytes(manifest(sections))}
    for section in sections:
        ident = section_ident(section)
        files[f"{ident}/{ident}.xml"] = to_bytes(questestinterop(section))
        files[f"{ident}/assessment_meta.xml"] = to_bytes(assessment_meta(section))
    return write_zip(files)
