"""Compiled or Python: which form of the loader's per-line modules runs.

``setup.py`` compiles the modules in :data:`COMPILED` with Cython when it can,
and records a hash of each source it compiled in ``_native.json``.  In an
editable install the compiled file sits next to its source, and Python would
import it even after the source has been edited.  So on import this module
checks every compiled file against the recorded hash of its source; a module
whose source has changed since the build runs from the source, with one
warning saying how to rebuild (``make install``).  Results never depend on the
form; only speed does.

Setting the environment variable ``CORPUS_TOOLS_PURE=1`` runs every module from
its Python source (for debugging, profiling, or comparing the two forms).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

#: Modules that ``setup.py`` compiles (it reads this list from here).
COMPILED = ("_datetext", "langs", "lines", "readers", "segment")

_HERE = Path(__file__).resolve().parent
_PACKAGE = __name__.rpartition(".")[0]


def _compiled_file(name: str, folder: Path = _HERE) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_state(folder: Path = _HERE, pure: bool = False) -> dict[str, str]:
    """How each module of :data:`COMPILED` will run: ``compiled`` or why not.

    ``not compiled`` (no compiled file: no compiler at install, or a pure
    install), ``source changed`` (compiled from an older source) or ``pure``
    (``CORPUS_TOOLS_PURE`` is set).
    """
    try:
        record = json.loads((folder / "_native.json").read_text())
    except (OSError, ValueError):
        record = {}
    state = {}
    for name in COMPILED:
        if _compiled_file(name, folder) is None:
            state[name] = "not compiled"
        elif pure:
            state[name] = "pure"
        elif record.get(name) != _digest(folder / f"{name}.py"):
            state[name] = "source changed"
        else:
            state[name] = "compiled"
    return state


class _FromSource(importlib.abc.MetaPathFinder):
    """Import the listed modules of the package from their ``.py`` files."""

    def __init__(self, names: list[str]):
        self.names = {f"{_PACKAGE}.{name}": name for name in names}

    def find_spec(self, fullname, path=None, target=None):
        name = self.names.get(fullname)
        if name is None:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{name}.py")


def _pure_requested() -> bool:
    return os.environ.get("CORPUS_TOOLS_PURE", "").strip().lower() not in ("", "0", "false", "no")


STATE = build_state(pure=_pure_requested())
_run_source = [name for name, how in STATE.items() if how in ("pure", "source changed")]
if _run_source:
    sys.meta_path.insert(0, _FromSource(_run_source))
    changed = [name for name in _run_source if STATE[name] == "source changed"]
    if changed:
        warnings.warn(
            f"corpus_tools: the compiled {', '.join(changed)} module(s) predate their edited sources; "
            "running the Python sources instead (slower). Run `make install` to rebuild.",
            RuntimeWarning,
            stacklevel=2,
        )
