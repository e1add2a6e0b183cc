"""Moodle XML: one category a section, one multiple-choice question (one right answer) each.

Each option keeps its own feedback; the general feedback gives the answer, the reasoning and the
sources; ``idnumber`` holds the question's stable id. Moodle shuffles the options when the quiz
allows it (``shuffleanswers``); the file lists them in the course's order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Sequence

from .bank import Section
from .text import general_feedback_html, html

ROOT_CATEGORY = "$course$/top/Leg pain in pregnancy"
PENALTY = "0.3333333"  # a third of the mark lost for each wrong try in interactive mode (3 options or more)


def _text(parent: ET.Element, tag: str, value: str, fmt: str = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def category_path(section: Section) -> str:
    # Moodle separates categories with "/", and reads "//" as a slash inside a name.
    return "/".join([ROOT_CATEGORY, *(name.replace("/", "//") for name in section.category_names)])


def moodle_xml(sections: Sequence[Section]) -> bytes:
    quiz = ET.Element("quiz")
    for section in sections:
        category = ET.SubElement(quiz, "question", type="category")
        _text(category, "category", category_path(section), fmt="")
        _text(category, "info", html(section.title))
        ET.SubElement(category, "idnumber").text = section.key
        for exported in section.questions:
            q = exported.question
            element = ET.SubElement(quiz, "question", type="multichoice")
            _text(element, "name", q.id, fmt="")
            _text(element, "questiontext", html(q.prompt))
            _text(element, "generalfeedback", general_feedback_html(exported))
            ET.SubElement(element, "defaultgrade").text = "1"
            ET.SubElement(element, "penalty").text = PENALTY
            ET.SubElement(element, "hidden").text = "0"
            ET.SubElement(element, "idnumber").text = exported.uid
            ET.SubElement(element, "single").text = "true"
            ET.SubElement(element, "shuffleanswers").text = "true"
            ET.SubElement(element, "answernumbering").text = "abc"
            ET.SubElement(element, "showstandardinstruction").text = "0"
            for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
                _text(element, tag, "")
            for option in q.options:
                answer = ET.SubElement(element, "answer", fraction="100" if option.correct else "0", format="html")
                ET.SubElement(answer, "text").text = html(option.text)
                _text(answer, "feedback", html(option.feedback))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n"
