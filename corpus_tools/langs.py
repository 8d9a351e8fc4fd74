"""Language of each document (ISO 639-1), with py3langid.

py3langid is a small, deterministic n-gram classifier (97 languages, no network,
no model download at run time).  Very short texts say too little on their own,
so they take the language that the longer texts of the corpus share.  Texts of
a sentence or two (under ``_FEW_CHARS`` characters) are still a weak signal for
an n-gram classifier; when the corpus is dominated by one language (at least
``_DOMINANT`` of its longer texts) and the text is written in its script, that
language is the better bet, and the classifier (and its model) is not needed.
"""

from __future__ import annotations

import re
from collections import Counter

_SAMPLE_CHARS = 1000
_MIN_CHARS = 40
_FEW_CHARS = 120
_DOMINANT = 0.8
# The commonest English function words: in English prose they are about 40% of
# the tokens, in other Latin-script languages rarely above 10% (threshold: 20%).  A text whose
# opening is full of them is English without asking the classifier (fast path).
_EN_FUNCTION = frozenset(
    "the of and to in a is that for on was with as by it are at from be has have this "
    "which his their said not an or its were but he they who had been will would".split()
)
_EN_ONLY = frozenset({"the", "of", "and", "to"})
# The same words as bytes: the test below works on the UTF-8 bytes of the opening.
_EN_FUNCTION_B = frozenset(w.encode() for w in _EN_FUNCTION)
_EN_ONLY_B = frozenset(w.encode() for w in _EN_ONLY)
_WORD = re.compile(rb"[a-z]+(?:'[a-z]+)?")
# ASCII letters are lowered, the apostrophe kept, every other byte (the bytes of
# non-ASCII characters too) becomes a space.
_LETTERS_ONLY = bytes(
    ord(chr(ch).lower()) if chr(ch) in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'" else 32 for ch in range(256)
)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None for text without letters.

    >>> detect_language("The group held a rally in Paris on Saturday.")
    'en'
    >>> detect_language("گروه در پاریس تجمع کرد و خواستار تغییر شد")
    'fa'
    """
    sample = text[:_SAMPLE_CHARS]
    if _looks_english(sample):
        return "en"
    if not any(ch.isalpha() for ch in sample):
        return None
    import py3langid

    return py3langid.classify(sample)[0]


def _looks_english(text: str) -> bool:
    """The English fast path: the opening is full of English function words."""
    # Runs of ASCII letters are the words, read from the UTF-8 bytes (faster than
    # lowering and searching the text); an apostrophe may join two runs into one
    # word ("don't"), and only then is a regex needed.
    squeezed = text[:400].encode().translate(_LETTERS_ONLY)
    words = _WORD.findall(squeezed) if b"'" in squeezed else squeezed.split()
    n, hits = len(words), sum(map(_EN_FUNCTION_B.__contains__, words))
    # Plain prose: a fifth function words.  News prose full of names: fewer, but
    # then among them a word no other language writes (the, of, and, to).
    return (n >= 6 and hits >= 0.2 * n) or (n >= 8 and hits >= 0.08 * n and not _EN_ONLY_B.isdisjoint(words))


def detect_languages(texts: list[str]) -> list[str | None]:
    """Languages of many texts; short ones get the most common language of the rest.

    >>> detect_languages(["The court ruled on the case brought by the families.", "ok"])
    ['en', 'en']
    """
    langs = [first_guess(t) for t in texts]
    shorts = {i: t for i, (t, lang) in enumerate(zip(texts, langs, strict=True)) if lang is None}
    return fill_short(langs, shorts)


def first_guess(text: str) -> str | None:
    """The language of a text long enough to tell (None for short texts).

    English prose of a sentence or more is told at once; other texts under
    ``_FEW_CHARS`` characters wait for the corpus's usual language (see
    :func:`fill_short`).
    """
    if len(text) < _MIN_CHARS:
        return None
    if len(text) < _FEW_CHARS:  # detect_language would run the same fast path first
        return "en" if _looks_english(text) else None
    return detect_language(text)


def fill_short(langs: list[str | None], shorts: dict[int, str]) -> list[str | None]:
    """Give the short texts ``shorts`` (position -> text) the corpus's usual language.

    A short text in the usual script takes the usual language; one in another
    script keeps the classifier's own guess.
    """
    common = Counter(lang for lang in langs if lang)
    default = sorted(common.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if common else None
    # Texts of a sentence or two that the English fast path did not claim count
    # against the usual language: a corpus with many of them is not dominated.
    pending = sum(len(text) >= _MIN_CHARS for text in shorts.values())
    dominant = default is not None and common[default] >= _DOMINANT * (sum(common.values()) + pending)
    out = list(langs)
    for i, text in shorts.items():
        if out[i] is None and any(ch.isalpha() for ch in text):
            same_script = default is not None and _script(text) == _script_of_lang(default)
            if same_script and (len(text) < _MIN_CHARS or dominant):
                out[i] = default
            else:
                out[i] = detect_language(text)
    return out


def _script(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" or "\ufb50" <= ch <= "\ufeff":
                return "arabic"
            if "\u0400" <= ch <= "\u04ff":
                return "cyrillic"
            if ch.isascii() or "\u00c0" <= ch <= "\u024f":
                return "latin"
            return "other"
    return "none"


def _script_of_lang(lang: str) -> str:
    if lang in {"fa", "ar", "ur", "ps", "ku"}:
        return "arabic"
    if lang in {"ru", "uk", "bg", "sr", "mk", "be", "kk"}:
        return "cyrillic"
    return "latin"
