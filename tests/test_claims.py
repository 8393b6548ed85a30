"""Lessons 08 and 09 take every verdict and piece of evidence from data/claims.csv, and lesson 08
quotes each claim in the article's own words; lesson 00's facts at a glance all have sources."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LESSON08 = ROOT / "notebooks" / "08-how-do-we-know.ipynb"
LESSON09 = ROOT / "notebooks" / "09-checking-claims-yourself.ipynb"
LESSON00 = ROOT / "notebooks" / "00-start-here.ipynb"
VERDICTS = ["supported", "partly supported", "not verified", "contradicted"]
SOLUTION = re.compile(r"### BEGIN SOLUTION.*?### END SOLUTION", re.DOTALL)


def rows(table: str) -> list[dict[str, str]]:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def markdown(path: Path) -> str:
    return "\n\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                        if c.cell_type == "markdown")


def text_of(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
    return "".join(parts)


def unwrap(text: str) -> str:
    return " ".join(text.split())


CLAIMS = {r["id"]: r for r in rows("claims")}
SOURCE_IDS = {r["id"] for r in rows("sources")}


def test_claims_table_is_complete() -> None:
    assert len(CLAIMS) >= 15
    for claim in CLAIMS.values():
        assert claim["verdict"] in VERDICTS
        ids = [i for i in claim["source_ids"].split(";") if i]
        assert ids and set(ids) <= SOURCE_IDS, claim["id"]
        assert claim["evidence"].strip(), claim["id"]
    # every topic of the article is covered
    assert {c["category"] for c in CLAIMS.values()} == {"diplomacy", "multilateral", "economy",
                                                        "memory"}


def test_not_verified_claims_rest_on_no_independent_source() -> None:
    """Confidence agrees with the verdict: unconfirmed claims are low, supported ones not."""
    for claim in CLAIMS.values():
        if claim["verdict"] == "not verified":
            assert claim["confidence"] == "low", claim["id"]
        if claim["verdict"] == "supported":
            assert claim["confidence"] in ("high", "medium"), claim["id"]


@pytest.mark.parametrize("lesson", [LESSON08, LESSON09])
def test_no_verdict_is_typed_into_the_lesson_code(lesson: Path) -> None:
    """Verdicts shown in lessons 08 and 09 come from the data; only students' answers name one."""
    literal = re.compile("[\"'](" + "|".join(VERDICTS) + ")[\"']", re.IGNORECASE)
    for cell in code_cells(lesson):
        code = SOLUTION.sub("", cell.source)
        assert not literal.search(code), cell.source


QUOTED = re.compile(r'^- `([a-z0-9-]+)`: "(.+?)"$', re.MULTILINE | re.DOTALL)


def test_lesson08_quotes_every_claim_in_the_articles_words() -> None:
    """Each claim of the table appears once in lesson 08 as a short quotation of the article."""
    text = markdown(LESSON08)
    quoted = {claim_id: " ".join(words.split()) for claim_id, words in QUOTED.findall(text)}
    assert set(quoted) == set(CLAIMS)
    for claim_id, words in quoted.items():
        assert len(words.split()) <= 22, claim_id  # short quotations, not the whole article
        assert '"' not in words, claim_id
    url = next(r["url"] for r in rows("sources") if r["id"] == "kazinform-2022")
    assert f"]({url})" in text  # the link to the article


def test_no_data_note_names_the_old_lesson_number() -> None:
    for table in ("sources", "claims", "events", "company_counts", "companies", "multilateral"):
        for row in rows(table):
            assert "lesson 04" not in " ".join(row.values()).lower(), (table, row)


def test_claim_cards_print_the_csv_verdict_and_evidence() -> None:
    shown = 0
    for cell in code_cells(LESSON08):
        match = re.fullmatch(r'ex\.show_claim\("([a-z0-9-]+)"\)', cell.source.strip().splitlines()[-1])
        if not match:
            continue
        claim = CLAIMS[match.group(1)]
        output = unwrap(text_of(cell))
        assert f"Verdict: {claim['verdict']} (confidence: {claim['confidence']})" in output
        assert f"Evidence: {unwrap(claim['evidence'])}" in output
        shown += 1
    assert shown >= 4


def test_claims_table_in_the_lesson_is_the_csv() -> None:
    """The table of section 3 shows each claim with its CSV verdict (HTML output)."""
    cell = next(c for c in code_cells(LESSON08) if 'shown["other_sources"]' in c.source)
    html = next(o.data["text/html"] for o in cell.outputs if "data" in o)
    for claim_id, claim in CLAIMS.items():
        row = re.search(rf"<th>{re.escape(claim_id)}</th>(.*?)</tr>", html, re.DOTALL)
        if row is None:
            continue  # held back for the exercises
        assert f"<td>{claim['verdict']}</td>" in row.group(1), claim_id


def test_verdict_chart_counts_equal_the_csv() -> None:
    counts = Counter((c["category"], c["verdict"]) for c in CLAIMS.values())
    totals = Counter(c["verdict"] for c in CLAIMS.values())
    alts = [
        o.metadata["image/png"]["alt"]
        for cell in code_cells(LESSON09) for o in cell.outputs
        if "data" in o and "image/png" in o.data
    ]
    assert len(alts) == 1, "lesson 09 should have one chart"
    assert f"{len(CLAIMS)} claims: " + ", ".join(f"{totals[v]} {v}" for v in VERDICTS) in alts[0]
    cell = next(c for c in code_cells(LESSON09) if "pd.crosstab" in c.source)
    html = next(o.data["text/html"] for o in cell.outputs if "data" in o)
    header = re.findall(r"<th>([a-z ]+)</th>", html.split("</thead>")[0])
    for category in {c["category"] for c in CLAIMS.values()}:
        cells = re.search(rf"<th>{category}</th>(.*?)</tr>", html, re.DOTALL).group(1)
        numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)]
        shown = dict(zip([h for h in header if h in VERDICTS], numbers, strict=True))
        for verdict in VERDICTS:
            assert shown.get(verdict, 0) == counts[(category, verdict)], (category, verdict)


@pytest.fixture(scope="module")
def facts() -> list[dict[str, str]]:
    return rows("country_facts")


def test_every_fact_at_a_glance_has_a_source_row(facts) -> None:
    enum = ["capital", "area_km2", "population", "independence", "official_languages",
            "currency", "un_member_since"]
    assert sorted((f["country"], f["fact"]) for f in facts) == sorted(
        (c, e) for c in ("KZ", "SI") for e in enum
    )
    for fact in facts:
        ids = [i for i in fact["source_ids"].split(";") if i]
        assert ids and set(ids) <= SOURCE_IDS, fact


def test_lesson00_shows_each_fact_with_its_sources(facts) -> None:
    cell = next(c for c in code_cells(LESSON00) if "glance" in c.source and "pivot" in c.source)
    html = next(o.data["text/html"] for o in cell.outputs if "data" in o)
    for fact in facts:
        assert f"[{fact['source_ids'].replace(';', '; ')}]" in html, fact
    numbers = {(f["country"], f["fact"]): f["value"] for f in facts}
    for key in (("KZ", "population"), ("SI", "area_km2")):  # with or without thousands separators
        value = int(numbers[key])
        assert f"{value:,}" in html or f"<td>{value} " in html, key
