"""Terms: tokens, the document-term matrix, frequencies, keyness, KWIC, collocations."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2
from sklearn.feature_extraction.text import CountVectorizer

from corpus_tools import docs_frame
from corpus_tools.aliases import alias_report
from corpus_tools.terms import (
    collocations,
    dispersion,
    keyness,
    kwic,
    term_frequencies,
    term_matrix,
    tfidf_top_terms,
    tokenize,
)

matplotlib.use("Agg")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_docs():
    try:
        from corpus_tools import load_corpus
    except ImportError:  # pragma: no cover - until the loader lands
        pytest.skip("load_corpus is not importable yet")
    return load_corpus(SEEDS).docs


# --- tokenize --------------------------------------------------------------------


def test_tokenize_rules():
    text = (
        "The U.S. and the MKO's cadres: Rajavi’s ex-members read https://example.org/a "
        "on 2,000 pages in 1997 and the 1960s. Don't panic, us."
    )
    toks = tokenize(text, stopwords=True)
    assert toks == [
        "US", "MKO", "cadres", "rajavi", "ex-members", "read", "pages", "1997", "1960s", "panic",
    ]  # fmt: skip
    raw = tokenize(text)
    assert "the" in raw and "us" in raw and "don't" in raw


def test_tokenize_folds_aliases_and_keeps_key_case():
    aliases = {"MEK": ["Mojahedin-e Khalq", "MKO"], "Camp Ashraf": ["Ashraf"]}
    toks = tokenize("The Mojahedin-e Khalq left ashraf; MKO-backed media.", aliases=aliases)
    assert toks == ["the", "MEK", "left", "Camp_Ashraf", "MEK", "backed", "media"]


def test_tokenize_persian_and_arabic_script():
    toks = tokenize("سازمان مجاهدین خلق و کتاب‌ها، العراق")
    assert toks == ["سازمان", "مجاهدین", "خلق", "و", "کتاب\u200cها", "العراق"]


# --- term_matrix ---------------------------------------------------------------------


def test_term_matrix_shapes_labels_and_alias_folding(tiny_docs):
    tm = term_matrix(tiny_docs)
    assert tm.matrix.shape == (len(tiny_docs), len(tm.terms))
    assert tm.doc_ids.tolist() == tiny_docs["doc_id"].tolist()
    assert list(tm.terms) == sorted(tm.terms)
    vocab = tm.vocabulary
    assert "NL" in vocab and "northern" not in vocab and "said" not in vocab
    assert tm.matrix[:, vocab["NL"]].toarray().ravel().tolist() == [3, 2, 0, 0]
    raw = term_matrix(tiny_docs, aliases=False)
    assert "northern" in raw.vocabulary and "NL" in raw.vocabulary


def test_term_matrix_ngrams_and_document_frequency(tiny_docs):
    tm = term_matrix(tiny_docs, ngram=(1, 2))
    assert "budget" in tm.vocabulary and "passed budget" in tm.vocabulary
    # no bigram crosses documents
    assert all(" " not in t or t in _bigrams(tiny_docs) for t in tm.terms)
    df = np.bincount(tm.matrix.indices, minlength=len(tm.terms))
    tm2 = term_matrix(tiny_docs, ngram=(1, 2), min_df=2)
    assert set(tm2.terms) == {t for t, n in zip(tm.terms, df, strict=True) if n >= 2}
    tm3 = term_matrix(tiny_docs, max_df=0.25)
    assert "NL" not in tm3.vocabulary and "budget" in tm3.vocabulary


def _bigrams(docs):
    out = set()
    for text in docs["text"]:
        toks = tokenize(text, aliases=docs.attrs["corpus_config"]["aliases"], stopwords=True)
        toks = [t for t in toks if t != "said"]
        out |= {f"{a} {b}" for a, b in itertools.pairwise(toks)}
    return out


def test_term_matrix_tfidf_and_frame(tiny_docs):
    tm = term_matrix(tiny_docs, weighting="tfidf")
    norms = np.sqrt(np.asarray(tm.matrix.multiply(tm.matrix).sum(axis=1)).ravel())
    assert np.allclose(norms[norms > 0], 1.0)
    frame = term_matrix(tiny_docs).to_frame()
    assert list(frame.columns) == ["doc_id", "term", "count"]
    assert frame["count"].sum() == term_matrix(tiny_docs).matrix.sum()
    with pytest.raises(ValueError, match="weighting"):
        term_matrix(tiny_docs, weighting="bm25")


_WORD = st.text(alphabet="abcdefg", min_size=2, max_size=4)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_WORD, max_size=15).map(" ".join), min_size=1, max_size=6))
def test_term_matrix_matches_countvectorizer_on_plain_text(texts):
    """Same counts as scikit-learn when our extra rules have nothing to do."""
    docs = docs_frame([{"doc_id": f"d{i}", "text": t} for i, t in enumerate(texts)])
    ours = term_matrix(docs, ngram=(1, 2), stopwords=False, aliases=False)
    if not any(t.strip() for t in texts):
        assert ours.matrix.shape[1] == 0
        return
    cv = CountVectorizer(ngram_range=(1, 2))
    theirs = cv.fit_transform(texts)
    assert ours.terms.tolist() == cv.get_feature_names_out().tolist()
    assert (ours.matrix != theirs).nnz == 0


def test_fail_early_with_a_hint(tiny_docs):
    class FakeCorpus:
        docs = tiny_docs

    with pytest.raises(TypeError, match=r"corpus\.docs"):
        term_matrix(FakeCorpus())
    with pytest.raises(ValueError, match="'site2'"):
        term_frequencies(tiny_docs, by="site2")
    with pytest.raises(ValueError, match="no document"):
        keyness(tiny_docs, "podcast", by="kind")


# --- frequencies -----------------------------------------------------------------------


def test_term_frequencies_by_group(tiny_docs):
    tf = term_frequencies(tiny_docs, by="site")
    assert list(tf.columns) == ["group", "term", "count", "docs", "share"]
    assert np.allclose(tf.groupby("group")["share"].sum(), 1.0)
    total = term_frequencies(tiny_docs)
    assert tf["count"].sum() == total["count"].sum()
    nl = tf[(tf["group"] == "alpha.example") & (tf["term"] == "NL")].iloc[0]
    assert (nl["count"], nl["docs"]) == (5, 2)  # NL x2, N.L., Northern League x2
    # sorted by group, count desc, term
    key = list(zip(tf["group"], -tf["count"], tf["term"], strict=True))
    assert key == sorted(key)


def test_tfidf_top_terms(tiny_docs):
    top = tfidf_top_terms(tiny_docs, n=2)
    assert list(top.columns) == ["doc_id", "rank", "term", "weight", "count"]
    assert top.groupby("doc_id")["rank"].max().le(2).all()
    budget = top[top["doc_id"] == "b:1"].iloc[0]
    assert budget["term"] == "budget" and budget["count"] == 2


# --- keyness ---------------------------------------------------------------------------


def _g2_by_hand(a, b, c, d):
    n = c + d
    cells = [(a, c * (a + b) / n), (b, d * (a + b) / n),
             (c - a, c * (n - a - b) / n), (d - b, d * (n - a - b) / n)]  # fmt: skip
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_keyness_matches_a_hand_computation():
    docs = docs_frame(
        [
            {"kind": "comment", "text": "cult cult cult lies vote"},
            {"kind": "comment", "text": "cult regime"},
            {"kind": "article", "text": "budget budget vote vote lies regime"},
            {"kind": "article", "text": "budget parliament"},
        ]
    )
    k = keyness(docs, "comment", by="kind", min_count=1).set_index("term")
    c, d = 7, 8  # tokens in comments / articles
    assert k.loc["cult", "target_count"] == 4 and k.loc["cult", "reference_count"] == 0
    assert k.loc["cult", "g2"] == pytest.approx(_g2_by_hand(4, 0, c, d))
    assert k.loc["budget", "g2"] == pytest.approx(_g2_by_hand(0, 3, c, d))
    assert k.loc["vote", "g2"] == pytest.approx(_g2_by_hand(1, 2, c, d))
    # log ratio: binary log of relative frequencies, zero counts -> 0.5
    assert k.loc["vote", "log_ratio"] == pytest.approx(math.log2((1 / c) / (2 / d)))
    assert k.loc["cult", "log_ratio"] == pytest.approx(math.log2((4 / c) / (0.5 / d)))
    assert k.loc["cult", "direction"] == "target" and k.loc["budget", "direction"] == "reference"
    assert k.loc["cult", "p_value"] == pytest.approx(1 - chi2.cdf(k.loc["cult", "g2"], 1))
    assert k["g2"].is_monotonic_decreasing


def test_keyness_against_a_named_reference(tiny_docs):
    k = keyness(tiny_docs, "alpha.example", by="site", reference="beta.example", min_count=1)
    assert "NL" in set(k["term"])
    assert k.set_index("term").loc["budget", "reference_count"] == 2


# --- KWIC, dispersion ---------------------------------------------------------------------


def test_kwic_offsets_and_alias_keys(tiny_docs):
    hits = kwic(tiny_docs, "NL", window=3)
    assert list(hits.columns) == ["doc_id", "start", "end", "left", "match", "right"]
    texts = dict(zip(tiny_docs["doc_id"], tiny_docs["text"], strict=True))
    for row in hits.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match
    assert set(hits["match"]) == {"Northern League", "NL", "N.L"}
    assert len(hits) == alias_report(tiny_docs)["count"].sum()
    plain = kwic(tiny_docs, "budget", window=2)
    assert plain["match"].str.lower().eq("budget").all() and len(plain) == 2
    chars = kwic(tiny_docs, "budget", window=4, unit="chars")
    assert chars["left"].str.len().le(4).all()
    rx = kwic(tiny_docs, r"\d{4}", regex=True)
    assert set(rx["match"]) >= {"2019", "2018", "1997", "2012"}


def test_dispersion_positions(tiny_docs):
    disp = dispersion(tiny_docs, ["NL", "budget"])
    assert list(disp.columns) == ["term", "doc_id", "start", "position"]
    assert disp["position"].between(0, 1).all()
    assert (disp["term"] == "NL").sum() == len(kwic(tiny_docs, "NL"))


# --- collocations --------------------------------------------------------------------------


def test_collocations_scores():
    docs = docs_frame(
        [
            {"text": "human rights groups of the world. human rights matter. of the people"},
            {"text": "human nature and rights of the groups"},
        ]
    )
    col = collocations(docs, min_count=2, stopwords="both")
    row = col.set_index("bigram").loc["human rights"]
    n = 19  # tokens of both documents (12 + 7)
    p_xy, p_x, p_y = 2 / n, 3 / n, 3 / n
    assert row["count"] == 2
    assert row["pmi"] == pytest.approx(math.log2(p_xy / (p_x * p_y)))
    assert row["npmi"] == pytest.approx(math.log2(p_xy / (p_x * p_y)) / -math.log2(p_xy))
    assert row["t_score"] == pytest.approx((2 - 3 * 3 / n) / math.sqrt(2))
    assert "of the" not in set(col["bigram"])  # stopword-only pairs dropped
    assert col["count"].ge(2).all() and col["npmi"].between(-1, 1).all()
    either = collocations(docs, min_count=2)
    assert set(either["bigram"]) == {"human rights"}


# --- the seeds -----------------------------------------------------------------------------


def test_no_boilerplate_in_the_seed_top_50(seed_docs):
    top = term_frequencies(seed_docs).head(50)["term"].str.lower()
    for word in ["facebook", "twitter", "comments", "home", "share", "posts", "reply"]:
        assert word not in set(top), word


def test_seed_mek_count_equals_the_alias_report(seed_docs):
    tf = term_frequencies(seed_docs).set_index("term")["count"]
    rep = alias_report(seed_docs)
    assert tf["MEK"] == rep.loc[rep["key"] == "MEK", "count"].sum()
    raw = term_frequencies(seed_docs, aliases=False).set_index("term")["count"]
    assert tf["MEK"] > raw["MEK"] + raw["MKO"]
    assert "khalq" not in tf.index and "khalq" in raw.index


def test_seed_kwic_offsets_point_at_the_text(seed_docs):
    texts = dict(zip(seed_docs["doc_id"], seed_docs["text"], strict=True))
    for pattern in ["MEK", "terrorist"]:
        hits = kwic(seed_docs, pattern)
        assert len(hits) > 10
        for row in hits.itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.match
    mek = kwic(seed_docs, "MEK")
    assert {"MKO", "PMOI"} <= set(mek["match"])


def test_analyses_do_not_mutate(tiny_docs):
    before = tiny_docs.copy()
    attrs = dict(tiny_docs.attrs)
    term_frequencies(tiny_docs, by="kind", ngram=(1, 2))
    keyness(tiny_docs, "comment", by="kind")
    kwic(tiny_docs, "NL")
    collocations(tiny_docs, min_count=1)
    pd.testing.assert_frame_equal(tiny_docs, before)
    assert tiny_docs.attrs == attrs


# --- plots ---------------------------------------------------------------------------------


def test_terms_plots_draw(tiny_docs):
    from corpus_tools import plots

    axes = plots.plot_top_terms(term_frequencies(tiny_docs, by="site"), n=3)
    assert len(np.ravel(axes)) == 2
    ax = plots.plot_keyness(keyness(tiny_docs, "comment", by="kind", min_count=1), n=3)
    assert len(ax.patches) > 0
    ax = plots.plot_dispersion(dispersion(tiny_docs, ["NL", "budget"]), docs=tiny_docs)
    assert len(ax.get_yticks()) == len(tiny_docs)
    matplotlib.pyplot.close("all")


def test_a_name_and_its_abbreviation_make_no_repeated_key_bigram():
    docs = docs_frame(
        [{"text": "The Northern League (NL) marched. NL leaders spoke."}],
        config={"aliases": {"NL": ["Northern League"]}},
    )
    tm = term_matrix(docs, ngram=(1, 2))
    assert "NL NL" not in tm.vocabulary
    assert tm.matrix[0, tm.vocabulary["NL"]] == 3
    assert {"NL marched", "NL leaders"} <= set(tm.terms)
    assert "NL NL" not in set(collocations(docs, min_count=1, stopwords=False)["bigram"])
