"""Shared argument checks that fail early with a hint."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require_columns(docs, columns: Iterable[str], *, name: str = "docs") -> None:
    """Raise a helpful error when ``docs`` is not a DataFrame holding ``columns``.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"text": []}), ["text"])
    >>> require_columns(pd.DataFrame({"x": []}), ["text"])
    Traceback (most recent call last):
    ...
    ValueError: column 'text' missing from docs; ...
    """
    if not isinstance(docs, pd.DataFrame):
        hint = ""
        if hasattr(docs, "docs") and isinstance(docs.docs, pd.DataFrame):
            hint = f"; did you pass corpus instead of corpus.{name}?"
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(docs).__name__}{hint}")
    missing = [c for c in columns if c not in docs.columns]
    if missing:
        cols = ", ".join(repr(c) for c in missing)
        noun = "column" if len(missing) == 1 else "columns"
        raise ValueError(
            f"{noun} {cols} missing from {name}; it has {list(docs.columns)[:12]}. "
            f"Did you pass corpus instead of corpus.{name}, or a table you renamed?"
        )
