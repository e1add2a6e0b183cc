"""An IMS QTI 2.1 content package (.zip): one assessmentItem a question, an assessmentTest with
one section a lesson, and imsmanifest.xml (IMS Content Packaging 1.1) that lists them.

Blackboard Ultra, Brightspace, Inspera, TAO and others import this. Each option's feedback is a
``modalFeedback`` keyed by the option's identifier; the general feedback is one more
``modalFeedback`` shown after every answer. ``shuffle="true"`` lets the platform shuffle options.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Sequence

from .bank import ExportQuestion, Section
from .text import general_feedback_html

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEST_FILE = "assessmentTest.xml"
LANGUAGE = "en-GB"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # a fixed date in the zip, so that the same questions give the same bytes


def choice_id(index: int) -> str:
    return f"choice_{chr(ord('A') + index)}"


def item_file(exported: ExportQuestion) -> str:
    return f"items/{exported.uid}.xml"


def _q(tag: str) -> str:
    """An element of the item or test. The root names the namespace (``xmlns``), so tags stay plain."""
    return tag


def _html_into(parent: ET.Element, fragment: str) -> None:
    """Put a fragment of the templates' HTML (escaped, well formed) into the item as QTI's XHTML elements."""
    wrapper = ET.fromstring(f"<div>{fragment}</div>")
    for element in wrapper.iter():
        element.tag = _q(element.tag)
    parent.extend(list(wrapper))


def _paragraph(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    ET.SubElement(element, _q("p")).text = text
    return element


def _set(parent: ET.Element, identifier: str, base_type: str, value: str) -> None:
    outcome = ET.SubElement(parent, _q("setOutcomeValue"), identifier=identifier)
    ET.SubElement(outcome, _q("baseValue"), baseType=base_type).text = value


def assessment_item(exported: ExportQuestion) -> ET.Element:
    q = exported.question
    item = ET.Element(_q("assessmentItem"), {
        "xmlns": QTI, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": exported.uid, "title": q.id, "adaptive": "false", "timeDependent": "false", "xml:lang": LANGUAGE,
    })
    response = ET.SubElement(item, _q("responseDeclaration"), identifier="RESPONSE", cardinality="single", baseType="identifier")
    ET.SubElement(ET.SubElement(response, _q("correctResponse")), _q("value")).text = choice_id(exported.answer)
    score = ET.SubElement(item, _q("outcomeDeclaration"), identifier="SCORE", cardinality="single", baseType="float")
    ET.SubElement(ET.SubElement(score, _q("defaultValue")), _q("value")).text = "0"
    ET.SubElement(item, _q("outcomeDeclaration"), identifier="FEEDBACK", cardinality="single", baseType="identifier")
    ET.SubElement(item, _q("outcomeDeclaration"), identifier="GENERAL_FEEDBACK", cardinality="single", baseType="identifier")

    body = ET.SubElement(item, _q("itemBody"))
    for line in [line for line in q.prompt.splitlines() if line.strip()]:
        ET.SubElement(body, _q("p")).text = line.strip()
    interaction = ET.SubElement(body, _q("choiceInteraction"), responseIdentifier="RESPONSE", shuffle="true", maxChoices="1")
    for index, option in enumerate(q.options):
        ET.SubElement(interaction, _q("simpleChoice"), identifier=choice_id(index)).text = option.text

    processing = ET.SubElement(item, _q("responseProcessing"))
    condition = ET.SubElement(processing, _q("responseCondition"))
    when = ET.SubElement(condition, _q("responseIf"))
    match = ET.SubElement(when, _q("match"))
    ET.SubElement(match, _q("variable"), identifier="RESPONSE")
    ET.SubElement(match, _q("correct"), identifier="RESPONSE")
    _set(when, "SCORE", "float", "1")
    _set(ET.SubElement(condition, _q("responseElse")), "SCORE", "float", "0")
    feedback = ET.SubElement(processing, _q("setOutcomeValue"), identifier="FEEDBACK")
    ET.SubElement(feedback, _q("variable"), identifier="RESPONSE")
    _set(processing, "GENERAL_FEEDBACK", "identifier", "general")

    for index, option in enumerate(q.options):
        _paragraph(item, "modalFeedback", option.feedback, outcomeIdentifier="FEEDBACK", identifier=choice_id(index), showHide="show")
    general = ET.SubElement(item, _q("modalFeedback"), outcomeIdentifier="GENERAL_FEEDBACK", identifier="general", showHide="show")
    _html_into(general, general_feedback_html(exported))
    return item


def section_id(section: Section) -> str:
    return "section." + section.key


def assessment_test(sections: Sequence[Section], identifier: str, title: str) -> ET.Element:
    test = ET.Element(_q("assessmentTest"), {
        "xmlns": QTI, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI} {QTI_XSD}", "identifier": identifier, "title": title,
    })
    part = ET.SubElement(test, _q("testPart"), identifier="part.1", navigationMode="nonlinear", submissionMode="individual")
    for section in sections:
        element = ET.SubElement(part, _q("assessmentSection"), identifier=section_id(section), title=section.title, visible="true")
        for exported in section.questions:
            ET.SubElement(element, _q("assessmentItemRef"), identifier=exported.uid, href=item_file(exported))
    return test


def manifest(sections: Sequence[Section], identifier: str) -> ET.Element:
    root = ET.Element("manifest", {"xmlns": CP, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{CP} {CP_XSD}", "identifier": identifier})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    test = ET.SubElement(resources, "resource", identifier="test", type="imsqti_test_xmlv2p1", href=TEST_FILE)
    ET.SubElement(test, "file", href=TEST_FILE)
    for section in sections:
        for exported in section.questions:
            ET.SubElement(test, "dependency", identifierref=f"item.{exported.uid}")
    for section in sections:
        for exported in section.questions:
            resource = ET.SubElement(resources, "resource", identifier=f"item.{exported.uid}", type="imsqti_item_xmlv2p1", href=item_file(exported))
            ET.SubElement(resource, "file", href=item_file(exported))
    return root


def to_bytes(element: ET.Element, indent: bool = True) -> bytes:
    """The element as a UTF-8 file. Items are not indented: that would add white space inside their HTML."""
    if indent:
        ET.indent(element)
    return ET.tostring(element, encoding="UTF-8", xml_declaration=True) + b"\n"


def write_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def qti21_package(sections: Sequence[Section], identifier: str = "legpain", title: str = "Leg pain in pregnancy") -> bytes:
    files = {"imsmanifest.xml": to_bytes(manifest(sections, f"manifest.{identifier}"))}
    files[TEST_FILE] = to_bytes(assessment_test(sections, identifier, title))
    for section in sections:
        for exported in section.questions:
            files[item_file(exported)] = to_bytes(assessment_item(exported), indent=False)
    return write_zip(files)
