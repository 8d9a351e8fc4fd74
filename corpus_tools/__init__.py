"""corpus_tools: scraped pages -> a lossless, tidy pandas corpus, and its analyses.

>>> import corpus_tools as ct
>>> corpus = ct.load_corpus("seeds")          # doctest: +SKIP
>>> corpus.docs[["title", "author", "published"]]   # doctest: +SKIP
"""

from importlib import import_module

from . import _native  # noqa: F401  (first: decides compiled or Python modules before they load)
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

# --- analysis exports, imported on first use ---
# Terms, topics and timelines need scipy and scikit-learn (about 0.8 s to
# import); loading a corpus, and the command line, do not.
_LAZY = {
    ".aliases": ["AliasTable", "alias_report", "discover_aliases", "resolve_aliases"],
    ".terms": [
        "TermMatrix", "collocations", "dispersion", "keyness", "kwic", "term_frequencies", "term_matrix",
        "tfidf_top_terms", "tokenize",
    ],
    ".topics": [
        "KSelection", "TopicModel", "fit_topics", "match_topics", "representative_docs", "select_k",
        "synthetic_corpus", "topic_coherence", "topic_prevalence",
    ],
    ".dates": ["date_label", "date_mentions", "find_dates"],
    ".describe": [
        "describe_agreement", "describe_bounds", "describe_k_choice", "describe_mentioned_periods",
        "describe_publication", "describe_sources_by_period", "describe_trends",
    ],
    ".timeline": ["date_bounds", "events", "mention_counts", "publication_timeline", "term_trends", "topic_trends"],
}  # fmt: skip
_HOME = {name: module for module, names in _LAZY.items() for name in names}
__all__ += sorted(_HOME)


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__version__ = "0.1.0"
