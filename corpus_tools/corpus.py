"""The Corpus: three tidy tables (docs, lines, files) and their Parquet round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .config import ATTRS_KEY

DOC_COLUMNS = [
    "doc_id", "source", "kind", "parent_id", "title", "author", "section", "site",
    "published", "lang", "text", "n_words", "line_start", "line_end",
]  # fmt: skip
LINE_COLUMNS = ["source", "line_no", "text", "role", "doc_id"]
FILE_COLUMNS = [
    "source", "bytes", "sha256", "encoding", "n_lines", "n_docs", "status", "error",
]  # fmt: skip

_STR_DOC = ["doc_id", "source", "kind", "parent_id", "title", "author", "section", "site", "lang", "text"]
_INT_DOC = ["n_words", "line_start", "line_end"]


def docs_frame(records=None, *, config: dict | None = None) -> pd.DataFrame:
    """Build a docs table with the contract's columns and dtypes.

    Missing columns are filled (text ``None``, ``published`` NaT, counts 0 or
    computed: ``n_words`` from ``text``).  Useful for tests and for users who
    bring documents from elsewhere.

    Examples
    --------
    >>> d = docs_frame([{"doc_id": "a:1", "text": "Two words", "published": "2019-08-05"}])
    >>> int(d.loc[0, "n_words"]), str(d.loc[0, "published"].date()), d.loc[0, "kind"]
    (2, '2019-08-05', 'article')
    """
    df = pd.DataFrame(list(records or []))
    n = len(df)
    for col in DOC_COLUMNS:
        if col not in df.columns:
            df[col] = None
    if "kind" in df and n:
        df["kind"] = df["kind"].fillna("article")
    if n and df["doc_id"].isna().any():
        df["doc_id"] = [d if isinstance(d, str) else f"doc:{i + 1}" for i, d in enumerate(df["doc_id"])]
    df["text"] = df["text"].fillna("")
    df["published"] = pd.to_datetime(df["published"], errors="coerce").astype("datetime64[ns]")
    if n and df["n_words"].isna().any():
        df["n_words"] = df["text"].map(lambda t: len(str(t).split()))
    for col in _INT_DOC:
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).astype("int64")
    for col in _STR_DOC:
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df = df[DOC_COLUMNS].reset_index(drop=True)
    if config is not None:
        df.attrs[ATTRS_KEY] = config
    return df


@dataclass(frozen=True)
class Corpus:
    """A normalised corpus: three pandas DataFrames.

    Attributes
    ----------
    docs : DataFrame
        One row per article, post or comment.  Columns: ``doc_id`` (stable id,
        ``"<source without suffix>:<n>"``), ``source`` (path relative to the corpus
        root), ``kind`` (``article`` | ``comment``), ``parent_id`` (the article a
        comment belongs to), ``title``, ``author``, ``section``, ``site``,
        ``published`` (datetime64, NaT when the page shows none), ``lang`` (ISO
        639-1), ``text`` (clean body), ``n_words``, ``line_start``, ``line_end``
        (1-based, inclusive, in the source file).
    lines : DataFrame
        One row per input line: ``source``, ``line_no`` (1-based), ``text``,
        ``role`` and ``doc_id`` (null for removed lines).
    files : DataFrame
        One row per input file: ``source``, ``bytes``, ``sha256``, ``encoding``,
        ``n_lines``, ``n_docs``, ``status`` (``ok`` | ``empty`` | ``error`` |
        ``skipped``) and ``error``.
    """

    docs: pd.DataFrame
    lines: pd.DataFrame
    files: pd.DataFrame

    @property
    def config(self) -> dict:
        """The corpus settings (plain dict) stored on ``docs.attrs``."""
        return dict(self.docs.attrs.get(ATTRS_KEY) or {})

    def removed(self) -> pd.DataFrame:
        """The lines that belong to no document, with the reason (``role``)."""
        return self.lines[self.lines["doc_id"].isna()].reset_index(drop=True)

    def __repr__(self) -> str:
        kinds = self.docs["kind"].value_counts().to_dict() if len(self.docs) else {}
        return (
            f"Corpus({len(self.files)} files, {len(self.docs)} docs {kinds}, "
            f"{len(self.lines)} lines, {int(self.lines['doc_id'].isna().sum())} removed)"
        )

    def to_parquet(self, path: str | Path) -> Path:
        """Write ``docs.parquet``, ``lines.parquet`` and ``files.parquet`` into ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        meta = json.dumps(self.config, ensure_ascii=False)
        for name in ("docs", "lines", "files"):
            frame = getattr(self, name).copy()
            frame.attrs = {ATTRS_KEY + "_json": meta} if name == "docs" else {}
            frame.to_parquet(out / f"{name}.parquet", index=False, engine="pyarrow")
        return out

    @classmethod
    def read_parquet(cls, path: str | Path) -> Corpus:
        """Read a corpus written by :meth:`to_parquet`."""
        src = Path(path)
        if not src.is_dir():
            raise FileNotFoundError(f"no corpus directory at {src}")
        tables = {}
        for name in ("docs", "lines", "files"):
            file = src / f"{name}.parquet"
            if not file.is_file():
                raise FileNotFoundError(f"{file} missing; was this written by Corpus.to_parquet?")
            tables[name] = _restore_dtypes(pd.read_parquet(file, engine="pyarrow"))
        docs = tables["docs"]
        raw = docs.attrs.pop(ATTRS_KEY + "_json", None)
        docs.attrs = {ATTRS_KEY: json.loads(raw)} if raw else {}
        tables["lines"].attrs = {}
        tables["files"].attrs = {}
        return cls(**tables)


def _restore_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Give text columns read back from Parquet the object dtype load_corpus uses."""
    for col in frame.columns:
        if pd.api.types.is_string_dtype(frame[col]) and not pd.api.types.is_object_dtype(frame[col]):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame
