"""Named small corpora shared by the tests (like scikit-learn's JUNK_FOOD_DOCS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tools import docs_frame

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Four tiny news items about two made-up organisations with spelling variants.
TINY_NEWS = [
    {"doc_id": "a:1", "source": "a.txt", "kind": "article", "site": "alpha.example",
     "published": "2019-08-05", "title": "Rally in Paris",
     "text": "The Northern League (NL) held a rally in Paris on August 5, 2019. "
             "The N.L. said 2,000 members came."},
    {"doc_id": "a:2", "source": "a.txt", "kind": "comment", "parent_id": "a:1",
     "site": "alpha.example", "title": None,
     "text": "The NL is a cult. The Northern League lies."},
    {"doc_id": "b:1", "source": "b.txt", "kind": "article", "site": "beta.example",
     "published": "2018-03-01", "title": "Budget vote",
     "text": "Parliament passed the budget 251-170 in March 2018. Farmers protested the budget."},
    {"doc_id": "c:1", "source": "c.txt", "kind": "article", "site": "beta.example",
     "published": None, "title": None,
     "text": "Founded in the 1960s, the group was listed from 1997 to 2012."},
]  # fmt: skip

TINY_CONFIG = {"aliases": {"NL": ["Northern League", "N.L."]}, "stopwords": ["said"]}


@pytest.fixture
def tiny_docs():
    """A four-document docs table with the corpus contract's columns and a config."""
    return docs_frame(TINY_NEWS, config=TINY_CONFIG)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
