"""Finding input files, decoding their bytes and normalising their text into lines.

Every file found under the corpus root gets a :class:`FileRecord`, whatever happens
to it: read, empty, binary, undecodable, unreadable, too large, a broken symlink or
one that leaves the root.  Nothing is dropped without a recorded reason.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".text", ".markdown")
IGNORED_NAMES = {"corpus.toml"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that carry no text: zero-width space, word joiner, BOM, soft hyphen.
# ZWNJ/ZWJ (U+200C/U+200D) are kept: Persian and other scripts need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# White space other than the plain space (tabs, no-break and other Unicode spaces,
# form feeds), made plain spaces; plain substring tests decide whether the
# regex passes are needed at all.
_INVISIBLE_CHARS = frozenset("\u00ad\u200b\u2060\ufeff")
_ODD_SPACE_CHARS = frozenset("\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
_MOJIBAKE_LEADS = frozenset("\u00c2\u00c3\u00e2\u00d8\u00d9\u00da\u00db")
#: Printable ASCII and the newline: the bytes that need no normalising.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"
#: Characters from U+0300 on that are no combining mark and are their own NFC,
#: yet compose with the character before them (Indic vowel signs, Hangul vowels
#: and final consonants).  A test rebuilds this list from ``unicodedata``.
_COMPOSES_WITH_PREVIOUS = frozenset(
    map(chr, (0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E, 0x0D57,
              0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA, 0x114BD,
              0x115AF, 0x11930))
) | frozenset(map(chr, range(0x1161, 0x1176))) | frozenset(map(chr, range(0x11A8, 0x11C3)))  # fmt: skip


class _NfcStable(dict):
    """Whether a character keeps any text it is in NFC, whatever its neighbours (memoised).

    True for a character that is its own NFC form, no combining mark, and
    never the second half of a composition.  Characters below U+0300 all are.
    """

    def __missing__(self, ch: str) -> bool:
        stable = ch < "\u0300" or (
            not unicodedata.combining(ch)
            and unicodedata.normalize("NFC", ch) == ch
            and ch not in _COMPOSES_WITH_PREVIOUS
        )
        self[ch] = stable
        return stable


_NFC_STABLE = _NfcStable()


def odd_chars(data: bytes | str) -> set[str]:
    """The characters of UTF-8 ``data`` (or of a str) other than printable ASCII and the newline.

    One C pass drops the plain bytes; what is left is short and still valid
    UTF-8 (ASCII bytes never occur inside a multi-byte character).

    >>> sorted(odd_chars("a\\u00a0b\\tc\\n“d”".encode()))
    ['\\t', '\\xa0', '“', '”']
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return set(data.translate(None, _PLAIN_BYTES).decode("utf-8", "surrogatepass"))


# C0/C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Letters typical of UTF-8 text decoded as cp1252/latin-1 ("â€™", "Ã©"), checked
# before asking ftfy, so clean text costs one regex scan.
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2\u00d8\u00d9\u00da\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


@dataclass
class FileRecord:
    """One row of ``corpus.files``."""

    source: str
    bytes: int = 0
    sha256: str | None = None
    encoding: str | None = None
    n_lines: int = 0
    n_docs: int = 0
    status: str = "ok"
    error: str | None = None
    n_repaired: int = 0


@dataclass
class Page:
    """A decoded file: its normalised lines (1-based ``line_no`` = index + 1)."""

    source: str
    lines: list[str]
    record: FileRecord = field(repr=False)
    arrow: object = field(default=None, repr=False)  # the same lines as an Arrow array, if made


def find_files(root: Path) -> list[tuple[str, Path | None, FileRecord | None]]:
    """List the corpus files under ``root`` (a folder or one file), sorted by path.

    Returns ``(source, path, problem)`` triples: ``path`` is set for files to read,
    ``problem`` is a ready :class:`FileRecord` for entries that cannot be read
    (broken or escaping symlinks, unsupported formats).  Hidden files and folders
    and ``corpus.toml`` are not corpus files and are not listed.
    """
    root = Path(root)
    if root.is_file():
        return [(root.name, root, None)]
    real_root = root.resolve()
    found: list[tuple[str, Path | None, FileRecord | None]] = []
    # Plain strings and os.scandir entries: a million files must not cost a
    # million pathlib round trips.
    stack = [(os.fspath(root), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            src = prefix + name
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, src + "/"))
                continue
            if entry.is_symlink() and os.path.isdir(entry.path):
                found.append((src, None, FileRecord(src, status="skipped", error="symlinked folder not followed")))
                continue
            if name in IGNORED_NAMES:
                continue
            if entry.is_symlink():
                target = Path(os.path.realpath(entry.path))
                if not target.exists():
                    found.append((src, None, FileRecord(src, status="error", error="broken symlink")))
                    continue
                if not target.is_relative_to(real_root):
                    found.append(
                        (src, None, FileRecord(src, status="skipped", error=f"symlink leaves the corpus root (-> {target})"))
                    )
                    continue
            suffix = os.path.splitext(name)[1]
            suffix = "" if suffix == "." else suffix  # as pathlib reads "name."
            if suffix.lower() not in SUPPORTED_SUFFIXES:
                found.append(
                    (
                        src,
                        None,
                        FileRecord(
                            src,
                            bytes=_size(Path(entry.path)),
                            status="skipped",
                            error=f"unsupported format {suffix or '(no suffix)'!r}; "
                            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
                        ),
                    )
                )
                continue
            found.append((src, Path(entry.path), None))
    found.sort(key=lambda t: t[0])
    return found


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: BOM, then strict UTF-8, then a detected legacy encoding.

    Returns ``(text, encoding)``; raises ``UnicodeError`` with a reason when the
    bytes are binary or no encoding gives readable text.

    Examples
    --------
    >>> decode("café".encode("utf-8"))
    ('café', 'utf-8')
    >>> decode("café".encode("utf-16"))
    ('café', 'utf-16')
    >>> decode("café ‘quoted’".encode("cp1252"))
    ('café ‘quoted’', 'cp1252')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    if b"\x00" in data:
        raise UnicodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    western = data.decode("cp1252", errors="replace")
    letters = [ch for ch in western[:100_000] if ch.isalpha()]
    if letters and sum(not ch.isascii() for ch in letters) <= 0.3 * len(letters):
        # Mostly ASCII letters with a few accents: Western text, cp1252 (a superset of latin-1's printable range).
        candidates.append("cp1252")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            candidates.append(best.encoding)
    except Exception:  # pragma: no cover - detector failure falls back below
        pass
    candidates += ["cp1252", "latin-1"]
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_like_text(text[:100_000]):
            continue
        return text, codecs.lookup(enc).name
    raise UnicodeError("undecodable: not UTF-8 and no legacy encoding gives readable text")


def _looks_like_text(sample: str) -> bool:
    """Few control characters, and spaces between words unless the script needs none."""
    n = max(1, len(sample))
    if len(_CONTROL.findall(sample)) > 0.02 * n:
        return False
    if n < 100:
        return True
    spaces = sum(ch.isspace() for ch in sample)
    cjk = sum("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in sample)
    return spaces >= 0.02 * n or cjk >= 0.3 * n


def _repair(line: str) -> str:
    import ftfy

    return ftfy.fix_encoding(line)


def normalise_text(text: str, odd: set[str] | None = None) -> tuple[list[str], int]:
    """Split decoded text into normalised lines; returns ``(lines, n_repaired)``.

    NFC, no invisible characters (zero-width space, soft hyphen, BOM), any run of
    whitespace (including non-breaking spaces and tabs) becomes one space, ends
    trimmed.  Typographic quotes and non-Latin scripts are kept as they are.
    Mojibake (UTF-8 read as cp1252) is repaired line by line with ftfy, only on
    lines that show its signature.

    ``odd``, when given, holds at least every character of ``text`` other than
    printable ASCII and the newline (:func:`odd_chars`; the reader takes it from
    the file's bytes).  It tells which of the steps above the text needs, so
    that clean text is not searched for each character they deal with.

    Examples
    --------
    >>> normalise_text("A\\u00a0b\\u200b  c\\r\\nsoft\\u00adhyphen\\n")
    (['A b c', 'softhyphen'], 0)
    >>> normalise_text("It\\u00e2\\u20ac\\u2122s fine")
    (['It’s fine'], 1)
    """
    if odd is None:
        odd = odd_chars(text)
    # Invisible characters go before NFC: one between a letter and its accent
    # would keep them from being composed.
    if not odd.isdisjoint(_INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if not all(map(_NFC_STABLE.__getitem__, odd)) and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.replace runs at memory speed, far faster than a regex over the text.
    for ch in sorted(odd.intersection(_ODD_SPACE_CHARS)):
        text = text.replace(ch, " ")
    raw = _NEWLINE.split(text) if "\r" in odd else text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    repaired = 0
    if not odd.isdisjoint(_MOJIBAKE_LEADS) and _MOJIBAKE_HINT.search(text) is not None:
        for i, line in enumerate(raw):
            if _MOJIBAKE_HINT.search(line):
                fixed = _repair(line)
                if fixed != line:
                    repaired += 1
                    raw[i] = " ".join(fixed.split())
    # Runs of spaces are collapsed line by line, and only on pages that have
    # one: str.replace of a two-character pattern is slow on non-ASCII text.
    if "  " in text:
        lines = [" ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line for line in raw]
    else:
        # Only spaces are left as white space, so strip() trims just them (and
        # hands back the same string when there is nothing to trim).
        lines = list(map(str.strip, raw))
    return lines, repaired


def _open_file(path: Path):
    """The reader's one way to open a file (unbuffered bytes); tests replace it to refuse a read."""
    return open(path, "rb", buffering=0)


def read_page(path: Path, source: str, *, max_bytes: int) -> Page | FileRecord:
    """Read and normalise one file; a :class:`FileRecord` with the status on trouble."""
    rec = FileRecord(source)
    # One open serves the size check and the read (a stat and a read_bytes
    # would look the path up twice).
    try:
        with _open_file(path) as fh:
            size = rec.bytes = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                rec.status = "skipped"
                rec.error = (
                    f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                    "(raise max_file_mb in corpus.toml or the config)"
                )
                return rec
            data = fh.read()
    except OSError as exc:
        rec.status, rec.error = "error", f"cannot read: {exc.strerror or exc}"
        return rec
    rec.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        rec.status, rec.error = "empty", "file is empty"
        return rec
    try:
        text, rec.encoding = decode(data)
    except UnicodeError as exc:
        rec.status, rec.error = "error", str(exc)
        return rec
    # The odd characters of UTF-8 text are found faster in its bytes (a BOM's
    # bytes count as one more: a superset does no harm).
    odd = odd_chars(data) if rec.encoding in ("utf-8", "utf-8-sig") else None
    lines, rec.n_repaired = normalise_text(text, odd)
    rec.n_lines = len(lines)
    if not any(lines):
        rec.status, rec.error = "empty", "file has no text (only whitespace)"
        return Page(source, lines, rec)
    return Page(source, lines, rec)
