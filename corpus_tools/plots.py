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


# --- terms plots ----------------------------------------------------------


# --- topics plots ---------------------------------------------------------


# --- timeline plots -------------------------------------------------------
