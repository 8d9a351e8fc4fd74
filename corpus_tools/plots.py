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


# --- topics plots ---------------------------------------------------------


# --- timeline plots -------------------------------------------------------
