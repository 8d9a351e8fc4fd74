"""Per-corpus settings read from an optional ``corpus.toml`` in the corpus folder.

The library itself knows nothing about any subject or site: alias groups, extra
stopwords and site hints belong to the corpus and travel with it.

A ``corpus.toml`` looks like this::

    [aliases]
    UN = ["United Nations", "U.N."]

    [stopwords]
    extra = ["said"]

    [sites]
    "example.org" = "Example Daily"   # optional display names for domains

    [load]
    max_file_mb = 50

The parsed settings are a :class:`CorpusConfig`.  ``load_corpus`` stores its plain
dict form in ``docs.attrs["corpus_config"]`` so that analyses of the docs table
(terms, topics, timeline) find the corpus's aliases without being told.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_FILENAME = "corpus.toml"
ATTRS_KEY = "corpus_config"
DEFAULT_MAX_FILE_MB = 50.0


@dataclass(frozen=True)
class CorpusConfig:
    """Settings of one corpus.

    Attributes
    ----------
    aliases : dict of str to tuple of str
        Canonical key -> spelling variants that mean the same entity.
    stopwords : tuple of str
        Extra stopwords on top of the built-in English list.
    sites : dict of str to str
        Optional display names for site domains.
    max_file_mb : float
        Files larger than this are recorded with status ``skipped``.
    source : str or None
        Path of the ``corpus.toml`` the settings came from.

    Examples
    --------
    >>> cfg = CorpusConfig.from_dict({"aliases": {"UN": ["United Nations"]}})
    >>> cfg.aliases
    {'UN': ('United Nations',)}
    >>> CorpusConfig.from_dict(cfg.to_dict()) == cfg
    True
    """

    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stopwords: tuple[str, ...] = ()
    sites: dict[str, str] = field(default_factory=dict)
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    source: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None, source: str | None = None) -> CorpusConfig:
        """Build settings from a parsed ``corpus.toml`` (or ``to_dict`` output)."""
        data = dict(data or {})
        known = {"aliases", "stopwords", "sites", "load", "max_file_mb", "source"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"unknown section(s) {unknown} in corpus config; expected some of {sorted(known)}"
            )
        aliases_raw = data.get("aliases") or {}
        if not isinstance(aliases_raw, dict):
            raise ValueError("[aliases] must map a canonical name to a list of variants")
        aliases: dict[str, tuple[str, ...]] = {}
        for key, variants in aliases_raw.items():
            if isinstance(variants, str):
                variants = [variants]
            if not isinstance(variants, list | tuple) or not all(
                isinstance(v, str) for v in variants
            ):
                raise ValueError(f"aliases.{key} must be a list of strings, got {variants!r}")
            aliases[str(key)] = tuple(variants)
        stop_raw = data.get("stopwords") or ()
        if isinstance(stop_raw, dict):
            stop_raw = stop_raw.get("extra", ())
        stopwords = tuple(str(s) for s in stop_raw)
        sites = {str(k): str(v) for k, v in (data.get("sites") or {}).items()}
        load = data.get("load") or {}
        max_mb = float(data.get("max_file_mb", load.get("max_file_mb", DEFAULT_MAX_FILE_MB)))
        return cls(
            aliases=aliases,
            stopwords=stopwords,
            sites=sites,
            max_file_mb=max_mb,
            source=source if source is not None else data.get("source"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-friendly form (what ``docs.attrs`` and Parquet metadata hold)."""
        return {
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            "stopwords": list(self.stopwords),
            "sites": dict(self.sites),
            "max_file_mb": self.max_file_mb,
            "source": self.source,
        }


def load_config(path: str | Path | None) -> CorpusConfig:
    """Read ``corpus.toml`` from a corpus folder (or a file path); defaults when absent.

    Examples
    --------
    >>> load_config(None).aliases
    {}
    """
    if path is None:
        return CorpusConfig()
    path = Path(path)
    file = path / CONFIG_FILENAME if path.is_dir() else path
    if path.is_file() and path.name != CONFIG_FILENAME and path.suffix != ".toml":
        file = path.parent / CONFIG_FILENAME
    if not file.is_file():
        return CorpusConfig()
    try:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"cannot parse {file}: {exc}") from exc
    return CorpusConfig.from_dict(data, source=str(file))


def config_from_docs(docs) -> CorpusConfig:
    """The corpus settings stored on a docs table by ``load_corpus`` (defaults if none).

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"text": ["a"]})
    >>> docs.attrs["corpus_config"] = {"aliases": {"UN": ["U.N."]}}
    >>> config_from_docs(docs).aliases
    {'UN': ('U.N.',)}
    """
    raw = getattr(docs, "attrs", {}).get(ATTRS_KEY)
    if isinstance(raw, CorpusConfig):
        return raw
    return CorpusConfig.from_dict(raw)
