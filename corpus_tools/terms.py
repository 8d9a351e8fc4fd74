"""Terms: tokens, the document-term matrix, frequencies, keyness, KWIC, collocations.

Tokens
------
:func:`tokenize` and every analysis here share one set of rules:

* alias variants are folded to their key first (see :mod:`corpus_tools.aliases`);
  a key is one token and keeps its case (``MEK``, ``Camp_Ashraf``);
* words are lower-cased, except acronyms: an all-capitals token of 2-6 letters
  keeps its case (``US`` stays apart from the pronoun ``us``) and dotted
  acronyms lose their dots (``U.S.`` -> ``US``);
* possessives are folded to the name (``Rajavi’s`` -> ``rajavi``), hyphenated
  words stay whole (``ex-members``), curly apostrophes become straight ones;
* URLs and e-mail addresses are dropped; numbers are dropped except four-digit
  years (``1997``); decades such as ``1960s`` are kept as words;
* letters of any script are word characters, so Persian and Arabic words are
  tokens (the Persian zero-width non-joiner and Arabic diacritics stay inside);
* stopwords (``stopwords=True``): scikit-learn's English list, English
  contractions (``don't``) and the corpus's ``[stopwords] extra``; one-letter
  tokens are dropped with them.  Stopwords are compared with the lower-cased
  token, so ``US`` is kept although ``us`` is a stopword.

N-grams are built from consecutive kept tokens of one document (as scikit-learn
does: after stopword removal), their words joined by a blank.  An alias key
repeated back to back ("Mojahedin-e Khalq (MKO)" -> ``MEK MEK``: one mention
spelled twice) makes no n-gram; unigram counts still count both spellings, so
they add up to the fold counts of :func:`corpus_tools.aliases.alias_report`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ._validate import require_columns
from .aliases import AliasTable, resolve_aliases
from .config import config_from_docs

__all__ = [
    "TermMatrix",
    "collocations",
    "dispersion",
    "keyness",
    "kwic",
    "term_frequencies",
    "term_matrix",
    "tfidf_top_terms",
    "tokenize",
]

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c"
_W = rf"[\w{_MARKS}]"
_TOKEN_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+"  # URLs, e-mails (dropped)
    r"|[A-Za-z](?:\.[A-Za-z])+\.?"  # dotted acronyms U.S., M.E.K
    r"|\d+(?:[.,:]\d+)+"  # 2,000 / 3.5 (dropped)
    rf"|{_W}+(?:[-‐'’]{_W}+)*(?:['’](?!\w))?"  # words, hyphenated, possessives
)
_CONTRACTION = re.compile(r"^[a-z]+'(?:t|re|ve|ll|d|m|s)$")
_YEAR = re.compile(r"^\d{4}$")


def _stopword_set(stopwords, docs=None) -> frozenset[str]:
    if stopwords is None or stopwords is False:
        return frozenset()
    if stopwords is True:
        extra = config_from_docs(docs).stopwords if docs is not None else ()
        return frozenset(ENGLISH_STOP_WORDS) | {s.lower() for s in extra}
    if isinstance(stopwords, str):
        raise TypeError("stopwords must be True, False/None or a collection of words")
    return frozenset(s.lower() for s in stopwords)


class _Normalizer:
    """Raw token -> term (or None when dropped); cached per distinct token."""

    def __init__(self, stop: frozenset[str], keys: Iterable[str] = (), drop_stop: bool = True):
        self.stop = stop
        self.keys = frozenset(keys)
        self.drop_stop = drop_stop and bool(stop)
        self.cache: dict[str, str | None] = {}

    def term(self, tok: str) -> str | None:
        if tok in self.keys:
            return tok
        t = tok.replace("’", "'").replace("‐", "-")
        if "://" in t or t.startswith("www.") or "@" in t:
            return None
        if "." in t:
            t = t.replace(".", "")
            return t if t.isupper() else t.lower()
        if t.endswith("'"):
            t = t[:-1]
        low = t.lower()
        if low.endswith("'s") and len(t) > 2:
            t, low = t[:-2], low[:-2]
        if not any(ch.isalpha() for ch in t):
            return t if _YEAR.match(t) else None
        if self.drop_stop and (low in self.stop or len(t) < 2 or _CONTRACTION.match(low)):
            return None
        if t.isupper() and 2 <= len(t) <= 6 and t.isalpha():
            return t
        return low

    def __call__(self, tok: str) -> str | None:
        try:
            return self.cache[tok]
        except KeyError:
            out = self.cache[tok] = self.term(tok)
            return out


def tokenize(text: str, *, aliases=None, stopwords=None) -> list[str]:
    """Split one text into terms (see the module docstring for the rules).

    Parameters
    ----------
    text : str
    aliases : None, dict or AliasTable
        Variants to fold before tokenising (``None``: none).
    stopwords : None, True or collection of str
        ``None``/``False``: keep everything; ``True``: the English list;
        a collection: exactly those words.

    Returns
    -------
    list of str

    Examples
    --------
    >>> tokenize("The N.L.'s 2,000 members met the U.S. envoy in 1997.",
    ...          aliases={"NL": ["N.L."]}, stopwords=True)
    ['NL', 'members', 'met', 'US', 'envoy', '1997']
    >>> tokenize("Rajavi’s ex-members")
    ['rajavi', 'ex-members']
    """
    table = resolve_aliases(None, aliases) if aliases is not None else None
    if table is not None:
        text = table.fold(text, pad=True)
    keys = table.tokens if table is not None else ()
    norm = _Normalizer(_stopword_set(stopwords), keys)
    out = []
    for tok in _TOKEN_RE.findall(text or ""):
        term = norm(tok)
        if term is not None:
            out.append(term)
    return out


@dataclass(frozen=True)
class TermMatrix:
    """A sparse document-term matrix and its labels.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Documents x terms (counts, or tf-idf weights).
    terms : numpy.ndarray of str (object dtype, as scikit-learn's feature names)
        Column labels, sorted.
    doc_ids : numpy.ndarray of str (object dtype)
        Row labels, in the order of the docs table.
    weighting : str
        ``"count"`` or ``"tfidf"``.
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    doc_ids: np.ndarray
    weighting: str = "count"

    @property
    def vocabulary(self) -> dict[str, int]:
        """Term -> column index."""
        return {t: i for i, t in enumerate(self.terms.tolist())}

    def to_frame(self) -> pd.DataFrame:
        """Tidy form: ``doc_id, term, count`` (``weight`` instead of ``count`` for tf-idf),
        one row per non-zero cell, in document then term order."""
        coo = self.matrix.tocoo()
        order = np.lexsort((coo.col, coo.row))
        value = "count" if self.weighting == "count" else "weight"
        return pd.DataFrame(
            {
                "doc_id": self.doc_ids[coo.row[order]].astype(object),
                "term": self.terms[coo.col[order]].astype(object),
                value: coo.data[order],
            }
        )


def _doc_texts(docs) -> list[str]:
    return [t if isinstance(t, str) else "" for t in docs["text"].tolist()]


def _encode(texts, table, norm, chunk: int = 2000):
    """Token ids of all texts: (codes int32, doc index int32, terms list)."""
    term_ids: dict[str, int] = {}
    terms: list[str] = []
    raw_to_id: dict[str, int] = {}
    codes_parts, doc_parts = [], []
    findall = _TOKEN_RE.findall
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        if table is not None:
            part = table.fold_many(part, pad=True)
        lists = [findall(t) if t else [] for t in part]
        lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        flat = np.fromiter(chain.from_iterable(lists), dtype=object, count=int(lengths.sum()))
        if not len(flat):
            continue
        codes, uniques = pd.factorize(flat)
        local = np.empty(len(uniques), dtype=np.int32)
        for i, raw in enumerate(uniques.tolist()):
            tid = raw_to_id.get(raw)
            if tid is None:
                term = norm(raw)
                if term is None:
                    tid = -1
                else:
                    tid = term_ids.get(term)
                    if tid is None:
                        tid = term_ids[term] = len(terms)
                        terms.append(term)
                raw_to_id[raw] = tid
            local[i] = tid
        glob = local[codes]
        docs_idx = np.repeat(np.arange(start, start + len(part), dtype=np.int32), lengths)
        keep = glob >= 0
        codes_parts.append(glob[keep])
        doc_parts.append(docs_idx[keep])
    if codes_parts:
        return np.concatenate(codes_parts), np.concatenate(doc_parts), terms
    return np.zeros(0, np.int32), np.zeros(0, np.int32), terms


def _repeated_key(codes, is_key):
    """Positions i where token i and i+1 are the same alias key ("MEK (MEK)")."""
    if is_key is None or len(codes) < 2:
        return np.zeros(max(len(codes) - 1, 0), dtype=bool)
    return (codes[:-1] == codes[1:]) & is_key[codes[:-1]]


def _ngram_ids(codes, doc_idx, n, n_terms, is_key=None):
    """Ids (0..k-1) of the n-grams starting at each valid position, plus positions.

    An n-gram is valid inside one document and when it does not repeat an alias
    key back to back: "Mojahedin-e Khalq (MKO)" folds to "MEK (MEK)", one
    mention, which must not become a bigram "MEK MEK".
    """
    if n == 1:
        return codes, np.arange(len(codes), dtype=np.int64), n_terms
    m = len(codes) - n + 1
    if m <= 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int64), 0
    valid = doc_idx[:m] == doc_idx[n - 1 : n - 1 + m]
    rep = _repeated_key(codes, is_key)
    for j in range(n - 1):
        valid &= ~rep[j : j + m]
    pos = np.flatnonzero(valid)
    key = codes[pos].astype(np.int64)
    width = n_terms
    for j in range(1, n):
        key *= n_terms
        key += codes[pos + j]
        width *= n_terms
        if j < n - 1 and width > 2**40:  # keep the combined key within int64
            key = pd.factorize(key)[0].astype(np.int64)
            width = int(key.max()) + 1 if len(key) else 1
    ids, uniq = pd.factorize(key)
    del key
    return ids.astype(np.int32), pos, len(uniq)


def _csr_from_sorted_rows(rows, cols, n_rows, n_cols):
    """Count matrix from entries whose ``rows`` are sorted (no COO detour)."""
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    data = np.ones(len(cols), dtype=np.int64)
    mat = sp.csr_matrix((data, cols, indptr), shape=(n_rows, n_cols))
    mat.sum_duplicates()
    return mat


def _build_matrix(codes, doc_idx, terms, n_docs, ngram, keys=()):
    lo, hi = ngram
    if lo < 1 or hi < lo:
        raise ValueError(f"ngram must be (min_n, max_n) with 1 <= min_n <= max_n, got {ngram}")
    mats, names = [], []
    terms_arr = np.asarray(terms, dtype=object)
    keys = set(keys)
    is_key = np.fromiter((t in keys for t in terms), bool, len(terms)) if keys else None
    for n in range(lo, hi + 1):
        ids, pos, k = _ngram_ids(codes, doc_idx, n, len(terms), is_key)
        if k == 0:
            continue
        first = np.full(k, -1, dtype=np.int64)
        first[ids[::-1]] = pos[::-1]
        # the matrix sorts its index array in place: never hand it ``codes``
        cols = ids.copy() if ids is codes else ids
        mats.append(_csr_from_sorted_rows(doc_idx[pos], cols, n_docs, k))
        del ids, pos, cols
        label = terms_arr[codes[first]]
        for j in range(1, n):
            label = label + " " + terms_arr[codes[first + j]]
        names.append(label)
    if not mats:
        return sp.csr_matrix((n_docs, 0), dtype=np.int64), np.asarray([], dtype=object)
    mat = mats[0] if len(mats) == 1 else sp.hstack(mats, format="csr")
    return mat, np.concatenate(names)


def term_matrix(
    docs,
    *,
    ngram=(1, 1),
    min_df=1,
    max_df=1.0,
    aliases=None,
    stopwords=True,
    weighting="count",
) -> TermMatrix:
    """Sparse document-term matrix of the docs table.

    Tokens follow the module rules; aliases are folded first.  The vocabulary
    is built with vectorised pandas/numpy operations rather than a per-token
    Python analyzer, so folding adds little to the cost of counting.

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id`` and ``text``.
    ngram : int or (int, int)
        N-gram lengths, e.g. ``(1, 2)`` for unigrams and bigrams.
    min_df, max_df : int or float
        Keep terms in at least ``min_df`` / at most ``max_df`` documents (an int
        is a number of documents, a float a proportion of them).
    aliases : None, False, dict or AliasTable
        ``None``: the corpus's own table (``docs.attrs``); ``False``: no folding.
    stopwords : bool or collection of str
        ``True``: English + the corpus's extra stopwords; ``False``: keep all.
    weighting : {"count", "tfidf"}
        ``tfidf`` uses scikit-learn's ``TfidfTransformer`` (smooth idf, l2 rows).

    Returns
    -------
    TermMatrix

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"doc_id": "a", "text": "The N.L. met."},
    ...                 {"doc_id": "b", "text": "Northern League met voters"}],
    ...                config={"aliases": {"NL": ["Northern League", "N.L."]}})
    >>> tm = term_matrix(d)
    >>> tm.terms.tolist(), tm.matrix.toarray().tolist()
    (['NL', 'met', 'voters'], [[1, 1, 0], [1, 1, 1]])
    >>> term_matrix(d, ngram=(2, 2)).terms.tolist()
    ['NL met', 'met voters']
    """
    require_columns(docs, ["doc_id", "text"])
    if isinstance(ngram, int):
        ngram = (ngram, ngram)
    if weighting not in ("count", "tfidf"):
        raise ValueError(f"weighting must be 'count' or 'tfidf', got {weighting!r}")
    table = resolve_aliases(docs, aliases)
    norm = _Normalizer(_stopword_set(stopwords, docs), table.tokens if table else ())
    texts = _doc_texts(docs)
    codes, doc_idx, terms = _encode(texts, table, norm)
    keys = table.tokens if table else ()
    mat, names = _build_matrix(codes, doc_idx, terms, len(texts), tuple(ngram), keys)
    n_docs = len(texts)
    if mat.shape[1] and (min_df != 1 or max_df != 1.0):
        df = np.bincount(mat.indices, minlength=mat.shape[1])
        lo = min_df if isinstance(min_df, int | np.integer) else math.ceil(min_df * n_docs)
        hi = max_df if isinstance(max_df, int | np.integer) else math.floor(max_df * n_docs)
        keep = np.flatnonzero((df >= lo) & (df <= hi))
        mat, names = mat[:, keep], names[keep]
    # columns in sorted term order (Python str order: capitals first), remapping
    # the column indices in place rather than copying the matrix
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=mat.indices.dtype)
    rank[order] = np.arange(len(order), dtype=mat.indices.dtype)
    mat.indices = rank[mat.indices]
    mat.has_sorted_indices = False
    mat.sort_indices()
    names = names[order]
    if weighting == "tfidf":
        from sklearn.feature_extraction.text import TfidfTransformer

        mat = TfidfTransformer().fit_transform(mat).tocsr()
    doc_ids = np.asarray([str(d) for d in docs["doc_id"].tolist()], dtype=object)
    return TermMatrix(
        matrix=mat.tocsr(),
        terms=np.asarray(names, dtype=object),
        doc_ids=doc_ids,
        weighting=weighting,
    )


# --- frequencies ---------------------------------------------------------------


def _group_labels(docs, by) -> tuple[np.ndarray, str]:
    if by is None:
        return np.full(len(docs), "all", dtype=object), "all"
    require_columns(docs, [by])
    labels = docs[by].astype(object).where(docs[by].notna(), "(none)")
    return np.asarray([str(x) for x in labels.tolist()], dtype=object), by


def _group_counts(tm: TermMatrix, labels: np.ndarray):
    """(group names, groups x terms count matrix)."""
    groups, inv = np.unique(labels, return_inverse=True)
    ind = sp.csr_matrix(
        (np.ones(len(labels), dtype=np.int64), (inv, np.arange(len(labels)))),
        shape=(len(groups), len(labels)),
    )
    counts = (ind @ tm.matrix).tocsr()
    binary = tm.matrix.copy()
    binary.data = np.ones_like(binary.data)
    doc_counts = (ind @ binary).tocsr()
    return groups, counts, doc_counts


def term_frequencies(
    docs, by=None, ngram=1, *, aliases=None, stopwords=True, min_count=1
) -> pd.DataFrame:
    """How often each term occurs, overall or per group of documents.

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id``, ``text`` (and the ``by`` column).
    by : str, optional
        A docs column to group by (``"site"``, ``"kind"``...); ``None``: one group ``all``.
    ngram : int or (int, int)
        N-gram length(s).
    aliases, stopwords
        As in :func:`term_matrix`.
    min_count : int
        Drop terms rarer than this in a group.

    Returns
    -------
    DataFrame
        ``group, term, count, docs, share``: ``docs`` is the number of documents
        of the group holding the term, ``share`` the term's count over all term
        counts of the group.  Sorted by group, count (descending), term.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"kind": "article", "text": "Budget vote. Budget cut."},
    ...                 {"kind": "comment", "text": "Vote no"}])
    >>> term_frequencies(d, by="kind").round(2)
         group    term  count  docs  share
    0  article  budget      2     1   0.50
    1  article     cut      1     1   0.25
    2  article    vote      1     1   0.25
    3  comment    vote      1     1   1.00
    """
    tm = term_matrix(docs, ngram=ngram, aliases=aliases, stopwords=stopwords)
    labels, _ = _group_labels(docs, by)
    groups, counts, doc_counts = _group_counts(tm, labels)
    cols = ["group", "term", "count", "docs", "share"]
    coo = counts.tocoo()
    if coo.nnz == 0:
        return pd.DataFrame(columns=cols)
    totals = np.asarray(counts.sum(axis=1)).ravel()
    dc = np.asarray(doc_counts[coo.row, coo.col]).ravel()
    out = pd.DataFrame(
        {
            "group": groups[coo.row].astype(object),
            "term": tm.terms[coo.col].astype(object),
            "count": coo.data.astype("int64"),
            "docs": dc.astype("int64"),
            "share": coo.data / totals[coo.row],
        }
    )
    out = out[out["count"] >= min_count]
    out = out.sort_values(["group", "count", "term"], ascending=[True, False, True])
    return out.reset_index(drop=True)


def tfidf_top_terms(docs, n=10, *, ngram=1, aliases=None, stopwords=True) -> pd.DataFrame:
    """The ``n`` terms with the highest tf-idf weight in each document.

    Returns
    -------
    DataFrame
        ``doc_id, rank, term, weight, count``: rank 1 is the most distinctive
        term of the document; ties broken by term.  Documents in docs order.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"doc_id": "a", "text": "budget budget vote"},
    ...                 {"doc_id": "b", "text": "vote protest"}])
    >>> tfidf_top_terms(d, n=1).round(3)
      doc_id  rank    term  weight  count
    0      a     1  budget   0.942      2
    1      b     1 protest   0.815      1
    """
    tm = term_matrix(docs, ngram=ngram, aliases=aliases, stopwords=stopwords)
    weights = term_matrix(
        docs, ngram=ngram, aliases=aliases, stopwords=stopwords, weighting="tfidf"
    ).matrix
    coo = weights.tocoo()
    cols = ["doc_id", "rank", "term", "weight", "count"]
    if coo.nnz == 0:
        return pd.DataFrame(columns=cols)
    counts = np.asarray(tm.matrix[coo.row, coo.col]).ravel()
    out = pd.DataFrame(
        {
            "_row": coo.row,
            "doc_id": tm.doc_ids[coo.row].astype(object),
            "term": tm.terms[coo.col].astype(object),
            "weight": coo.data,
            "count": counts.astype("int64"),
        }
    )
    out = out.sort_values(["_row", "weight", "term"], ascending=[True, False, True])
    out["rank"] = out.groupby("_row").cumcount() + 1
    out = out[out["rank"] <= n]
    return out[cols].reset_index(drop=True).astype({"rank": "int64"})


# --- keyness -------------------------------------------------------------------


def log_likelihood(a, b, c, d):
    """Dunning's G² for a term seen ``a`` times in ``c`` target tokens and ``b``
    times in ``d`` reference tokens (full 2x2 table; vectorised).

    Examples
    --------
    >>> round(float(log_likelihood(10, 2, 100, 100)), 3)
    6.163
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = c + d
    observed = [a, b, c - a, d - b]
    expected = [c * (a + b) / n, d * (a + b) / n, c * (n - a - b) / n, d * (n - a - b) / n]
    g2 = np.zeros(np.broadcast(a, b, c, d).shape)
    for o, e in zip(observed, expected, strict=True):
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = g2 + np.where(o > 0, o * np.log(o / e), 0.0)
    return 2 * g2


def keyness(
    docs,
    target,
    by,
    reference=None,
    *,
    ngram=1,
    aliases=None,
    stopwords=True,
    min_count=2,
) -> pd.DataFrame:
    """Terms over- or under-used in a target group of documents.

    Compares term counts in the documents whose ``by`` column equals ``target``
    with the rest of the corpus (or with the group ``reference``).

    * ``g2``: log-likelihood G² (Dunning 1993) over the full 2x2 table
      (term / other terms x target / reference), as in Rayson & Garside's
      keyness calculations; ``p_value`` from the chi-squared distribution with
      1 degree of freedom (G² 3.84 ~ p 0.05, 6.63 ~ p 0.01, 15.13 ~ p 0.0001).
      With hundreds of terms tested, read p-values as a ranking, not a test.
    * ``log_ratio``: Hardie's effect size, the binary log of the ratio of the
      relative frequencies (1 = twice as frequent in the target, -1 = half).
      A zero count is replaced by 0.5 (so a term absent from one side has a
      finite, conservative ratio instead of infinity).

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id``, ``text`` and ``by``.
    target : str
        The value of ``by`` that marks the target group.
    by : str
        A docs column (``"kind"``, ``"site"``, a period column you added...).
    reference : str, optional
        Compare against this group only (default: all other documents).
    ngram, aliases, stopwords
        As in :func:`term_matrix`.
    min_count : int
        Keep terms seen at least this often in target and reference together.

    Returns
    -------
    DataFrame
        ``term, target_count, reference_count, target_per_1k,
        reference_per_1k, g2, p_value, log_ratio, direction``; ``direction`` is
        ``"target"`` when the term is relatively more frequent in the target,
        else ``"reference"``.  Sorted by g2 (descending), then term.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"kind": "comment", "text": "cult cult cult lies"},
    ...                 {"kind": "article", "text": "budget budget vote lies"}])
    >>> keyness(d, "comment", by="kind", min_count=1)[["term", "target_count",
    ...     "reference_count", "g2", "log_ratio", "direction"]].round(2)
         term  target_count  reference_count    g2  log_ratio  direction
    0    cult             3                0  6.09       2.58     target
    1  budget             0                2  3.45      -2.00  reference
    2    vote             0                1  1.53      -1.00  reference
    3    lies             1                1  0.00       0.00     target
    """
    require_columns(docs, ["doc_id", "text", by])
    labels = docs[by].astype(object)
    is_target = (labels == target).to_numpy(dtype=bool)
    if not is_target.any():
        values = sorted({str(v) for v in labels.dropna().tolist()})[:10]
        raise ValueError(f"no document has {by} == {target!r}; values are {values}")
    if reference is None:
        is_ref = ~is_target
    else:
        is_ref = (labels == reference).to_numpy(dtype=bool)
        if not is_ref.any():
            raise ValueError(f"no document has {by} == {reference!r}")
    if not is_ref.any():
        raise ValueError(f"every document has {by} == {target!r}; nothing to compare with")
    tm = term_matrix(docs, ngram=ngram, aliases=aliases, stopwords=stopwords)
    a = np.asarray(tm.matrix[is_target].sum(axis=0)).ravel().astype(float)
    b = np.asarray(tm.matrix[is_ref].sum(axis=0)).ravel().astype(float)
    c, d = a.sum(), b.sum()
    keep = (a + b) >= min_count
    a, b, terms = a[keep], b[keep], tm.terms[keep]
    g2 = log_likelihood(a, b, c, d)
    lr = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    out = pd.DataFrame(
        {
            "term": terms.astype(object),
            "target_count": a.astype("int64"),
            "reference_count": b.astype("int64"),
            "target_per_1k": 1000 * a / c if c else 0.0,
            "reference_per_1k": 1000 * b / d if d else 0.0,
            "g2": g2,
            "p_value": stats.chi2.sf(g2, 1),
            "log_ratio": lr,
            "direction": np.where(a / max(c, 1) >= b / max(d, 1), "target", "reference").astype(
                object
            ),
        }
    )
    g2_sort = out["g2"].round(9)
    out = out.assign(_g=g2_sort).sort_values(["_g", "term"], ascending=[False, True])
    return out.drop(columns="_g").reset_index(drop=True)


# --- KWIC and dispersion -----------------------------------------------------


def _pattern_regex(pattern, table: AliasTable | None, regex: bool) -> re.Pattern:
    if isinstance(pattern, re.Pattern):
        return pattern
    if not isinstance(pattern, str) or not pattern:
        raise TypeError("pattern must be a non-empty string or a compiled regex")
    if table is not None:
        key = table.key_of(pattern)
        if key is not None:
            return table.pattern_for(key)
    if regex:
        return re.compile(pattern)
    words = [re.escape(w) for w in pattern.split()]
    return re.compile(r"(?<!\w)(?i:" + r"\s+".join(words) + r")(?!\w)")


def kwic(docs, pattern, window=5, *, unit="tokens", aliases=None, regex=False) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the text around it.

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id`` and ``text``.
    pattern : str or compiled regex
        An alias key or listed variant (matches every variant of the key, e.g.
        ``"MEK"`` finds ``MKO``, ``Mojahedin-e Khalq``...), else a plain word or
        phrase (word-bounded, any case), or a regex when ``regex=True`` or compiled.
    window : int
        Context size on each side, in whitespace-separated words
        (``unit="tokens"``) or characters (``unit="chars"``).
    aliases : None, False, dict or AliasTable
        Alias table used to expand keys (``None``: the corpus's own).
    regex : bool
        Treat a string pattern as a regular expression.

    Returns
    -------
    DataFrame
        ``doc_id, start, end, left, match, right``: ``start``/``end`` are
        character offsets into the document's ``text`` (``text[start:end] ==
        match``); ``left``/``right`` the context with blanks collapsed.  In docs
        order, then by ``start``.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"doc_id": "a", "text": "Members of the N.L. marched. The NL won."}],
    ...                config={"aliases": {"NL": ["N.L."]}})
    >>> kwic(d, "NL", window=2)
      doc_id  start  end          left match       right
    0      a     15   18        of the   N.L  . marched.
    1      a     33   35  marched. The    NL        won.
    """
    require_columns(docs, ["doc_id", "text"])
    if unit not in ("tokens", "chars"):
        raise ValueError(f"unit must be 'tokens' or 'chars', got {unit!r}")
    table = resolve_aliases(docs, aliases)
    rx = _pattern_regex(pattern, table, regex)
    rows = []
    for doc_id, text in zip(docs["doc_id"].tolist(), _doc_texts(docs), strict=True):
        for m in rx.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            if unit == "chars":
                left, right = text[max(0, s - window) : s], text[e : e + window]
            else:
                left = " ".join(text[:s].split()[-window:]) if window else ""
                right = " ".join(text[e:].split()[:window]) if window else ""
            rows.append((doc_id, s, e, " ".join(left.split()), m.group(0), " ".join(right.split())))
    out = pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "match", "right"])
    return out.astype({"start": "int64", "end": "int64"})


def dispersion(docs, patterns, *, aliases=None, regex=False) -> pd.DataFrame:
    """Where each pattern occurs inside each document (for an x-ray plot).

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id`` and ``text``.
    patterns : str or list of str
        Alias keys, words or regexes, as in :func:`kwic`.

    Returns
    -------
    DataFrame
        ``term, doc_id, start, position``: ``position`` is ``start`` divided by
        the document's length (0 = beginning, 1 = end).  Sorted by the order of
        ``patterns``, docs order, start.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"doc_id": "a", "text": "vote now, vote"}])
    >>> dispersion(d, "vote").round(2)
       term doc_id  start  position
    0  vote      a      0      0.00
    1  vote      a     10      0.71
    """
    require_columns(docs, ["doc_id", "text"])
    if isinstance(patterns, str | re.Pattern):
        patterns = [patterns]
    table = resolve_aliases(docs, aliases)
    rows = []
    texts = _doc_texts(docs)
    for p in patterns:
        rx = _pattern_regex(p, table, regex)
        name = p.pattern if isinstance(p, re.Pattern) else p
        for doc_id, text in zip(docs["doc_id"].tolist(), texts, strict=True):
            n = max(len(text), 1)
            for m in rx.finditer(text):
                rows.append((name, doc_id, m.start(), m.start() / n))
    out = pd.DataFrame(rows, columns=["term", "doc_id", "start", "position"])
    return out.astype({"start": "int64", "position": "float64"})


# --- collocations --------------------------------------------------------------


def collocations(
    docs,
    *,
    min_count=3,
    aliases=None,
    stopwords="either",
    by="npmi",
) -> pd.DataFrame:
    """Word pairs that occur next to each other more often than chance.

    Counts adjacent token pairs inside each document (stopwords kept while
    pairing, so "camp in ashraf" does not make "camp ashraf"), then scores
    each pair ``(x, y)`` seen ``c(xy)`` times in a corpus of ``N`` tokens:

    * ``pmi`` = log2( p(xy) / (p(x) p(y)) ), with p(xy) = c(xy) / N and
      p(x) = c(x) / N;
    * ``npmi`` = pmi / -log2 p(xy), in [-1, 1] (1: the words only occur together);
    * ``t_score`` = (c(xy) - c(x) c(y) / N) / sqrt(c(xy)) (favours frequent pairs).

    Parameters
    ----------
    docs : DataFrame
        Needs ``doc_id`` and ``text``.
    min_count : int
        Minimum pair count (PMI overrates rare pairs).
    aliases : None, False, dict or AliasTable
        As in :func:`term_matrix`.
    stopwords : {"either", "both", False}
        Drop pairs with a stopword on either side (default), only pairs made
        of two stopwords (``"both"``), or none.
    by : {"npmi", "pmi", "t_score", "count"}
        Sort key (descending; ties by count, then bigram).

    Returns
    -------
    DataFrame
        ``bigram, first, second, count, pmi, npmi, t_score``.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> d = docs_frame([{"text": "human rights groups said human rights matter to the groups"}])
    >>> collocations(d, min_count=2).round(2)
             bigram  first  second  count   pmi  npmi  t_score
    0  human rights  human  rights      2  2.32   1.0     1.13
    """
    require_columns(docs, ["doc_id", "text"])
    if stopwords not in ("either", "both", False, None):
        raise ValueError("stopwords must be 'either', 'both' or False")
    table = resolve_aliases(docs, aliases)
    stop = _stopword_set(True, docs)
    norm = _Normalizer(stop, table.tokens if table else (), drop_stop=False)
    texts = _doc_texts(docs)
    codes, doc_idx, terms = _encode(texts, table, norm)
    cols = ["bigram", "first", "second", "count", "pmi", "npmi", "t_score"]
    if len(codes) < 2:
        return pd.DataFrame(columns=cols)
    n_tok = len(codes)
    uni = np.bincount(codes, minlength=len(terms)).astype(float)
    same = doc_idx[:-1] == doc_idx[1:]
    if table is not None:
        keyset = set(table.tokens)
        is_key = np.fromiter((t in keyset for t in terms), bool, len(terms))
        same &= ~_repeated_key(codes, is_key)
    x, y = codes[:-1][same].astype(np.int64), codes[1:][same].astype(np.int64)
    pair = x * len(terms) + y
    uniq, cnt = np.unique(pair, return_counts=True)
    keep = cnt >= min_count
    uniq, cnt = uniq[keep], cnt[keep].astype(float)
    fx, fy = uniq // len(terms), uniq % len(terms)
    terms_arr = np.asarray(terms, dtype=object)
    first, second = terms_arr[fx], terms_arr[fy]
    if stopwords:
        s1 = np.fromiter((t in stop or len(t) < 2 for t in first), bool, len(first))
        s2 = np.fromiter((t in stop or len(t) < 2 for t in second), bool, len(second))
        drop = (s1 | s2) if stopwords == "either" else (s1 & s2)
        keep = ~drop
        first, second, cnt, fx, fy = first[keep], second[keep], cnt[keep], fx[keep], fy[keep]
    p_xy = cnt / n_tok  # one N for pairs and words, so npmi = 1 for inseparable pairs
    p_x, p_y = uni[fx] / n_tok, uni[fy] / n_tok
    pmi = np.log2(p_xy / (p_x * p_y))
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.where(p_xy < 1, pmi / -np.log2(p_xy), 1.0)
    t = (cnt - uni[fx] * uni[fy] / n_tok) / np.sqrt(cnt)
    out = pd.DataFrame(
        {
            "bigram": (first + " " + second).astype(object) if len(first) else [],
            "first": first,
            "second": second,
            "count": cnt.astype("int64"),
            "pmi": pmi,
            "npmi": npmi,
            "t_score": t,
        },
        columns=cols,
    )
    if by not in ("npmi", "pmi", "t_score", "count"):
        raise ValueError(f"by must be one of npmi, pmi, t_score, count; got {by!r}")
    sort = [by, "count", "bigram"] if by != "count" else ["count", "npmi", "bigram"]
    out = out.assign(**{f"_{c}": out[c].round(9) for c in sort[:2]})
    out = out.sort_values([f"_{sort[0]}", f"_{sort[1]}", "bigram"], ascending=[False, False, True])
    return out[cols].reset_index(drop=True)
