"""Tests for corpus_tools.dates: finding and normalising date mentions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools import docs_frame
from corpus_tools.dates import MENTION_COLUMNS, date_label, date_mentions, find_dates

DATA = Path(__file__).parent / "data" / "date_annotations.json"
ANNOTATIONS = json.loads(DATA.read_text(encoding="utf-8"))


def _one(text, published=None):
    return date_mentions(docs_frame([{"doc_id": "d:1", "text": text, "published": published}]))


# --- precision and recall against the hand annotation ---------------------------
def _gold_spans(text, mentions):
    gold = []
    for m in mentions:
        assert text.count(m["context"]) == 1, f"context not unique: {m['context']!r}"
        s = text.index(m["context"]) + m["context"].index(m["surface"])
        gold.append((s, s + len(m["surface"]), m["date"], m["end_date"], m["precision"]))
    return gold


def _score(pred: pd.DataFrame, gold):
    """Precision, recall: a prediction is right when it overlaps a gold span with the same interval."""
    used, tp = set(), 0
    misses = []
    for r in pred.itertuples():
        key = (str(r.date.date()), str(r.end_date.date()), r.precision)
        match = [i for i, g in enumerate(gold)
                 if i not in used and g[0] < r.end and r.start < g[1] and g[2:] == key]  # fmt: skip
        if match:
            used.add(match[0])
            tp += 1
        else:
            misses.append(("false positive", r.surface, key))
    misses += [("missed", g) for i, g in enumerate(gold) if i not in used]
    precision = tp / len(pred) if len(pred) else 0.0
    return precision, tp / len(gold), misses


@pytest.mark.parametrize("doc", ANNOTATIONS["documents"], ids=lambda d: d["title"][:20])
def test_annotated_raw_lines(doc, seeds_dir):
    lines = (seeds_dir / doc["source"]).read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[doc["line_start"] - 1 : doc["line_end"]])
    pred = _one(text, doc["published"])
    p, r, misses = _score(pred, _gold_spans(text, doc["mentions"]))
    assert p >= 0.95 and r >= 0.95, misses


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    return ct.load_corpus(seeds_dir).docs


@pytest.mark.parametrize("doc", ANNOTATIONS["documents"], ids=lambda d: d["title"][:20])
def test_annotated_loaded_docs(doc, seed_docs):
    row = seed_docs[seed_docs["title"] == doc["title"]]
    assert len(row) == 1
    one = row.reset_index(drop=True)
    assert str(one.loc[0, "published"].date()) == doc["published"]
    pred = date_mentions(one)
    p, r, misses = _score(pred, _gold_spans(one.loc[0, "text"], doc["mentions"]))
    assert p >= 0.95 and r >= 0.95, misses


def test_years_match_expected_seed_years(seed_docs):
    """The 4-digit years in our mentions are exactly the years the seed expectations list."""
    expected = json.loads(
        (Path(__file__).parent / "seeds_expected.json").read_text(encoding="utf-8")
    )
    m = date_mentions(seed_docs).merge(seed_docs[["doc_id", "source"]], on="doc_id")
    for source, spec in expected["files"].items():
        found = set()
        for surface in m.loc[m["source"] == source, "surface"]:
            found |= {
                int(y) for y in re.findall(r"(?<!\d)(1[7-9]\d\d|20\d\d)(?![\d'’]?s)", surface)
            }
        want, optional = set(spec["years_in_docs"]), set(spec.get("years_optional") or [])
        assert want <= found <= want | optional, (source, sorted(found ^ want))


# --- every form of the issue, normalised right ---------------------------------------
FORMS = [
    (
        "It happened on August 5, 2019 in Paris.",
        "August 5, 2019",
        "2019-08-05",
        "2019-08-05",
        "day",
    ),
    ("It happened on 5 August 2019 in Paris.", "5 August 2019", "2019-08-05", "2019-08-05", "day"),
    ("Filed 2019-08-05 by the clerk.", "2019-08-05", "2019-08-05", "2019-08-05", "day"),
    (
        "On Friday May 2, 2008 American forces closed TIPF.",
        "Friday May 2, 2008",
        "2008-05-02",
        "2008-05-02",
        "day",
    ),
    ("the 2nd of May, 2008 was sunny", "2nd of May, 2008", "2008-05-02", "2008-05-02", "day"),
    ("Nov 12, 2012 and more", "Nov 12, 2012", "2012-11-12", "2012-11-12", "day"),
    ("He wrote in March 2018 that", "March 2018", "2018-03-01", "2018-03-31", "month"),
    ("In 1981 it led a series of attacks", "1981", "1981-01-01", "1981-12-31", "year"),
    ("a 1994 State Department report", "1994", "1994-01-01", "1994-12-31", "year"),
    ("violence in the 1970s left", "1970s", "1970-01-01", "1979-12-31", "decade"),
    ("in the early 1990s the leader", "early 1990s", "1990-01-01", "1993-12-31", "decade"),
    ("in the late 1970s the leader", "late 1970s", "1976-01-01", "1979-12-31", "decade"),
    ("music of the ’70s was loud", "’70s", "1970-01-01", "1979-12-31", "decade"),
    ("closed in the summer of 2003.", "summer of 2003", "2003-06-01", "2003-08-31", "season"),
    ("sales in Q3 2019 rose", "Q3 2019", "2019-07-01", "2019-09-30", "quarter"),
    ("the 20th century ended", "20th century", "1900-01-01", "1999-12-31", "century"),
    ("Iraq's 1980-88 war against Iran", "1980-88", "1980-01-01", "1988-12-31", "year-range"),
    ("released in 2002-2003 provided", "2002-2003", "2002-01-01", "2003-12-31", "year-range"),
    (
        "Operation Mersad, 26–30 July 1988, was",
        "26–30 July 1988",
        "1988-07-26",
        "1988-07-30",
        "day-range",
    ),
    (
        "talks on July 26-30, 1988 failed",
        "July 26-30, 1988",
        "1988-07-26",
        "1988-07-30",
        "day-range",
    ),
    (
        "and from 1997 to 2012, it was listed",
        "from 1997 to 2012",
        "1997-01-01",
        "2012-12-31",
        "year-range",
    ),
    (
        "between 2003 and 2005 the camp",
        "between 2003 and 2005",
        "2003-01-01",
        "2005-12-31",
        "year-range",
    ),
    (
        "from March 2018 to June 2019 he",
        "from March 2018 to June 2019",
        "2018-03-01",
        "2019-06-30",
        "month-range",
    ),
    ("during mid-2019 they", "mid-2019", "2019-05-01", "2019-08-31", "year"),
]


@pytest.mark.parametrize(("text", "surface", "date", "end", "precision"), FORMS)
def test_forms(text, surface, date, end, precision):
    m = _one(text)
    assert m["surface"].tolist() == [surface]
    assert str(m.loc[0, "date"].date()) == date
    assert str(m.loc[0, "end_date"].date()) == end
    assert m.loc[0, "precision"] == precision


INFERRED = [  # published 2019-08-05, a Monday
    ("the July 19 attack", "July 19", "2019-07-19", "2019-07-19", "day-inferred"),
    ("They met Aug. 5 in Paris", "Aug. 5", "2019-08-05", "2019-08-05", "day-inferred"),
    ("on 24 December there", "24 December", "2018-12-24", "2018-12-24", "day-inferred"),
    ("He spoke on Sunday.", "Sunday", "2019-08-04", "2019-08-04", "day-inferred"),
    ("He spoke last Monday.", "last Monday", "2019-07-29", "2019-07-29", "day-inferred"),
    ("a report last May by", "last May", "2019-05-01", "2019-05-31", "month-inferred"),
    ("a report last September by", "last September", "2018-09-01", "2018-09-30", "month-inferred"),
    ("In June, Brian Hook", "June", "2019-06-01", "2019-06-30", "month-inferred"),
    ("the vote last month was", "last month", "2019-07-01", "2019-07-31", "month-inferred"),
    ("This month, Giuliani appeared", "This month", "2019-08-01", "2019-08-31", "month-inferred"),
    ("the deal last year was", "last year", "2018-01-01", "2018-12-31", "year-inferred"),
    ("a rally yesterday in", "yesterday", "2019-08-04", "2019-08-04", "day-inferred"),
]


@pytest.mark.parametrize(("text", "surface", "date", "end", "precision"), INFERRED)
def test_inferred_from_publication_date(text, surface, date, end, precision):
    m = _one(text, "2019-08-05")
    assert m["surface"].tolist() == [surface]
    assert (str(m.loc[0, "date"].date()), str(m.loc[0, "end_date"].date())) == (date, end)
    assert m.loc[0, "precision"] == precision
    assert _one(text).empty, "partial dates must be left out without a publication date"


def test_possessive_last_year_is_not_relative():
    assert _one("During Saddam Hussein’s last year in power, prisoners left.", "2019-08-05").empty


# --- never dates ---------------------------------------------------------------------
NOT_DATES = [
    "Bolton received upwards of $180,000 to speak.",
    "17,161 Iranian citizens have been killed.",
    "Iran runs 4,000 centrifuges at the site.",
    "The measure passed 251-170.",
    "munitions from F-16 fighter jets",
    "About 2,000 members of the group relocated.",
    "hostages for a period of 444 days.",
    "between 5,000 to 13,000 members",
    "the killing of 74 senior officials, including 27 MPs",
    "the 31st anniversary of Operation Mersad",
    "the thirty-first anniversary",
    "a 14 square-mile former base",
    "most of them in their 50s and 60s.",
    "I left Iran when I was 17. I am 52 and never went back.",
    "Call +1 202 555 1990 now.",
    "Call (202) 555-2019 now.",
    "the members of al-Qaeda who attacked the U.S. in 9/11",
    "around 4000 people. 2500 died and only around 1500 came back.",
    "In all 2000 people marched and 1999 voters signed.",
    "UN resolution 2231 and Flight 1980 and page 2001",
    "a history of 2000 years; the clock read 1930 hours; Tel 2019 4455",
    "a 28-page report on 2.5 million dollars, 20.19 percent, 1,988.5 units",
    "the 40th birthday of the revolution, 3,300 members, 1.8 billion",
    "May he end up with the same fate.",
    "They march on. We may go. Marching 2 by 2.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_non_dates_are_never_returned(text):
    assert _one(text, "2019-08-05")["surface"].tolist() == []


def test_non_dates_next_to_real_dates():
    text = "In 1981, 74 officials died; in 2017 he got $180,000 and the vote was 251-170 in 2019."
    assert _one(text)["surface"].tolist() == ["1981", "2017", "2019"]


# --- offsets, sentences, table contract ---------------------------------------------------
FRAGMENTS = [
    "In 1981", " the 1970s", " from 1997 to 2012", " $180,000", " 251-170", " F-16", " 26–30 July 1988",
    " March 2018", " last May", " on Sunday", " Aug. 5", ". ", "\n", " members", " 2,000", " 9/11",
    " summer of 2003", " 1980-88", " between 2003 and 2005", " 2019-08-05", " U.S.", " the", " 52",
    "’", "-", " early 1990s", " May", "May", "2019", "1",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.sampled_from([None, "2019-08-05"]))
def test_offsets_slice_to_surface(parts, published):
    text = "".join(parts)
    m = _one(text, published)
    for r in m.itertuples():
        assert text[r.start : r.end] == r.surface
        assert r.date <= r.end_date
        assert r.surface.strip() == r.surface and r.surface
    assert (m["start"].diff().dropna() > 0).all()


def test_offsets_and_sentences_on_seeds(seed_docs):
    m = date_mentions(seed_docs)
    assert len(m) > 50
    text_of = dict(zip(seed_docs["doc_id"], seed_docs["text"], strict=True))
    for r in m.itertuples():
        assert text_of[r.doc_id][r.start : r.end] == r.surface
        assert " ".join(r.surface.split()) in r.sentence
        assert r.date <= r.end_date


def test_table_contract_and_no_mutation(tiny_docs):
    before = tiny_docs.copy()
    m = date_mentions(tiny_docs)
    pd.testing.assert_frame_equal(tiny_docs, before)
    assert list(m.columns) == MENTION_COLUMNS
    assert str(m["date"].dtype) == "datetime64[ns]" and str(m["end_date"].dtype) == "datetime64[ns]"
    assert m["start"].dtype == "int64"
    # TINY_NEWS: "August 5, 2019", "March 2018", "the 1960s", "from 1997 to 2012"; never 2,000 or 251-170
    assert m["surface"].tolist() == ["August 5, 2019", "March 2018", "1960s", "from 1997 to 2012"]
    empty = date_mentions(tiny_docs.iloc[:0])
    assert list(empty.columns) == MENTION_COLUMNS and empty.empty


def test_fails_early_with_hint(tiny_docs):
    with pytest.raises(ValueError, match="column 'text' missing"):
        date_mentions(tiny_docs.drop(columns=["text"]))

    class Fake:
        docs = tiny_docs

    with pytest.raises(TypeError, match=r"corpus\.docs"):
        date_mentions(Fake())


def test_missing_text_and_published_column():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [None, "Since 1979 and last May."]})
    m = date_mentions(docs)
    assert m["surface"].tolist() == ["1979"]


def test_labels_round_trip_forms():
    for text, *_ in FORMS:
        for _s, _e, d, end, p in find_dates(text):
            assert date_label(d, end, p)
    assert (
        date_label(pd.Timestamp("2003-06-01"), pd.Timestamp("2003-08-31"), "season")
        == "summer 2003"
    )


# --- the fast scanner finds what a full regex scan finds ---------------------------------
def _full_scan(text, published):
    from corpus_tools.dates import _DATE_RE, _interpret, _merge_ranges

    pub = pd.Timestamp(published)
    hits = [h for m in _DATE_RE.finditer(text) if (h := _interpret(m, text, pub)) is not None]
    return _merge_ranges(text, hits) if len(hits) > 1 else hits


def test_fast_scan_equals_full_scan_on_seed_files(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert find_dates(text, "2019-08-05") == _full_scan(text, "2019-08-05"), path.name


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from([*FRAGMENTS, " Q", "Q", " of", " Wednesday,", " September", " quarter",
                                 " first", " summer", " last", " this", " ’", " 12345", " 123",
                                 " Sunday", " June 13,"]), max_size=25))  # fmt: skip
def test_fast_scan_equals_full_scan(parts):
    text = "".join(parts)
    assert find_dates(text, "2019-08-05") == _full_scan(text, "2019-08-05")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.sampled_from([None, "2019-08-05", "2019-01-02T10:00:00+02:00"]))
def test_any_text_never_crashes(text, published):
    for s, e, d, end, _p in find_dates(text, published):  # tz-aware dates are taken as local
        assert 0 <= s < e <= len(text) and d <= end
    if published is None or "+" not in published:
        for r in _one(text, published).itertuples():
            assert text[r.start : r.end] == r.surface and r.date <= r.end_date
