"""data/sources.csv: cite originals, never copies; journal articles name their authors; the
second clinical review's source findings (S28, the glossary's P4, S169/S242, S108)."""

from __future__ import annotations

import csv
import re
from urllib.parse import urlparse

import pytest

from legpain import DataError
from legpain.content import load_course

from conftest import DATA

# Hosts that hold copies or summaries of other people's documents (document-sharing, essay and
# summary sites), NHS-syndication copies, newspaper columns and app vendors' pages. A source row
# never points at one of them: it gives the original's address, and its note names the copy only as
# the place where it was read.
COPY_HOSTS = (
    "scribd.com", "readkong.com", "studymode.com", "slideshare.net", "fdocuments", "documents.pub",
    "docslib.org", "doczz.net", "issuu.com", "studylib.net", "coek.info", "1library.net", "yumpu.com",
    "vdocuments", "dokumen.pub", "pdfcoffee.com", "studocu.com", "123deta.com", "abcdocz.com",
    "zana.com", "nicswell.co.uk", "api-bridge.azurewebsites.net",
    "shorehamherald.co.uk",
    "imagineear.com", "covid19app.nhsggc.org.uk",
)
# S343 names itself, in its citation, as an app vendor's page, and is cited only for wording for
# women; it is reviewed with the VTE risk tool's sources (docs/vte-risk.md). It is the one exception.
LABELLED_EXCEPTIONS = {"S343": "app vendor's page"}

# A citation is a journal article when it gives a DOI, a 'year;volume' reference, a PubMed Central id
# or a Cochrane review number.
JOURNAL = re.compile(r"doi:10\.|\b(19|20)\d{2};\s?\d|\(PMC\d+\)|Cochrane Database Syst Rev")
# ... and it names its authors when it opens with 'Surname INITIALS' ('Mens JM, ...', 'Fagevik Olsén M, et al.').
AUTHORS = re.compile(r"^[A-Z][\w'’-]+(?: [a-z']+)*(?: [A-Z][\w'’-]+)* [A-Z]{1,3}(?:,| et al| \.|\.)")
# When no source the course could read names the authors, the row's note must say so: no journal
# row is left without authors silently. Rows that reproduce the RCOG 37a tables for the VTE risk
# tool (S202, S205) are reviewed with that tool's sources and are left out here.
AUTHORS_NOT_CONFIRMED = re.compile(r"\b[Aa]uthors not confirmed\b|\b[Tt]itle and authors not confirmed\b")
VTE_TOOL_TABLE_ROWS = {"S202", "S205"}


def rows() -> list[dict[str, str]]:
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def host(url: str) -> str:
    return urlparse(url).netloc.lower()


def test_no_source_points_at_a_copy_or_summary_site():
    offending = []
    for row in rows():
        address = host(row["url"]) if row["url"] else ""
        if any(copy_host in address for copy_host in COPY_HOSTS):
            label = LABELLED_EXCEPTIONS.get(row["id"])
            if label is None or label not in row["citation"]:
                offending.append(f"{row['id']}: {row['url']}")
    assert not offending, "cite the original's address and name the copy in the note: " + "; ".join(offending)


def test_the_host_check_catches_a_copy():
    assert any(copy in host("https://www.scribd.com/document/1/x") for copy in COPY_HOSTS)
    assert any(copy in host("https://readkong.com/page/sbar") for copy in COPY_HOSTS)
    assert not any(copy in host("https://www.nhs.uk/conditions/pre-eclampsia/") for copy in COPY_HOSTS)


def test_every_journal_article_names_its_authors_or_says_they_could_not_be_confirmed():
    missing = []
    for row in rows():
        if row["id"] in VTE_TOOL_TABLE_ROWS or not JOURNAL.search(row["citation"]):
            continue
        if not AUTHORS.match(row["citation"]) and not AUTHORS_NOT_CONFIRMED.search(row["note"] or ""):
            missing.append(row["id"])
    assert not missing, f"journal articles without authors and without a note saying why: {missing}"


@pytest.mark.parametrize(
    "citation, has_authors",
    [
        ("Mens JM, Vleeming A, Snijders CJ. Reliability and validity ... Spine. 2001;26:1167-71.", True),
        ("Fagevik Olsén M, et al. Validation of self-administered tests. BMC Musculoskelet Disord. 2021. doi:10.1186/s12891-021-04103-0.", True),
        ("Vøllestad NK, Torjesen PA, Robinson HS. Association between ... Man Ther. 2012;17(3):225-30.", True),
        ("Chan NY et al. Lumbar disc herniation in pregnancy. J Spine Surg. 2024 (PMC11224784).", True),
        ("Meralgia paresthetica in the parturient. Int J Obstet Anesth. 1995;4(2):109-12.", False),
        ("D-dimer levels during pregnancy. Obstet Gynecol Int. 2016 (PMC4852125).", False),
    ],
)
def test_the_author_pattern(citation, has_authors):
    assert JOURNAL.search(citation)
    assert bool(AUTHORS.match(citation)) is has_authors


def test_s28_is_the_leg_cramp_study_under_its_real_title(course):
    citation = course.sources["S28"].citation
    assert "Frequency and predisposing factors of leg cramps in pregnancy" in citation
    assert citation.startswith("Sohrabvand F, Karimi M.") and "Tehran Univ Med J" in citation


def test_the_glossary_p4_entry_cites_a_p4_source_not_the_aslr_paper(course):
    p4 = next(term for term in course.glossary if term.term.startswith("P4"))
    assert "S10" not in p4.source_ids, "S10 (Mens 2001) is a paper on the ASLR"
    assert "S100" in p4.source_ids, "S100 describes the P4's technique and what makes it positive"


def test_one_row_for_the_burst_varicose_vein_advice_and_no_newspaper_address(course):
    assert "S242" not in course.sources, "S242 was the same newspaper column as S169"
    s169 = course.sources["S169"]
    assert s169.citation.startswith("St John Ambulance")
    assert s169.url is None and "newspaper" in s169.note


def test_unreliable_clinical_assessment_rests_on_rcog_37b(course):
    s108 = course.sources["S108"]
    assert "Green-top Guideline No. 37b" in s108.citation and "unreliable" in s108.citation
    assert host(s108.url) == "www.rcog.org.uk"


def test_a_short_note_is_rejected_with_the_file_row_and_column(data_copy):
    table = rows()
    table[1]["note"] = "copy"
    with (data_copy / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    assert caught.value.file == "data/sources.csv"
    assert caught.value.column == "note"
