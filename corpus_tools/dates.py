"""Finding and normalising the dates mentioned in running text.

:func:`date_mentions` scans every document of a docs table with one compiled
regular expression (tried only where a date can start: at runs of digits, the
few words before them, and month/weekday/relative words) and turns each hit into
a calendar interval:

======================  =====================================  ================
surface                 date .. end_date                       precision
======================  =====================================  ================
``August 5, 2019``      2019-08-05 .. 2019-08-05               ``day``
``5 August 2019``       2019-08-05 .. 2019-08-05               ``day``
``2019-08-05``          2019-08-05 .. 2019-08-05               ``day``
``March 2018``          2018-03-01 .. 2018-03-31               ``month``
``1981``                1981-01-01 .. 1981-12-31               ``year``
``the 1970s``           1970-01-01 .. 1979-12-31               ``decade``
``the early 1990s``     1990-01-01 .. 1993-12-31               ``decade``
``summer of 2003``      2003-06-01 .. 2003-08-31               ``season``
``Q1 2019``             2019-01-01 .. 2019-03-31               ``quarter``
``20th century``        1900-01-01 .. 1999-12-31               ``century``
``1980-88``             1980-01-01 .. 1988-12-31               ``year-range``
``26–30 July 1988``     1988-07-26 .. 1988-07-30               ``day-range``
``from 1997 to 2012``   1997-01-01 .. 2012-12-31               ``year-range``
``Aug. 5``              (year from the publication date)       ``day-inferred``
``last May``            (from the publication date)            ``month-inferred``
``on Sunday``           (from the publication date)            ``day-inferred``
======================  =====================================  ================

``end_date`` is always the last day the mention covers (inclusive).  Precision
is the unit of the mention, ``-range`` marks a span between two dates, and
``-inferred`` marks a date completed from the document's ``published`` date;
such partial dates are left out when the document has no publication date.

Numbers that merely look like years are rejected by their context: money
(``$1,980``), thousands (``2,000 members``), counts followed by a count noun
(``2000 people``), vote tallies (``251-170``), model numbers (``F-16``), phone
numbers, ages (``in their 50s``).  Only years 1700-2099 are recognised (the
range pandas' nanosecond timestamps can hold, and where stray numbers are rare).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import require_columns

MENTION_COLUMNS = ["doc_id", "start", "end", "surface", "date", "end_date", "precision", "sentence"]

_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAY_NUM = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}

# --- the grammar -------------------------------------------------------------
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_MONFULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?![a-z])"
)
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![a-z])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[7-9]\d\d|20\d\d)"
_DASH = r"\s*[-–—]\s*"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
_PART = r"(?:[Ee]arly|[Mm]id|[Ll]ate)"
_END = r"(?![\w])"

_ALTERNATIVES = [
    # 26–30 July 1988
    (
        "dmyr",
        rf"(?P<dmyr_d1>{_DAY}){_DASH}(?P<dmyr_d2>{_DAY})\s+(?P<dmyr_m>{_MON}),?\s+(?P<dmyr_y>{_YEAR}){_END}",
    ),
    # July 26-30, 1988
    (
        "mdyr",
        rf"(?P<mdyr_m>{_MON})\s+(?P<mdyr_d1>{_DAY}){_DASH}(?P<mdyr_d2>{_DAY}),?\s+(?P<mdyr_y>{_YEAR}){_END}",
    ),
    # (Friday,) May 2, 2008
    (
        "mdy",
        rf"(?:{_WD},?\s+)?(?P<mdy_m>{_MON})\s+(?P<mdy_d>{_DAY})(?:,\s*|\s+)(?P<mdy_y>{_YEAR}){_END}",
    ),
    # (Friday,) 2 May 2008, the 2nd of May, 2008
    (
        "dmy",
        rf"(?:{_WD},?\s+)?(?P<dmy_d>{_DAY})(?:\s+of)?\s+(?P<dmy_m>{_MON}),?\s+(?P<dmy_y>{_YEAR}){_END}",
    ),
    # 2019-08-05, 2019/08/05
    (
        "iso",
        rf"(?P<iso_y>{_YEAR})(?P<iso_sep>[-/.])(?P<iso_m>0[1-9]|1[0-2])(?P=iso_sep)(?P<iso_d>0[1-9]|[12]\d|3[01])(?![\w.]\d)",
    ),
    # 8/5/2019, 05.08.2019
    (
        "num",
        rf"(?P<num_a>[0-3]?\d)(?P<num_sep>[/.])(?P<num_b>[0-3]?\d)(?P=num_sep)(?P<num_y>{_YEAR})(?![\w]|[./-]\d)",
    ),
    # March 2018, May of 2019
    ("my", rf"(?P<my_m>{_MON})(?:\s+of)?,?\s+(?P<my_y>{_YEAR}){_END}"),
    # summer of 2003
    ("season", rf"(?P<season_s>{_SEASON})(?:\s+of)?,?\s+(?P<season_y>{_YEAR}){_END}"),
    # Q1 2019, first quarter of 2019
    (
        "quarter",
        rf"(?:Q(?P<quarter_q>[1-4])|(?P<quarter_w>first|second|third|fourth)\s+quarter(?:\s+of)?),?\s+(?P<quarter_y>{_YEAR}){_END}",
    ),
    # the (early) 1970s, the ’70s
    (
        "decade",
        rf"(?:(?P<decade_p>{_PART})[-\s]+)?(?:(?P<decade_y>(?:1[7-9]|20)\d0)|['’](?P<decade_s>\d0))['’]?s{_END}",
    ),
    # 20th century
    (
        "century",
        r"(?P<century_n>1[89]th|20th|21st|eighteenth|nineteenth|twentieth|twenty-first)[-\s]+[Cc]entury(?![a-z])",
    ),
    # 1980-88, 2002–2003
    ("yr", rf"(?P<yr_a>{_YEAR}){_DASH}(?P<yr_b>{_YEAR}|\d\d)(?![\w]|[,.]\d)"),
    # early 2019, mid-2019
    ("part", rf"(?P<part_p>{_PART})[-\s]+(?P<part_y>{_YEAR})(?![\w]|[,.]\d)"),
    # 1981
    ("y", rf"(?P<y_y>{_YEAR})(?![\w%]|[,.]\d)"),
    # Aug. 5 (year inferred)
    ("mdn", rf"(?P<mdn_m>{_MON})\s+(?P<mdn_d>{_DAY})(?![\w]|[,.:]?\d)"),
    # 5 August (year inferred)
    ("dmn", rf"(?P<dmn_d>{_DAY})(?:\s+of)?\s+(?P<dmn_m>{_MON})"),
    # last May, this month, next year, last Sunday, last summer
    (
        "rel",
        rf"(?P<rel_w>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<rel_u>week|month|year|{_MONFULL}|{_WD}|{_SEASON})(?![a-z])",
    ),
    ("yday", r"(?P<yday_w>[Yy]esterday)(?![a-z])"),
    # in May (year inferred; context checked)
    ("mo", rf"(?P<mo_m>{_MONFULL})"),
    # on Sunday (context checked)
    ("wd", rf"(?P<wd_d>{_WD})"),
]
_DATE_RE = re.compile(
    r"(?<![\w$€£¥#])(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _ALTERNATIVES) + ")"
)

# A mention followed by one of these words counts things, it does not date them.
_COUNT_NOUNS = frozenset(
    """people persons men women children kids members supporters followers soldiers troops
    fighters militants civilians citizens refugees prisoners residents workers students
    families deaths dead killed died wounded injured arrested executed victims casualties
    dollars euros pounds rials votes voters seats units copies pages words tons tonnes
    barrels km kilometres kilometers miles metres meters feet acres hectares centrifuges
    missiles rockets tanks planes aircraft ships cars times rounds signatures names
    accounts tweets posts articles more others were years months weeks days hours hrs
    minutes gmt utc""".split()
)
# ... and one preceded by these words labels or measures something.
_NOT_YEAR_BEFORE = frozenset(
    """no no. number num. # page pages p. pp. room flight route resolution article chapter
    section code box isbn highway model boeing airbus than item paragraph line tel phone
    fax version vol suite apt unit""".split()
)
_HYPHEN_PREFIXES = ("pre", "post", "mid", "early", "late", "circa", "c")
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate)\s+|\bmid-)$"
)
_WEEKDAY_CONTEXT = re.compile(r"\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|said)\s+$")
_REL_BLOCK = re.compile(r"(?:['’]s|\b(?:the|his|her|its|their|my|our|your|whose))\s+$", re.I)
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")
_NUMBER_BEFORE = re.compile(r"\d[\s)-]*$")
_PUNCT_AFTER = re.compile(r"\s*[,;:]")
_LAST_WORD = re.compile(r"(\w+)$")
_RANGE_GLUE = re.compile(r"\s*(?:to|until|till|through|thru|and|[-–—])\s*")
_RANGE_OPENER = re.compile(r"\b(?P<w>[Ff]rom|[Bb]etween)\s+$")
_TOKEN_AFTER = re.compile(r"\s*([A-Za-z]+)")
_TOKEN_BEFORE = re.compile(r"([#\w.]+)\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
_ABBREV = frozenset(
    """mr mrs ms dr st gen sen rep gov jr sr no vs prof col lt maj capt sgt fr rev
    jan feb mar apr jun jul aug sep sept oct nov dec inc co corp ltd dept est""".split()
)

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 4, "year": 5,
                   "decade": 6, "century": 7}  # fmt: skip


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    date: pd.Timestamp
    end_date: pd.Timestamp
    precision: str


# --- small calendar helpers -------------------------------------------------
def _month(word: str) -> int:
    return _MONTH_NUM[word[:3].lower()]


def _day(word: str) -> int:
    return int(word.rstrip("stndrh"))


@functools.lru_cache(maxsize=65536)
def _ts(y: int, m: int = 1, d: int = 1) -> pd.Timestamp:
    return pd.Timestamp(year=y, month=m, day=d)


@functools.lru_cache(maxsize=4096)
def _month_end(y: int, m: int) -> pd.Timestamp:
    return _ts(y, m, calendar.monthrange(y, m)[1])


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y, m)[1]


def _narrow(start: pd.Timestamp, end: pd.Timestamp, part: str | None):
    """The early/mid/late part of a year (4 months each) or decade (4 years each)."""
    if not part:
        return start, end
    part = part.lower()
    if end.year > start.year:  # a decade: 0-3, 3-6, 6-9
        lo = {"early": 0, "mid": 3, "late": 6}[part]
        return _ts(start.year + lo), _ts(start.year + lo + 3, 12, 31)
    lo = {"early": 1, "mid": 5, "late": 9}[part]
    return _ts(start.year, lo), _month_end(start.year, lo + 3)


def _year_span(y: int):
    return _ts(y), _ts(y, 12, 31)


def _season_span(season: str, y: int):
    season = season.lower()
    if season == "winter":  # meteorological winter starting in December of that year
        return _ts(y, 12, 1), _month_end(y + 1, 2)
    m1, m2 = _SEASON_MONTHS[season]
    return _ts(y, m1), _month_end(y, m2)


# --- context checks ------------------------------------------------------------
def _word_after(text: str, pos: int) -> str:
    m = _TOKEN_AFTER.match(text, pos, min(len(text), pos + 40))
    return m.group(1).lower() if m else ""


def _word_before(text: str, pos: int) -> str:
    m = _TOKEN_BEFORE.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _plausible_year(text: str, s: int, e: int) -> bool:
    """Reject numbers whose surroundings say they count, price or label things."""
    prev = text[s - 1] if s else " "
    if prev in ".,/:+(" and s >= 2 and text[s - 2].isdigit():
        return False
    if prev == "-":
        m = _HYPHENATED.search(text, max(0, s - 12), s)
        if not m or m.group(1).lower() not in _HYPHEN_PREFIXES:
            return False
    if prev in "/'’":
        return False
    if e < len(text) and text[e] in "-–/" and e + 1 < len(text) and text[e + 1].isdigit():
        return False
    before = text[max(0, s - 4) : s]
    if _NUMBER_BEFORE.search(before):  # phone numbers, lists of numbers
        return False
    if _word_after(text, e) in _COUNT_NOUNS and not _PUNCT_AFTER.match(text, e, e + 2):
        return False
    return _word_before(text, s) not in _NOT_YEAR_BEFORE


# --- turning one regex match into an interval --------------------------------
def _interpret(m: re.Match, text: str, published: pd.Timestamp | None):
    """Return ``(start, end, date, end_date, precision)`` or None."""
    kind = m.lastgroup
    g = m.group
    s, e = m.span()
    try:
        if kind == "dmyr" or kind == "mdyr":
            y, mo = int(g(kind + "_y")), _month(g(kind + "_m"))
            d1, d2 = _day(g(kind + "_d1")), _day(g(kind + "_d2"))
            if not (d1 < d2 and _valid_day(y, mo, d2)):
                return None
            return s, e, _ts(y, mo, d1), _ts(y, mo, d2), "day-range"
        if kind == "mdy" or kind == "dmy":
            y, mo, d = int(g(kind + "_y")), _month(g(kind + "_m")), _day(g(kind + "_d"))
            if not _valid_day(y, mo, d):
                return None
            return s, e, _ts(y, mo, d), _ts(y, mo, d), "day"
        if kind == "iso":
            y, mo, d = int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))
            if not _valid_day(y, mo, d):
                return None
            return s, e, _ts(y, mo, d), _ts(y, mo, d), "day"
        if kind == "num":
            a, b, y = int(g("num_a")), int(g("num_b")), int(g("num_y"))
            # slashes: month/day (US) unless the first number cannot be a month;
            # dots: day.month (European).
            if g("num_sep") == "." or a > 12:
                d, mo = a, b
            else:
                mo, d = a, b
            if not (1 <= mo <= 12 and _valid_day(y, mo, d)):
                return None
            return s, e, _ts(y, mo, d), _ts(y, mo, d), "day"
        if kind == "my":
            y, mo = int(g("my_y")), _month(g("my_m"))
            return s, e, _ts(y, mo), _month_end(y, mo), "month"
        if kind == "season":
            a, b = _season_span(g("season_s"), int(g("season_y")))
            return s, e, a, b, "season"
        if kind == "quarter":
            q = int(g("quarter_q")) if g("quarter_q") else _ORDINAL_WORDS[g("quarter_w")]
            y = int(g("quarter_y"))
            return s, e, _ts(y, 3 * q - 2), _month_end(y, 3 * q), "quarter"
        if kind == "decade":
            if g("decade_y"):
                y0 = int(g("decade_y"))
            else:
                two = int(g("decade_s"))
                y0 = 2000 + two if two <= 10 else 1900 + two
            a, b = _narrow(_ts(y0), _ts(y0 + 9, 12, 31), g("decade_p"))
            return s, e, a, b, "decade"
        if kind == "century":
            word = g("century_n").lower()
            n = _CENTURY_WORDS.get(word) or int(word[:2])
            y0 = (n - 1) * 100
            if y0 < 1700:
                return None
            return s, e, _ts(y0), _ts(y0 + 99, 12, 31), "century"
        if kind == "yr":
            a_txt, b_txt = g("yr_a"), g("yr_b")
            y1 = int(a_txt)
            y2 = int(b_txt) if len(b_txt) == 4 else (y1 // 100) * 100 + int(b_txt)
            if not (y1 < y2 <= y1 + 100) or not _plausible_year(text, s, e):
                return None
            return s, e, _ts(y1), _ts(y2, 12, 31), "year-range"
        if kind == "part":
            y = int(g("part_y"))
            if not _plausible_year(text, m.start("part_y"), e):
                return None
            a, b = _narrow(*_year_span(y), g("part_p"))
            return s, e, a, b, "year"
        if kind == "y":
            if not _plausible_year(text, s, e):
                return None
            y = int(g("y_y"))
            return s, e, _ts(y), _ts(y, 12, 31), "year"
        # ---- partial dates: need the publication date --------------------------
        if published is None:
            return None
        if kind == "mdn" or kind == "dmn":
            mo, d = _month(g(kind + "_m")), _day(g(kind + "_d"))
            if kind == "dmn" and _word_after(text, e) in _COUNT_NOUNS:
                return None
            y = _infer_year(published, mo, d)
            if not _valid_day(y, mo, d):
                return None
            return s, e, _ts(y, mo, d), _ts(y, mo, d), "day-inferred"
        if kind == "mo":
            if not _MONTH_CONTEXT.search(text, max(0, s - 12), s):
                return None
            mo = _month(g("mo_m"))
            y = _infer_year(published, mo, 1)
            return s, e, _ts(y, mo), _month_end(y, mo), "month-inferred"
        if kind == "wd":
            if not _WEEKDAY_CONTEXT.search(text, max(0, s - 10), s):
                return None
            back = (published.weekday() - _WEEKDAY_NUM[g("wd_d")[:3].lower()]) % 7
            day = published - pd.Timedelta(days=back)
            return s, e, day, day, "day-inferred"
        if kind == "yday":
            day = published - pd.Timedelta(days=1)
            return s, e, day, day, "day-inferred"
        if kind == "rel":
            if _REL_BLOCK.search(text, max(0, s - 8), s):  # "Saddam's last year", "the last month"
                return None
            return _relative(s, e, g("rel_w").lower(), g("rel_u"), published)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _infer_year(published: pd.Timestamp, month: int, day: int) -> int:
    """The year of a month/day seen in a page published on ``published``.

    The publication year, unless that puts the date more than two months after
    publication, in which case the year before.
    """
    y = published.year
    try:
        candidate = _ts(y, month, min(day, calendar.monthrange(y, month)[1]))
    except ValueError:
        return y
    return y if candidate <= published + pd.Timedelta(days=62) else y - 1


def _relative(s, e, which, unit, p: pd.Timestamp):
    step = {"last": -1, "this": 0, "next": 1}[which]
    low = unit.lower()
    if low == "year":
        return (s, e, *_year_span(p.year + step), "year-inferred")
    if low == "month":
        y, mo = divmod(p.year * 12 + p.month - 1 + step, 12)
        return s, e, _ts(y, mo + 1), _month_end(y, mo + 1), "month-inferred"
    if low == "week":
        monday = p - pd.Timedelta(days=p.weekday()) + pd.Timedelta(weeks=step)
        return s, e, monday, monday + pd.Timedelta(days=6), "week-inferred"
    if low[:3] in _WEEKDAY_NUM and low.endswith("day"):
        target = _WEEKDAY_NUM[low[:3]]
        if step < 0:
            back = (p.weekday() - target) % 7 or 7
            day = p - pd.Timedelta(days=back)
        elif step > 0:
            fwd = (target - p.weekday()) % 7 or 7
            day = p + pd.Timedelta(days=fwd)
        else:
            day = p - pd.Timedelta(days=p.weekday()) + pd.Timedelta(days=target)
        return s, e, day, day, "day-inferred"
    if low in ("spring", "summer", "autumn", "fall", "winter"):
        a, b = _season_span(low, p.year)
        if step < 0 and b >= p:
            a, b = _season_span(low, p.year - 1)
        elif step > 0 and a <= p:
            a, b = _season_span(low, p.year + 1)
        return s, e, a, b, "season-inferred"
    mo = _month(unit)
    y = p.year
    if step < 0:
        y = p.year if mo < p.month else p.year - 1
    elif step > 0:
        y = p.year if mo > p.month else p.year + 1
    return s, e, _ts(y, mo), _month_end(y, mo), "month-inferred"


def _merge_ranges(text: str, hits: list[tuple]) -> list[tuple]:
    """Join "from X to Y" / "between X and Y" / "X - Y" into one range mention."""
    out: list[tuple] = []
    i = 0
    while i < len(hits):
        cur = hits[i]
        if i + 1 < len(hits):
            nxt = hits[i + 1]
            glue = _RANGE_GLUE.fullmatch(text, cur[1], nxt[0])
            base1, base2 = cur[4], nxt[4]
            if (
                glue
                and "inferred" not in base1
                and "inferred" not in base2
                and "range" not in base1
                and "range" not in base2
                and nxt[3] > cur[3]
            ):
                word = glue.group().strip()
                opener = _RANGE_OPENER.search(text, max(0, cur[0] - 10), cur[0])
                ok = (
                    word == "and" and opener is not None and opener.group("w").lower() == "between"
                ) or (word != "and" and (opener is not None or word in ("-", "–", "—", "to")))
                if ok:
                    start = opener.start("w") if opener is not None else cur[0]
                    unit = base1 if _PRECISION_RANK[base1] <= _PRECISION_RANK[base2] else base2
                    out.append((start, nxt[1], cur[2], nxt[3], unit + "-range"))
                    i += 2
                    continue
        out.append(cur)
        i += 1
    return out


# --- scanning -------------------------------------------------------------------
# Every mention either holds a run of 1, 2 or 4 digits a few words after its start
# ("Wednesday, 12 September 2019", "the summer of 2003", "first quarter of
# 2019"), or is one of the digit-free forms that need a publication date ("last
# May", "on Sunday", "yesterday").  So candidate starts are: each run of digits,
# the few words before it that could open a date, and (only when the text has a
# publication date) the trigger words of the digit-free forms.  Trying the big
# regex only there finds the same matches as letting it try every position
# (leftmost first, no overlaps; checked by the tests), several times faster.
# _DIGITS: a run of 1, 2 or 4 digits not glued to a word, a number or a currency sign.
_DIGITS = re.compile(r"\d(?<![\w$€£¥#]\d)(?:\d(?:\d\d)?)?(?!\d)")
_OPENER_WORDS = frozenset(
    "early mid late spring summer autumn fall winter first second third fourth".split()
)
_PASS_WORDS = frozenset(["of", "quarter"])  # may sit inside a date, never start one
_OPENER_REACH = 40  # longest run before the first digit: "Wednesday, September 1"
# The digit-free forms.  Capitalised literals let the regex engine skip lower-case
# text quickly; the lower-case words are long and rare, so str.find is faster.
_WORD_TRIGGER = re.compile(
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday"
)
_LOWER_TRIGGERS = ("yesterday", "eighteenth", "nineteenth", "twentieth", "twenty-first")
_QUARTER_TRIGGER = re.compile(r"Q[1-4]")
_REL_TRIGGER = re.compile(
    r"[LlTtNn](?:ast|his|ext)\s+(?:week|month|year|[A-Z]|spring|summer|autumn|fall|winter)"
)


def _openers(text: str, p: int, add) -> None:
    """Add the starts of up to three words before ``p`` that could open a date."""
    lo = max(0, p - _OPENER_REACH)
    q = p
    for _ in range(3):
        j = q - 1
        while j >= lo and text[j] in " ,.-–\t\n":
            j -= 1
        k = j
        while k >= lo and text[k].isalpha():
            k -= 1
        if k == j or (k < lo and lo > 0):  # no word, or one cut by the reach
            return
        word = text[k + 1 : j + 1]
        if word[0].isupper() or word in _OPENER_WORDS:
            add(k + 1)
        elif word not in _PASS_WORDS:
            return
        q = k + 1


def _candidates(text: str, words: bool) -> list[int]:
    """Offsets where a date mention may start (a superset)."""
    found = []
    add = found.append
    for p in [m.start() for m in _DIGITS.finditer(text)]:
        if p and text[p - 1] in "'’":
            add(p - 1)
        _openers(text, p, add)
        add(p)
    found.extend([m.start() for m in _QUARTER_TRIGGER.finditer(text)])
    if words:
        found.extend([m.start() for m in _REL_TRIGGER.finditer(text)])
        found.extend([m.start() for m in _WORD_TRIGGER.finditer(text)])
        find = text.find
        for word in _LOWER_TRIGGERS:
            p = find(word)
            while p >= 0:
                add(p)
                p = find(word, p + 1)
    return sorted(set(found))


def _scan(text: str, words: bool = True):
    """The matches ``_DATE_RE.finditer(text)`` would give, found faster.

    With ``words=False`` the digit-free forms (which need a publication date)
    are not looked for.
    """
    cursor = 0
    match = _DATE_RE.match
    for p in _candidates(text, words):
        if p < cursor:
            continue
        m = match(text, p)
        if m is not None:
            yield m
            cursor = m.end()


def find_dates(text: str, published=None) -> list[tuple]:
    """Date mentions in one text, as ``(start, end, date, end_date, precision)`` tuples.

    Parameters
    ----------
    text : str
        Running text.
    published : date-like, optional
        Publication date of the text; partial dates ("on Sunday", "last May",
        "Aug. 5") are completed from it and are skipped when it is missing.

    Examples
    --------
    >>> for s, e, d, end, p in find_dates("It was founded in the 1960s and banned from 1997 to 2012."):
    ...     print(s, e, d.date(), end.date(), p)
    22 27 1960-01-01 1969-12-31 decade
    39 56 1997-01-01 2012-12-31 year-range
    >>> find_dates("Bolton got $180,000 and 2,000 members voted 251-170 for F-16 jets.")
    []
    >>> [(p, str(d.date())) for *_, d, _e, p in find_dates("We met on Sunday.", "2019-08-05")]
    [('day-inferred', '2019-08-04')]
    """
    return _find(text, _publication_day(published))


def _publication_day(published) -> pd.Timestamp | None:
    if published is None or pd.isna(published):
        return None
    pub = pd.Timestamp(published).normalize()
    return pub.tz_localize(None) if pub.tzinfo is not None else pub


def _find(text: str, pub: pd.Timestamp | None) -> list[tuple]:
    text = "" if text is None else str(text)
    hits = []
    for m in _scan(text, words=pub is not None):
        hit = _interpret(m, text, pub)
        if hit is not None:
            hits.append(hit)
    return _merge_ranges(text, hits) if len(hits) > 1 else hits


def _is_break(text: str, m: re.Match) -> bool:
    """False for a full stop that ends an abbreviation ("U.S.", "Mr.", "Gen.")."""
    if m.group()[0] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, m.start() - 12), m.start())
    return not (word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1))


def _sentence_span(text: str, s: int, e: int, reach: int = 400) -> tuple[int, int]:
    """Start and end offsets of the sentence holding ``text[s:e]`` (looks ``reach`` chars around)."""
    line_start = text.rfind("\n", 0, s) + 1  # a newline always ends a sentence
    lo = max(s - reach, line_start)
    start = lo
    for m in _SENTENCE_BREAK.finditer(text, lo, s):
        if _is_break(text, m):
            start = m.end()
    if start == lo and lo > line_start:  # no break within reach: start at a word
        start = min(s, text.find(" ", lo) + 1 or s)
    nl = text.find("\n", e)
    hi = min(len(text), e + reach, nl if nl >= 0 else len(text))
    end, pos = hi, e
    while True:
        m = _SENTENCE_BREAK.search(text, pos, hi)
        if m is None:
            break
        if _is_break(text, m):
            end = m.start() + (0 if m.group()[0] == "\n" else 1)
            break
        pos = m.end()
    return start, max(end, e)


def _ns(stamps: list) -> np.ndarray:
    """Timestamps -> a datetime64[ns] array, without pandas' slow object parsing."""
    return np.array([t.value for t in stamps], dtype="int64").view("datetime64[ns]")


def _clean(s: str) -> str:
    return " ".join(s.split())


def date_mentions(docs: pd.DataFrame) -> pd.DataFrame:
    """Every date mentioned in the documents' text, normalised to a calendar interval.

    Parameters
    ----------
    docs : DataFrame
        A docs table with ``doc_id`` and ``text``; ``published`` (optional) lets
        partial dates ("on Sunday", "last May", "Aug. 5") be completed.

    Returns
    -------
    DataFrame
        One row per mention, in document order then text order, with columns
        ``doc_id``; ``start``, ``end`` (character offsets: ``text[start:end] ==
        surface``); ``surface``; ``date`` and ``end_date`` (first and last day
        covered, inclusive, datetime64); ``precision`` (``day``, ``week``,
        ``month``, ``season``, ``quarter``, ``year``, ``decade``, ``century``,
        with ``-range`` for spans between two dates and ``-inferred`` for dates
        completed from ``published``); ``sentence`` (the sentence holding the
        mention, whitespace collapsed).

    Examples
    --------
    >>> from corpus_tools import docs_frame
    >>> docs = docs_frame([{"doc_id": "a:1", "published": "2019-08-05",
    ...     "text": "Operation Mersad, 26–30 July 1988, failed. Last May it met in Paris."}])
    >>> m = date_mentions(docs)
    >>> m[["surface", "precision"]].values.tolist()
    [['26–30 July 1988', 'day-range'], ['Last May', 'month-inferred']]
    >>> [str(d.date()) for d in m["date"]]
    ['1988-07-26', '2019-05-01']
    """
    require_columns(docs, ["doc_id", "text"])
    has_pub = "published" in docs.columns
    rows: dict[str, list] = {c: [] for c in MENTION_COLUMNS}
    doc_ids = docs["doc_id"].tolist()
    texts = docs["text"].tolist()
    pubs = [None] * len(docs)
    if has_pub:
        pubs = [_publication_day(p) for p in pd.to_datetime(docs["published"], errors="coerce")]
    for doc_id, text, pub in zip(doc_ids, texts, pubs, strict=True):
        if not isinstance(text, str) or not text:
            continue
        hits = _find(text, pub)
        if not hits:
            continue
        a = b = -1
        for s, e, d, end_d, prec in hits:
            if not (a <= s and e <= b):  # mentions often share a sentence
                a, b = _sentence_span(text, s, e)
            rows["doc_id"].append(doc_id)
            rows["start"].append(s)
            rows["end"].append(e)
            rows["surface"].append(text[s:e])
            rows["date"].append(d)
            rows["end_date"].append(end_d)
            rows["precision"].append(prec)
            rows["sentence"].append(_clean(text[a:b]))
    out = pd.DataFrame(
        {
            "doc_id": pd.Series(rows["doc_id"], dtype=object),
            "start": np.asarray(rows["start"], dtype="int64"),
            "end": np.asarray(rows["end"], dtype="int64"),
            "surface": pd.Series(rows["surface"], dtype=object),
            "date": _ns(rows["date"]),
            "end_date": _ns(rows["end_date"]),
            "precision": pd.Series(rows["precision"], dtype=object),
            "sentence": pd.Series(rows["sentence"], dtype=object),
        }
    )
    return out[MENTION_COLUMNS]


def base_precision(precision: str | Iterable[str]):
    """The unit of a precision value, without ``-range`` / ``-inferred``.

    Examples
    --------
    >>> base_precision("year-range"), base_precision("day-inferred"), base_precision("decade")
    ('year', 'day', 'decade')
    """
    if isinstance(precision, str):
        return precision.split("-")[0]
    return [p.split("-")[0] for p in precision]


def date_label(date, end_date, precision: str) -> str:
    """A short human label for a normalised date interval.

    Examples
    --------
    >>> import pandas as pd
    >>> date_label(pd.Timestamp("1988-07-26"), pd.Timestamp("1988-07-30"), "day-range")
    '26–30 July 1988'
    >>> date_label(pd.Timestamp("1960-01-01"), pd.Timestamp("1963-12-31"), "decade")
    'early 1960s'
    >>> date_label(pd.Timestamp("1997-01-01"), pd.Timestamp("2012-12-31"), "year-range")
    '1997–2012'
    """
    d, e = pd.Timestamp(date), pd.Timestamp(end_date)
    unit = base_precision(precision)
    is_range = "range" in precision
    if is_range:
        if unit == "day" and (d.year, d.month) == (e.year, e.month):
            return f"{d.day}–{e.day} {d.strftime('%B')} {d.year}"
        if unit == "day":
            return f"{d.day} {d.strftime('%B %Y')} – {e.day} {e.strftime('%B %Y')}"
        if unit == "month":
            return f"{d.strftime('%B %Y')} – {e.strftime('%B %Y')}"
        if unit == "decade":
            return f"{d.year // 10 * 10}s–{e.year // 10 * 10}s"
        return f"{d.year}–{e.year}"
    if unit == "day":
        return f"{d.day} {d.strftime('%B %Y')}"
    if unit == "week":
        return f"week of {d.date().isoformat()}"
    if unit == "month":
        return d.strftime("%B %Y")
    if unit == "season":
        name = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(d.month, "season")
        return f"{name} {d.year}"
    if unit == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if unit == "year":
        part = _part_name(d, e, _ts(d.year), _ts(d.year, 12, 31))
        return f"{part}{d.year}"
    if unit == "decade":
        y0 = d.year // 10 * 10
        part = _part_name(d, e, _ts(y0), _ts(y0 + 9, 12, 31))
        return f"{part}{y0}s"
    if unit == "century":
        n = d.year // 100 + 1
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")
        return f"{n}{suffix} century"
    return str(d.date())


def _part_name(d, e, lo, hi) -> str:
    if d == lo and e == hi:
        return ""
    if d == lo:
        return "early "
    if e == hi:
        return "late "
    return "mid "
