"""One function per figure: ``plot_x(table, ax=None) -> matplotlib Axes``.

Each takes the tidy table an analysis function returned, draws on ``ax`` (or a
new figure) and returns the Axes, so notebooks can adjust titles or save them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt


def _axes(ax=None, figsize=(8, 4)):
    """Return ``ax`` or a new Axes of the given size."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


# --- corpus plots ---------------------------------------------------------


def plot_doc_lengths(docs, ax=None, bins: int = 20):
    """Histogram of document length in words, one colour per document kind."""
    ax = _axes(ax)
    kinds = sorted(docs["kind"].dropna().unique())
    data = [docs.loc[docs["kind"] == k, "n_words"] for k in kinds]
    ax.hist(data, bins=bins, stacked=True, label=kinds)
    ax.set_xlabel("words in document")
    ax.set_ylabel("documents")
    ax.set_title("Document lengths")
    ax.legend(title="kind")
    return ax


def plot_removed_roles(removed, ax=None):
    """Horizontal bars: removed lines per role (the table of ``removed_by_role``)."""
    ax = _axes(ax)
    table = removed[removed["role"] != "blank"].sort_values(["lines", "role"], ascending=[True, False])
    ax.barh(table["role"], table["lines"], color="#7a7a7a")
    ax.set_xlabel("lines removed")
    ax.set_title("Why lines were removed (blank lines not shown)")
    return ax


# --- terms plots ----------------------------------------------------------
def plot_top_terms(freq, ax=None, *, n=10, ncols=3, value="count"):
    """Top ``n`` terms per group as horizontal bars, one small panel per group.

    ``freq`` is :func:`corpus_tools.terms.term_frequencies` output
    (``group, term, count, docs, share``); ``value`` is the column drawn.
    Returns the Axes when there is one group (or ``ax`` is given, which then
    must be a single group), else the numpy array of panel Axes.
    """
    import numpy as np

    groups = sorted(freq["group"].unique().tolist())
    if ax is not None and len(groups) > 1:
        raise ValueError("ax= works with one group; pass ax=None to get one panel per group")
    if ax is not None or len(groups) == 1:
        axes = np.array([_axes(ax, figsize=(6, 0.3 * n + 1))])
    else:
        ncols = min(ncols, len(groups))
        nrows = -(-len(groups) // ncols)
        _, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, (0.28 * n + 1) * nrows))
        axes = np.ravel(axes)
    for panel, group in zip(axes, groups, strict=False):
        sub = freq[freq["group"] == group].sort_values([value, "term"], ascending=[False, True])
        sub = sub.head(n).iloc[::-1]
        panel.barh(sub["term"].astype(str), sub[value], color="tab:blue")
        panel.set_title(str(group), fontsize=10)
        panel.set_xlabel(value)
        panel.tick_params(axis="y", labelsize=8)
    for panel in axes[len(groups) :]:
        panel.set_visible(False)
    if len(axes) > 1:
        axes[0].figure.tight_layout()
    return axes[0] if len(axes) == 1 else axes


def plot_keyness(key, ax=None, *, n=10, value="log_ratio", target="target", reference="rest"):
    """Diverging bars: the ``n`` keyest terms of each side of a keyness table.

    ``key`` is :func:`corpus_tools.terms.keyness` output; terms are chosen by
    ``g2`` within each ``direction`` and drawn by ``value`` (``log_ratio`` or
    ``g2``, the latter signed: negative for the reference side).
    """
    import pandas as pd

    ax = _axes(ax, figsize=(7, 0.3 * 2 * n + 1))
    sides = []
    for direction in ("reference", "target"):
        side = key[key["direction"] == direction].sort_values(
            ["g2", "term"], ascending=[False, True]
        )
        sides.append(side.head(n))
    rows = pd.concat(sides)
    vals = rows[value].astype(float)
    if value == "g2":
        vals = vals.where(rows["direction"] == "target", -vals)
    order = vals.argsort(kind="stable")
    rows, vals = rows.iloc[order], vals.iloc[order]
    colors = ["tab:red" if d == "target" else "tab:gray" for d in rows["direction"]]
    ax.barh(rows["term"].astype(str), vals, color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"{value} ({target} \u2192, \u2190 {reference})")
    ax.tick_params(axis="y", labelsize=8)
    return ax


def plot_dispersion(disp, ax=None, *, docs=None, label="doc_id"):
    """Lexical dispersion ("x-ray") plot: a tick per occurrence.

    ``disp`` is :func:`corpus_tools.terms.dispersion` output (``term, doc_id,
    start, position``).  Documents are rows (all of ``docs`` in docs order when
    given, else those with a hit), the x axis the relative position inside the
    document (0 = start, 1 = end); one colour per term.
    """
    doc_ids = docs["doc_id"].tolist() if docs is not None else list(dict.fromkeys(disp["doc_id"]))
    labels = docs[label].astype(str).tolist() if docs is not None else doc_ids
    row = {d: i for i, d in enumerate(doc_ids)}
    ax = _axes(ax, figsize=(8, 0.25 * len(doc_ids) + 1.2))
    terms = list(dict.fromkeys(disp["term"]))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, term in enumerate(terms):
        sub = disp[(disp["term"] == term) & disp["doc_id"].isin(row)]
        ys = [row[d] for d in sub["doc_id"]]
        ax.scatter(
            sub["position"], ys, marker="|", s=120, color=colors[i % len(colors)], label=term
        )
    ax.set_yticks(range(len(doc_ids)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_ylim(len(doc_ids) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("relative position in the document")
    if terms:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return ax


# --- topics plots ---------------------------------------------------------


# --- timeline plots -------------------------------------------------------
