"""Small date recogniser for page furniture: date lines, post footers, bylines.

This is what the loader needs to read a page's own dates ("August 5, 2019 0 comments",
"Posted on 5 Aug 2019", "2019-08-05").  Dates mentioned in running text are the
business of :mod:`corpus_tools.dates`.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
    # Arabic names of the Gregorian months (Egypt and the Gulf; "مايو" and "ماي" both seen).
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "ماي": 5, "يونيو": 6,
    "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Persian names of the Gregorian months.
    "ژانویه": 1, "فوریه": 2, "آوریل": 4, "مه": 5, "ژوئن": 6, "ژوئیه": 7, "ژوییه": 7, "اوت": 8,
    "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
# The months of the Solar Hijri calendar, Iran's own; such dates are converted with jdatetime.
_JALALI_MONTHS = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6, "مهر": 7,
    "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|يناير|فبراير|مارس|أبريل|ابريل|مايو|ماي|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
    r"|ژانویه|فوریه|آوریل|مه|ژوئن|ژوئیه|ژوییه|اوت|آگوست|سپتامبر|اکتبر|نوامبر|دسامبر)\.?"
)
_JALALI_MONTH = "(?P<month4>" + "|".join(sorted(_JALALI_MONTHS, key=len, reverse=True)) + ")"
# Gregorian years in Western, Persian or Arabic-Indic digits (\d matches all three).
_YEAR = r"(?:19|20|۱۹|۲۰|١٩|٢٠)\d\d"
_WEEKDAY = (
    r"(?:(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?"
    r"|(?:ال)?(?:أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت)"
    r"|یکشنبه|يکشنبه|دوشنبه|سه[\u200c\s]?شنبه|چهارشنبه|پنج[\u200c\s]?شنبه|جمعه|شنبه)،?,?\s+)?"
)
# A time after the date, maybe with its zone ("4:17 PM GMT+1", "17.45 BST", "09:30 UTC+03:30").
_TIME = r"(?:\s*(?:,|at|-|–|\||در|ساعت|الساعة|في)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"

# One date, anchored nowhere; named groups tell which form matched.
_DATE_BODY = rf"""
    {_WEEKDAY}(?:
        {_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})
      | (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.replace("month", "month2")}
            ,?\s+(?P<year2>{_YEAR})
      | (?P<year3>(?:19|20)\d\d)-(?P<month3>\d{{1,2}})-(?P<day3>\d{{1,2}})
      | (?P<day4>\d{{1,2}})\s+{_JALALI_MONTH}(?:\s+ماه)?\s+(?P<year4>(?:13|14|۱۳|۱۴|١٣|١٤)\d\d)
      | (?<![\d.])(?P<day5>\d{{1,2}})\.(?P<month5>\d{{1,2}})\.(?P<year5>(?:19|20)\d\d)(?![\d.])
      | (?<![\d/-])(?P<a6>\d{{1,2}})(?P<sep6>[/-])(?P<b6>\d{{1,2}})(?P=sep6)(?P<year6>(?:19|20)\d\d)(?![\d/-])
    ){_TIME}
    """
DATE = re.compile(_DATE_BODY, re.I | re.X)
DATE_ONLY = re.compile(rf"^(?:{_DATE_BODY})$", re.I | re.X)


def parse_date(text: str) -> dt.date | None:
    """The first full date in ``text`` (day precision), or None.

    Examples
    --------
    >>> parse_date("August 5, 2019 0 comments")
    datetime.date(2019, 8, 5)
    >>> parse_date("Posted on Fri 2 May 2008 at 10:15")
    datetime.date(2008, 5, 2)
    >>> parse_date("الأحد 2 يوليو 2023")
    datetime.date(2023, 7, 2)
    >>> parse_date("یکشنبه ۱۲ خرداد ۱۴۰۱"), parse_date("۲ ژوئن ۲۰۲۲")  # Solar Hijri, and Gregorian in Persian
    (datetime.date(2022, 6, 2), datetime.date(2022, 6, 2))
    >>> parse_date("2019-08-05"), parse_date("12.08.2021"), parse_date("no date here")
    (datetime.date(2019, 8, 5), datetime.date(2021, 8, 12), None)
    >>> parse_date("30/06/2018"), parse_date("06/30/2018"), parse_date("06/07/2018")  # the last could be either
    (datetime.date(2018, 6, 30), datetime.date(2018, 6, 30), None)
    >>> parse_date("02-17-2024, 03:15 PM")  # dashes as slashes
    datetime.date(2024, 2, 17)
    """
    for m in DATE.finditer(text):
        d = date_of_match(m)
        if d is not None:
            return d
    return None


def date_of_match(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["year"]:
            return dt.date(int(g["year"]), _MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
        if g["year2"]:
            return dt.date(int(g["year2"]), _MONTHS[g["month2"].lower().rstrip(".")], int(g["day2"]))
        if g["year3"]:
            return dt.date(int(g["year3"]), int(g["month3"]), int(g["day3"]))
        if g["year5"]:  # "12.08.2021": day first, as everywhere dots are used
            return dt.date(int(g["year5"]), int(g["month5"]), int(g["day5"]))
        if g["year6"]:  # "30/06/2018" or "06/30/2018": only when one of the two cannot be a month
            a, b = int(g["a6"]), int(g["b6"])
            if a > 12 >= b:
                return dt.date(int(g["year6"]), b, a)
            if b > 12 >= a:
                return dt.date(int(g["year6"]), a, b)
            return None
        import jdatetime  # only pages dated in the Solar Hijri calendar need it

        return jdatetime.date(int(g["year4"]), _JALALI_MONTHS[g["month4"]], int(g["day4"])).togregorian()
    except (ValueError, KeyError):
        return None


def is_date_line(line: str) -> bool:
    """True when the whole line is one date (optionally with weekday and time).

    >>> is_date_line("Nov 12, 2012"), is_date_line("Sat 1 Jul 2023 17.45 BST"), is_date_line("March 3, 2024 4:17 PM GMT+1")
    (True, True, True)
    >>> is_date_line("In 2012 it was delisted.")
    False
    """
    return len(line) < 60 and DATE_ONLY.match(line) is not None
