"""Compiled and Python forms of the loader's modules: the guard, and equal results."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import corpus_tools
from corpus_tools import _native

HERE = Path(__file__).resolve().parent
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _fake_build(folder: Path, names=_native.COMPILED) -> None:
    """Sources, stand-in compiled files and a record that matches them."""
    record = {}
    for name in names:
        (folder / f"{name}.py").write_text(f"NAME = {name!r}\n")
        (folder / f"{name}{SUFFIX}").write_bytes(b"")
        record[name] = hashlib.sha256((folder / f"{name}.py").read_bytes()).hexdigest()
    (folder / "_native.json").write_text(json.dumps(record))


def test_a_build_that_matches_its_sources_is_used(tmp_path):
    _fake_build(tmp_path)
    assert set(_native.build_state(tmp_path).values()) == {"compiled"}


def test_an_edited_source_runs_from_python_until_rebuilt(tmp_path):
    _fake_build(tmp_path)
    (tmp_path / "lines.py").write_text("NAME = 'edited'\n")
    state = _native.build_state(tmp_path)
    assert state["lines"] == "source changed"
    assert {state[n] for n in _native.COMPILED if n != "lines"} == {"compiled"}


def test_missing_compiled_files_or_record_and_the_pure_switch(tmp_path):
    _fake_build(tmp_path)
    (tmp_path / f"segment{SUFFIX}").unlink()
    assert _native.build_state(tmp_path)["segment"] == "not compiled"
    assert _native.build_state(tmp_path, pure=True)["lines"] == "pure"
    (tmp_path / "_native.json").unlink()  # a compiled file with no record is not trusted
    assert _native.build_state(tmp_path)["lines"] == "source changed"


def test_modules_run_in_the_form_the_guard_chose():
    for name, how in _native.STATE.items():
        path = sys.modules[f"corpus_tools.{name}"].__file__
        assert path.endswith(".py") != (how == "compiled"), (name, how, path)


@pytest.mark.skipif(
    shutil.which("cc") is None and shutil.which("gcc") is None,
    reason="no C compiler: the package runs as pure Python",
)
def test_the_install_compiled_the_loader():
    # `make install` compiles with Cython where a C compiler exists; losing that
    # silently would cost about 15 % of the loading speed.
    if _native._pure_requested():
        pytest.skip("CORPUS_TOOLS_PURE is set: the modules run from source on purpose")
    assert set(_native.STATE.values()) == {"compiled"}, _native.STATE


_DUMP = """
import pickle, sys
import corpus_tools as ct
out = {}
for path in sys.argv[2:]:
    c = ct.load_corpus(path)
    out[path] = (c.docs, c.lines, c.files)
import corpus_tools._native as n
out["state"] = n.STATE
pickle.dump(out, open(sys.argv[1], "wb"))
"""


def test_compiled_and_python_forms_give_identical_tables(tmp_path, seeds_dir):
    folders = [str(seeds_dir), str(HERE / "data" / "plain_pages")]
    env = {**os.environ, "CORPUS_TOOLS_PURE": "1"}
    subprocess.run(
        [sys.executable, "-c", _DUMP, str(tmp_path / "pure.pkl"), *folders], env=env, check=True
    )
    pure = pickle.loads((tmp_path / "pure.pkl").read_bytes())
    assert set(pure.pop("state").values()) <= {"pure", "not compiled"}
    for folder in folders:
        here = corpus_tools.load_corpus(folder)
        for mine, theirs in zip((here.docs, here.lines, here.files), pure[folder], strict=True):
            pd.testing.assert_frame_equal(mine, theirs)
