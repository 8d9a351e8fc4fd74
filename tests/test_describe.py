"""Plain-language summaries: they follow the data, including corpora with nothing to say."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import corpus_tools as ct


def test_summaries_follow_another_corpus():
    corpus = ct.load_corpus(Path(__file__).parent / "data" / "pages")
    docs = corpus.docs
    dated = int(docs["published"].notna().sum())
    text = ct.describe_publication(docs, ct.publication_timeline(docs, freq="D"))
    assert text.startswith(f"{dated} of {len(docs)} documents show a publication date")
    bounds = ct.date_bounds(docs)
    undated = int((bounds["basis"] != "published").sum())
    if undated:
        assert ct.describe_bounds(bounds).startswith(f"{undated} document")
    else:  # every page of these templates shows its date
        assert ct.describe_bounds(bounds) == "Every document shows its publication date; no bounds are needed."
    # Without its dates, the summary speaks of every document.
    blind = ct.date_bounds(docs.assign(published=pd.NaT))
    assert ct.describe_bounds(blind).startswith(f"{len(docs)} documents show no publication date")


def test_summaries_of_empty_results():
    docs = ct.docs_frame([{"doc_id": "a:1", "source": "a.txt", "text": "No dates here."}])
    assert "None of the 1 document" in ct.describe_publication(docs, ct.publication_timeline(docs, freq="D"))
    empty = pd.DataFrame({"period": [], "n_mentions": [], "n_docs": []})
    assert ct.describe_mentioned_periods(empty) == "No year is mentioned in the texts."
    by_source = pd.DataFrame({"source": [], "period": [], "n_mentions": []})
    assert ct.describe_sources_by_period(by_source, ["a.txt"]) == "a.txt mentions no date."
    trends = pd.DataFrame({"period": [], "term": [], "count": [], "share": []})
    assert ct.describe_trends(trends) == "No dated document, so no trend can be drawn."
    dated = ct.docs_frame([{"doc_id": "a:1", "source": "a.txt", "text": "x", "published": "2020-01-01"}])
    assert ct.describe_bounds(ct.date_bounds(dated)) == "Every document shows its publication date; no bounds are needed."


def test_many_files_are_listed_with_a_count_of_the_rest():
    docs = ct.docs_frame(
        [{"doc_id": f"{k}:1", "source": f"{k}.txt", "text": "x", "published": f"2020-01-0{k + 1}"} for k in range(5)]
    )
    text = ct.describe_publication(docs, ct.publication_timeline(docs, freq="D"))
    assert "from 5 files (0.txt, 1.txt, 2.txt and 2 more)" in text
