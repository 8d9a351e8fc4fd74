"""corpus_tools: scraped pages -> a lossless, tidy pandas corpus, and its analyses.

>>> import corpus_tools as ct
>>> corpus = ct.load_corpus("seeds")          # doctest: +SKIP
>>> corpus.docs[["title", "author", "published"]]   # doctest: +SKIP
"""

from .config import CorpusConfig, config_from_docs, load_config
from .corpus import Corpus, docs_frame

__all__ = [
    "Corpus",
    "CorpusConfig",
    "config_from_docs",
    "docs_frame",
    "load_config",
]

# --- normalisation exports (corpus.py, readers.py, lines.py, segment.py) ---
from .corpus import CorpusFileError, load_corpus
from .lines import ROLES
from .overview import docs_by_file, page_audit, removed_by_role

__all__ += ["ROLES", "CorpusFileError", "docs_by_file", "load_corpus", "page_audit", "removed_by_role"]

# --- terms exports (aliases.py, terms.py) ---
from .aliases import AliasTable, alias_report, discover_aliases, resolve_aliases  # noqa: E402
from .terms import (  # noqa: E402
    TermMatrix,
    collocations,
    dispersion,
    keyness,
    kwic,
    term_frequencies,
    term_matrix,
    tfidf_top_terms,
    tokenize,
)

__all__ += [
    "AliasTable",
    "TermMatrix",
    "alias_report",
    "collocations",
    "discover_aliases",
    "dispersion",
    "keyness",
    "kwic",
    "resolve_aliases",
    "term_frequencies",
    "term_matrix",
    "tfidf_top_terms",
    "tokenize",
]

# --- topics exports (topics.py) ---
from .topics import (  # noqa: E402
    KSelection,
    TopicModel,
    fit_topics,
    match_topics,
    representative_docs,
    select_k,
    synthetic_corpus,
    topic_coherence,
    topic_prevalence,
)

__all__ += [
    "KSelection",
    "TopicModel",
    "fit_topics",
    "match_topics",
    "representative_docs",
    "select_k",
    "synthetic_corpus",
    "topic_coherence",
    "topic_prevalence",
]

# --- timeline exports (dates.py, timeline.py) ---
from .dates import date_label, date_mentions, find_dates  # noqa: E402
from .describe import (  # noqa: E402
    describe_agreement,
    describe_bounds,
    describe_k_choice,
    describe_mentioned_periods,
    describe_publication,
    describe_sources_by_period,
    describe_trends,
)
from .timeline import (  # noqa: E402
    date_bounds,
    events,
    mention_counts,
    publication_timeline,
    term_trends,
    topic_trends,
)

__all__ += [
    "date_bounds",
    "date_label",
    "date_mentions",
    "describe_agreement",
    "describe_bounds",
    "describe_k_choice",
    "describe_mentioned_periods",
    "describe_publication",
    "describe_sources_by_period",
    "describe_trends",
    "events",
    "find_dates",
    "mention_counts",
    "publication_timeline",
    "term_trends",
    "topic_trends",
]

__version__ = "0.1.0"
