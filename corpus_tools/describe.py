"""Plain-language summaries of results, computed from the tables themselves.

The notebooks print these under their tables so that the sentence a reader sees
is true for whatever corpus ``CORPUS_DIR`` points at, not only for the seeds.
Each function takes the table the notebook has just shown and returns one short
Markdown paragraph.
"""

from __future__ import annotations

import pandas as pd

from ._validate import require_columns


def _day(ts) -> str:
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%B %Y}"


def _listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def describe_publication(docs: pd.DataFrame, timeline: pd.DataFrame) -> str:
    """How many documents are dated, over what span, from which files, with what gaps.

    ``timeline`` is the result of :func:`corpus_tools.publication_timeline` on ``docs``.

    >>> import corpus_tools as ct
    >>> d = ct.docs_frame([{"doc_id": "a:1", "source": "a.txt", "text": "x", "published": "2019-07-27"},
    ...                    {"doc_id": "a:2", "source": "a.txt", "text": "y", "published": "2019-07-29"},
    ...                    {"doc_id": "b:1", "source": "b.txt", "text": "z"}])
    >>> describe_publication(d, ct.publication_timeline(d, freq="D"))
    '2 of 3 documents show a publication date, from 27 July 2019 to 29 July 2019, all from 1 file (a.txt). 1 of the 3 periods in that span has no document.'
    """
    require_columns(docs, ["published", "source"])
    dated = docs[docs["published"].notna()]
    if dated.empty:
        return (
            f"None of the {_plural(len(docs), 'document')} shows a publication date, so there is no "
            "publication timeline; the bounds below are all that can be said about when they were written."
        )
    files = sorted(dated["source"].unique())
    shown = _listing(files) if len(files) <= 3 else ", ".join(files[:3]) + f" and {len(files) - 3} more"
    where = f"all from 1 file ({shown})" if len(files) == 1 else f"from {len(files)} files ({shown})"
    text = (
        f"{len(dated)} of {_plural(len(docs), 'document')} show a publication date, from "
        f"{_day(dated['published'].min())} to {_day(dated['published'].max())}, {where}."
    )
    empty = int(timeline["n_docs"].isna().sum()) if "n_docs" in timeline else 0
    if len(timeline):
        text += f" {empty} of the {len(timeline)} periods in that span {'has' if empty == 1 else 'have'} no document."
    return text


def describe_bounds(bounds: pd.DataFrame) -> str:
    """What the date bounds say about the undated documents (:func:`corpus_tools.date_bounds`).

    >>> b = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "basis": ["published", "mentions", "parent", "none"],
    ...                   "date_min": pd.to_datetime(["2019-01-01", "2008-05-02", "2008-05-02", None])})
    >>> describe_bounds(b)
    '3 documents show no publication date. For 1 the text dates an event (the latest on 2 May 2008), 1 comment takes the bound of its article and for 1 nothing can be said.'
    """
    require_columns(bounds, ["basis", "date_min"])
    undated = bounds[bounds["basis"] != "published"]
    if undated.empty:
        return "Every document shows its publication date; no bounds are needed."
    by = undated["basis"].value_counts()
    parts = []
    n_mentions = int(by.get("mentions", 0))
    if n_mentions:
        latest = undated.loc[undated["basis"] == "mentions", "date_min"].max()
        parts.append(f"for {n_mentions} the text dates an event (the latest on {_day(latest)})")
    n_parent = int(by.get("parent", 0))
    if n_parent:
        parts.append(f"{_plural(n_parent, 'comment')} {'takes' if n_parent == 1 else 'take'} the bound of "
                     f"{'its' if n_parent == 1 else 'their'} article")  # fmt: skip
    n_none = int(by.get("none", 0))
    if n_none:
        parts.append(f"for {n_none} nothing can be said")
    said = _listing(parts)
    return f"{_plural(len(undated), 'document')} show{'s' if len(undated) == 1 else ''} no publication date. {said[0].upper()}{said[1:]}."


def describe_mentioned_periods(counts: pd.DataFrame, n: int = 3, unit: str = "year") -> str:
    """The most mentioned periods (:func:`corpus_tools.mention_counts`), busiest first.

    >>> c = pd.DataFrame({"period": [1979, 2018, 2012], "n_mentions": [7, 9, 3], "n_docs": [5, 4, 2]})
    >>> describe_mentioned_periods(c, n=2)
    'The most mentioned years: 2018 (9 mentions in 4 documents) and 1979 (7 mentions in 5 documents).'
    """
    require_columns(counts, ["period", "n_mentions", "n_docs"])
    if counts.empty:
        return f"No {unit} is mentioned in the texts."
    top = counts.sort_values(["n_mentions", "period"], ascending=[False, True]).head(n)
    items = [
        f"{r.period} ({_plural(int(r.n_mentions), 'mention')} in {_plural(int(r.n_docs), 'document')})"
        for r in top.itertuples()
    ]
    return f"The most mentioned {unit}s: {_listing(items)}."


def describe_sources_by_period(counts: pd.DataFrame, sources, unit: str = "decade") -> str:
    """For each source, the period it mentions most, and the sources that mention none.

    ``counts`` comes from :func:`corpus_tools.mention_counts` with ``by="source"``;
    ``sources`` lists every source of the corpus.

    >>> c = pd.DataFrame({"source": ["a", "a", "b"], "period": [1980, 2010, 2000], "n_mentions": [2, 5, 1]})
    >>> describe_sources_by_period(c, ["a", "b", "c"])
    'a mentions the 2010s most (5 of 7 mentions, 1980s–2010s); b mentions the 2000s most (1 of 1 mention, 2000s); c mentions no date.'
    """
    require_columns(counts, ["source", "period", "n_mentions"])
    parts = []
    for src in sorted(set(sources)):
        mine = counts[counts["source"] == src]
        if mine.empty or int(mine["n_mentions"].sum()) == 0:
            parts.append(f"{src} mentions no date")
            continue
        top = mine.sort_values(["n_mentions", "period"], ascending=[False, True]).iloc[0]
        total = int(mine["n_mentions"].sum())
        span = f"{mine['period'].min()}s–{mine['period'].max()}s" if mine["period"].nunique() > 1 else f"{top.period}s"
        parts.append(
            f"{src} mentions the {top.period}s most ({int(top.n_mentions)} of {_plural(total, 'mention')}, {span})"
        )
    return "; ".join(parts) + "." if parts else "No source mentions a date."


def describe_trends(trends: pd.DataFrame, min_periods: int = 4) -> str:
    """Per term: total count and the period where it is densest (:func:`corpus_tools.term_trends`).

    >>> t = pd.DataFrame({"period": ["w1", "w1", "w2", "w2"], "term": ["A", "B", "A", "B"],
    ...                   "count": [2.0, 0.0, 8.0, 1.0], "share": [0.01, 0.0, 0.02, 0.001]})
    >>> describe_trends(t)
    'Over 2 periods: A occurs 10 times, densest in w2 (20.0 per 1,000 tokens); B occurs 1 time, densest in w2 (1.0 per 1,000 tokens). With fewer than 4 periods these are single snapshots, not a trend.'
    """
    require_columns(trends, ["period", "term", "count", "share"])
    periods = trends["period"].nunique()
    if not periods:
        return "No dated document, so no trend can be drawn."
    parts = []
    for term, rows in trends.groupby("term", sort=False):
        total = int(rows["count"].fillna(0).sum())
        if total == 0:
            parts.append(f"{term} does not occur")
            continue
        best = rows.sort_values(["share", "period"], ascending=[False, True]).iloc[0]
        parts.append(
            f"{term} occurs {_plural(total, 'time')}, densest in {best.period} ({best.share * 1000:.1f} per 1,000 tokens)"
        )
    text = f"Over {_plural(periods, 'period')}: " + "; ".join(parts) + "."
    if periods < min_periods:
        text += f" With fewer than {min_periods} periods these are single snapshots, not a trend."
    return text


#: Words for a topic measure, from the highest threshold down: the first one the value reaches.
_COHERENCE = (
    (0.1, "clearly coherent (their top words occur together well above chance)"),
    (0.0, "weakly coherent (their top words occur together little more often than by chance)"),
    (float("-inf"), "not coherent (their top words occur together less often than by chance)"),
)
_STABILITY = (
    (0.8, "stable (refits keep most of each topic's top words)"),
    (0.5, "partly stable (refits keep about half to three quarters of each topic's top words)"),
    (float("-inf"), "unstable (refits change most of each topic's top words)"),
)


def _grade(value: float, ladder) -> str:
    if value != value:  # NaN: nothing was measured
        return "not measured (no value)"
    return next(words for threshold, words in ladder if value >= threshold)


def describe_k_choice(table: pd.DataFrame) -> str:
    """How good the recommended number of topics is, in words (``select_k(...).table``).

    >>> t = pd.DataFrame({"k": [2, 3], "coherence": [-0.036, -0.157], "stability": [0.675, 0.49],
    ...                   "recommended": [True, False]})
    >>> print(describe_k_choice(t))
    At the recommended k = 2 the topics are not coherent (their top words occur together less often than by chance; mean NPMI -0.036) and partly stable (refits keep about half to three quarters of each topic's top words; stability 0.68). Over all k tried, mean NPMI ranges from -0.157 to -0.036 and stability from 0.49 to 0.68.
    """
    require_columns(table, ["k", "coherence", "stability", "recommended"])
    row = table[table["recommended"]].iloc[0]
    coh = _grade(float(row.coherence), _COHERENCE).replace(")", f"; mean NPMI {row.coherence:.3f})")
    stab = _grade(float(row.stability), _STABILITY).replace(")", f"; stability {row.stability:.2f})")
    return (
        f"At the recommended k = {int(row.k)} the topics are {coh} and {stab}. Over all k tried, mean NPMI "
        f"ranges from {table['coherence'].min():.3f} to {table['coherence'].max():.3f} and stability from "
        f"{table['stability'].min():.2f} to {table['stability'].max():.2f}."
    )


def describe_agreement(pairs: pd.DataFrame, high: float = 0.5, low: float = 0.2) -> str:
    """How far two models agree, from :func:`corpus_tools.match_topics` pairs (column ``jaccard``).

    >>> describe_agreement(pd.DataFrame({"jaccard": [1.0, 0.0]}))
    'The two models agree on 1 of 2 topics (top-term Jaccard at least 0.5) and disagree on 1 (below 0.2).'
    """
    require_columns(pairs, ["jaccard"])
    n = len(pairs)
    agree = int((pairs["jaccard"] >= high).sum())
    differ = int((pairs["jaccard"] < low).sum())
    return (
        f"The two models agree on {agree} of {_plural(n, 'topic')} (top-term Jaccard at least {high:g}) "
        f"and disagree on {differ} (below {low:g})."
    )
