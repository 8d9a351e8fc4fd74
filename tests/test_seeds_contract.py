"""load_corpus('seeds') meets every check in tests/seeds_expected.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import load_corpus

HERE = Path(__file__).resolve().parent
EXPECTED = json.loads((HERE / "seeds_expected.json").read_text(encoding="utf-8"))
FILES = EXPECTED["files"]


def ws(text) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def corpus(seeds_dir):
    return load_corpus(seeds_dir)


def _match(actual: pd.DataFrame, exp: dict):
    """Rows of ``actual`` of the expected kind whose text starts as expected."""
    starts = [ws(s) for s in exp["starts_with_one_of"]]
    rows = actual[actual["kind"] == exp["kind"]]
    return [r for r in rows.itertuples() if any(ws(r.text).startswith(s) for s in starts)]


def _doc_cases():
    for name, spec in FILES.items():
        for k, exp in enumerate(spec["docs"]):
            yield pytest.param(name, k, exp, id=f"{name[:3]}-doc{k}")


@pytest.mark.parametrize(("name", "k", "exp"), list(_doc_cases()))
def test_expected_doc(corpus, name, k, exp):
    docs = corpus.docs[corpus.docs["source"] == name]
    found = _match(docs, exp)
    if exp.get("optional") and not found:
        return
    assert len(found) == 1, f"{len(found)} docs match {exp['starts_with_one_of']} in {name}"
    doc = found[0]
    text = ws(doc.text)
    assert any(text.endswith(ws(e)) for e in exp["ends_with_one_of"]), text[-200:]
    for needle in exp["contains"]:
        assert ws(needle) in text
    assert (doc.title if doc.title is None else ws(doc.title)) == exp["title"]
    got_author = None if doc.author is None else ws(doc.author).casefold()
    want_author = None if exp["author"] is None else ws(exp["author"]).casefold()
    assert got_author == want_author
    got_date = None if pd.isna(doc.published) else doc.published.date().isoformat()
    assert got_date == exp["published"]
    if "section" in exp:
        assert doc.section == exp["section"]
    if exp["kind"] == "comment":
        parent = corpus.docs.set_index("doc_id").loc[doc.parent_id]
        assert parent["kind"] == "article" and parent["source"] == name


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_level(corpus, name):
    spec = FILES[name]
    docs = corpus.docs[corpus.docs["source"] == name]
    assert set(docs["site"].tolist()) == {spec["site"]}
    # Each expected doc matches a different actual doc.
    matched = [r.doc_id for exp in spec["docs"] for r in _match(docs, exp)]
    assert len(matched) == len(set(matched))
    required = sum(not exp.get("optional") for exp in spec["docs"])
    assert len(docs) >= required
    text = " ".join(docs["text"])
    years = {int(y) for y in re.findall(r"\b(19[0-9]{2}|20[0-9]{2})\b", text)}
    assert years >= set(spec["years_in_docs"])
    assert years <= set(spec["years_in_docs"]) | set(spec.get("years_optional", [])), sorted(years)
    decades = {int(d) for d in re.findall(r"\b(1[0-9]{2}0|20[0-9]0)s\b", text)}
    assert decades >= set(spec.get("decades_in_docs", []))


@pytest.mark.parametrize("needle", EXPECTED["never_substring_in_text"])
def test_never_substring(corpus, needle):
    hits = corpus.docs[corpus.docs["text"].map(lambda t: ws(needle) in ws(t))]
    assert hits.empty, hits["doc_id"].tolist()


@pytest.mark.parametrize("line", EXPECTED["never_line_in_text"])
def test_never_line(corpus, line):
    for text in corpus.docs["text"]:
        assert ws(line) not in {ws(x) for x in text.split("\n")}


@pytest.mark.parametrize("needle", EXPECTED["exactly_once_in_corpus"])
def test_exactly_once(corpus, needle):
    total = sum(ws(t).count(ws(needle)) for t in corpus.docs["text"])
    assert total == 1


def test_lines_cover_every_input_line(corpus, seeds_dir):
    for name in FILES:
        raw = (seeds_dir / name).read_text(encoding="utf-8").split("\n")
        if raw[-1] == "":
            raw.pop()
        got = corpus.lines[corpus.lines["source"] == name]
        assert got["line_no"].tolist() == list(range(1, len(raw) + 1))
        assert got["text"].tolist() == [" ".join(r.split()) for r in raw]
    assert corpus.lines["role"].notna().all()
