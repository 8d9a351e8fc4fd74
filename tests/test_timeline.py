"""Tests for corpus_tools.timeline: publication timeline, chronology, date bounds, trends."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools import docs_frame
from corpus_tools.dates import date_mentions
from corpus_tools.timeline import (
    date_bounds,
    events,
    mention_counts,
    publication_timeline,
    term_trends,
    topic_trends,
)

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    return ct.load_corpus(seeds_dir).docs


# --- date_bounds -------------------------------------------------------------------
def test_undated_2008_article_gets_its_lower_bound(seed_docs):
    b = date_bounds(seed_docs).merge(
        seed_docs[["doc_id", "source", "kind", "published"]], on="doc_id"
    )
    art = b[(b["source"] == "004_ab5a586163d924fb.txt") & (b["kind"] == "article")]
    assert len(art) == 1
    row = art.iloc[0]
    assert row["date_min"] == pd.Timestamp("2008-05-02")
    assert pd.isna(row["date_max"])
    assert row["basis"] == "mentions" and "2008" in row["evidence"]
    # its comments cannot predate it
    comments = b[(b["source"] == "004_ab5a586163d924fb.txt") & (b["kind"] == "comment")]
    assert len(comments) and (comments["date_min"] >= pd.Timestamp("2008-05-02")).all()
    # dated pages keep their publication date on both sides
    dated = b[b["published"].notna()]
    assert (dated["date_min"] == dated["published"]).all()
    assert (dated["date_max"] == dated["published"]).all()
    assert (dated["basis"] == "published").all()
    assert list(b.columns[:5]) == ["doc_id", "date_min", "date_max", "basis", "evidence"]


def test_bounds_rules():
    docs = docs_frame([
        {"doc_id": "a", "text": "Listed from 1997 to 2012. Founded in the 1960s."},
        {"doc_id": "b", "text": "Nothing datable here."},
        {"doc_id": "c", "kind": "comment", "parent_id": "a", "text": "In 1953 the coup."},
        {"doc_id": "d", "kind": "comment", "parent_id": "a", "published": "2014-02-03", "text": "x"},
        {"doc_id": "e", "text": "On Sunday, last May."},
    ])  # fmt: skip
    b = date_bounds(docs).set_index("doc_id")
    assert b.loc["a", "date_min"] == pd.Timestamp(
        "2012-01-01"
    )  # first day of the range's last year
    assert b.loc["a", "date_max"] == pd.Timestamp("2014-02-03")  # its earliest dated comment
    assert b.loc["b", "basis"] == "none" and pd.isna(b.loc["b", "date_min"])
    assert b.loc["b", "evidence"] is None
    assert b.loc["c", "date_min"] == pd.Timestamp("2012-01-01") and b.loc["c", "basis"] == "parent"
    assert b.loc["d", "basis"] == "published"
    assert b.loc["e", "basis"] == "none"  # partial dates cannot be completed without a date


# --- publication_timeline ----------------------------------------------------------
def test_publication_timeline_gaps_are_nan(tiny_docs):
    t = publication_timeline(tiny_docs, freq="M")
    assert [str(p) for p in t["period"]][:2] == ["2018-03", "2018-04"]
    assert len(t) == 18  # March 2018 .. August 2019
    assert t["n_docs"].isna().sum() == 16 and (t["n_docs"].dropna() == 1).all()
    assert t["share"].sum() == pytest.approx(1.0)
    assert t.attrs["n_undated"] == 2  # the comment and the undated article
    only = publication_timeline(tiny_docs, freq="Y", kinds=["article"])
    assert only["n_docs"].tolist() == [1.0, 1.0]
    with pytest.raises(ValueError, match="freq"):
        publication_timeline(tiny_docs, freq="fortnight")


def test_publication_timeline_seeds(seed_docs):
    t = publication_timeline(seed_docs, freq="D")
    assert str(t["period"].iloc[0]) == "2019-07-27" and str(t["period"].iloc[-1]) == "2019-08-05"
    assert t["n_docs"].sum() == seed_docs["published"].notna().sum()
    assert t["n_docs"].isna().any()  # e.g. 29 July: nothing published


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2000-01-01").date(),
                                              max_value=pd.Timestamp("2020-12-31").date())),
                max_size=30),
       st.sampled_from(["D", "W", "M", "Q", "Y"]))  # fmt: skip
def test_publication_counts_add_up(dates, freq):
    docs = docs_frame([{"published": d} for d in dates])
    t = publication_timeline(docs, freq=freq)
    n_dated = sum(d is not None for d in dates)
    assert np.nansum(t["n_docs"]) == n_dated
    assert t.attrs["n_undated"] == len(dates) - n_dated
    assert not (t["n_docs"] == 0).any()  # never a zero: a gap is NaN
    if n_dated:
        assert np.nansum(t["share"]) == pytest.approx(1.0)
        assert t["period"].is_monotonic_increasing and t["period"].is_unique


# --- events / mention_counts -----------------------------------------------------------
def test_events_counts_add_up(seed_docs):
    m = date_mentions(seed_docs)
    ev = events(seed_docs, mentions=m)
    assert ev["n_mentions"].sum() == len(m)
    assert (ev["n_docs"] <= ev["n_mentions"]).all()
    assert not ev.duplicated(["date", "end_date", "precision"]).any()
    assert ev["date"].is_monotonic_increasing
    assert not ev["precision"].str.contains("inferred").any()
    # the chronology of the story is there
    labels = set(ev["label"])
    for want in ["1953", "1960s", "1979", "1981", "1986", "1988", "26–30 July 1988", "1997–2012",
                 "2003", "2012", "2016", "2017", "2018"]:  # fmt: skip
        assert want in labels, want
    row = ev[ev["label"] == "1997–2012"].iloc[0]
    assert "1997 to 2012" in row["sentence"]
    assert ev.loc[ev["label"] == "1979", "n_docs"].iloc[0] >= 4


def test_events_best_sentence_and_sites():
    docs = docs_frame([
        {"doc_id": "a:1", "site": "b.org", "text": "It was 1981."},
        {"doc_id": "b:1", "site": "a.org", "text": "In 1981 the group bombed party offices in Tehran."},
        {"doc_id": "c:1", "site": None, "source": "c.txt", "text": "Bombs in 1981 hit party offices, Tehran."},
    ])  # fmt: skip
    ev = events(docs)
    assert ev["sites"].tolist() == ["a.org, b.org, c.txt"]
    # five content words each: the shorter sentence wins; "It was 1981." has too few
    assert ev["sentence"].tolist() == ["Bombs in 1981 hit party offices, Tehran."]
    twice = events(docs_frame([{"text": "Bombs hit 1981."}, {"text": "Bombs hit 1981."}]))
    assert twice["n_docs"].tolist() == [2] and twice["sentence"].tolist() == ["Bombs hit 1981."]
    by_site = events(docs, by="site")
    assert by_site["site"].tolist()[:2] == ["a.org", "b.org"]


def test_events_by_alias(tiny_docs):
    ev = events(tiny_docs, by="alias")
    assert set(ev.columns[:2]) == {"key", "date"}
    # "The Northern League (NL) held a rally in Paris on August 5, 2019" -> folded to the key NL
    assert ev[["key", "label"]].values.tolist() == [["NL", "5 August 2019"]]
    with pytest.raises(ValueError, match="alias"):
        events(tiny_docs, by="alias", aliases=False)


def test_mention_counts(seed_docs):
    m = date_mentions(seed_docs)
    years = mention_counts(seed_docs, mentions=m)
    explicit = m[~m["precision"].str.contains("inferred")]
    fine = explicit[~explicit["precision"].str.startswith(("decade", "century"))]
    assert years["n_mentions"].sum() == len(fine)
    assert years["period"].is_monotonic_increasing
    dec = mention_counts(seed_docs, by="source", unit="decade", mentions=m)
    assert dec["n_mentions"].sum() == len(explicit)
    assert set(dec["period"]) <= set(range(1700, 2100, 10))
    with pytest.raises(ValueError, match="unit"):
        mention_counts(seed_docs, unit="week")


# --- trends --------------------------------------------------------------------------
def test_term_trends_folds_aliases_and_keeps_gaps(tiny_docs):
    t = term_trends(tiny_docs, ["NL", "budget", "farmers protested"], freq="M")
    first = t[t["period"] == pd.Period("2018-03", "M")].set_index("term")
    assert first.loc["budget", "count"] == 2 and first.loc["NL", "count"] == 0
    assert first.loc["farmers protested", "count"] == 1
    gap = t[t["period"] == pd.Period("2018-07", "M")]
    assert gap["count"].isna().all() and gap["share"].isna().all()
    last = t[t["period"] == pd.Period("2019-08", "M")].set_index("term")
    assert last.loc["NL", "count"] == 3  # Northern League, NL, N.L.
    assert 0 < last.loc["NL", "share"] < 1
    assert t["term"].tolist()[:3] == ["NL", "budget", "farmers protested"]
    unfolded = term_trends(tiny_docs, ["NL"], aliases=False)
    assert unfolded["count"].max() == 2  # "NL" and "N.L." only; "Northern League" stays words


def test_term_trends_seeds(seed_docs):
    t = term_trends(seed_docs, ["MEK", "Bolton"], freq="W")
    assert set(t["term"]) == {"MEK", "Bolton"}
    assert (
        t.loc[t["term"] == "MEK", "count"].sum() > t.loc[t["term"] == "Bolton", "count"].sum() > 0
    )


def test_topic_trends_with_fake_model(tiny_docs):
    dt = pd.DataFrame({
        "doc_id": ["a:1", "a:1", "b:1", "b:1", "a:2", "a:2"],
        "topic": [0, 1, 0, 1, 0, 1],
        "weight": [0.2, 0.6, 0.5, 0.0, 1.0, 1.0],
    })  # fmt: skip
    before = dt.copy()
    t = topic_trends(SimpleNamespace(doc_topics=dt), tiny_docs, freq="Y")
    pd.testing.assert_frame_equal(dt, before)
    assert list(t.columns) == ["period", "topic", "share"]
    assert [str(p) for p in t["period"].unique()] == ["2018", "2019"]
    y19 = t[t["period"] == pd.Period("2019", "Y")].set_index("topic")["share"]
    assert y19.loc[0] == pytest.approx(0.25) and y19.loc[1] == pytest.approx(0.75)
    assert t.groupby("period")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    monthly = topic_trends(SimpleNamespace(doc_topics=dt), tiny_docs, freq="M")
    assert monthly["share"].isna().any() and len(monthly) == 2 * 18
    with pytest.raises(TypeError, match="doc_topics"):
        topic_trends(object(), tiny_docs)


def test_no_mutation_and_hints(tiny_docs):
    before = tiny_docs.copy()
    events(tiny_docs)
    date_bounds(tiny_docs)
    publication_timeline(tiny_docs)
    term_trends(tiny_docs, "NL")
    mention_counts(tiny_docs, by="site")
    pd.testing.assert_frame_equal(tiny_docs, before)
    with pytest.raises(ValueError, match="published"):
        publication_timeline(tiny_docs.drop(columns=["published"]))
    with pytest.raises(TypeError, match=r"corpus\.docs"):
        events(SimpleNamespace(docs=tiny_docs))


# --- plots ---------------------------------------------------------------------------
def test_plots_draw(seed_docs):
    from corpus_tools import plots

    ev = events(seed_docs)
    ax = plots.plot_chronology(ev, max_events=15)
    assert len(ax.get_yticks()) == 15
    ax = plots.plot_mentions_per_year(mention_counts(seed_docs))
    assert len(ax.patches) == len(mention_counts(seed_docs))
    ax = plots.plot_publication_volume(publication_timeline(seed_docs, "D"))
    assert ax.get_ylabel()
    ax = plots.plot_term_trends(term_trends(seed_docs, ["MEK", "Bolton"], freq="W"))
    assert len(ax.get_lines()) == 2
    dt = pd.DataFrame({"doc_id": seed_docs["doc_id"].repeat(2).to_numpy(),
                       "topic": [0, 1] * len(seed_docs), "weight": 1.0})  # fmt: skip
    ax = plots.plot_topic_trends(topic_trends(SimpleNamespace(doc_topics=dt), seed_docs, "D"),
                                 labels={0: "zero"})  # fmt: skip
    assert len(ax.get_lines()) == 2 and ax.get_legend().get_texts()[0].get_text() == "zero"
    import matplotlib.pyplot as plt

    plt.close("all")


def test_topic_trends_with_a_fitted_model(seed_docs):
    model = ct.fit_topics(seed_docs, 3, random_state=0)
    t = topic_trends(model, seed_docs, freq="W")
    assert set(t["topic"]) == set(model.labels["topic"])
    assert t.groupby("period")["share"].sum().tolist() == pytest.approx(
        [1.0] * t["period"].nunique()
    )
