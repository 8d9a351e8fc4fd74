"""Tests of corpus_tools.topics: recovery of known topics, NPMI, determinism, choosing k."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import docs_frame
from corpus_tools import topics as tp
from corpus_tools.topics import (
    fit_topics,
    match_topics,
    representative_docs,
    select_k,
    synthetic_corpus,
    topic_coherence,
    topic_prevalence,
)


@pytest.fixture(scope="module")
def synth():
    """400 documents from 5 known topics (the truth is returned alongside)."""
    return synthetic_corpus(400, 5, vocab_size=500, doc_length=60, random_state=3)


def _npmi(n_ab, n_a, n_b, total):
    """Hand formula, written out independently of the module."""
    if n_ab == 0:
        return -1.0
    p_ab, p_a, p_b = n_ab / total, n_a / total, n_b / total
    return math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)


# --- coherence ---------------------------------------------------------------------


def test_npmi_document_level_equals_hand_computation():
    docs = docs_frame(
        [
            {"text": "apple pie"},
            {"text": "apple pie cream"},
            {"text": "apple car"},
            {"text": "red car"},
        ]
    )
    got = topic_coherence([["apple", "pie", "car"], ["apple", "pie"]], docs, window=None)
    # 4 documents: apple in 3, pie in 2, car in 2; apple+pie 2, apple+car 1, pie+car 0
    expected0 = (_npmi(2, 3, 2, 4) + _npmi(1, 3, 2, 4) + _npmi(0, 2, 2, 4)) / 3
    assert got["npmi"].tolist() == pytest.approx([expected0, _npmi(2, 3, 2, 4)])
    assert got["topic"].tolist() == [0, 1]


def test_npmi_sliding_window_equals_hand_computation():
    docs = docs_frame([{"text": "alpha beta gamma delta epsilon beta"}, {"text": "alpha zeta"}])
    # window 3: doc 1 has windows [alpha beta gamma] [beta gamma delta]
    # [gamma delta epsilon] [delta epsilon beta]; doc 2 (shorter) is one window.
    # 5 windows: alpha 2, beta 3, gamma 3, epsilon 2, zeta 1
    # alpha+beta 1, alpha+gamma 1, beta+gamma 2, beta+epsilon 1, alpha+zeta 1, alpha+epsilon 0
    got = topic_coherence(
        [["alpha", "beta"], ["beta", "gamma"], ["alpha", "zeta", "epsilon"]], docs, window=3
    )
    expected = [
        _npmi(1, 2, 3, 5),
        _npmi(2, 3, 3, 5),
        (_npmi(1, 2, 1, 5) + _npmi(0, 2, 2, 5) + _npmi(0, 1, 2, 5)) / 3,
    ]
    assert got["npmi"].tolist() == pytest.approx(expected)


def test_npmi_always_together_is_one_and_bounds_hold(synth):
    docs = docs_frame([{"text": "salt pepper"}, {"text": "pepper salt"}])
    assert topic_coherence([["salt", "pepper"]], docs, window=None)["npmi"].tolist() == [1.0]
    docs, truth = synth
    coh = topic_coherence(truth, docs)
    assert ((coh["npmi"] >= -1) & (coh["npmi"] <= 1)).all()
    # true topics are coherent; random word sets are not
    rng = np.random.default_rng(0)
    words = np.asarray(truth.columns, dtype=object)
    random_sets = [rng.choice(words, 10, replace=False).tolist() for _ in range(5)]
    rand = topic_coherence(random_sets, docs)
    assert coh["npmi"].min() > rand["npmi"].max()


def test_cooccurrence_chunking_gives_the_same_counts(synth):
    docs, truth = synth
    tokens = tp._tokens(docs)
    terms = sorted(truth.columns[:40].tolist())
    for window in (10, None):
        n1, nn1, t1 = tp._cooccurrence(tokens, terms, window, chunk=2_000_000)
        n2, nn2, t2 = tp._cooccurrence(tokens, terms, window, chunk=50)
        assert t1 == t2
        np.testing.assert_array_equal(nn1, nn2)
        np.testing.assert_array_equal(n1, n2)


# --- recovery and determinism ------------------------------------------------------


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_recovers_known_topics(synth, method):
    docs, truth = synth
    model = fit_topics(docs, 5, method=method)
    m = match_topics(model, truth)
    # Each true topic has 80 own words with Zipf weights, so its ranks 7-10 have
    # nearly equal probabilities (1/7 ... 1/10) and sampling noise swaps one or two
    # of them with ranks 11-12: a recovered topic scores 0.67-1.0 Jaccard.  A
    # merged or split topic shares at most about half of its top words (<= 0.33),
    # a random set ~0.01.  So: every topic >= 0.5 and the mean >= 0.75.
    assert len(m) == 5
    assert m["jaccard"].min() >= 0.5, m
    assert m["jaccard"].mean() >= 0.75, m
    assert sorted(m["topic_b"]) == list(range(5))


def test_minibatch_solvers_recover_topics(synth, monkeypatch):
    docs, truth = synth
    model = fit_topics(docs, 5, solver="minibatch")
    assert model.solver == "minibatch"
    assert match_topics(model, truth)["jaccard"].mean() >= 0.75
    monkeypatch.setattr(tp, "LARGE_CORPUS", 100)  # auto switches above the threshold
    assert fit_topics(docs, 5, coherence=None).solver == "minibatch"
    small = docs.head(150)
    assert fit_topics(small, 5, method="lda", coherence=None, n_init=1).solver == "minibatch"


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_same_random_state_gives_identical_tables(synth, method):
    docs = synth[0].head(150)  # LDA restarts are slow; a smaller corpus shows the same
    opts = {"n_init": 2, "max_iter": 10}  # two restarts: the choice between them is tested too
    a = fit_topics(docs, 4, method=method, random_state=7, **opts)
    b = fit_topics(docs, 4, method=method, random_state=7, **opts)
    for name in ("terms", "doc_topics", "labels", "coherence"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_tables_have_the_documented_shape(synth):
    docs, _ = synth
    model = fit_topics(docs, 3, n_top=7)
    assert model.terms.columns.tolist() == ["topic", "term", "weight", "rank"]
    assert model.terms.groupby("topic")["rank"].apply(list).tolist() == [list(range(1, 8))] * 3
    # within a topic, weights never increase with rank
    for _, g in model.terms.groupby("topic"):
        assert (np.diff(g.sort_values("rank")["weight"].to_numpy()) <= 0).all()
    dt = model.doc_topics
    assert dt.columns.tolist() == ["doc_id", "topic", "weight"]
    assert len(dt) == 3 * len(docs)
    assert set(dt["doc_id"]) == set(docs["doc_id"])
    np.testing.assert_allclose(dt.groupby("doc_id")["weight"].sum(), 1.0)
    assert model.labels["label"].is_unique
    assert model.coherence.columns.tolist() == ["topic", "npmi"]
    assert model.coherence["npmi"].notna().all()


def test_input_is_not_mutated(tiny_docs):
    before = tiny_docs.copy()
    attrs = dict(tiny_docs.attrs)
    model = fit_topics(tiny_docs, 2)
    topic_prevalence(model, tiny_docs, by="month")
    representative_docs(model, tiny_docs)
    pd.testing.assert_frame_equal(tiny_docs, before)
    assert tiny_docs.attrs == attrs


def test_aliases_are_folded_before_fitting(tiny_docs):
    model = fit_topics(tiny_docs, 2, min_df=1)
    terms = set(model.term_matrix.terms)
    assert "NL" in terms
    assert not {"northern", "league"} & terms


# --- small and awkward corpora -----------------------------------------------------


def test_k_too_large_is_a_clear_error(tiny_docs):
    with pytest.raises(ValueError, match="k=5 topics but only 4 documents"):
        fit_topics(tiny_docs, 5)
    with pytest.raises(ValueError, match="positive integer"):
        fit_topics(tiny_docs, 0)
    with pytest.raises(ValueError, match="method"):
        fit_topics(tiny_docs, 2, method="bertopic")
    few_terms = docs_frame([{"text": "alpha beta"}, {"text": "beta alpha"}, {"text": "alpha"}])
    with pytest.raises(ValueError, match="only 2 terms"):
        fit_topics(few_terms, 3)


def test_wrong_input_gets_a_hint(tiny_docs):
    class FakeCorpus:
        docs = tiny_docs

    with pytest.raises(TypeError, match=r"corpus\.docs"):
        fit_topics(FakeCorpus(), 2)
    model = fit_topics(tiny_docs, 2)
    with pytest.raises(ValueError, match="column 'nope' missing"):
        topic_prevalence(model, tiny_docs, by="nope")


def test_documents_without_terms_get_uniform_weights():
    docs = docs_frame(
        [
            {"doc_id": "a", "text": "river boat river water boat"},
            {"doc_id": "b", "text": "water river boat"},
            {"doc_id": "c", "text": "stock market stock price"},
            {"doc_id": "d", "text": "market price stock"},
            {"doc_id": "e", "text": "the and of"},
            {"doc_id": "f", "text": ""},
        ]
    )
    for method in ("nmf", "lda"):
        model = fit_topics(docs, 2, method=method)
        w = model.doc_topics.pivot(index="doc_id", columns="topic", values="weight")
        np.testing.assert_allclose(w.loc[["e", "f"]].to_numpy(), 0.5)
        np.testing.assert_allclose(w.sum(axis=1), 1.0)
        rep = representative_docs(model, docs, n=6)
        assert not {"e", "f"} & set(rep["doc_id"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.sampled_from(["river", "boat", "stock", "market", "water", "price", "the"]),
                 max_size=8),
        min_size=1,
        max_size=6,
    ),
    st.integers(1, 4),
    st.sampled_from(["nmf", "lda"]),
)  # fmt: skip
def test_small_corpora_never_crash(texts, k, method):
    docs = docs_frame([{"text": " ".join(t)} for t in texts])
    try:
        model = fit_topics(docs, k, method=method)
    except ValueError as err:  # only the documented, explained refusals
        assert "k=" in str(err) or "no terms" in str(err)
        return
    np.testing.assert_allclose(model.doc_topics.groupby("doc_id")["weight"].sum(), 1.0)
    assert model.labels["label"].is_unique
    topic_prevalence(model, docs, by="kind")
    representative_docs(model, docs)


# --- choosing k --------------------------------------------------------------------


def test_select_k_picks_the_true_k():
    docs, _ = synthetic_corpus(300, 4, vocab_size=400, doc_length=60, random_state=0)
    sel = select_k(docs, ks=range(2, 8), seeds=(0, 1))
    assert sel.best_k == 4, sel.table
    assert sel.table.columns.tolist() == ["k", "coherence", "stability", "stable", "recommended"]
    assert sel.table["recommended"].sum() == 1
    assert "k=4" in sel.reason
    assert sel.table["stability"].between(0, 1).all()


def test_select_k_skips_impossible_k(tiny_docs):
    sel = select_k(tiny_docs, ks=[2, 3, 9], seeds=(0,))
    assert sel.table["k"].tolist() == [2, 3]
    assert "Skipped k=[9]" in sel.reason
    with pytest.raises(ValueError, match="ks is empty"):
        select_k(tiny_docs, ks=[])


def test_match_topics_is_one_to_one():
    a = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
    b = [["g", "h", "x"], ["a", "b", "c"], ["d", "e", "y"]]
    m = match_topics(a, b)
    assert m["topic_b"].tolist() == [1, 2, 0]
    assert m["jaccard"].tolist() == pytest.approx([1.0, 0.5, 0.5])


# --- prevalence and representative documents ---------------------------------------


def test_topic_prevalence_shares(synth):
    docs, _ = synth
    model = fit_topics(docs, 5)
    for by in ("site", "kind", "month"):
        p = topic_prevalence(model, docs, by=by)
        assert p.columns.tolist() == ["group", "topic", "share", "n_docs"]
        np.testing.assert_allclose(p.groupby("group")["share"].sum(), 1.0)
    # the hand computation for one group
    p = topic_prevalence(model, docs, by="kind")
    ids = docs.loc[docs["kind"] == "comment", "doc_id"]
    dt = model.doc_topics[model.doc_topics["doc_id"].isin(ids)]
    expected = dt.groupby("topic")["weight"].sum() / dt["weight"].sum()
    got = p[p["group"] == "comment"].set_index("topic")["share"]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy())
    assert int(p.loc[p["group"] == "comment", "n_docs"].iloc[0]) == len(ids)


def test_undated_documents_form_their_own_month(tiny_docs):
    model = fit_topics(tiny_docs, 2)
    p = topic_prevalence(model, tiny_docs, by="month")
    assert sorted(set(p["group"])) == ["2018-03", "2019-08", "undated"]
    n_docs = p.drop_duplicates("group").set_index("group")["n_docs"].to_dict()
    assert n_docs == {"2018-03": 1, "2019-08": 1, "undated": 2}  # the comment has no date


def test_representative_docs_are_the_heaviest(synth):
    docs, _ = synth
    model = fit_topics(docs, 5)
    rep = representative_docs(model, docs, n=3)
    assert rep.columns.tolist() == ["topic", "doc_id", "weight", "title", "snippet"]
    assert rep.groupby("topic").size().tolist() == [3] * 5
    dt = model.doc_topics
    for t, g in rep.groupby("topic"):
        heaviest = dt[dt["topic"] == t]["weight"].nlargest(3).to_numpy()
        np.testing.assert_allclose(g["weight"].to_numpy(), heaviest)
        top = set(model.terms.loc[model.terms["topic"] == t, "term"])
        assert all(top & set(s.split()) for s in g["snippet"])


def test_missing_titles_stay_none(tiny_docs):
    rep = representative_docs(fit_topics(tiny_docs, 2), tiny_docs, n=4)
    assert rep["title"].dtype == object
    untitled = set(tiny_docs.loc[tiny_docs["title"].isna(), "doc_id"])
    assert all(t is None for t, d in zip(rep["title"], rep["doc_id"], strict=True) if d in untitled)


def test_topic_plots_draw(synth):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpus_tools.plots import plot_k_selection, plot_topic_prevalence, plot_topic_terms

    docs, _ = synth
    model = fit_topics(docs, 3, coherence=None)
    sel = select_k(docs.head(120), ks=[2, 3], seeds=(0,))
    assert plot_k_selection(sel.table).get_xlabel() == "number of topics k"
    axes = plot_topic_terms(model.terms, labels=model.label_map)
    assert len(axes) == 3
    ax = plot_topic_prevalence(topic_prevalence(model, docs, by="site"))
    assert len(ax.get_yticklabels()) == 3
    plt.close("all")


def test_seed_corpus_end_to_end(seeds_dir):
    import corpus_tools as ct

    docs = ct.load_corpus(seeds_dir).docs
    sel = select_k(docs, ks=range(2, 5), seeds=(0,))
    model = fit_topics(docs, sel.best_k)
    assert set(model.doc_topics["doc_id"]) == set(docs["doc_id"])
    # the corpus's alias table is applied: variants never appear as terms
    terms = set(model.term_matrix.terms)
    assert "MEK" in terms and not {"mko", "MKO", "pmoi", "PMOI"} & terms
    with pytest.raises(ValueError, match="documents"):
        fit_topics(docs, len(docs) + 1)
