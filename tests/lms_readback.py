"""Readers for the learning-platform exports, written for the tests from each format's own rules.

They do not use legpain's export code: each reads a file as a platform would (lxml for XML and
HTML, gift-pegjs from npm for GIFT) and returns every question as a plain record, so that the
tests can compare it with the YAML the question came from.
"""

from __future__ import annotations

import io
import json
import re
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import lxml.html
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
GIFT_PARSER = ROOT / "build" / "gift" / "node_modules" / "gift-pegjs"
QTI_XSD = ROOT / "tests" / "schemas" / "qti21" / "imsqti_v2p1p2.xsd"


@dataclass
class ReadOption:
    text: str
    feedback: str
    correct: bool


@dataclass
class ReadQuestion:
    uid: Optional[str]
    section: str
    prompt: list[str]  # the stem's paragraphs
    options: list[ReadOption]
    general: str  # the general feedback's visible text
    general_links: list[str]


def html_paragraphs(fragment: str) -> list[str]:
    """The text of each <p> of an HTML fragment, as a browser would show it (entities decoded)."""
    if not fragment.strip():
        return []
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert not root.xpath("//script | //img | //iframe"), f"active HTML in an export: {fragment[:200]}"
    paragraphs = root.xpath("./p")
    assert paragraphs, f"no paragraphs in {fragment[:200]!r}"
    return [p.text_content() for p in paragraphs]


def html_text(fragment: str) -> str:
    return " ".join(html_paragraphs(fragment))


def _general(fragment: str) -> tuple[str, list[str]]:
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert not root.xpath("//script | //img | //iframe")
    return " ".join(" ".join(root.itertext()).split()), [a.get("href") for a in root.xpath("//a")]


MOODLE_ROOT = ("$course$", "top", "Leg pain in pregnancy")


def moodle_category_name(path: str) -> str:
    """The names of a Moodle category path below the course's own category, joined by " > ".

    Moodle separates names with "/" and reads "//" as a slash inside a name.
    """
    names = [name.replace("//", "/") for name in re.split(r"(?<!/)/(?!/)", path)]
    assert tuple(names[:3]) == MOODLE_ROOT, path
    return " > ".join(names[3:])


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


# ------------------------------------------------------------------ Moodle XML

def read_moodle(data: bytes) -> list[ReadQuestion]:
    root = _xml(data)
    assert root.tag == "quiz"
    section = ""
    found = []
    for question in root.findall("question"):
        if question.get("type") == "category":
            section = moodle_category_name(question.findtext("category/text"))
            continue
        assert question.get("type") == "multichoice"
        assert question.findtext("single") == "true" and question.findtext("shuffleanswers") in ("true", "1")
        options = [
            ReadOption(html_text(a.findtext("text")), html_text(a.findtext("feedback/text")), float(a.get("fraction")) == 100)
            for a in question.findall("answer")
        ]
        general, links = _general(question.findtext("generalfeedback/text"))
        found.append(ReadQuestion(question.findtext("idnumber"), section, html_paragraphs(question.findtext("questiontext/text")),
                                  options, general, links))
    return found


# ------------------------------------------------------------------ QTI 2.1 package

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def qti_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(QTI_XSD), etree.XMLParser(no_network=True)))


def read_qti21(data: bytes, schema: Optional[etree.XMLSchema] = None) -> list[ReadQuestion]:
    """Every item of the package, in the order of the test's sections; each file checked against the XSD."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    manifest = _xml(archive.read("imsmanifest.xml"))
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    for resource in resources.values():
        for file in resource.findall(f"{CP}file"):
            assert file.get("href") in names, f"the manifest names {file.get('href')}, which the package lacks"
        for dependency in resource.findall(f"{CP}dependency"):
            assert dependency.get("identifierref") in resources
    listed = {f.get("href") for r in resources.values() for f in r.findall(f"{CP}file")}
    assert names - {"imsmanifest.xml"} == listed, "files in the package that the manifest does not list"
    (test_resource,) = [r for r in resources.values() if r.get("type") == "imsqti_test_xmlv2p1"]
    test = _xml(archive.read(test_resource.get("href")))
    documents = [test]
    found = []
    for section in test.iter(f"{QTI}assessmentSection"):
        for ref in section.findall(f"{QTI}assessmentItemRef"):
            href = ref.get("href")
            assert any(r.get("href") == href and r.get("type") == "imsqti_item_xmlv2p1" for r in resources.values()), href
            item = _xml(archive.read(href))
            documents.append(item)
            assert item.get("identifier") == ref.get("identifier")
            found.append(_qti_item(item, section.get("title")))
    if schema is not None:
        for document in documents:
            assert schema.validate(document), f"{document.get('identifier')}: {schema.error_log.filter_from_errors()[:3]}"
    return found


def _inner_html(element: etree._Element) -> str:
    text = element.text or ""
    return text + "".join(etree.tostring(child, encoding="unicode", method="html") for child in element)


def _strip_ns(element: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.split("}", 1)[1]
    etree.cleanup_namespaces(copy)
    return copy


def _qti_item(item: etree._Element, section: str) -> ReadQuestion:
    interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
    assert interaction.get("shuffle") == "true" and interaction.get("maxChoices") == "1"
    correct = item.findtext(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value")
    feedback = {f.get("identifier"): f for f in item.findall(f"{QTI}modalFeedback") if f.get("outcomeIdentifier") == "FEEDBACK"}
    options = []
    for choice in interaction.findall(f"{QTI}simpleChoice"):
        ident = choice.get("identifier")
        options.append(ReadOption("".join(choice.itertext()), " ".join("".join(p.itertext()) for p in feedback[ident].findall(f"{QTI}p")),
                                  ident == correct))
    (general,) = [f for f in item.findall(f"{QTI}modalFeedback") if f.get("outcomeIdentifier") != "FEEDBACK"]
    general_text, links = _general(_inner_html(_strip_ns(general)))
    prompt = ["".join(p.itertext()) for p in item.findall(f"{QTI}itemBody/{QTI}p")]
    return ReadQuestion(item.get("identifier"), section, prompt, options, general_text, links)


# ------------------------------------------------------------------ Canvas (QTI 1.2)

Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CC = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def read_canvas(data: bytes) -> list[ReadQuestion]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    for name in names:
        if name.endswith(".xml"):
            _xml(archive.read(name))  # every file is well-formed XML
    manifest = _xml(archive.read("imsmanifest.xml"))
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CC}resource")}
    listed = {f.get("href") for r in resources.values() for f in r.findall(f"{CC}file")}
    assert names - {"imsmanifest.xml"} == listed, "files in the package that the manifest does not list"
    found = []
    for resource in resources.values():
        files = [f.get("href") for f in resource.findall(f"{CC}file")]
        assert files and all(f in names for f in files), f"unresolved files in the manifest: {files}"
        for dependency in resource.findall(f"{CC}dependency"):
            assert dependency.get("identifierref") in resources, dependency.get("identifierref")
        if resource.get("type") != "imsqti_xmlv1p2":
            continue
        quiz = _xml(archive.read(files[0]))
        (assessment,) = quiz.findall(f"{Q12}assessment")
        meta = _xml(archive.read(resources[resource.find(f"{CC}dependency").get("identifierref")].find(f"{CC}file").get("href")))
        assert meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}shuffle_answers") == "true"
        for item in assessment.iter(f"{Q12}item"):
            found.append(_canvas_item(item, assessment.get("title")))
    return found


def _canvas_item(item: etree._Element, section: str) -> ReadQuestion:
    fields = {f.findtext(f"{Q12}fieldlabel"): f.findtext(f"{Q12}fieldentry") for f in item.iter(f"{Q12}qtimetadatafield")}
    assert fields["question_type"] == "multiple_choice_question"
    presentation = item.find(f"{Q12}presentation")
    prompt = html_paragraphs(presentation.findtext(f"{Q12}material/{Q12}mattext"))
    feedback = {f.get("ident"): f.findtext(f".//{Q12}mattext") for f in item.findall(f"{Q12}itemfeedback")}
    right = [c for c in item.iter(f"{Q12}respcondition") if c.findtext(f"{Q12}setvar") == "100"]
    assert len(right) == 1
    correct = right[0].findtext(f"{Q12}conditionvar/{Q12}varequal")
    options = []
    for label in presentation.iter(f"{Q12}response_label"):
        ident = label.get("ident")
        options.append(ReadOption(html_text(label.findtext(f".//{Q12}mattext")), html_text(feedback[f"{ident}_fb"]), ident == correct))
    assert fields["original_answer_ids"].split(",") == [label.get("ident") for label in presentation.iter(f"{Q12}response_label")]
    general, links = _general(feedback["general_fb"])
    return ReadQuestion(item.get("ident"), section, prompt, options, general, links)


# ------------------------------------------------------------------ GIFT

def gift_parser_available() -> bool:
    return shutil.which("node") is not None and (GIFT_PARSER / "package.json").is_file()


def require_gift_parser() -> None:
    """Skip without node and gift-pegjs (make lms-deps installs it), except under CI, where it must be there."""
    import pytest

    if gift_parser_available():
        return
    message = "GIFT parser missing: run `make lms-deps` (needs npm) to install gift-pegjs into build/gift"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def parse_gift(text: str) -> list[dict]:
    script = "const p=require(process.argv[1]);let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify(p.parse(s))));"
    done = subprocess.run(["node", "-e", script, str(GIFT_PARSER)], input=text, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def read_gift(text: str) -> list[ReadQuestion]:
    section = ""
    found = []
    for entry in parse_gift(text):
        if entry["type"] == "Category":
            section = moodle_category_name(entry["title"])
            continue
        assert entry["type"] == "MC" and entry["stem"]["format"] == "html"
        options = [ReadOption(html_text(c["text"]["text"]), html_text(c["feedback"]["text"]), c["isCorrect"]) for c in entry["choices"]]
        general, links = _general(entry["globalFeedback"]["text"])
        found.append(ReadQuestion(entry["id"], section, html_paragraphs(entry["stem"]["text"]), options, general, links))
    return found
