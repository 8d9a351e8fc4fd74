"""Decoding, normalisation and per-file trouble: recorded, never a crash, never silent."""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import CorpusFileError, load_corpus, readers
from corpus_tools.readers import decode, find_files, normalise_text, odd_chars

GOOD = "A title line\n\nThe body of a good page has a sentence. It has two.\n"


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("naïve café".encode(), "utf-8", "naïve café"),
        (b"\xef\xbb\xbf" + "naïve".encode(), "utf-8-sig", "naïve"),
        ("naïve".encode("utf-16"), "utf-16", "naïve"),
        ("naïve “quoted” – dash".encode("cp1252"), "cp1252", "naïve “quoted” – dash"),
        ("Le café était fermé à Noël.".encode("latin-1"), "cp1252", "Le café était fermé à Noël."),
        ("Москва и Петербург — города России".encode("cp1251"), "cp1251", "Москва и Петербург — города России"),
    ],
)
def test_decode(data, encoding, text):
    assert decode(data) == (text, encoding)


def test_decode_refuses_binary():
    with pytest.raises(UnicodeError, match="NUL"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_normalise_keeps_quotes_scripts_and_zwnj():
    lines, _ = normalise_text("“Quoted” ‘text’ — فارسی\u200cها\t\u00a0 x\u2009y")
    assert lines == ["“Quoted” ‘text’ — فارسی\u200cها x y"]


def test_invisible_character_does_not_block_nfc():
    # A zero-width space or soft hyphen between a letter and its accent: once it
    # is taken out, the pair must still be composed.
    lines, _ = normalise_text("cafe\u200b\u0301 e\u00ad\u0301")
    assert lines == ["caf\u00e9 \u00e9"]


def test_normalise_nfc_and_invisibles():
    lines, _ = normalise_text("cafe\u0301 in\u00adcre\u200bdible\u2060\r\nnext\rlast")
    assert lines == ["café incredible", "next", "last"]


def test_mojibake_repaired_only_where_certain():
    lines, repaired = normalise_text("Iranâ€™s government\nRésumé stays as written\n")
    assert lines == ["Iran’s government", "Résumé stays as written"]
    assert repaired == 1


def _normalise_slowly(text: str) -> list[str]:
    """The rules of ``normalise_text`` (bar mojibake repair), applied to everything, step by step."""
    text = unicodedata.normalize("NFC", re.sub("[\u00ad\u200b\u2060\ufeff]", "", text))
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return [" ".join(line.split()) for line in lines]


# Letters and marks that compose (e + acute, Oriya and Hangul pairs), Persian, quotes,
# odd spaces, invisibles and line breaks; no mojibake lead letters.
_MESSY_CHARS = st.sampled_from(
    [*"ab Z.\n\r\t“”’—éفا\u200c", "\u0301", "\u0b47", "\u0b3e", "\u1100", "\u1161", "\u11a8",
    "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", "\u2028", "\u200b", "\u00ad", "\ufeff", "\u212b", "  "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_MESSY_CHARS, max_size=40).map("".join))
def test_normalise_matches_the_rules_applied_everywhere(text):
    # The fast path only acts where the text's odd characters call for a step;
    # it must give what the plain rules give, whether the odd characters come
    # from the text or from its UTF-8 bytes.
    expected = _normalise_slowly(text)
    assert normalise_text(text)[0] == expected
    assert normalise_text(text, odd_chars(text.encode("utf-8")))[0] == expected


def test_characters_that_compose_with_the_one_before_are_all_listed():
    # Every character that is the second half of a canonical composition and
    # looks harmless alone (no combining mark, its own NFC) must be in the list,
    # or NFC would be skipped for text holding it after its partner.
    second = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second.add(chr(int(parts[1], 16)))
    hangul = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}  # composed by rule, not by table
    harmless = {c for c in second | hangul if not unicodedata.combining(c) and unicodedata.normalize("NFC", c) == c}
    assert harmless == set(readers._COMPOSES_WITH_PREVIOUS)
    assert min(map(ord, second)) >= 0x300  # so every character below U+0300 is stable


@pytest.fixture
def messy(tmp_path):
    root = tmp_path / "corpus"
    _write(root / "good.txt", GOOD)
    _write(root / "sub" / "nested.md", "Another page\n\nIts body is here and it is long enough.\n")
    _write(root / "legacy.txt", "Caf\xe9 page\n\nA body in cp1252 \x93quoted\x94.\n".encode("latin-1"))
    _write(root / "empty.txt", b"")
    _write(root / "blank.txt", "  \n\t\n")
    _write(root / "binary.txt", b"\x00\x01\x02binary\x00")
    _write(root / "bad.txt", bytes(range(128, 160)) * 20)
    _write(root / "huge.txt", "word " * 300_000)
    _write(root / "notes.pdf", b"%PDF-1.4")
    _write(root / ".hidden.txt", GOOD)
    _write(tmp_path / "outside.txt", GOOD)
    os.symlink(tmp_path / "outside.txt", root / "escape.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    locked = _write(root / "locked.txt", GOOD)
    locked.chmod(0)
    (root / "corpus.toml").write_text("[load]\nmax_file_mb = 1\n")
    yield root
    locked.chmod(0o644)


def test_every_file_gets_a_status(messy):
    corpus = load_corpus(messy)
    files = corpus.files.set_index("source")
    status = files["status"].to_dict()
    assert status["good.txt"] == "ok" and status["sub/nested.md"] == "ok"
    assert status["legacy.txt"] == "ok" and files.loc["legacy.txt", "encoding"] == "cp1252"
    assert status["empty.txt"] == "empty" and status["blank.txt"] == "empty"
    assert status["binary.txt"] == "error" and "NUL" in files.loc["binary.txt", "error"]
    assert status["bad.txt"] == "error" and "undecodable" in files.loc["bad.txt", "error"]
    assert status["huge.txt"] == "skipped" and "limit" in files.loc["huge.txt", "error"]
    assert status["notes.pdf"] == "skipped" and "unsupported" in files.loc["notes.pdf", "error"]
    assert status["escape.txt"] == "skipped" and "leaves the corpus root" in files.loc["escape.txt", "error"]
    assert status["broken.txt"] == "error" and "broken symlink" in files.loc["broken.txt", "error"]
    if os.geteuid() != 0:  # root reads any file, whatever its mode
        assert status["locked.txt"] == "error" and "cannot read" in files.loc["locked.txt", "error"]
    assert ".hidden.txt" not in status
    assert set(corpus.docs["source"]) >= {"good.txt", "sub/nested.md", "legacy.txt"}
    # Whitespace-only files still show their lines, as blanks.
    assert corpus.lines.loc[corpus.lines["source"] == "blank.txt", "role"].tolist() == ["blank", "blank"]
    legacy = corpus.docs.set_index("source").loc["legacy.txt"]
    assert legacy["title"] == "Café page" and "“quoted”" in legacy["text"]


def test_strict_raises_on_trouble(messy):
    with pytest.raises(CorpusFileError, match=r"binary\.txt|bad\.txt|empty\.txt|huge\.txt"):
        load_corpus(messy, strict=True)


def test_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_folder_without_documents(tmp_path):
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "bin.txt", b"\x00\x00")
    with pytest.raises(ValueError, match=r"no readable documents in 2 file\(s\).*'empty': 1"):
        load_corpus(tmp_path)
    _write(tmp_path / "pdfs" / "a.pdf", b"%PDF")
    with pytest.raises(ValueError, match=r"no readable documents in 1 file\(s\).*'skipped': 1"):
        load_corpus(tmp_path / "pdfs")
    (tmp_path / "nothing").mkdir()
    with pytest.raises(ValueError, match="no files found"):
        load_corpus(tmp_path / "nothing")


def test_single_file_and_identical_copies(tmp_path):
    _write(tmp_path / "a.txt", GOOD)
    _write(tmp_path / "b.txt", GOOD)
    one = load_corpus(tmp_path / "a.txt")
    assert one.files["source"].tolist() == ["a.txt"] and len(one.docs) == 1
    both = load_corpus(tmp_path)
    files = both.files.set_index("source")
    assert files.loc["b.txt", "status"] == "skipped"
    assert files.loc["b.txt", "error"] == "identical to a.txt"
    assert both.docs["source"].tolist() == ["a.txt"]


def test_find_files_sorted_and_recursive(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b/c.txt"]:
        _write(tmp_path / name, GOOD)
    assert [s for s, _, _ in find_files(tmp_path)] == ["a/b/c.txt", "a/z.md", "b.txt"]


def test_unreadable_file_is_recorded(tmp_path, monkeypatch):
    # Root reads files whatever their mode, so refuse the read itself.
    from pathlib import Path

    _write(tmp_path / "ok.txt", GOOD)
    _write(tmp_path / "secret.txt", GOOD + "x")
    real = readers._open_file

    def guarded(path):
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(readers, "_open_file", guarded)
    files = load_corpus(tmp_path).files.set_index("source")
    assert files.loc["secret.txt", "status"] == "error"
    assert files.loc["secret.txt", "error"] == "cannot read: Permission denied"
    assert files.loc["ok.txt", "status"] == "ok"


def test_progress_bar_on_request(tmp_path, capsys):
    _write(tmp_path / "a.txt", GOOD)
    load_corpus(tmp_path, progress=True)
    assert "reading" in capsys.readouterr().err
