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

# --- timeline exports (dates.py, timeline.py) ---

__version__ = "0.1.0"
