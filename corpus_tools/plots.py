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


def _panel_grid(count, ax, *, ncols, single, row_height, what):
    """One Axes per panel, as a flat array: ``ax`` itself for one panel, else a grid."""
    import numpy as np

    if ax is not None and count > 1:
        raise ValueError(f"ax= works with one {what}; pass ax=None to get one panel per {what}")
    if ax is not None or count == 1:
        return np.array([_axes(ax, figsize=single)])
    ncols = min(ncols, count)
    nrows = -(-count // ncols)
    _, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, row_height * nrows))
    return np.ravel(axes)


def _finish_panels(axes, used):
    """Hide the grid's unused panels; one Axes back for one panel, else the array."""
    for panel in axes[used:]:
        panel.set_visible(False)
    if len(axes) > 1:
        axes[0].figure.tight_layout()
    return axes[0] if len(axes) == 1 else axes


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

    groups = sorted(freq["group"].unique().tolist())
    axes = _panel_grid(len(groups), ax, ncols=ncols, single=(6, 0.3 * n + 1), row_height=0.28 * n + 1, what="group")
    for panel, group in zip(axes, groups, strict=False):
        sub = freq[freq["group"] == group].sort_values([value, "term"], ascending=[False, True])
        sub = sub.head(n).iloc[::-1]
        panel.barh(sub["term"].astype(str), sub[value], color="tab:blue")
        panel.set_title(str(group), fontsize=10)
        panel.set_xlabel(value)
        panel.tick_params(axis="y", labelsize=8)
    return _finish_panels(axes, len(groups))


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
def plot_k_selection(table, ax=None):
    """Coherence and stability against the number of topics (``select_k(...).table``).

    Coherence (mean NPMI, left axis, blue) and stability (mean matched top-term
    Jaccard, right axis, orange) per k; the recommended k is marked by a dashed line.
    """
    ax = _axes(ax, figsize=(7, 3.5))
    t = table.sort_values("k")
    ax.plot(t["k"], t["coherence"], marker="o", color="tab:blue", label="coherence (NPMI)")
    ax.set_xlabel("number of topics k")
    ax.set_ylabel("mean NPMI coherence", color="tab:blue")
    ax.set_xticks(t["k"].tolist())
    right = ax.twinx()
    right.plot(t["k"], t["stability"], marker="s", color="tab:orange", label="stability")
    right.set_ylabel("stability (matched Jaccard)", color="tab:orange")
    right.set_ylim(0, 1.05)
    best = t.loc[t["recommended"], "k"]
    if len(best):
        ax.axvline(int(best.iloc[0]), color="0.4", linestyle="--", linewidth=1)
    ax.set_title("Choosing k: coherence and stability")
    return ax


def plot_topic_terms(terms, ax=None, *, labels=None, n=8, ncols=3):
    """Top ``n`` terms of each topic as horizontal bars, one small panel per topic.

    ``terms`` is ``model.terms`` (``topic, term, weight, rank``); ``labels`` maps
    topic -> panel title (e.g. ``dict(zip(model.labels.topic, model.labels.label))``).
    Returns the array of panel Axes (or ``ax`` when one topic is drawn on it).
    """

    topics = sorted(terms["topic"].unique().tolist())
    labels = dict(labels or {})
    axes = _panel_grid(len(topics), ax, ncols=ncols, single=(5, 0.3 * n + 1), row_height=0.3 * n + 1, what="topic")
    for panel, topic in zip(axes, topics, strict=False):
        sub = terms[(terms["topic"] == topic) & (terms["rank"] <= n)].sort_values("rank")
        panel.barh(sub["term"].astype(str).iloc[::-1], sub["weight"].iloc[::-1], color="tab:green")
        panel.set_title(str(labels.get(topic, f"topic {topic}")), fontsize=9)
        panel.set_xlabel("share of topic weight", fontsize=8)
        panel.tick_params(axis="y", labelsize=8)
    return _finish_panels(axes, len(topics))


def plot_topic_prevalence(prevalence, ax=None, *, labels=None):
    """Heat map: share of each topic (columns) within each group (rows).

    ``prevalence`` is :func:`corpus_tools.topics.topic_prevalence` output; each
    row adds up to 1.  Rows are labelled with the group and its document count.
    """
    wide = prevalence.pivot(index="group", columns="topic", values="share").sort_index()
    counts = prevalence.drop_duplicates("group").set_index("group")["n_docs"]
    labels = dict(labels or {})
    ax = _axes(ax, figsize=(1.6 * wide.shape[1] + 3, 0.45 * wide.shape[0] + 1.6))
    im = ax.imshow(wide.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(wide.shape[1]))
    ax.set_xticklabels([str(labels.get(t, f"topic {t}")) for t in wide.columns], rotation=30,
                       ha="right", fontsize=8)  # fmt: skip
    ax.set_yticks(range(wide.shape[0]))
    ax.set_yticklabels([f"{g} ({int(counts[g])} docs)" for g in wide.index], fontsize=8)
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            v = float(wide.iloc[i, j])
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                    color="white" if v > 0.6 else "black")  # fmt: skip
    ax.figure.colorbar(im, ax=ax, fraction=0.04, label="share of the group's topic weight")
    ax.set_title("Which groups carry which topics")
    return ax



# --- timeline plots -------------------------------------------------------
def _shorten(text, n):
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def plot_chronology(events, ax=None, *, max_events=25, evidence_chars=60):
    """Events on a time axis, one row each, dots sized by how many documents mention them.

    ``events`` is :func:`corpus_tools.timeline.events` output.  Spans (decades,
    ranges) are drawn as bars from ``date`` to ``end_date``; each row is labelled
    with the event's label and the start of its evidence sentence.  When there are
    more than ``max_events``, the ones mentioned by most documents are kept
    (ties: earlier first).
    """
    import matplotlib.dates as mdates
    import pandas as pd

    ev = events.copy()
    if len(ev) > max_events:
        ev = ev.assign(_i=range(len(ev))).sort_values(
            ["n_docs", "n_mentions", "_i"], ascending=[False, False, True]
        ).head(max_events).sort_values("_i")
    ev = ev.reset_index(drop=True)
    ax = _axes(ax, figsize=(10, max(3, 0.38 * len(ev) + 1)))
    y = list(range(len(ev)))[::-1]
    start = pd.to_datetime(ev["date"])
    end = pd.to_datetime(ev["end_date"])
    span = (end - start).dt.days > 1
    for yi, s, e, is_span in zip(y, start, end, span, strict=True):
        if is_span:
            ax.plot([s, e], [yi, yi], color="tab:blue", alpha=0.35, linewidth=6, solid_capstyle="butt")
    mid = start + (end - start) / 2
    sizes = 30 + 60 * ev["n_docs"].astype(float)
    ax.scatter(mid, y, s=sizes, color="tab:blue", zorder=3, edgecolor="white")
    ax.set_yticks(y)
    ax.set_yticklabels(ev["label"].tolist())
    right = end.max() if len(ev) else pd.Timestamp("2000-01-01")
    for yi, n, sent in zip(y, ev["n_docs"], ev["sentence"], strict=True):
        ax.annotate(f"{int(n)} doc{'s' if n != 1 else ''}: {_shorten(sent, evidence_chars)}",
                    (right, yi), xytext=(12, 0), textcoords="offset points", va="center",
                    fontsize=7, color="0.3", annotation_clip=False)  # fmt: skip
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel("date mentioned in the texts")
    ax.set_title("Chronology as the corpus tells it (dot size: number of documents)")
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_mentions_per_year(counts, ax=None):
    """Bars of mentions per period (``mention_counts`` output, ungrouped)."""
    ax = _axes(ax)
    ax.bar(counts["period"], counts["n_mentions"], width=0.8 * _bar_width(counts["period"]),
           color="tab:blue")  # fmt: skip
    ax.set_xlabel("year mentioned")
    ax.set_ylabel("mentions")
    ax.set_title("How often each year is mentioned")
    return ax


def _bar_width(periods):
    import numpy as np

    diffs = np.diff(sorted({int(p) for p in periods}))
    return int(diffs.min()) if len(diffs) else 1


def plot_publication_volume(timeline, ax=None):
    """Documents per period (``publication_timeline`` output); gaps marked with a grey x."""
    import numpy as np

    ax = _axes(ax)
    labels = [str(p) for p in timeline["period"]]
    x = np.arange(len(labels))
    n = timeline["n_docs"].to_numpy(dtype=float)
    ax.bar(x, np.nan_to_num(n), color="tab:blue")
    gaps = np.isnan(n)
    ax.scatter(x[gaps], np.zeros(gaps.sum()), marker="x", color="0.6", label="no documents (gap)")
    ax.set_xticks(x)
    ax.set_xticklabels(labels, rotation=45, ha="right", fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("documents published")
    ax.set_title("Publication volume")
    if gaps.any():
        ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_term_trends(trends, ax=None, *, value="share"):
    """One line per term over the publication periods (``term_trends`` output).

    Gaps (periods without documents) break the lines instead of dropping to zero.
    """
    import numpy as np

    ax = _axes(ax)
    periods = list(dict.fromkeys(trends["period"]))
    pos = {p: i for i, p in enumerate(periods)}
    for term, part in trends.groupby("term", sort=False):
        x = np.array([pos[p] for p in part["period"]])
        y = part[value].to_numpy(dtype=float) * (1000 if value == "share" else 1)
        ax.plot(x, y, marker="o", label=str(term))
    ax.set_xticks(range(len(periods)))
    ax.set_xticklabels([str(p) for p in periods], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("per 1,000 tokens" if value == "share" else value)
    ax.set_title("Term trends by publication period")
    ax.legend(fontsize=8)
    return ax


def plot_topic_trends(trends, ax=None, *, labels=None):
    """One line per topic: its mean share per publication period (``topic_trends`` output).

    ``labels`` maps topic -> label for the legend (e.g. from ``model.labels``).
    Gaps (periods without documents) break the lines.
    """
    import numpy as np

    ax = _axes(ax)
    periods = list(dict.fromkeys(trends["period"]))
    pos = {p: i for i, p in enumerate(periods)}
    labels = dict(labels or {})
    for topic, part in trends.groupby("topic", sort=True):
        x = np.array([pos[p] for p in part["period"]])
        ax.plot(x, part["share"].to_numpy(dtype=float), marker="o",
                label=str(labels.get(topic, f"topic {topic}")))  # fmt: skip
    ax.set_xticks(range(len(periods)))
    ax.set_xticklabels([str(p) for p in periods], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("mean topic share")
    ax.set_title("Topic trends by publication period")
    ax.legend(fontsize=8)
    return ax
