"""The corpus-tools command line."""

from __future__ import annotations

from pathlib import Path

from corpus_tools import Corpus
from corpus_tools.cli import main


def test_build_writes_tables_and_summary(seeds_dir, tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["build", str(seeds_dir), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "documents  27 (article 14, comment 13)" in printed
    assert "removed" in printed and "teaser" in printed
    corpus = Corpus.read_parquet(out)
    assert len(corpus.docs) == 27 and corpus.files["status"].eq("ok").all()
    assert main(["summary", str(out)]) == 0
    assert "files      5 (ok 5)" in capsys.readouterr().out


def test_errors_are_reported_not_raised(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == 2
    assert "corpus path not found" in capsys.readouterr().err
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "o"), "--strict"]) == 2
    assert "binary" in capsys.readouterr().err


def test_loading_needs_no_analysis_libraries():
    """`import corpus_tools` and loading a corpus leave scipy and scikit-learn unimported (the
    command line starts fast); every exported name still resolves on first use."""
    import subprocess
    import sys

    code = (
        "import sys, corpus_tools as ct; ct.load_corpus('seeds', progress=False);"
        "print(sorted(m for m in ('scipy', 'sklearn', 'matplotlib') if m in sys.modules));"
        "missing = [n for n in ct.__all__ if getattr(ct, n, None) is None]; print(missing)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "[]"]
