"""Topics: NMF / LDA topic models, coherence, stability, choosing k, prevalence.

Everything here returns tidy tables and is deterministic: the same
``random_state`` gives identical tables (NMF starts from an SVD, ``nndsvda``;
LDA and the mini-batch solvers are seeded; no step depends on set or hash order).

Features
    Topics are fitted on :func:`corpus_tools.terms.term_matrix`, so alias folding
    (``MKO`` -> ``MEK``) and stopwords (English + the corpus's extra list) are the
    same as in the term analyses.  NMF is fitted on tf-idf, LDA on counts.

Solvers
    ``solver="auto"`` switches to the mini-batch solvers (scikit-learn's
    ``MiniBatchNMF``, online variational LDA) when the corpus has more than
    :data:`LARGE_CORPUS` documents; ``"batch"`` / ``"minibatch"`` force one.

Coherence (NPMI)
    For each topic, the mean normalised pointwise mutual information of all
    pairs of its top terms, estimated from the corpus itself (or a reference
    corpus).  The default counts co-occurrence in sliding windows of
    ``window=10`` tokens (a document shorter than the window is one window), the
    usual choice for NPMI because long articles contain nearly every word and
    make document-level co-occurrence uninformative.  ``window=None`` counts
    co-occurrence in whole documents instead.  Only the topics' top terms are
    counted, on a sparse window x term matrix, so the cost grows with the corpus
    length and the number of top terms, never with the vocabulary.

    ``npmi(a, b) = log(p(a, b) / (p(a) p(b))) / -log p(a, b)``, where ``p`` is the
    share of windows (or documents) containing the term(s); a pair that never
    co-occurs scores -1, a pair found together in every window scores 1.

Stability and choosing k
    A topic solution is stable when refitting on perturbed data finds the same
    topics.  :func:`select_k` refits each k on random 80 % subsamples of the
    documents (one per seed, the seed also seeding the model) and matches the
    subsample topics to the full-data topics one to one (Hungarian assignment on
    top-term Jaccard overlap); stability is the mean matched Jaccard.  The
    recommended k is the most coherent among the stable ones (see
    :func:`select_k`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

from ._validate import require_columns
from .aliases import resolve_aliases
from .config import config_from_docs
from .terms import TermMatrix, term_matrix, tokenize

__all__ = [
    "LARGE_CORPUS",
    "KSelection",
    "TopicModel",
    "fit_topics",
    "match_topics",
    "representative_docs",
    "select_k",
    "synthetic_corpus",
    "topic_coherence",
    "topic_prevalence",
]

#: Above this many documents ``solver="auto"`` uses the mini-batch solvers.  Below
#: it batch NMF is both faster and more accurate (bench/bench_topics.py, 50,000
#: documents: batch NMF recovers the true topics exactly in less time than
#: ``MiniBatchNMF``); the mini-batch solvers pay off on corpora larger than that.
LARGE_CORPUS = 200_000
_METHODS = ("nmf", "lda")
_SOLVERS = ("auto", "batch", "minibatch")
#: LDA restarts by default (variational LDA gets stuck in poor local optima from
#: some starting points; the restart with the best bound is kept).  NMF starts
#: from an SVD (``nndsvda``) and needs no restarts.
DEFAULT_LDA_INIT = 3


# --- tokens for coherence --------------------------------------------------------


@dataclass(frozen=True)
class _Tokens:
    """All documents' tokens as integer codes: ``codes``, ``doc`` (row), ``vocab``."""

    codes: np.ndarray
    doc: np.ndarray
    vocab: dict[str, int]
    n_docs: int


def _stopwords(docs, stopwords):
    if stopwords is True:
        extra = config_from_docs(docs).stopwords
        return sorted(set(ENGLISH_STOP_WORDS) | {s.lower() for s in extra})
    if stopwords is False or stopwords is None:
        return None
    return sorted({s.lower() for s in stopwords})


def _tokens(docs, *, aliases=None, stopwords=True) -> _Tokens:
    """Tokenise every document once (same rules as the term matrix)."""
    table = resolve_aliases(docs, aliases)
    stop = _stopwords(docs, stopwords)
    texts = [t if isinstance(t, str) else "" for t in docs["text"].tolist()]
    lists = [tokenize(t, aliases=table, stopwords=stop) if t else [] for t in texts]
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    flat = [tok for toks in lists for tok in toks]
    if flat:
        codes, uniques = pd.factorize(pd.Series(flat, dtype=object))
        vocab = {str(u): i for i, u in enumerate(uniques.tolist())}
    else:
        codes, vocab = np.zeros(0, dtype=np.int64), {}
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    return _Tokens(np.asarray(codes, dtype=np.int64), doc, vocab, len(texts))


def _occurrences(tokens: _Tokens, terms: list[str]):
    """Positions (into ``tokens.codes``) and term index of each occurrence of ``terms``.

    A term of several words (a bigram of the term matrix) occurs where its words
    follow each other inside one document.
    """
    lookup = np.full(len(tokens.vocab) + 1, -1, dtype=np.int64)
    pos_parts, term_parts = [], []
    for j, term in enumerate(terms):
        words = term.split(" ")
        ids = [tokens.vocab.get(w) for w in words]
        if any(i is None for i in ids):
            continue
        if len(ids) == 1:
            lookup[ids[0]] = j
            continue
        n, m = len(ids), len(tokens.codes) - len(ids) + 1
        if m <= 0:
            continue
        hit = tokens.doc[:m] == tokens.doc[n - 1 : n - 1 + m]
        for off, i in enumerate(ids):
            hit &= tokens.codes[off : off + m] == i
        pos = np.flatnonzero(hit)
        pos_parts.append(pos)
        term_parts.append(np.full(len(pos), j, dtype=np.int64))
    uni = lookup[tokens.codes] if len(tokens.codes) else np.zeros(0, np.int64)
    pos = np.flatnonzero(uni >= 0)
    pos_parts.insert(0, pos)
    term_parts.insert(0, uni[pos])
    return np.concatenate(pos_parts), np.concatenate(term_parts)


def _cooccurrence(tokens: _Tokens, terms: list[str], window: int | None, chunk: int = 2_000_000):
    """Window (or document) counts: ``n`` (per term), ``nn`` (per pair), ``total``.

    Builds a sparse boolean unit x term matrix ``B`` (unit = sliding window or
    document) chunk by chunk and accumulates ``B.T @ B``; only ``terms`` are
    counted, so memory is bounded by the chunk size, not the vocabulary.
    """
    m = len(terms)
    pos, term = _occurrences(tokens, terms)
    lengths = np.bincount(tokens.doc, minlength=tokens.n_docs).astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    if window is None:
        n_units = lengths > 0
        unit_start = np.cumsum(n_units) - n_units
        total = int(n_units.sum())
    else:
        if int(window) < 1:
            raise ValueError(f"window must be a positive number of tokens or None, got {window}")
        window = int(window)
        n_units = np.where(lengths > 0, np.maximum(lengths - window + 1, 1), 0)
        unit_start = np.cumsum(n_units) - n_units
        total = int(n_units.sum())
    if not len(pos) or total == 0:
        return np.zeros(m), np.zeros((m, m)), total
    order = np.argsort(pos, kind="stable")
    pos, term = pos[order], term[order]
    nn = _unit_counts(tokens.doc, pos, term, window, unit_start, starts, n_units, m, chunk)
    return np.diag(nn).copy(), nn, total


def _unit_counts(doc, pos, term, window, unit_start, starts, n_units, m, chunk):
    """``B.T @ B`` accumulated over chunks of whole documents (a unit never spans two)."""
    d = doc[pos]
    nn = np.zeros((m, m), dtype=np.float64)
    per = chunk if window is None else max(chunk // window, 1)
    bounds = [0]
    for c in (np.flatnonzero(np.diff(d)) + 1).tolist():
        if c - bounds[-1] >= per:
            bounds.append(c)
    bounds.append(len(pos))
    offs = np.arange(window or 1, dtype=np.int64)
    for a, b in itertools.pairwise(bounds):
        p, t, dd = pos[a:b], term[a:b], d[a:b]
        if window is None:
            rows, cols = unit_start[dd], t
        else:
            s = (p - starts[dd])[:, None] - offs[None, :]
            ok = (s >= 0) & (s <= (n_units[dd] - 1)[:, None])
            rows = (unit_start[dd][:, None] + s)[ok]
            cols = np.broadcast_to(t[:, None], s.shape)[ok]
        lo = int(rows.min())
        bm = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float64), (rows - lo, cols)),
            shape=(int(rows.max()) - lo + 1, m),
        )
        bm.data[:] = 1.0  # a unit holding a term twice counts once
        nn += (bm.T @ bm).toarray()
    return nn


def _npmi_matrix(n, nn, total):
    """Pairwise NPMI from unit counts (see the module docstring for edge cases)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = n / total
        pij = nn / total
        pmi = np.log(pij) - np.log(p)[:, None] - np.log(p)[None, :]
        out = pmi / -np.log(pij)
    out = np.where(nn == 0, -1.0, out)
    out = np.where((nn > 0) & (nn == total), 1.0, out)
    return out


def _topic_npmi(top: list[list[str]], tokens: _Tokens, window) -> list[float]:
    terms = sorted({t for ts in top for t in ts})
    idx = {t: i for i, t in enumerate(terms)}
    n, nn, total = _cooccurrence(tokens, terms, window)
    if total == 0:
        return [float("nan")] * len(top)
    mat = _npmi_matrix(n, nn, total)
    out = []
    for ts in top:
        ii = [idx[t] for t in ts]
        if len(ii) < 2:
            out.append(float("nan"))
            continue
        sub = mat[np.ix_(ii, ii)]
        out.append(float(sub[np.triu_indices(len(ii), 1)].mean()))
    return out


def _top_lists(terms, n_top: int) -> list[list[str]]:
    """Top terms per topic (in topic order) from a terms table, model or wide frame."""
    if isinstance(terms, TopicModel):
        terms = terms.terms
    if isinstance(terms, pd.DataFrame) and {"topic", "term"} <= set(terms.columns):
        t = terms.copy()
        if "rank" not in t.columns:
            t = t.sort_values(["topic", "weight", "term"], ascending=[True, False, True])
            t["rank"] = t.groupby("topic").cumcount() + 1
        t = t.sort_values(["topic", "rank", "term"])
        t = t[t["rank"] <= n_top]
        return [g["term"].astype(str).tolist() for _, g in t.groupby("topic", sort=True)]
    if isinstance(terms, pd.DataFrame):  # wide: topics x terms
        return _wide_top(terms, n_top)
    if isinstance(terms, list | tuple):
        return [list(map(str, ts))[:n_top] for ts in terms]
    raise TypeError(
        "expected a TopicModel, a terms table (topic, term, weight[, rank]), "
        f"a topics x terms frame or a list of term lists; got {type(terms).__name__}"
    )


def _wide_top(frame: pd.DataFrame, n_top: int) -> list[list[str]]:
    names = np.asarray([str(c) for c in frame.columns], dtype=object)
    out = []
    for row in frame.to_numpy(dtype=float):
        order = np.lexsort((names, -row))[:n_top]
        out.append(names[order].tolist())
    return out


def topic_coherence(
    terms, docs, *, n_top=10, window=10, aliases=None, stopwords=True
) -> pd.DataFrame:
    """NPMI coherence of each topic's top terms, counted in ``docs``.

    Parameters
    ----------
    terms : TopicModel, DataFrame or list of lists
        A fitted model, its ``terms`` table (``topic, term, weight[, rank]``), a
        topics x terms frame of weights, or plain lists of top terms.
    docs : DataFrame
        The corpus to count co-occurrences in (``text`` column): the corpus the
        model was fitted on, or a reference corpus.
    n_top : int
        Number of top terms per topic.
    window : int or None
        Sliding window width in tokens (default 10); ``None`` counts
        co-occurrence within whole documents.
    aliases, stopwords
        Tokenisation, as in :func:`corpus_tools.terms.term_matrix`.

    Returns
    -------
    DataFrame
        ``topic, npmi``: mean NPMI over all pairs of the topic's top terms, from
        -1 (never together) through 0 (independent) to 1 (always together).

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"text": "apple pie"}, {"text": "apple pie"}, {"text": "red car"}])
    >>> t = topic_coherence([["apple", "pie"], ["apple", "car"]], d, window=None)
    >>> [(int(k), round(v, 3)) for k, v in zip(t["topic"], t["npmi"])]
    [(0, 1.0), (1, -1.0)]
    """
    require_columns(docs, ["text"])
    top = _top_lists(terms, n_top)
    tokens = _tokens(docs, aliases=aliases, stopwords=stopwords)
    values = _topic_npmi(top, tokens, window)
    return pd.DataFrame({"topic": np.arange(len(top), dtype=np.int64), "npmi": values})


# --- matching topics -------------------------------------------------------------


def _jaccard(a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    sa, sb = [set(x) for x in a], [set(x) for x in b]
    out = np.zeros((len(sa), len(sb)))
    for i, x in enumerate(sa):
        for j, y in enumerate(sb):
            union = len(x | y)
            out[i, j] = len(x & y) / union if union else 0.0
    return out


def match_topics(a, b, *, n_top=10) -> pd.DataFrame:
    """Pair the topics of two solutions one to one by top-term overlap.

    The pairing maximises the total Jaccard overlap of the top-``n_top`` term
    sets (Hungarian assignment, ``scipy.optimize.linear_sum_assignment``).

    Parameters
    ----------
    a, b : TopicModel, DataFrame or list of lists
        As ``terms`` in :func:`topic_coherence` (e.g. a model and the true
        topic-word frame of :func:`synthetic_corpus`).
    n_top : int

    Returns
    -------
    DataFrame
        ``topic_a, topic_b, jaccard``, one row per matched pair (``min`` of the
        two topic counts), sorted by ``topic_a``.

    Examples
    --------
    >>> m = match_topics([["x", "y"], ["p", "q"]], [["p", "q"], ["x", "z"]])
    >>> [(int(i), int(j), round(v, 2)) for i, j, v in m.itertuples(index=False)]
    [(0, 1, 0.33), (1, 0, 1.0)]
    """
    ta, tb = _top_lists(a, n_top), _top_lists(b, n_top)
    sim = _jaccard(ta, tb)
    if sim.size == 0:
        return pd.DataFrame({"topic_a": pd.Series([], dtype="int64"),
                             "topic_b": pd.Series([], dtype="int64"),
                             "jaccard": pd.Series([], dtype="float64")})  # fmt: skip
    rows, cols = linear_sum_assignment(sim, maximize=True)
    out = pd.DataFrame(
        {
            "topic_a": rows.astype(np.int64),
            "topic_b": cols.astype(np.int64),
            "jaccard": sim[rows, cols],
        }
    )
    return out.sort_values("topic_a", kind="stable").reset_index(drop=True)


# --- synthetic corpus ---------------------------------------------------------------

_CONS = "bdfgklmnprstvz"
_VOWS = "aeiou"


def _pseudo_words(n: int, rng: np.random.Generator) -> list[str]:
    """``n`` distinct made-up words (consonant-vowel syllables, no stopwords)."""
    syl = [c + v for c in _CONS for v in _VOWS]
    words: list[str] = []
    seen: set[str] = set()
    n_syl = 2
    while len(words) < n:
        picks = rng.integers(0, len(syl), size=(4 * n, n_syl))
        for row in picks:
            w = "".join(syl[i] for i in row)
            if w not in seen and w not in ENGLISH_STOP_WORDS:
                seen.add(w)
                words.append(w)
                if len(words) == n:
                    break
        n_syl += 1
    return words


def synthetic_corpus(
    n_docs=500,
    k=5,
    *,
    vocab_size=1000,
    doc_length=80,
    alpha=0.1,
    background=0.1,
    random_state=0,
):
    """A corpus generated from known topics, to check that topics are recovered.

    Each topic puts ``1 - background`` of its probability on its own block of
    words (Zipf-like weights, ``vocab_size / k`` words scaled to 80 % of the
    vocabulary) and spreads ``background`` over a block of words shared by all
    topics.  Each document draws a topic mix from a symmetric Dirichlet
    (``alpha``), a length from a Poisson (mean ``doc_length``) and then its words.

    Parameters
    ----------
    n_docs, k : int
        Number of documents and of true topics.
    vocab_size : int
        Number of distinct made-up words.
    doc_length : float
        Mean words per document.
    alpha : float
        Dirichlet concentration of the document topic mixes (small: few topics per doc).
    background : float
        Probability mass each topic gives to the shared words.
    random_state : int

    Returns
    -------
    docs : DataFrame
        A docs table (``docs_frame``): ``doc_id`` ``syn:1``..., ``site``
        ``site-a.example`` .. ``site-c.example``, ``kind`` (every 5th a comment),
        ``published`` spread over 2019, ``text``.
    topic_word : DataFrame
        True word distribution of each topic: one row per topic (index
        ``topic``), one column per word; rows sum to 1.

    Examples
    --------
    >>> docs, truth = synthetic_corpus(20, 2, vocab_size=50, random_state=1)
    >>> len(docs), truth.shape, bool(np.allclose(truth.sum(axis=1), 1))
    (20, (2, 50), True)
    """
    from .corpus import docs_frame

    if k < 1 or n_docs < 1:
        raise ValueError("n_docs and k must be at least 1")
    rng = np.random.default_rng(random_state)
    words = np.asarray(_pseudo_words(vocab_size, rng), dtype=object)
    own = max(int(0.8 * vocab_size) // k, 1)
    if own * k >= vocab_size:
        raise ValueError(f"vocab_size={vocab_size} too small for k={k} topics")
    shared = np.arange(own * k, vocab_size)
    phi = np.zeros((k, vocab_size))
    zipf = 1.0 / np.arange(1, own + 1)
    for t in range(k):
        block = np.arange(t * own, (t + 1) * own)
        w = zipf[rng.permutation(own)]
        phi[t, block] = (1 - background) * w / w.sum()
        phi[t, shared] += background / len(shared)
    theta = rng.dirichlet(np.full(k, alpha), size=n_docs)
    lengths = np.maximum(rng.poisson(doc_length, size=n_docs), 1)
    # words per (document, topic), then each topic's words, then shuffled within
    # each document (memory stays linear in the number of tokens)
    per_topic = rng.multinomial(lengths, theta)
    z = np.repeat(np.tile(np.arange(k), n_docs), per_topic.ravel())
    doc_of = np.repeat(np.arange(n_docs), lengths)
    tok = np.empty(len(z), dtype=np.int64)
    for t in range(k):
        sel = np.flatnonzero(z == t)
        tok[sel] = rng.choice(vocab_size, size=len(sel), p=phi[t])
    shuffle = rng.permutation(len(tok))
    tok = tok[shuffle[np.argsort(doc_of[shuffle], kind="stable")]]
    bounds = np.cumsum(lengths)[:-1]
    texts = [" ".join(part) for part in np.split(words[tok], bounds)]
    days = rng.integers(0, 365, size=n_docs)
    published = pd.Timestamp("2019-01-01") + pd.to_timedelta(days, unit="D")
    sites = np.array(["site-a.example", "site-b.example", "site-c.example"], dtype=object)
    docs = docs_frame(
        pd.DataFrame(
            {
                "doc_id": [f"syn:{i + 1}" for i in range(n_docs)],
                "source": [f"syn/{i // 100:04d}.txt" for i in range(n_docs)],
                "kind": ["comment" if i % 5 == 4 else "article" for i in range(n_docs)],
                "site": sites[np.arange(n_docs) % 3],
                "published": published,
                "lang": "en",
                "text": texts,
            }
        ).to_dict("records")
    )
    topic_word = pd.DataFrame(phi, columns=words.tolist())
    topic_word.index.name = "topic"
    return docs, topic_word


# --- fitting -------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicModel:
    """A fitted topic model and its tidy tables.

    Attributes
    ----------
    terms : DataFrame
        ``topic, term, weight, rank``: the top ``n_top`` terms of each topic;
        ``weight`` is the term's share of the topic's total weight, ``rank`` 1 =
        heaviest (ties: alphabetical).
    doc_topics : DataFrame
        ``doc_id, topic, weight``: every document x topic, a document's weights
        sum to 1.  A document without any vocabulary term (empty, or only
        stopwords) has no evidence for any topic and gets ``1/k`` for each.
    labels : DataFrame
        ``topic, label``: a short readable label from the top terms; when two
        top terms often follow each other in the texts the label starts with
        that phrase.  Labels are unique.
    coherence : DataFrame
        ``topic, npmi`` (see :func:`topic_coherence`); NaN when coherence was
        not computed (``coherence=None``).
    method, solver : str
        ``"nmf"`` or ``"lda"``; ``"batch"`` or ``"minibatch"``.
    k, random_state : int
    estimator : object
        The fitted scikit-learn estimator.
    term_matrix : TermMatrix
        The document-term counts the model was fitted on.
    """

    terms: pd.DataFrame
    doc_topics: pd.DataFrame
    labels: pd.DataFrame
    coherence: pd.DataFrame
    method: str
    solver: str
    k: int
    random_state: int
    estimator: Any = field(repr=False)
    term_matrix: TermMatrix = field(repr=False)

    @property
    def label_map(self) -> dict[int, str]:
        """Topic -> label, handy for plot legends."""
        return {
            int(t): str(lab)
            for t, lab in zip(self.labels["topic"], self.labels["label"], strict=True)
        }

    def representative_docs(self, docs, n=3, *, snippet_chars=200) -> pd.DataFrame:
        """Same as :func:`representative_docs` (``model.representative_docs(docs)``)."""
        return representative_docs(self, docs, n=n, snippet_chars=snippet_chars)

    def __repr__(self) -> str:
        return (
            f"TopicModel(method={self.method!r}, solver={self.solver!r}, k={self.k}, "
            f"random_state={self.random_state}, {len(self.term_matrix.doc_ids)} docs, "
            f"{len(self.term_matrix.terms)} terms)"
        )


def _estimator(method, solver, k, random_state, max_iter):
    if method == "nmf":
        if solver == "batch":
            from sklearn.decomposition import NMF

            return NMF(n_components=k, init="nndsvda", random_state=random_state,
                       max_iter=max_iter or 400, tol=1e-4)  # fmt: skip
        from sklearn.decomposition import MiniBatchNMF

        return MiniBatchNMF(n_components=k, init="nndsvda", random_state=random_state,
                            batch_size=2048, max_iter=max_iter or 200)  # fmt: skip
    from sklearn.decomposition import LatentDirichletAllocation

    return LatentDirichletAllocation(
        n_components=k,
        learning_method="batch" if solver == "batch" else "online",
        batch_size=2048,
        max_iter=max_iter or (20 if solver == "batch" else 10),
        random_state=random_state,
        n_jobs=1,
    )


def _check_k(k, n_docs, n_terms, what="the corpus"):
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if n_terms == 0:
        raise ValueError(
            f"{what} has no terms left after stopwords and min_df/max_df; "
            "lower min_df or check the text column"
        )
    if k > n_docs:
        raise ValueError(
            f"k={k} topics but only {n_docs} documents with terms in {what}: "
            f"choose k <= {n_docs} (and much smaller for results you can trust)"
        )
    if k > n_terms:
        raise ValueError(
            f"k={k} topics but only {n_terms} terms in the vocabulary: choose k <= {n_terms}"
        )


def _fit_matrix(tm: TermMatrix, k, method, solver, random_state, max_iter, n_init=None):
    """Fit on a count TermMatrix: (estimator, doc x topic W, topic x term H, used rows).

    LDA is restarted ``n_init`` times (seeds ``random_state``, ``random_state + 1``
    ...) and the fit with the best variational bound (``score``) is kept.
    """
    x = tm.matrix.astype(np.float64)
    used = np.asarray(x.sum(axis=1)).ravel() > 0
    _check_k(k, int(used.sum()), x.shape[1])
    if n_init is None:
        n_init = DEFAULT_LDA_INIT if method == "lda" else 1
    if int(n_init) < 1:
        raise ValueError(f"n_init must be at least 1, got {n_init}")
    if method == "nmf":
        x = TfidfTransformer().fit_transform(x).tocsr()
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    best = None
    for i in range(int(n_init) if method == "lda" else 1):
        est = _estimator(method, solver, k, random_state + i, max_iter)
        # degenerate tiny inputs make scikit-learn's error estimate take sqrt(-0.0)
        with warnings.catch_warnings(), np.errstate(invalid="ignore"):
            warnings.simplefilter("ignore", ConvergenceWarning)
            w = est.fit_transform(x)
        score = est.score(x) if method == "lda" and n_init > 1 else 0.0
        if best is None or score > best[0]:
            best = (score, est, w)
    _, est, w = best
    h = np.asarray(est.components_, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return est, w, h, used


def _normalise_rows(w, used):
    k = w.shape[1]
    sums = w.sum(axis=1, keepdims=True)
    ok = (sums[:, 0] > 0) & used
    out = np.full_like(w, 1.0 / k)
    out[ok] = w[ok] / sums[ok]
    return out


def _terms_table(h, names, n_top):
    rows = []
    for t, row in enumerate(h):
        total = row.sum()
        share = row / total if total > 0 else row
        order = np.lexsort((names, -share))[:n_top]
        for r, j in enumerate(order, start=1):
            rows.append((t, names[j], float(share[j]), r))
    out = pd.DataFrame(rows, columns=["topic", "term", "weight", "rank"])
    out["topic"] = out["topic"].astype("int64")
    out["rank"] = out["rank"].astype("int64")
    out["term"] = out["term"].astype(object)
    return out


def _labels(top: list[list[str]], tokens: _Tokens | None) -> list[str]:
    """Readable, unique labels: a frequent phrase of two top terms, else the top 3."""
    labels = []
    for ts in top:
        phrase = None
        if tokens is not None and len(ts) >= 2 and len(tokens.codes) > 1:
            ids = {
                tokens.vocab[t]: r for r, t in enumerate(ts) if t in tokens.vocab and " " not in t
            }
            if len(ids) >= 2:
                c, d = tokens.codes, tokens.doc
                same = d[:-1] == d[1:]
                lut = np.full(len(tokens.vocab), -1, dtype=np.int64)
                for i, r in ids.items():
                    lut[i] = r
                a, b = lut[c[:-1]], lut[c[1:]]
                ok = same & (a >= 0) & (b >= 0) & (a != b)
                if ok.any():
                    freq = np.bincount(lut[c][lut[c] >= 0], minlength=len(ts))
                    pairs = pd.Series(list(zip(a[ok].tolist(), b[ok].tolist(), strict=True)))
                    counts = pairs.value_counts()
                    best = sorted(
                        counts.items(), key=lambda kv: (-kv[1], kv[0][0] + kv[0][1], kv[0])
                    )
                    (ra, rb), n = best[0]
                    # a phrase, not a chance neighbourhood: seen 3+ times and making
                    # up at least a fifth of the rarer word's occurrences
                    if n >= 3 and n >= 0.2 * min(freq[ra], freq[rb]):
                        phrase = (ts[ra], ts[rb])
        if phrase:
            rest = [t for t in ts if t not in phrase]
            label = " ".join(phrase) + (f", {rest[0]}" if rest else "")
        else:
            label = ", ".join(ts[:3])
        labels.append(label)
    seen: dict[str, int] = {}
    out = []
    for t, label in enumerate(labels):
        if label in seen or label in labels[t + 1 :]:
            extra = [x for x in top[t][3:] if x not in label]
            label = f"{label}, {extra[0]}" if extra else f"{label} (topic {t})"
        while label in seen:
            label = f"{label} (topic {t})"
        seen[label] = t
        out.append(label)
    return out


def _build_model(tm, est, w, h, used, *, method, solver, k, random_state, n_top, tokens, window):
    names = np.asarray(tm.terms, dtype=object)
    terms = _terms_table(h, names, n_top)
    wn = _normalise_rows(w, used)
    n_docs = len(tm.doc_ids)
    doc_topics = pd.DataFrame(
        {
            "doc_id": np.repeat(np.asarray(tm.doc_ids, dtype=object), k),
            "topic": np.tile(np.arange(k, dtype=np.int64), n_docs),
            "weight": wn.ravel(),
        }
    )
    top = _top_lists(terms, n_top)
    npmi = _topic_npmi(top, tokens, window) if tokens is not None else [float("nan")] * k
    coherence = pd.DataFrame({"topic": np.arange(k, dtype=np.int64), "npmi": npmi})
    labels = pd.DataFrame({"topic": np.arange(k, dtype=np.int64), "label": _labels(top, tokens)})
    labels["label"] = labels["label"].astype(object)
    return TopicModel(terms=terms, doc_topics=doc_topics, labels=labels, coherence=coherence,
                      method=method, solver=solver, k=int(k), random_state=random_state,
                      estimator=est, term_matrix=tm)  # fmt: skip


def _resolve_solver(method, solver, n_docs):
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if solver not in _SOLVERS:
        raise ValueError(f"solver must be one of {_SOLVERS}, got {solver!r}")
    if solver == "auto":
        return "minibatch" if n_docs > LARGE_CORPUS else "batch"
    return solver


def fit_topics(
    docs,
    k,
    method="nmf",
    random_state=0,
    *,
    n_top=10,
    min_df=2,
    max_df=0.95,
    ngram=(1, 1),
    aliases=None,
    stopwords=True,
    solver="auto",
    coherence="window",
    window=10,
    max_iter=None,
    n_init=None,
) -> TopicModel:
    """Fit ``k`` topics to the documents.

    Parameters
    ----------
    docs : DataFrame
        Docs table (``doc_id``, ``text``).
    k : int
        Number of topics; at most the number of documents with terms (and of terms).
    method : {"nmf", "lda"}
        NMF on tf-idf (default; fast and deterministic) or LDA on counts.
    random_state : int
    n_top : int
        Top terms kept per topic in ``terms`` (and used for coherence and labels).
    min_df, max_df : int or float
        Vocabulary limits as in :func:`corpus_tools.terms.term_matrix`.  When
        ``min_df`` would leave too few terms on a very small corpus, it is relaxed
        to 1.
    ngram : (int, int)
        ``(1, 2)`` adds bigrams to the features.
    aliases, stopwords
        Tokenisation (default: the corpus's aliases, English + corpus stopwords).
    solver : {"auto", "batch", "minibatch"}
        ``auto``: mini-batch (``MiniBatchNMF`` / online LDA) above
        :data:`LARGE_CORPUS` documents, batch otherwise.
    coherence : {"window", "document"} or None
        How ``model.coherence`` is computed (``window`` tokens wide sliding
        windows, whole documents, or not at all: NaN).
    window : int
        Sliding window width for ``coherence="window"``.
    max_iter : int, optional
        Solver iterations (default: 400 NMF, 200 MiniBatchNMF, 20 / 10 LDA).
    n_init : int, optional
        LDA restarts (default :data:`DEFAULT_LDA_INIT`; seeds ``random_state``,
        ``random_state + 1``, ...); the fit with the best variational bound is
        kept.  Ignored for NMF, whose SVD start is deterministic.

    Returns
    -------
    TopicModel
        With tidy ``terms``, ``doc_topics``, ``labels``, ``coherence``.

    Raises
    ------
    ValueError
        ``k`` larger than the number of documents or terms, unknown method.

    Examples
    --------
    >>> docs, _ = synthetic_corpus(60, 2, vocab_size=40, random_state=0)
    >>> model = fit_topics(docs, 2)
    >>> model.terms.columns.tolist(), model.doc_topics.shape
    (['topic', 'term', 'weight', 'rank'], (120, 3))
    >>> sums = model.doc_topics.groupby("doc_id")["weight"].sum()
    >>> bool(np.allclose(sums, 1))
    True
    """
    require_columns(docs, ["doc_id", "text"])
    if coherence not in ("window", "document", None):
        raise ValueError(f"coherence must be 'window', 'document' or None, got {coherence!r}")
    solver = _resolve_solver(method, solver, len(docs))
    tm = _features(
        docs, k, ngram=ngram, min_df=min_df, max_df=max_df, aliases=aliases, stopwords=stopwords
    )
    est, w, h, used = _fit_matrix(tm, k, method, solver, random_state, max_iter, n_init)
    tokens = _tokens(docs, aliases=aliases, stopwords=stopwords) if coherence else None
    win = window if coherence == "window" else None
    return _build_model(tm, est, w, h, used, method=method, solver=solver, k=k,
                        random_state=random_state, n_top=n_top, tokens=tokens, window=win)  # fmt: skip


def _vocabulary(docs, k, *, ngram, min_df, max_df, aliases, stopwords) -> TermMatrix:
    """Term counts for up to ``k`` topics; on a tiny corpus the frequency limits are dropped."""
    tm = term_matrix(docs, ngram=ngram, min_df=min_df, max_df=max_df, aliases=aliases,
                     stopwords=stopwords, weighting="count")  # fmt: skip
    if (min_df != 1 or max_df != 1.0) and tm.matrix.shape[1] < max(2 * int(k), 2):
        # the limits leave (almost) nothing; keep every term
        tm = term_matrix(docs, ngram=ngram, aliases=aliases, stopwords=stopwords, weighting="count")
    return tm


def _docs_with_terms(tm: TermMatrix) -> int:
    return int((np.asarray(tm.matrix.sum(axis=1)).ravel() > 0).sum())


def _features(docs, k, **vocabulary) -> TermMatrix:
    tm = _vocabulary(docs, k, **vocabulary)
    if not isinstance(k, bool) and isinstance(k, int | np.integer):
        _check_k(k, _docs_with_terms(tm), tm.matrix.shape[1])
    return tm


# --- representative documents and prevalence --------------------------------------

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def _snippet(text: str, top: list[str], table, stop, chars: int) -> str:
    """The sentence holding most of the topic's top terms, cut to ``chars``."""
    sents = [s.strip() for s in _SENT.split(text or "") if s and s.strip()]
    if not sents:
        return ""
    wanted = set(top)
    best, best_score = sents[0], -1
    for s in sents:
        toks = tokenize(s, aliases=table, stopwords=stop)
        score = sum(1 for t in toks if t in wanted)
        if score > best_score:
            best, best_score = s, score
    best = " ".join(best.split())
    return best if len(best) <= chars else best[: chars - 1].rstrip() + "…"


def _model_of(model):
    if not isinstance(model, TopicModel):
        raise TypeError(
            f"model must be a TopicModel (fit_topics output), got {type(model).__name__}"
        )
    return model


def representative_docs(
    model, docs, n=3, *, snippet_chars=200, aliases=None, stopwords=True
) -> pd.DataFrame:
    """The documents that carry each topic most, with a telling snippet.

    Parameters
    ----------
    model : TopicModel
    docs : DataFrame
        The docs table the model was fitted on (``doc_id``, ``text``; ``title`` if present).
    n : int
        Documents per topic.
    snippet_chars : int
        Maximum snippet length; the snippet is the sentence holding most of the
        topic's top terms.

    Returns
    -------
    DataFrame
        ``topic, doc_id, weight, title, snippet``; sorted by topic, then weight
        (descending), then ``doc_id``.  Documents whose weights are the uniform
        ``1/k`` of an empty document are never chosen.

    Examples
    --------
    >>> docs, _ = synthetic_corpus(40, 2, vocab_size=40, random_state=0)
    >>> rep = representative_docs(fit_topics(docs, 2), docs, n=2)
    >>> rep.columns.tolist(), len(rep)
    (['topic', 'doc_id', 'weight', 'title', 'snippet'], 4)
    """
    model = _model_of(model)
    require_columns(docs, ["doc_id", "text"])
    dt = model.doc_topics
    nonuniform = dt.groupby("doc_id")["weight"].transform(lambda s: s.max() - s.min()) > 1e-12
    dt = dt[nonuniform].sort_values(["topic", "weight", "doc_id"], ascending=[True, False, True])
    top = dt.groupby("topic", sort=True).head(n)
    info = docs.drop_duplicates("doc_id").set_index("doc_id")
    titles = (
        info["title"]
        if "title" in info.columns
        else pd.Series(None, index=info.index, dtype=object)
    )
    table = resolve_aliases(docs, aliases)
    stop = _stopwords(docs, stopwords)
    tops = dict(enumerate(_top_lists(model.terms, 10)))
    snippets = []
    for t, d in zip(top["topic"], top["doc_id"], strict=True):
        text = info["text"].get(d, "")
        snippets.append(_snippet(text if isinstance(text, str) else "", tops.get(int(t), []),
                                 table, stop, snippet_chars))  # fmt: skip
    out = pd.DataFrame(
        {
            "topic": top["topic"].astype("int64").to_numpy(),
            "doc_id": top["doc_id"].astype(object).to_numpy(),
            "weight": top["weight"].astype(float).to_numpy(),
            "title": pd.Series(
                [titles.get(d) if isinstance(titles.get(d), str) else None for d in top["doc_id"]],
                dtype=object,
            ),
            "snippet": pd.Series(snippets, dtype=object),
        }
    )
    return out


def topic_prevalence(model, docs, by="site") -> pd.DataFrame:
    """How much each group of documents is about each topic.

    Parameters
    ----------
    model : TopicModel
    docs : DataFrame
        The docs table the model was fitted on.
    by : str
        A column of ``docs`` (``"site"``, ``"kind"``, ``"author"``...) or
        ``"month"``: the ``published`` month as ``YYYY-MM``.  Documents without a
        value form the group ``"undated"`` (month) or ``"unknown"`` (any other
        column); they are kept, not dropped, so shares cover the whole corpus.

    Returns
    -------
    DataFrame
        ``group, topic, share, n_docs``: ``share`` is the group's summed topic
        weight divided by its total weight (each group's shares add up to 1);
        ``n_docs`` is the number of documents in the group.  Sorted by group and
        topic.

    Examples
    --------
    >>> docs, _ = synthetic_corpus(30, 2, vocab_size=40, random_state=0)
    >>> p = topic_prevalence(fit_topics(docs, 2), docs, by="kind")
    >>> p.groupby("group")["share"].sum().round(6).tolist()
    [1.0, 1.0]
    """
    model = _model_of(model)
    col = "published" if by == "month" else by
    require_columns(docs, ["doc_id", col])
    info = docs[["doc_id", col]].drop_duplicates("doc_id")
    if by == "month":
        pub = pd.to_datetime(info[col], errors="coerce")
        group = pub.dt.strftime("%Y-%m").astype(object).where(pub.notna(), "undated")
    else:
        group = info[col].astype(object).where(info[col].notna(), "unknown").map(str)
    groups = pd.DataFrame(
        {"doc_id": info["doc_id"].astype(object).to_numpy(), "group": group.to_numpy()}
    )
    merged = model.doc_topics.merge(groups, on="doc_id", how="inner", validate="many_to_one")
    sums = merged.groupby(["group", "topic"], sort=True)["weight"].sum().reset_index()
    totals = sums.groupby("group")["weight"].transform("sum")
    sums["share"] = sums["weight"] / totals.where(totals > 0, 1.0)
    n_docs = groups.groupby("group")["doc_id"].nunique()
    sums["n_docs"] = sums["group"].map(n_docs).astype("int64")
    out = sums[["group", "topic", "share", "n_docs"]].sort_values(["group", "topic"], kind="stable")
    out["group"] = out["group"].astype(object)
    out["topic"] = out["topic"].astype("int64")
    return out.reset_index(drop=True)


# --- choosing k ----------------------------------------------------------------------


@dataclass(frozen=True)
class KSelection:
    """What :func:`select_k` found.

    Attributes
    ----------
    table : DataFrame
        ``k, coherence, stability, stable, recommended`` (one row per k tried):
        mean topic NPMI of the full-data model, mean matched top-term Jaccard
        between the full-data topics and the subsample refits, whether the k
        counts as stable, and the chosen row.
    best_k : int
    reason : str
        One sentence saying why ``best_k`` was chosen.
    """

    table: pd.DataFrame
    best_k: int
    reason: str

    def __repr__(self) -> str:
        return f"KSelection(best_k={self.best_k}, reason={self.reason!r})"


def select_k(
    docs,
    ks=range(2, 11),
    method="nmf",
    seeds=(0, 1, 2),
    *,
    subsample=0.8,
    tolerance=0.1,
    n_top=10,
    window=10,
    min_df=2,
    max_df=0.95,
    ngram=(1, 1),
    aliases=None,
    stopwords=True,
    solver="auto",
) -> KSelection:
    """Try several numbers of topics and recommend one, with the evidence.

    For each k: fit on all documents (``random_state=0``) and score its mean
    NPMI coherence; refit once per seed on a random ``subsample`` of the
    documents (seeded by that seed) and match those topics to the full-data
    topics (:func:`match_topics`): stability is the mean matched Jaccard
    overlap of the top ``n_top`` terms (1 = the same topics every time).

    Rule: a k is *stable* when its stability is within ``tolerance`` of the best
    stability seen; among the stable k, the one with the highest coherence is
    recommended (ties: the smaller k).  Too few topics merge unrelated themes
    (lower coherence); too many split real themes arbitrarily (refits split them
    differently: lower stability).  Ks larger than the corpus allows are skipped.

    Parameters
    ----------
    docs : DataFrame
    ks : iterable of int
    method : {"nmf", "lda"}
    seeds : iterable of int
        One subsample refit per seed.
    subsample : float
        Share of documents in each refit (at least ``k + 1`` documents).
    tolerance : float
        How far below the best stability a k may be and still count as stable.
    n_top, window, min_df, max_df, ngram, aliases, stopwords, solver
        As in :func:`fit_topics`.

    Returns
    -------
    KSelection
        ``.table`` (``k, coherence, stability, stable, recommended``), ``.best_k``
        and ``.reason``.

    Examples
    --------
    >>> docs, _ = synthetic_corpus(150, 3, vocab_size=120, random_state=0)
    >>> sel = select_k(docs, ks=[2, 3, 4], seeds=(0, 1))
    >>> sel.table.columns.tolist()
    ['k', 'coherence', 'stability', 'stable', 'recommended']
    >>> sel.best_k
    3
    """
    require_columns(docs, ["doc_id", "text"])
    ks = sorted({int(k) for k in ks})
    seeds = [int(s) for s in seeds]
    if not ks:
        raise ValueError("ks is empty: give the numbers of topics to try, e.g. range(2, 11)")
    if not seeds:
        raise ValueError("seeds is empty: stability needs at least one refit")
    if not 0 < subsample <= 1:
        raise ValueError(f"subsample must be in (0, 1], got {subsample}")
    solver = _resolve_solver(method, solver, len(docs))
    tm = _vocabulary(docs, max(ks), ngram=ngram, min_df=min_df, max_df=max_df, aliases=aliases,
                     stopwords=stopwords)  # fmt: skip
    tokens = _tokens(docs, aliases=aliases, stopwords=stopwords)
    n_used = _docs_with_terms(tm)
    feasible = [k for k in ks if k <= min(n_used, tm.matrix.shape[1])]
    if not feasible:
        _check_k(min(ks), n_used, tm.matrix.shape[1])
    rows = []
    n_docs = tm.matrix.shape[0]
    m = max(round(subsample * n_docs), 1)
    names = np.asarray(tm.terms, dtype=object)
    for k in feasible:
        _, _, h, _ = _fit_matrix(tm, k, method, solver, 0, None)
        full = _top_lists(_terms_table(h, names, n_top), n_top)
        coh = float(np.nanmean(_topic_npmi(full, tokens, window)))
        sims = []
        for s in seeds:
            rng = np.random.default_rng(s)
            pick = np.sort(rng.choice(n_docs, size=max(m, min(k + 1, n_docs)), replace=False))
            sub = TermMatrix(matrix=tm.matrix[pick], terms=tm.terms, doc_ids=tm.doc_ids[pick])
            try:
                _, _, h2, _ = _fit_matrix(sub, k, method, solver, s, None)
            except ValueError:
                continue
            other = _top_lists(_terms_table(h2, names, n_top), n_top)
            sim = _jaccard(full, other)
            r, c = linear_sum_assignment(sim, maximize=True)
            sims.append(float(sim[r, c].mean()))
        stab = float(np.mean(sims)) if sims else float("nan")
        rows.append((k, coh, stab))
    table = pd.DataFrame(rows, columns=["k", "coherence", "stability"])
    table["k"] = table["k"].astype("int64")
    best_stab = table["stability"].max()
    table["stable"] = table["stability"] >= best_stab - tolerance - 1e-12
    cand = table[table["stable"]].sort_values(["coherence", "k"], ascending=[False, True])
    best = int(cand["k"].iloc[0]) if len(cand) else int(table["k"].iloc[0])
    table["recommended"] = table["k"] == best
    row = table[table["recommended"]].iloc[0]
    more = table[(table["coherence"] > row["coherence"]) & ~table["stable"]]
    reason = (
        f"k={best}: highest mean NPMI coherence ({row['coherence']:.3f}) among the k whose "
        f"topics are stable across {len(seeds)} subsample refits (stability >= "
        f"{best_stab - tolerance:.2f}, i.e. within {tolerance:.2f} of the best, {best_stab:.2f}); "
        f"its stability is {row['stability']:.2f}."
    )
    if len(more):
        alt = more.sort_values(["coherence", "k"], ascending=[False, True]).iloc[0]
        reason += (
            f" k={int(alt['k'])} is more coherent ({alt['coherence']:.3f}) but its topics "
            f"change between refits (stability {alt['stability']:.2f})."
        )
    skipped = [k for k in ks if k not in feasible]
    if skipped:
        reason += f" Skipped k={skipped}: more topics than documents or terms."
    return KSelection(table=table.reset_index(drop=True), best_k=best, reason=reason)
