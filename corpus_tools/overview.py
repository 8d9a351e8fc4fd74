"""Tidy summaries of a Corpus for its first look: files, documents, removed lines."""

from __future__ import annotations

import pandas as pd

from ._validate import require_columns


def docs_by_file(corpus) -> pd.DataFrame:
    """Documents per file and kind.

    Returns
    -------
    DataFrame
        ``source, status, article, comment, total``, one row per file (files
        with no documents show zeros), sorted by ``source``.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> docs_by_file(ct.load_corpus("seeds"))["total"].tolist()
    [1, 1, 10, 1, 14]
    """
    docs, files = corpus.docs, corpus.files
    counts = pd.crosstab(docs["source"], docs["kind"]).reindex(columns=["article", "comment"], fill_value=0)
    out = files[["source", "status"]].merge(counts, left_on="source", right_index=True, how="left")
    out[["article", "comment"]] = out[["article", "comment"]].fillna(0).astype("int64")
    out["total"] = out["article"] + out["comment"]
    return out.sort_values("source", kind="stable").reset_index(drop=True)


def removed_by_role(corpus, examples: int = 2, max_chars: int = 60) -> pd.DataFrame:
    """What normalisation removed, and why: one row per role of removed lines.

    Blank lines are counted but not exemplified.

    Returns
    -------
    DataFrame
        ``role, lines, share, files, examples``: number of removed lines with that
        role, their share of all removed non-blank lines, in how many files they
        occur, and up to ``examples`` distinct example texts (shortened), sorted by
        ``lines`` descending then ``role``.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> t = removed_by_role(ct.load_corpus("seeds"))
    >>> t.loc[t["role"] == "share", ["lines", "files"]].values.tolist()
    [[14, 1]]
    """
    lines = corpus.lines
    require_columns(lines, ["source", "text", "role", "doc_id"], name="lines")
    gone = lines[lines["doc_id"].isna()]
    rows = []
    nonblank = int((gone["role"] != "blank").sum())
    for role, group in gone.groupby("role", sort=True):
        texts = []
        if role != "blank":
            for text in group["text"]:
                short = text if len(text) <= max_chars else text[: max_chars - 1] + "…"
                if short not in texts:
                    texts.append(short)
                if len(texts) >= examples:
                    break
        rows.append(
            {
                "role": role,
                "lines": len(group),
                "share": round(len(group) / nonblank, 3) if role != "blank" and nonblank else None,
                "files": group["source"].nunique(),
                "examples": " | ".join(texts),
            }
        )
    out = pd.DataFrame(rows, columns=["role", "lines", "share", "files", "examples"])
    return out.sort_values(["lines", "role"], ascending=[False, True], kind="stable").reset_index(drop=True)


def page_audit(corpus, source: str, start: int = 1, end: int | None = None, max_chars: int = 70) -> pd.DataFrame:
    """The lines of one file with their roles and documents: the normalisation, auditable.

    Returns
    -------
    DataFrame
        ``line_no, role, doc_id, text`` for lines ``start..end`` of ``source``
        (text shortened to ``max_chars``).
    """
    lines = corpus.lines
    sel = lines[(lines["source"] == source) & (lines["line_no"] >= start)]
    if end is not None:
        sel = sel[sel["line_no"] <= end]
    if sel.empty:
        known = sorted(lines["source"].unique())[:5]
        raise ValueError(f"no lines for source {source!r} in that range; sources look like {known}")
    text = sel["text"].map(lambda t: t if len(t) <= max_chars else t[: max_chars - 1] + "…")
    return sel.assign(text=text)[["line_no", "role", "doc_id", "text"]].reset_index(drop=True)
