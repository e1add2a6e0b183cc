"""The questions an export carries: lesson self-checks, the assessment bank, instructors' files.

Every question is validated by the self-checks' own model (:class:`Question`); its sources must be
in data/sources.csv or in the ``sources:`` list of the instructor's file. Each question gets an
id that stays the same from one export to the next (``uid``), so that a platform which matches
ids updates a question on re-import rather than adding a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..content.course import Course, load_course
from ..content.errors import DataError
from ..content.lessons.quiz import Question, load_quiz
from ..content.models import Source
from ..content.reader import read_yaml, validate

ASSESSMENT_FOLDER = "assessment"
MAX_UID = 100  # Moodle keeps an ID number of up to 100 characters
SELF_CHECKS = "Self-checks"  # the sets' names on a platform
ASSESSMENT = "Assessment"
OWN_SOURCE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
TOP_LEVEL_KEYS = ("lesson", "title", "sources", "quiz")


@dataclass(frozen=True)
class Citation:
    """A source as a plain citation: who, what and when (one sentence), the year and the link."""

    id: str
    citation: str
    year: Optional[int]
    url: Optional[str]


@dataclass(frozen=True)
class Section:
    """One lesson's questions (or one instructor file's): a Moodle category, a QTI section, a Canvas quiz."""

    key: str  # a stable id: "self-check.01_pelvic_girdle_pain", "assessment.01_...", "bank.<file stem>"
    title: str
    questions: tuple["ExportQuestion", ...]
    category: tuple[str, ...] = ()  # where Moodle files it, under the course's category; default: (title,)

    @property
    def category_names(self) -> tuple[str, ...]:
        return self.category or (self.title,)


@dataclass(frozen=True)
class ExportQuestion:
    uid: str  # stable across exports: "legpain.<lesson>.<question id>" and similar
    question: Question
    citations: tuple[Citation, ...]  # the question's own sources, in the order listed

    @property
    def answer(self) -> int:
        return self.question.answer


class _OwnSource(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    id: str = Field(pattern=OWN_SOURCE_ID.pattern)
    citation: str = Field(min_length=5)
    year: Optional[int] = Field(default=None, ge=1900, le=2100)
    url: Optional[str] = Field(default=None, pattern=r"^https?://\S+$")


def citation_for(source: Source | _OwnSource) -> Citation:
    return Citation(source.id, source.citation, source.year, source.url)


def lesson_number(lesson_id: str) -> str:
    return lesson_id[:2]


def resolve_lessons(wanted: Optional[Iterable[str]], course: Course) -> list[str]:
    """Lesson ids for ``--lesson`` values: a full id (``03_nerve_compression``) or its number (``03``, ``3``)."""
    if not wanted:
        return list(course.lessons)
    chosen: list[str] = []
    for value in wanted:
        lesson_id = find_lesson(value, course)
        if lesson_id not in chosen:
            chosen.append(lesson_id)
    return chosen


def find_lesson(value: str, course: Course) -> str:
    value = value.strip()
    if value in course.lessons:
        return value
    if value.isdigit():
        for lesson_id in course.lessons:
            if int(lesson_number(lesson_id)) == int(value):
                return lesson_id
    numbers = ", ".join(f"{lesson_number(i)} ({i})" for i in course.lessons)
    raise ValueError(f"unknown lesson {value!r}; give a lesson's number or full name: {numbers}")


def _section_title(lesson_id: str, course: Course) -> str:
    return f"{lesson_number(lesson_id)} {course.lessons[lesson_id].title}"


def _export_question(uid: str, question: Question, sources: dict[str, Any]) -> ExportQuestion:
    return ExportQuestion(uid, question, tuple(citation_for(sources[s]) for s in question.source_ids))


def self_check_sections(lesson_ids: Iterable[str], course: Optional[Course] = None) -> list[Section]:
    """The lessons' self-checks (data/lessons/<lesson>.yaml, ``quiz:``), one section a lesson."""
    course = course or load_course()
    sections = []
    for lesson_id in lesson_ids:
        questions = tuple(_export_question(f"legpain.{lesson_id}.{q.id}", q, course.sources) for q in load_quiz(lesson_id, course))
        title = _section_title(lesson_id, course)
        sections.append(Section(f"self-check.{lesson_id}", title, questions, (SELF_CHECKS, title)))
    return sections


def assessment_files(course: Optional[Course] = None) -> list[Path]:
    course = course or load_course()
    return sorted((course.data_dir / ASSESSMENT_FOLDER).glob("*.yaml"))


def assessment_sections(lesson_ids: Iterable[str], course: Optional[Course] = None) -> list[Section]:
    """The held-out assessment bank (data/assessment/<lesson>.yaml), one section a lesson that has one."""
    course = course or load_course()
    wanted = list(lesson_ids)
    by_lesson: dict[str, Section] = {}
    files = assessment_files(course)
    if not files:
        # The bank is held out of the installed package (and so of the browser version).
        raise ValueError(f"no assessment bank in {course.data_dir / ASSESSMENT_FOLDER}: it is kept only in the course's "
                         "repository (data/assessment/); run the command there")
    for path in files:
        name = f"data/{ASSESSMENT_FOLDER}/{path.name}"
        read = read_question_file(path, name, course, lesson_required=True)
        lesson_id = read.lesson
        if path.stem != lesson_id:
            raise DataError(name, None, "lesson", f"the lesson id in the file's name, '{path.stem}'", lesson_id)
        assert lesson_id is not None
        exported = tuple(_export_question(f"legpain.assessment.{lesson_id}.{q.id}", q, course.sources) for q in read.questions)
        title = _section_title(lesson_id, course)
        by_lesson[lesson_id] = Section(f"assessment.{lesson_id}", f"{ASSESSMENT}: {title}", exported, (ASSESSMENT, title))
    return [by_lesson[i] for i in wanted if i in by_lesson]


def _sources_with(course: Course, own: list[_OwnSource]) -> dict[str, Any]:
    sources: dict[str, Any] = dict(course.sources)
    sources.update({s.id: s for s in own})
    return sources


def bank_section(path: Path, course: Optional[Course] = None) -> Section:
    """An instructor's own question file (``--bank FILE``), as one section."""
    course = course or load_course()
    name = str(path)
    read = read_question_file(path, name, course, lesson_required=False)
    sources = _sources_with(course, list(read.sources))
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem)
    title = read.title or (_section_title(read.lesson, course) if read.lesson else path.stem)
    exported = tuple(_export_question(f"bank.{stem}.{q.id}", q, sources) for q in read.questions)
    return Section(f"bank.{stem}", title, exported)


def _where(index: int, item: Any) -> str:
    qid = item.get("id") if isinstance(item, dict) else None
    return f"question {index + 1} (id '{qid}')" if isinstance(qid, str) else f"question {index + 1}"


def _validate_question(item: dict[str, Any], name: str, where: str) -> Question:
    try:
        question: Question = validate(Question, item, name, where)
    except DataError as exc:
        if exc.column not in (None, "?"):
            raise
        # The question's own checks (exactly one right option, different texts) are about its options.
        raise DataError(name, where, "options", exc.expected, exc.found) from None
    return question


@dataclass(frozen=True)
class QuestionFile:
    lesson: Optional[str]
    title: Optional[str]
    sources: tuple[_OwnSource, ...]
    questions: tuple[Question, ...]


def read_question_file(path: Path, name: str, course: Course, lesson_required: bool) -> QuestionFile:
    """Read and validate a question file in the course's schema (docs/question-bank.md).

    The same model and the same source check as a lesson's ``quiz:``; the first problem is one
    :class:`DataError` naming the file, the question and the field.
    """
    raw = read_yaml(path, name)
    if not isinstance(raw, dict):
        raise DataError(name, None, None, "a mapping with the keys " + ", ".join(TOP_LEVEL_KEYS), type(raw).__name__)
    unknown = [k for k in raw if k not in TOP_LEVEL_KEYS]
    if unknown:
        raise DataError(name, None, str(unknown[0]), "only the keys " + ", ".join(TOP_LEVEL_KEYS))
    lesson_id = raw.get("lesson")
    if lesson_id is None and lesson_required:
        raise DataError(name, None, "lesson", "a lesson id from data/lessons.csv")
    if lesson_id is not None and lesson_id not in course.lessons:
        raise DataError(name, None, "lesson", "a lesson id from data/lessons.csv", lesson_id)
    title = raw.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        raise DataError(name, None, "title", "a section title (text)", title)
    own = raw.get("sources") or []
    if not isinstance(own, list):
        raise DataError(name, None, "sources", "a list of sources (id, citation, year, url)", own)
    own_rows: list[_OwnSource] = []
    for i, source in enumerate(own):
        where = f"sources[{i}]"
        if not isinstance(source, dict):
            raise DataError(name, where, None, "a mapping with id, citation, year and url", source)
        row = validate(_OwnSource, source, name, where)
        if row.id in course.sources or row.id in {r.id for r in own_rows}:
            raise DataError(name, where, "id", "an id not already used by data/sources.csv or this file", row.id)
        own_rows.append(row)
    items = raw.get("quiz")
    if not isinstance(items, list) or not items:
        raise DataError(name, None, "quiz", "a non-empty list of questions", items)
    known = set(course.sources) | {r.id for r in own_rows}
    questions: list[Question] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = _where(i, item)
        if not isinstance(item, dict):
            raise DataError(name, where, None, "a mapping with id, prompt, options and source_ids", item)
        question = _validate_question(item, name, where)
        if question.id in seen:
            raise DataError(name, where, "id", "a question id used once in the file", question.id)
        seen.add(question.id)
        for j, option in enumerate(question.options):
            for source_id in option.source_ids:
                if source_id not in known:
                    raise DataError(name, where, f"options.{j}.source_ids", "an id from data/sources.csv or the file's sources", source_id)
        for source_id in question.source_ids:
            if source_id not in known:
                raise DataError(name, where, "source_ids", "an id from data/sources.csv or the file's sources", source_id)
        questions.append(question)
    return QuestionFile(lesson_id, title, tuple(own_rows), tuple(questions))


def collect(
    lesson_ids: Iterable[str],
    *,
    self_checks: bool = True,
    assessment: bool = False,
    banks: Iterable[Path] = (),
    course: Optional[Course] = None,
) -> list[Section]:
    """Every section an export carries, in order: self-checks, assessment, instructors' files."""
    course = course or load_course()
    lesson_ids = list(lesson_ids)
    sections: list[Section] = []
    if self_checks:
        sections += self_check_sections(lesson_ids, course)
    if assessment:
        sections += assessment_sections(lesson_ids, course)
    sections += [bank_section(Path(p), course) for p in banks]
    seen: dict[str, str] = {}
    for section in sections:
        for q in section.questions:
            if len(q.uid) > MAX_UID:
                raise ValueError(f"the question id {q.uid!r} is longer than {MAX_UID} characters, which Moodle cannot keep: "
                                 "give the file or the question a shorter name")
            if q.uid in seen:
                raise ValueError(f"two questions with the id {q.uid!r} (in {seen[q.uid]!r} and {section.title!r}): give one another id")
            seen[q.uid] = section.title
    return sections
