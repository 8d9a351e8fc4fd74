"""Time in a corpus: when pages were published, and what time their texts talk about.

* :func:`publication_timeline` - documents per period, with empty periods as gaps.
* :func:`events` - a chronology built from the dates the texts mention, with evidence.
* :func:`mention_counts` - how often each year (or decade) is mentioned, per group.
* :func:`date_bounds` - a publication date, or bounds for it, for every document.
* :func:`term_trends` / :func:`topic_trends` - terms and topics per publication period.

A period in which no document was published is a *gap*: its counts and shares are
NaN, not 0, because nothing was observed there (0 would claim that documents
existed and did not mention the term).  Undated documents are left out of the
per-period tables; :func:`date_bounds` says what can be known about them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._validate import require_columns
from .dates import _PRECISION_RANK, base_precision, date_label, date_mentions

_FREQ = {"D": "D", "W": "W", "M": "M", "ME": "M", "MS": "M", "Q": "Q", "QE": "Q", "QS": "Q",
         "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y"}  # fmt: skip
_UNITS = {"year": 1, "decade": 10, "century": 100}
_ENOUGH_WORDS = 18
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_FUNCTION_WORDS = frozenset(
    """the and for that with this from was were are has have had not but its their his her
    they them who which what when where while been being into than then there these those
    also said says such about after before over under our your you she him will would could
    should can may might all any some more most other only very""".split()
)


def _period_freq(freq: str) -> str:
    try:
        return _FREQ[str(freq).upper()]
    except KeyError:
        raise ValueError(f"freq must be one of {sorted(set(_FREQ))}, got {freq!r}") from None


def _dated(docs: pd.DataFrame, freq: str) -> pd.DataFrame:
    """doc_id and publication period of the documents that have a publication date."""
    pub = pd.to_datetime(docs["published"], errors="coerce")
    keep = pub.notna()
    out = pd.DataFrame({"doc_id": docs.loc[keep, "doc_id"].to_numpy()})
    out["period"] = pub[keep].dt.to_period(_period_freq(freq)).to_numpy()
    return out


def _all_periods(periods: pd.Series, freq: str) -> pd.PeriodIndex:
    if periods.empty:
        return pd.PeriodIndex([], freq=_period_freq(freq), name="period")
    return pd.period_range(periods.min(), periods.max(), freq=_period_freq(freq), name="period")


def publication_timeline(docs: pd.DataFrame, freq: str = "M", *, kinds=None) -> pd.DataFrame:
    """Documents published per period, with periods without documents as gaps.

    Parameters
    ----------
    docs : DataFrame
        A docs table (``doc_id``, ``published``; ``kind`` when ``kinds`` is given).
    freq : str
        Period length: ``"D"``, ``"W"``, ``"M"`` (default), ``"Q"`` or ``"Y"``.
    kinds : list of str, optional
        Keep only these kinds (e.g. ``["article"]``).

    Returns
    -------
    DataFrame
        One row per period from the first to the last publication, with columns
        ``period`` (pandas Period), ``n_docs`` (float: NaN for a period with no
        document - a gap, not a zero) and ``share`` (of all dated documents; NaN
        in gaps).  ``attrs["n_undated"]`` counts the documents without a date.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([{"published": "2019-01-05"}, {"published": "2019-01-20"},
    ...                    {"published": "2019-03-02"}, {"published": None}])
    >>> t = publication_timeline(docs)
    >>> [(str(p), n) for p, n in zip(t["period"], t["n_docs"])]
    [('2019-01', 2.0), ('2019-02', nan), ('2019-03', 1.0)]
    >>> t.attrs["n_undated"]
    1
    """
    require_columns(docs, ["doc_id", "published"])
    if kinds is not None:
        require_columns(docs, ["kind"])
        docs = docs[docs["kind"].isin(list(kinds))]
    dated = _dated(docs, freq)
    counts = dated.groupby("period").size()
    index = _all_periods(dated["period"], freq)
    n = counts.reindex(index).astype("float64")
    out = pd.DataFrame({"period": index, "n_docs": n.to_numpy()})
    total = float(len(dated))
    out["share"] = out["n_docs"] / total if total else np.nan
    out.attrs["n_undated"] = int(len(docs) - len(dated))
    return out


def _sites(docs: pd.DataFrame) -> pd.Series:
    """Site of each doc, falling back to its source file name."""
    site = docs["site"] if "site" in docs.columns else pd.Series(None, index=docs.index)
    source = docs["source"] if "source" in docs.columns else docs["doc_id"]
    return site.where(site.notna(), source).astype(object)


def _content_score(sentence: str) -> int:
    """Distinct content words, capped: past the cap a sentence is informative enough."""
    words = {w.lower() for w in _WORD.findall(sentence)}
    return min(len(words - _FUNCTION_WORDS), _ENOUGH_WORDS)


def _mentions(docs, mentions, include_inferred: bool) -> pd.DataFrame:
    m = date_mentions(docs) if mentions is None else mentions
    require_columns(m, ["doc_id", "start", "surface", "date", "end_date", "precision", "sentence"],
                    name="mentions")  # fmt: skip
    if not include_inferred:
        m = m[~m["precision"].str.contains("inferred", regex=False)]
    return m


def events(
    docs: pd.DataFrame,
    by: str | None = None,
    *,
    mentions: pd.DataFrame | None = None,
    include_inferred: bool = True,
    aliases=None,
) -> pd.DataFrame:
    """A chronology: one row per date the texts mention, at its precision, with evidence.

    Parameters
    ----------
    docs : DataFrame
        A docs table (``doc_id``, ``text``, ``published``; ``site``/``source``
        name the sites).
    by : None, "alias" or str
        ``None``: one chronology.  ``"alias"``: one chronology per alias key of the
        corpus (see :func:`corpus_tools.aliases.resolve_aliases`); a mention belongs
        to a key when its sentence names the key or one of its variants.  Any other
        string names a docs column to group by (e.g. ``"site"``).
    mentions : DataFrame, optional
        Output of :func:`corpus_tools.dates.date_mentions` if already computed.
    include_inferred : bool
        Count dates completed from the publication date ("last May").
    aliases : None, False, dict or AliasTable
        Alias table for ``by="alias"`` (default: the corpus's own).

    Returns
    -------
    DataFrame
        Columns ``[group,] date, end_date, precision, label, n_mentions, n_docs,
        sites, sentence``: ``date``/``end_date`` bound the interval, ``precision``
        is its unit (``-inferred`` dropped: "last May" and "May 2019" are the same
        event), ``label`` a readable name ("26–30 July 1988", "1960s"), ``sites``
        the sites mentioning it (sorted, comma separated; the source file when a
        document has no site), ``sentence`` the most informative sentence (most
        distinct content words, counted up to 18 so that run-on sentences do not
        win; ties go to the shorter sentence, then the first in document order).
        Sorted by ``[group,] date``, then finer precision first, then
        ``end_date``.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([
    ...     {"doc_id": "a:1", "site": "a.org", "text": "In 1981 it led attacks."},
    ...     {"doc_id": "b:1", "site": "b.org", "text": "The group bombed offices in 1981. Later, in the 1980s, it moved."},
    ... ])
    >>> ev = events(docs)
    >>> ev[["label", "n_mentions", "n_docs", "sites"]].values.tolist()
    [['1980s', 1, 1, 'b.org'], ['1981', 2, 2, 'a.org, b.org']]
    >>> ev.loc[1, "sentence"]
    'The group bombed offices in 1981.'
    """
    require_columns(docs, ["doc_id", "text"])
    m = _mentions(docs, mentions, include_inferred).copy()
    meta = pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "_site": _sites(docs).to_numpy(),
                         "_order": np.arange(len(docs))})  # fmt: skip
    group_cols: list[str] = []
    if by == "alias":
        from .aliases import resolve_aliases

        table = resolve_aliases(docs, aliases)
        if table is None or not table.keys:
            raise ValueError("by='alias' needs an alias table: none in docs.attrs or aliases=")
        parts = []
        for key in table.keys:
            pat = table.pattern_for(key)
            hit = m["sentence"].map(lambda s, p=pat: bool(p.search(s)))
            parts.append(m[hit.to_numpy()].assign(key=key))
        m = pd.concat(parts, ignore_index=True) if parts else m.assign(key=[])
        group_cols = ["key"]
    elif by is not None:
        require_columns(docs, [by])
        meta[by] = docs[by].to_numpy()
        group_cols = [by]
    m = m.merge(meta, on="doc_id", how="left", suffixes=("_m", ""))
    m["precision"] = m["precision"].str.replace("-inferred", "", regex=False)
    m["_score"] = m["sentence"].map(_content_score)
    m["_len"] = m["sentence"].str.len()
    keys = [*group_cols, "date", "end_date", "precision"]
    columns = [*group_cols, "date", "end_date", "precision", "label", "n_mentions", "n_docs",
               "sites", "sentence"]  # fmt: skip
    if m.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        for c in ("date", "end_date"):
            out[c] = out[c].astype("datetime64[ns]")
        for c in ("n_mentions", "n_docs"):
            out[c] = out[c].astype("int64")
        return out
    order = [True] * len(keys) + [False, True, True, True]
    best = (
        m.sort_values([*keys, "_score", "_len", "_order", "start"], ascending=order)
        .drop_duplicates(keys)
        .set_index(keys)["sentence"]
    )
    grouped = m.groupby(keys, sort=False, dropna=False)
    out = pd.DataFrame(
        {
            "n_mentions": grouped.size(),
            "n_docs": grouped["doc_id"].nunique(),
            "sites": grouped["_site"].agg(
                lambda s: ", ".join(sorted({str(x) for x in s.dropna()}))
            ),
        }
    )
    out["sentence"] = best.reindex(out.index).to_numpy()
    out = out.reset_index()
    out["label"] = [
        date_label(d, e, p)
        for d, e, p in zip(out["date"], out["end_date"], out["precision"], strict=True)
    ]
    out["_rank"] = out["precision"].map(
        lambda p: _PRECISION_RANK[base_precision(p)] + 0.5 * ("range" in p)
    )
    out = out.sort_values([*group_cols, "date", "_rank", "end_date", "label"], kind="mergesort")
    out["n_mentions"] = out["n_mentions"].astype("int64")
    out["n_docs"] = out["n_docs"].astype("int64")
    return out[columns].reset_index(drop=True)


def mention_counts(
    docs: pd.DataFrame,
    by: str | None = None,
    *,
    unit: str = "year",
    mentions: pd.DataFrame | None = None,
    include_inferred: bool = False,
) -> pd.DataFrame:
    """How often the texts mention each year (or decade, century), optionally per group.

    A mention is counted once, in the period holding its first day (a range
    "1997-2012" counts for 1997).  Mentions coarser than ``unit`` ("the 1970s"
    when counting years) are left out: they do not point at one period.

    Parameters
    ----------
    docs : DataFrame
        A docs table.
    by : str, optional
        A docs column to group by (``"site"``, ``"source"``, ``"kind"``...).
    unit : {"year", "decade", "century"}
    mentions : DataFrame, optional
        Output of :func:`corpus_tools.dates.date_mentions` if already computed.
    include_inferred : bool
        Count dates completed from the publication date (default False: those
        mostly point at the publication time itself).

    Returns
    -------
    DataFrame
        Columns ``[group,] period, n_mentions, n_docs``; ``period`` is the first
        year of the period (int).  Sorted by ``[group,] period``.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([{"text": "In 1981 and 1988, and in the 1980s."}, {"text": "Since 1979."}])
    >>> mention_counts(docs, unit="decade").values.tolist()
    [[1970, 1, 1], [1980, 3, 1]]
    >>> mention_counts(docs)["period"].tolist()
    [1979, 1981, 1988]
    """
    require_columns(docs, ["doc_id", "text"])
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of {list(_UNITS)}, got {unit!r}")
    m = _mentions(docs, mentions, include_inferred)
    rank = _PRECISION_RANK[unit]
    keep = m["precision"].map(lambda p: _PRECISION_RANK[base_precision(p)] <= rank)
    m = m[keep.to_numpy(dtype=bool)] if len(m) else m
    step = _UNITS[unit]
    frame = pd.DataFrame({"doc_id": m["doc_id"].to_numpy(),
                          "period": (m["date"].dt.year // step * step).to_numpy(dtype="int64")})  # fmt: skip
    group_cols = []
    if by is not None:
        require_columns(docs, [by])
        frame = frame.merge(docs[["doc_id", by]], on="doc_id", how="left")
        group_cols = [by]
    g = frame.groupby([*group_cols, "period"], sort=True, dropna=False)
    out = pd.DataFrame({"n_mentions": g.size(), "n_docs": g["doc_id"].nunique()}).reset_index()
    out["period"] = out["period"].astype("int64")
    for c in ("n_mentions", "n_docs"):
        out[c] = out[c].astype("int64")
    return out[[*group_cols, "period", "n_mentions", "n_docs"]]


def _unit_floor(ts: pd.Timestamp, unit: str) -> pd.Timestamp:
    """First day of the ``unit`` holding ``ts`` (for the last element of a range)."""
    if unit == "day" or unit == "week":
        return ts.normalize()
    if unit == "month":
        return pd.Timestamp(year=ts.year, month=ts.month, day=1)
    if unit in ("season", "quarter"):
        return pd.Timestamp(year=ts.year, month=(ts.month - 1) // 3 * 3 + 1, day=1)
    step = {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    return pd.Timestamp(year=ts.year // step * step, month=1, day=1)


def date_bounds(docs: pd.DataFrame, *, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """What can be known about when each document was written.

    * A document with a ``published`` date: both bounds are that date.
    * Otherwise the lower bound is the latest date its text mentions (a page
      cannot predate what it reports; for a range, the first day of its last
      element), and a comment cannot predate the article it comments on
      (``parent_id``).  The upper bound is the earliest publication date of the
      document's own comments when one has a date, else unknown (NaT).

    Dates a text mentions about the future ("the elections next year") would push
    the lower bound too late; ``evidence`` quotes the sentence so a reader can check.

    Parameters
    ----------
    docs : DataFrame
        A docs table (``doc_id``, ``text``, ``published``; ``parent_id``
        optional).
    mentions : DataFrame, optional
        Output of :func:`corpus_tools.dates.date_mentions` if already computed.

    Returns
    -------
    DataFrame
        One row per document, in docs order: ``doc_id``, ``date_min``,
        ``date_max`` (datetime64, NaT when unknown), ``basis`` (``published``,
        ``mentions``, ``parent`` or ``none``) and ``evidence`` (the date and its
        sentence, or None).

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([
    ...     {"doc_id": "a", "published": "2019-08-05", "text": "Founded in 1965."},
    ...     {"doc_id": "b", "text": "In 1981 it bombed offices. On May 2, 2008 the camp closed."},
    ...     {"doc_id": "c", "kind": "comment", "parent_id": "b", "text": "Shame."},
    ... ])
    >>> b = date_bounds(docs)
    >>> [(r.doc_id, str(r.date_min.date()), r.basis) for r in b.itertuples()]
    [('a', '2019-08-05', 'published'), ('b', '2008-05-02', 'mentions'), ('c', '2008-05-02', 'parent')]
    >>> b.loc[1, "evidence"]
    "'May 2, 2008' in: On May 2, 2008 the camp closed."
    """
    require_columns(docs, ["doc_id", "text", "published"])
    m = date_mentions(docs) if mentions is None else mentions
    m = m[~m["precision"].str.contains("inferred", regex=False)]
    pub = pd.to_datetime(docs["published"], errors="coerce").astype("datetime64[ns]")
    ids = docs["doc_id"].tolist()
    lower: dict[str, pd.Timestamp] = {}
    evidence: dict[str, str] = {}
    if len(m):
        floor = [
            _unit_floor(e, base_precision(p)) if "range" in p else d
            for d, e, p in zip(m["date"], m["end_date"], m["precision"], strict=True)
        ]
        cand = pd.DataFrame({"doc_id": m["doc_id"].to_numpy(), "low": floor,
                             "surface": m["surface"].to_numpy(), "sentence": m["sentence"].to_numpy(),
                             "start": m["start"].to_numpy()})  # fmt: skip
        cand = cand.sort_values(["doc_id", "low", "start"], ascending=[True, False, True])
        for row in cand.drop_duplicates("doc_id").itertuples(index=False):
            lower[row.doc_id] = pd.Timestamp(row.low)
            evidence[row.doc_id] = f"{row.surface!r} in: {row.sentence}"
    parents = docs["parent_id"].tolist() if "parent_id" in docs.columns else [None] * len(docs)
    pub_of = dict(zip(ids, pub, strict=True))
    # upper bound of an undated article: earliest dated comment under it
    children: dict[str, pd.Timestamp] = {}
    for parent, p in zip(parents, pub, strict=True):
        if isinstance(parent, str) and pd.notna(p):
            children[parent] = min(p, children.get(parent, p))

    rows = []
    resolved: dict[str, tuple] = {}

    def bound(doc_id, depth=0):
        if doc_id in resolved:
            return resolved[doc_id]
        p = pub_of.get(doc_id, pd.NaT)
        if pd.notna(p):
            res = (p, p, "published", "published date of the page")
        else:
            lo, basis, ev = lower.get(doc_id, pd.NaT), "mentions", evidence.get(doc_id)
            if pd.isna(lo):
                basis = "none"
            parent = parent_of.get(doc_id)
            if isinstance(parent, str) and parent in pub_of and depth < 20:
                plo = bound(parent, depth + 1)[0]
                if pd.notna(plo) and (pd.isna(lo) or plo > lo):
                    lo, basis, ev = plo, "parent", f"comment on {parent}"
            hi = children.get(doc_id, pd.NaT)
            res = (lo, hi, basis, ev)
        resolved[doc_id] = res
        return res

    parent_of = dict(zip(ids, parents, strict=True))
    for doc_id in ids:
        lo, hi, basis, ev = bound(doc_id)
        rows.append((doc_id, lo, hi, basis, ev))
    out = pd.DataFrame(rows, columns=["doc_id", "date_min", "date_max", "basis", "evidence"])
    for c in ("date_min", "date_max"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    for c in ("doc_id", "basis", "evidence"):
        out[c] = out[c].astype(object).where(out[c].notna(), None)
    return out


def _count_ngram(tokens: list[str], gram: list[str]) -> int:
    n = len(gram)
    if n == 0:
        return 0
    if n == 1:
        return tokens.count(gram[0])
    first = gram[0]
    return sum(
        1 for i in range(len(tokens) - n + 1) if tokens[i] == first and tokens[i : i + n] == gram
    )


def term_trends(docs: pd.DataFrame, terms, freq: str = "M", *, aliases=None) -> pd.DataFrame:
    """How often some terms occur per publication period.

    Terms are tokenised like the texts (:func:`corpus_tools.terms.tokenize`, with
    the corpus's alias folding), so ``"PMOI"`` and ``"MEK"`` count together when
    the alias table says they are one name, and a multi-word term counts its
    word sequence.

    Parameters
    ----------
    docs : DataFrame
        A docs table (``doc_id``, ``text``, ``published``).
    terms : str or list of str
    freq : str
        ``"D"``, ``"W"``, ``"M"`` (default), ``"Q"`` or ``"Y"``.
    aliases : None, False, dict or AliasTable
        As in :func:`corpus_tools.aliases.resolve_aliases` (default: the corpus's).

    Returns
    -------
    DataFrame
        ``period, term, count, share``: occurrences in the documents published in
        that period, and their share of all tokens of those documents.  Periods
        without any document are gaps: ``count`` and ``share`` are NaN.  Sorted by
        ``period`` then the order of ``terms``.

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([
    ...     {"published": "2019-01-03", "text": "The PMOI rallied. The MEK marched."},
    ...     {"published": "2019-03-09", "text": "Rain fell on the city."}],
    ...     config={"aliases": {"MEK": ["PMOI"]}})
    >>> t = term_trends(docs, ["MEK"])
    >>> [(str(p), c) for p, c in zip(t["period"], t["count"])]
    [('2019-01', 2.0), ('2019-02', nan), ('2019-03', 0.0)]
    """
    from .aliases import resolve_aliases
    from .terms import tokenize

    require_columns(docs, ["doc_id", "text", "published"])
    if isinstance(terms, str):
        terms = [terms]
    terms = list(dict.fromkeys(terms))
    table = resolve_aliases(docs, aliases)
    grams = [tokenize(t, aliases=table, stopwords=None) for t in terms]
    dated = _dated(docs, freq)
    text_of = dict(zip(docs["doc_id"], docs["text"], strict=True))
    rows = []
    for doc_id, period in zip(dated["doc_id"], dated["period"], strict=True):
        toks = tokenize(text_of[doc_id] or "", aliases=table, stopwords=None)
        rows.append([period, len(toks), *(_count_ngram(toks, g) for g in grams)])
    wide = pd.DataFrame(rows, columns=["period", "_n", *range(len(terms))])
    per = wide.groupby("period").sum()
    index = _all_periods(dated["period"], freq)
    per = per.reindex(index)
    parts = []
    for i, term in enumerate(terms):
        count = per[i].astype("float64") if len(per) else pd.Series(dtype="float64")
        share = count / per["_n"].where(per["_n"] > 0) if len(per) else count
        parts.append(pd.DataFrame({"period": index, "term": term, "count": count.to_numpy(),
                                   "share": share.to_numpy(dtype="float64"), "_i": i}))  # fmt: skip
    if not parts:
        return pd.DataFrame({"period": index[:0], "term": [], "count": [], "share": []})
    out = pd.concat(parts, ignore_index=True).sort_values(["period", "_i"], kind="mergesort")
    out["term"] = out["term"].astype(object)
    return out[["period", "term", "count", "share"]].reset_index(drop=True)


def topic_trends(model, docs: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """The average topic mix of the documents published in each period.

    Parameters
    ----------
    model : object with a ``doc_topics`` table
        Typically :func:`corpus_tools.topics.fit_topics` output; ``doc_topics`` has
        ``doc_id, topic, weight``.  Each document's weights are normalised to sum
        to 1 (documents with no weight are skipped).
    docs : DataFrame
        The docs table (``doc_id``, ``published``).
    freq : str
        ``"D"``, ``"W"``, ``"M"`` (default), ``"Q"`` or ``"Y"``.

    Returns
    -------
    DataFrame
        ``period, topic, share``: mean normalised weight of each topic over the
        period's documents (shares of a period sum to 1).  Periods without a
        document are gaps (NaN).  Sorted by ``period, topic``.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([{"doc_id": "a", "published": "2019-01-02"},
    ...                    {"doc_id": "b", "published": "2019-03-02"}])
    >>> dt = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "topic": [0, 1, 0, 1],
    ...                    "weight": [3.0, 1.0, 0.0, 2.0]})
    >>> t = topic_trends(SimpleNamespace(doc_topics=dt), docs)
    >>> [(str(p), k, s) for p, k, s in zip(t["period"], t["topic"], t["share"])]
    [('2019-01', 0, 0.75), ('2019-01', 1, 0.25), ('2019-02', 0, nan), ('2019-02', 1, nan), ('2019-03', 0, 0.0), ('2019-03', 1, 1.0)]
    """
    require_columns(docs, ["doc_id", "published"])
    dt = getattr(model, "doc_topics", None)
    if dt is None:
        raise TypeError("model must have a doc_topics table (doc_id, topic, weight); "
                        "did you pass the output of fit_topics?")  # fmt: skip
    require_columns(dt, ["doc_id", "topic", "weight"], name="model.doc_topics")
    dt = dt[["doc_id", "topic", "weight"]].copy()
    dt["weight"] = dt["weight"].astype("float64").clip(lower=0)
    total = dt.groupby("doc_id")["weight"].transform("sum")
    dt = dt[total > 0].assign(weight=lambda f: f["weight"] / total[total > 0])
    dated = _dated(docs, freq)
    merged = dt.merge(dated, on="doc_id", how="inner")
    topics = sorted(dt["topic"].unique().tolist())
    n_docs = merged.groupby("period")["doc_id"].nunique()
    sums = merged.groupby(["period", "topic"])["weight"].sum()
    index = _all_periods(merged["period"], freq)
    full = pd.MultiIndex.from_product([index, topics], names=["period", "topic"])
    sums = sums.reindex(full)
    present = n_docs.reindex(full.get_level_values("period")).to_numpy(dtype="float64")
    share = sums.fillna(0).to_numpy() / present
    out = pd.DataFrame({"period": full.get_level_values("period"),
                        "topic": full.get_level_values("topic"), "share": share})  # fmt: skip
    out["topic"] = out["topic"].astype("int64")
    return out
