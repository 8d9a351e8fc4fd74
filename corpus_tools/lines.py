"""Line roles: the evidence that a line is page furniture rather than text.

Every input line ends up with one role.  Lines that belong to a document keep
``body``, ``title``, ``author``, ``date`` or ``section``; the others are removed
with the reason as their role:

============== ============================================================
role           what it is and how it is recognised
============== ============================================================
blank          an empty line
navigation     menus: runs of short bulleted links, "Back to top", page chrome
               before the first or after the last post of a listing
share          social/share bars ("FacebookTwitterEmail", "Share this")
footer         copyright, "All rights reserved", "Powered by" lines
pagination     "Older posts", "Next page", "Page 2 of 9", "Load more"
comment_count  "0 comments", "Leave a reply" without a date
sidebar        a short heading that opens a block of teasers ("Most viewed")
teaser         title/summary lines under a sidebar heading
related        lists of other posts with their dates ("Recently by ...")
repeated       short lines repeated across pages or within a page
duplicate      a lede, pull-quote or title that the document repeats
image_alt      image alt text in a post header (or the same text elsewhere)
============== ============================================================

The evidence is general: shapes of web furniture, repetition across the pages of
the corpus and within a page, position, and runs of list-like lines.  No list of
any one corpus's strings is used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import pairwise

from ._datetext import DATE, date_of_match, is_date_line, parse_date

BLANK, BODY, TITLE, AUTHOR, DATE_ROLE, SECTION = "blank", "body", "title", "author", "date", "section"
NAV, SHARE, FOOTER, PAGINATION, COMMENT_COUNT = "navigation", "share", "footer", "pagination", "comment_count"
SIDEBAR, TEASER, RELATED, REPEATED, DUPLICATE, IMAGE_ALT = (
    "sidebar", "teaser", "related", "repeated", "duplicate", "image_alt",
)  # fmt: skip
#: Roles whose lines belong to a document (and carry its ``doc_id``).
DOC_ROLES = frozenset({BODY, TITLE, AUTHOR, DATE_ROLE, SECTION})
#: Every role a line can have.
ROLES = (
    BODY, TITLE, AUTHOR, DATE_ROLE, SECTION, BLANK, NAV, SHARE, FOOTER, PAGINATION,
    COMMENT_COUNT, SIDEBAR, TEASER, RELATED, REPEATED, DUPLICATE, IMAGE_ALT,
)  # fmt: skip

_BULLET = re.compile(r"^[•·▪►▸■□◦‣●○*+]\s*\S|^[-–—]\s+\S")
_SOCIAL = (
    r"facebook|twitter|pinterest|whatsapp|telegram|skype|e-?mail|linkedin|reddit|tumblr|"
    r"print|share|tweet|youtube|instagram|vk|flipboard|pocket|messenger|sms|copy\s?link|"
    r"google\+?|digg|stumbleupon|viber|weibo|xing|threads|bluesky|mastodon|rss|tiktok|x(?:\s*\((?:formerly\s+)?twitter\))?"
)
_SHARE = re.compile(
    rf"^(?:(?:share|like|follow)(?:\s+(?:this|it|on|via|us))*\s*:?\s*)?(?:(?:{_SOCIAL})[\s|/·•,:]*)+$",
    re.I,
)
_SHARE_PHRASE = re.compile(
    r"^(?:(?:share|like|follow(?:\s+us)?|click\s+to\s+share|tweet)(?:\s+(?:this|it|on|via|us|the|full|article|story|post|page|piece))*\s*:?"
    r"|(?:e-?mail|gift|send|print|save)\s+(?:this|the)\s+(?:article|story|post|page|piece)|share\s+(?:by|via)\s+e-?mail|link\s+copied)$",
    re.I,
)
# "Follow Jane Doe on Twitter @janedoe" closing a story.
_FOLLOW_ON = re.compile(rf"^follow\s+(?:.{{1,60}}\s+on\s+(?:{_SOCIAL})\b|@\w{{2,30}}$)", re.I)  # "Follow @name"
_FOOTER_START = re.compile(
    r"^\W*(?:copyright\b|(?:proudly\s+)?powered by\b|privacy policy\b|terms of (?:use|service)\b|cookie policy\b|theme\s*:.{1,60}\bby\b"
    r"|text\s+is\s+available\s+under\s+the\s+creative\s+commons\b|this\s+page\s+was\s+last\s+(?:edited|modified|updated)\s+on\b)", re.I
)
_C_YEAR = re.compile(r"\(c\)\s*(?:19|20)\d\d", re.I)


def _is_footer(line: str) -> bool:
    """Copyright and legal lines (plain substring tests first: they are cheap)."""
    if "©" in line:
        return True
    low = line.lower()
    if "all rights reserved" in low:
        return True
    if "(c)" in low and _C_YEAR.search(line):
        return True
    return _FOOTER_START.match(line) is not None
_PAGINATION = re.compile(
    r"""^(?:[«‹<←]\s*)?(?:newer|older|next|previous|prev|earlier|later)
        (?:\s+(?:posts?|entries|articles|stories|page|pages|comments|news|results))?(?:\s*[»›>→])?$
      | ^page\s+\d+(?:\s+of\s+\d+)?$
      | ^(?:[«‹<←]\s*)?(?:next|previous|prev|older|newer)(?:\s+(?:post|article|story|entry))?\s*:\s*.{1,120}?(?:\s*[»›>→])?$
      | ^(?:\d+\s*){2,}(?:…|\.\.\.)?\s*(?:\d+\s*)?(?:next|»|›)?$""",
    re.I | re.X,
)
_TOP_NAV = re.compile(
    r"""^(?:back\s+to\s+top|to\s+top|scroll\s+to\s+top|(?:(?:skip|jump)\s+to\s+(?:main\s+)?(?:content|navigation|search|menu)\s*)+|skip\s+to\s+.{1,40}|top|home|menu
      | search(?:\s+for)?\s*:?|close|toggle\s+navigation|subscribe(?:\s+to\s+.{1,40})?|sign\s+(?:up|in)
      | log\s?(?:in|out)|register|listen(?:\s+to\s+(?:this\s+)?(?:article|story|post|episode))?|advertisement|sponsored(?:\s+content)?|cookie\s+settings
      | like\s+loading\.*|tags|topics|keywords|explore\s+more(?:\s+on\s+(?:these|this)\s+topics?)?|discussion\s+about\s+this\s+post
      | cancel\s+reply|(?:purchase|acquire)\s+licensing\s+rights|text\s+size\s*:?(?:\s*a){0,4}|(?:url|link|source\s+url)\s*:?\s*https?://\S+|watch\s+(?:the\s+)?video\s+(?:above|below)|a\s*a|(?:news|story|article)\s+(?:id|code|no\.?)\s*:?\s*\d+|(?:read|open|continue)\s+in\s+(?:the\s+)?app|loading\.{2,}|award|give\s+award|save|\d{1,3}\s*%\s+upvoted|log\s+in\s+or\s+sign\s+up\b.{0,40}
      | sort\s+by\s*:?\s*\w+(?:\s+\w+)?|view\s+(?:this\s+)?(?:email|e-mail|message)\s+in\s+(?:your|a)\s+(?:web\s+)?browser
      | permalink\b.*|accept(?:\s+all)?(?:\s+cookies)?|(?:reject|decline)(?:\s+all)?|manage\s+(?:options|preferences|settings|cookies)
      | print(?:\s+this)?(?:\s+(?:page|article))?|opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)|for\s+immediate\s+release|download\b.{0,40}\b(?:pdf|report|file)\b.{0,20})$""",
    re.I | re.X,
)
#: "Read more" links: they end a post's teaser on listing pages.
READ_MORE = re.compile(
    r"^\[?\s*(?:(?:read|view|see|show|load)\s+(?:(?:more|all)(?:\s+(?:comments|replies|posts|stories|articles))?|full\s+(?:story|article|post))"
    r"|continue\s+reading|more)"
    r"\s*(?:»|›|>|→|\.\.\.|…)?\s*\]?$",
    re.I,
)
#: Units of a relative age ("3 hours ago", "2h ago", "2 yr. ago").
AGE_UNIT = r"(?:sec(?:ond)?|s|min(?:ute)?|m|h(?:ou)?r|h|d(?:ay)?|w(?:ee)?k|w|mo(?:nth)?|y(?:ea)?r|y)s?"
AGE_LINE = re.compile(rf"^(?:\d+|an?|one)\s*{AGE_UNIT}\.?\s+ago$", re.I)
_COUNTER_LINE = re.compile(
    r"^(?:(?:hits|views|reads|visits|visited)\s*:?\s*[\d,.]+(?:\s+times)?"
    r"|[\d,.]+[km]?\s+(?:views|hits|reads|visits|likes?|followers?|claps?|shares?|reactions?|retweets?|reposts?|subscribers?)"
    r"|\d+\s*-?\s*min(?:ute)?s?\s+read(?:ing)?(?:\s+time)?"  # "3 minute read"
    r"|[\d,.]{1,6}[km]?"  # a bare count (votes, likes) on a line of its own
    r"|\d+\s+pages?|(?:isbn(?:-1[03])?|issn)\s*:?\s*[\d-]{8,}[\dx]?|doi\s*:?\s*10\.\d{4,9}/\S+"  # a publication's particulars
    rf"|(?:(?:last\s+)?updated\s*:?\s*)?(?:\d+|an?|one)\s*{AGE_UNIT}\.?\s+ago)$",  # "3 hours ago", "Updated 2 hours ago"
    re.I,
)
# A link to another story set between paragraphs, and a photo caption or credit.
_ASIDE = re.compile(r"^(?:read\s+also|also\s+read|see\s+also|read\s+more|related)\s*:\s*\S", re.I)
_CAPTION = re.compile(r"^(?:(?:photo|image|picture|caption|file\s+photo|photo\s+credit)\s*:\s*\S|\[\d+\s*/\s*\d+\]\s)", re.I)
# "URL: https://...", "Contents: (Top) · 1 History · 2 Attacks", "Source: Kaveh Review Persian service".
_SOURCE_LINE = re.compile(
    r"^(?:url\s*:\s*https?://\S+|(?:table\s+of\s+)?contents\s*:\s*\S.*|source\s*:\s*[^.!?]{2,100}"
    r"|for\s+.{3,100}?,\s+see\s+[^,;]{3,80})$",  # a reference page's hatnote: "For the ..., see ..."
    re.I,
)
#: The credit that ends a wire photo's caption: ". AGENCY/Photographer Name".
_AGENCY_PHOTO = re.compile(r"\.\s+[A-Z]{2,}[A-Za-z]*\s?/\s?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}$")
_FILE_PHOTO = re.compile(r"\((?:file(?:\s+(?:photo|picture|image))?|archive(?:\s+photo)?|أرشيفية|صورة\s+أرشيفية|آرشیو|عکس\s+آرشیوی)\)$", re.I)
# A caption that ends with its credit: "Protesters in Stockholm - Photo: Example Agency".
_CAPTION_CREDIT = re.compile(r"\s[-–—|/]\s*(?:photo|image|picture|credit|عکس|تصویر)\s*:\s*\S.{0,60}$", re.I)
# A dated line under a headline: "Posted on ...", "Updated: ...", "Broadcast on 9 November 2021".
DATED_META = re.compile(
    r"^(?:published|posted|updated|last\s+updated|created|date|dated|broadcast|aired|recorded|filed|issued|released"
    r"|تاریخ\s+(?:انتشار|به\u200c?\s?روزرسانی|خبر)|زمان\s+انتشار|تاريخ\s+(?:النشر|الخبر)|نشر\s+(?:في|بتاريخ)|آخر\s+تحديث)(?=\s|:)"
    r"\s*(?:on|at)?\s*:?\s*(?P<rest>.+)$",
    re.I,
)
# A credit under a headline: "By NAME", "Written by NAME", "Opinion by NAME".
# The same in Persian and Arabic: "written by", "by", "author:", "by the pen of".
_RTL_CREDIT = re.compile(r"^(?:نوشته\s+شده\s+توسط|ارسال\s+شده\s+توسط|توسط|نویسنده\s*:|بقلم|الكاتب\s*:?|كتبه|كتب\s*:)\s*\S")
_BY_CREDIT = re.compile(
    r"^(?:(?:written|posted|words|story|report|reporting|opinion|analysis|commentary|text|interview|interviewed|hosted|presented)\s+)?by\s",
    re.I,
)


@functools.lru_cache(maxsize=1 << 16)
def is_credit_line(line: str) -> bool:
    """A credit or date line under a headline: "By NAME", a date then "by NAME", "Posted on DATE".

    >>> is_credit_line("2021-04-12 by Sara Navid"), is_credit_line("By Jane Roe"), is_credit_line("Bypass opens")
    (True, True, False)
    >>> is_credit_line("Broadcast on 9 November 2021"), is_credit_line("Posted in Politics")
    (True, False)
    >>> is_credit_line("Jonas Weidemann | Feb 20, 2023"), is_credit_line("News | Sport")
    (True, False)
    """
    if len(line) > 80:
        return False
    if _BY_CREDIT.match(line) or (line[0] >= "\u0600" and _RTL_CREDIT.match(line)):
        return True
    m = DATED_META.match(line)
    if m is not None:
        return any(ch.isdigit() for ch in m.group("rest"))
    if "|" in line or "·" in line or "•" in line:  # "Jane Doe | Feb 20, 2023", "20 Feb 2023 · Jane Doe"
        parts = [p.strip() for p in re.split(r"[|·•]", line) if p.strip()]
        if len(parts) == 2 and any(_NAME_ONLY.match(p) for p in parts) and any(DATE.fullmatch(p) or AGE_LINE.match(p) for p in parts):
            return True
    if "by " not in line and "By " not in line and "BY " not in line:
        return False
    m = DATE.match(line)
    return m is not None and line[m.end() :].lstrip(" ,|·–-").lower().startswith("by ")


#: A person's name: two to four capitalised words, maybe with a particle ("de", "van", "al").
NAME = r"[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*(?:\s+(?:(?:de|da|van|von|der|bin|al|el|le|la|du)\s+)?[A-Z][^\W\d_]*(?:['’.-][^\W\d_]+)*){1,3}"
_NAME_ONLY = re.compile(rf"^{NAME}$")


# Notices a site shows on every page: cookie banners, the comment form's small print.
_SITE_NOTICE = re.compile(
    r"""\b(?:we|this\s+(?:web)?site)(?:\s+and\s+our\s+(?:partners|vendors))?\s+(?:uses?|stores?)\s+(?:only\s+)?(?:essential\s+|necessary\s+)?cookies\b
      | \bcookies?\b.{0,120}\b(?:accept|agree|consent|continu|settings|preferences)
      | \byour\s+email\s+address\s+will\s+not\s+be\s+published | ^save\s+my\s+name,?\s+email\b
      | \brequired\s+fields\s+are\s+marked | ^we\s+(?:value|care\s+about|respect)\s+your\s+privacy\W*$
      | ^(?:thanks?\s+(?:you\s+)?for\s+reading\b.{0,80}\bsubscribe|subscribe\b.{0,80}\b(?:free|newsletter|new\s+posts|inbox|updates)
         | sign\s+up\b.{0,40}\b(?:newsletter|updates|alerts|emails?|receive\s+our)
         | comments\s+are\s+(?:now\s+)?(?:moderated|closed|reviewed)\b | (?:reach|contact|email)\s+(?:him|her|them|the\s+\w+)\s+at\b | newsletter\s*:|.{0,80}\bin\s+your\s+inbox\b|got\s+a\s+(?:news\s+)?(?:story|tip)\s*\?
         | the\s+views\s+expressed\b.{0,60}\b(?:author|writer|contributor)s?(?:'s|’s)?\s+own
         | an?\s+(?:version|shorter\s+version)\s+of\s+this\s+(?:article|story|piece)\s+appears?\s+in\s+print
         | our\s+standards\s*:.{0,80})""",
    re.I | re.X,
)


def _notice_hint(low: str) -> bool:
    """Words one of these notices holds: plain substring tests spare most lines the regex.

    Keep it in step with ``_SITE_NOTICE``: a notice whose words are missing here is never looked for.
    """
    return (
        "cookie" in low or "email address" in low or "required field" in low or "subscribe" in low or "newsletter" in low
        or "inbox" in low or "sign up" in low or "story?" in low or "tip?" in low or "views expressed" in low
        or "your privacy" in low or "in print" in low or "comments are" in low or "save my name" in low or "standards" in low
        or (" at " in low and ("reach" in low or "contact" in low or "email" in low))
    )  # fmt: skip
_TAG_LINE = re.compile(
    r"^(?:(?:tags?|categor(?:y|ies)|labels?|topics?)\s*:|tagged(?:\s+with)?\b|filed\s+under\b|posted\s+in\b)\s*\S.{0,150}$", re.I
)
_COMMENTS = r"(?:(?:no|one|\d+)\s+(?:comments?|responses|replies)|comments?\s*(?:\(\d+\)|:?\s*\d+))"
_COMMENT_COUNT = re.compile(
    rf"""^(?:{_COMMENTS}|leave\s+a\s+(?:comment|reply)|add\s+(?:(?:new|a)\s+)?comment|post\s+a\s+comment|(?:post|submit|send)\s+comment
      | (?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|comments?|responses?|replies)
        \s+(?:on|to)\s+.{{1,200}}
      | (?:\d+\s*[•·|]\s*)?(?:reply(?:\s+with\s+quote)?|report|quote|permalink|log\s+in\s+to\s+reply|login\s+to\s+post\s+comments|in\s+reply\s+to\s+[^\s,;:]+(?:\s+[^\s,;:]+){{0,3}})\s*(?:↓|»)?
        (?:\s*[•·|]\s*share\s*›?)?
      | sort\s+by\s+(?:newest|oldest|best|top|popular|most\s+\w+) | join\s+the\s+discussion\W{{0,3}} | (?:show|view|hide|load|read)\s+(?:all\s+)?(?:\d+\s+)?comments?
      | (?:(?:reply|share|report|save|quote|permalink|edit|flag|like|upvote|downvote|vote|award|more)\b[\s•·|›]*){{2,}})$""",
    re.I | re.X,
)
# The heading of a comment thread: "6 thoughts on “Title”", "12 Responses to Title".
_THREAD_HEAD = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|comments?|responses?|replies)\s+(?:on|to)\s+\S", re.I)
#: A post footer: a date followed by a comment count ("August 5, 2019 0 comments").
POST_FOOTER = re.compile(rf"^(?:posted\s+(?:on\s+)?)?(?P<date>.{{6,60}}?)\s*[|·•,–—-]?\s*{_COMMENTS}$", re.I)
_SIDEBAR_CUE = re.compile(
    r"""^(?:(?:the\s+)?most\s+(?:viewed|read|popular|shared|commented|emailed|recent)(?:\s+(?:articles?|posts?|stories|news))?
      | (?:new|newest|latest|recent|related|popular|trending|featured|top|more|similar|recommended|further|other|editor'?s?)
        \s+(?:articles?|posts?|news|stories|reading|reads|items|videos|content|links|headlines|topics|choice|picks?
           |research|analysis|reports?|publications|coverage|episodes|podcasts|commentary|opinion|features|interviews
           |press\s+releases|statements|questions)
      | more\s+(?:from|in|on|about)\s+.{1,30} | (?:recommended|picked)\s+for\s+you | around\s+the\s+web
      | you\s+(?:may|might)\s+also\s+(?:like|enjoy) | also\s+on\s+.{1,40} | what\s+to\s+read\s+next | read\s+(?:more|next|also)
      | see\s+also | also\s+read | from\s+the\s+archives? | highlights | categories | archives? | tags
      | popular | latest | trending(?:\s+now)? | related | in\s+case\s+you\s+missed\s+it | don'?t\s+miss
      | (?:مطالب|اخبار|خبرهای|مقالات|أخبار)\s+(?:مرتبط|مشابه|پیشنهادی|ذات\s+صلة|مشابهة) | پربازدیدترین(?:\u200cها|\s+ها)?
      | آخرین\s+(?:اخبار|مطالب|خبرها) | (?:نوشته|مطالب|یادداشت)\u200c?\s?های\s+(?:تازه|اخیر|جدید|مرتبط) | بایگانی | الأكثر\s+(?:قراءة|مشاهدة) | آخر\s+الأخبار | اقرأ\s+(?:أيضا|أيضاً|المزيد))\s*:?$""",
    re.I | re.X,
)


def is_credit_chrome(line: str) -> bool:
    """Small page chrome that sits among a headline's credits: a separator, a reading time, Follow, Listen, Share.

    >>> is_credit_chrome("7 min read"), is_credit_chrome("·"), is_credit_chrome("Follow"), is_credit_chrome("Home")
    (True, True, True, False)
    """
    if len(line) > 40:
        return False
    return (len(line) == 1 and line in "·•|/") or _COUNTER_LINE.match(line) is not None or _CREDIT_BUTTON.match(line) is not None


_CREDIT_BUTTON = re.compile(r"^(?:follow|listen|share|save|subscribe|\d+\s*(?:likes?|claps?|comments?))$", re.I)


def is_sidebar_cue(line: str) -> bool:
    """Worded like the heading of a list of links ("Most viewed", "Related research", "Archive").

    >>> is_sidebar_cue("Related Research"), is_sidebar_cue("Human Rights")
    (True, False)
    """
    return len(line) <= 40 and _SIDEBAR_CUE.match(line) is not None


_TERMINAL = re.compile(r"[.;:,]$")
_ELLIPSIS_ENDS = ("...", "…", "...]", "…]")


def _ellipsis(line: str) -> bool:
    """Ends like a cut-off teaser ("...", "…")."""
    return line.endswith(_ELLIPSIS_ENDS)


_COMMENT_HEADER = re.compile(
    r"^(?:by|posted by|submitted by)\s+(?P<name>\S.{0,60}?)"
    r"(?P<marker>\s*\((?:not verified|unverified|guest|anonymous|visitor)\))?\s+(?:on\b|»)(?P<when>.{0,40})$",
    re.I,
)
_WROTE_ON = re.compile(r"^(?P<name>\S.{0,50}?)\s+(?:wrote|commented|said|posted)\s+(?:on|at)\s+(?P<when>.{6,40}?)\s*:$", re.I)
_SAYS = re.compile(r"^(?P<name>\S.{0,50}?)\s+(?:says|said|wrote|writes|گفت|می\u200c?\s?گوید|نوشت|قال|كتب|يقول)\s*:$", re.I)
# "Reza K • 2 years ago": a comment system that dates comments by their age.
# The name may stand on the line above, the age line then starting with the dot.
_AGO = re.compile(
    rf"^(?:(?P<name>\S.{{0,40}}?)\s*)?[•·|]\s*(?:\d+|an?|one)\s*{AGE_UNIT}\.?\s+ago$",
    re.I
)
_COUNT_NAME = re.compile(r"^[\d,.]+[km]?\s+\w+$", re.I)  # "4 comments", "12 replies": a teaser's count, no name
# A link aggregator's post or comment: "▲ 94 points by ledgerfox 8 hours ago | parent | next [–]".
_POINTS_BY = re.compile(rf"^(?:▲\s*)?\d+\s+points?\s+by\s+(?P<name>[\w.-]{{2,30}})\s+(?:\d+|an?|one)\s*{AGE_UNIT}\.?\s+ago(?:\s*\|.*)?$", re.I)


def parse_comment_header(line: str) -> tuple[str, dt.date | None, bool] | None:
    """``(author, date, strong)`` when the line opens a comment, else None.

    ``strong`` says the line carries a marker only comments have (a "(not
    verified)" tag or a date), so one such line is enough to call a thread.

    >>> parse_comment_header("by A Reader (not verified) on")
    ('A Reader', None, True)
    >>> parse_comment_header("Sam says:"), parse_comment_header("سیمین گفت:")
    (('Sam', None, False), ('سیمین', None, False))
    >>> parse_comment_header("by sam_k » Tue Jan 05, 2021 4:02 pm")  # a forum post
    ('sam_k', datetime.date(2021, 1, 5), True)
    >>> parse_comment_header("Reza K • 2 years ago")
    ('Reza K', None, False)
    >>> parse_comment_header("• 3 years ago"), parse_comment_header("4 comments • 3 years ago")  # the name is on the line above
    (('', None, False), None)
    >>> parse_comment_header("▲ 94 points by ledgerfox 8 hours ago | parent | next [–]")
    ('ledgerfox', None, True)
    """
    if len(line) > 110:
        return None
    m = _COMMENT_HEADER.match(line)
    if m:
        name = m.group("name").strip()
        if len(name.split()) > 8:
            return None
        when = m.group("when").strip()
        date = parse_date(when) if when else None
        if when and date is None and not re.search(r"\d", when):
            return None
        return name, date, bool(m.group("marker")) or date is not None
    m = _WROTE_ON.match(line)
    if m and len(m.group("name").split()) <= 5:
        date = parse_date(m.group("when"))
        if date is not None:
            return m.group("name").strip(), date, True
    m = _SAYS.match(line)
    if m and len(m.group("name").split()) <= 5:
        return m.group("name").strip(), None, False
    m = _POINTS_BY.match(line)
    if m:
        return m.group("name"), None, True
    m = _AGO.match(line)
    if m:
        name = re.split(r"\s+[>›]\s+", (m.group("name") or "").strip())[0]  # "A > B": A replies to B
        if len(name.split()) <= 5 and not _COUNT_NAME.match(name):
            # Not strong: "NAME | 2h ago" is also an article's credit line.
            return name, None, False
    return None



#: The key under which lines count as the same for repetition evidence: the
#: case-folded line.  It is ``str.casefold`` itself, so hot loops can map it
#: without a Python call per line.
line_key = str.casefold


#: Lines longer than this never count as repeated page furniture.
REPEAT_MAX_CHARS = 300


def may_repeat(line: str) -> bool:
    """Whether a line can count as furniture repeated across pages.

    Short lines (up to 160 characters) can, and cut-off teasers ("...") up to
    :data:`REPEAT_MAX_CHARS`.  The corpus counts these lines' keys across pages
    and :func:`classify_furniture` looks them up, so both use this one rule.

    >>> may_repeat("Most viewed"), may_repeat("x" * 200), may_repeat("x" * 200 + " …]")
    (True, False, True)
    """
    n = len(line)
    return 0 < n <= 160 or (n <= REPEAT_MAX_CHARS and line.endswith(_ELLIPSIS_ENDS))


def short_keys(lines: list[str]) -> set[str]:
    """Keys of a page's lines that may count as repeated furniture (:func:`may_repeat`).

    The corpus counts on how many pages each key occurs (see :func:`classify_furniture`).

    >>> sorted(short_keys(["Most Viewed", "", "x" * 200, "most viewed"]))
    ['most viewed']
    """
    # The length test first spares most lines a function call (a hot loop).
    return set(map(line_key, [line for line in lines if line and (len(line) <= 160 or may_repeat(line))]))


def is_title_like(line: str, max_words: int = 20) -> bool:
    """Short, headline-shaped: few words, no closing period/colon/comma.

    >>> is_title_like("Once sworn enemy; Now tactical ally"), is_title_like("He left.")
    (True, False)
    """
    return 0 < len(line) <= 200 and _few_words(line, max_words) and not _TERMINAL.search(line)


def _few_words(line: str, n: int) -> bool:
    """At most ``n`` words; counting spaces is enough for a normalised line (single spaces)."""
    return line.count(" ") < n or len(line.split()) <= n


def is_prose(line: str) -> bool:
    """A sentence or more of running text, though maybe too short to be :func:`is_sentence_rich`.

    >>> is_prose("Albanian police said on Tuesday they had searched the camp as part of an inquiry."), is_prose("Most viewed")
    (True, False)
    """
    if len(line) < 80:
        return False
    # It ends a sentence: a full stop, question or exclamation mark, maybe inside a quote.
    end = line[-1]
    if end not in ".!?" and (end not in _CLOSERS or line[-2] not in ".!?"):
        return False
    return line.count(" ", 0, 200) >= 12 or line.count(" ") >= 12  # long lines show their spaces early


_CLOSERS = "\"”’)"


def is_sentence_rich(line: str) -> bool:
    """A body paragraph: long, or several sentences."""
    if len(line) >= 400 and not _ellipsis(line):
        return True
    return len(line) >= 200 and len(_SENTENCE_BREAK.findall(line)) >= 2


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z“\"]")


# How every furniture shape below can begin (lower case, after bullets and
# arrows); a line starting otherwise skips the detailed tests.
_CHROME_PREFIXES = (
    *"""facebook twitter pinterest whatsapp telegram skype email e-mail mail linkedin reddit tumblr print
    share tweet youtube instagram vk flipboard pocket messenger sms copy google digg stumbleupon viber
    weibo xing threads bluesky mastodon rss tiktok x like follow click newer older next previous prev
    earlier later page back scroll skip top home menu search close toggle subscribe sign log register listen award save sort
    reject decline manage download proudly theme loading watch aa url link source join tags topics keywords explore
    discussion cancel purchase acquire isbn issn doi contents
    advertisement sponsored cookie accept read view see show load continue more hits views reads visits
    visited tag categor label topic filed posted one two three four five six seven eight nine ten
    comment leave add post reply report quote permalink copyright powered privacy terms [ also photo
    image picture caption file related gift send updated last open""".split(),
    "in reply to",
    "text is available",
    "this page was last",
    "for ",
    "a a",
    "for immediate",
    "text size",
    "news id",
    "news code",
    "news no",
    "story id",
    "article id",
    "to top",
    "jump to",
    "no ",
)
_LEAD_CHARS = "•·▪►▸■□◦‣●○*+-–—«‹<←[ "


def _footer_hint(line: str) -> bool:
    return "©" in line or "eserved" in line or "ESERVED" in line or "(c)" in line or "(C)" in line


def shape_role(line: str) -> str | None:
    """The role a line's own shape gives it, without context (None if it has none).

    Examples
    --------
    >>> shape_role("FacebookTwitterPinterestWhatsappTelegramSkypeEmail")
    'share'
    >>> shape_role("© 2003 - 2025 Example Society . All Rights Reserved.")
    'footer'
    >>> shape_role("Older Posts"), shape_role("0 comments"), shape_role("The vote was 251-170.")
    ('pagination', 'comment_count', None)
    >>> shape_role("We use cookies to improve your experience. By continuing you agree.")
    'navigation'
    >>> shape_role("Critics say the cookie tax will hurt small bakeries.") is None
    True
    """
    if not line:
        return BLANK
    n = len(line)
    if n > 250:
        return None
    low = line.lower()
    if _notice_hint(low) and _SITE_NOTICE.search(line):
        return NAV  # a cookie banner, a comment form's notice, a newsletter prompt
    head = line[:24].lower().lstrip(_LEAD_CHARS)
    if line[0] >= "\u0600" and n <= 120:
        for pattern, role in _ARABIC_SCRIPT_CHROME:
            if pattern.match(line):
                return role
    if n == 1 and line in "·•|/":
        return NAV  # a lone separator between credit items
    if n <= 30 and " " not in line and (_slug(line) or _INITIALS_SLUG.match(line)):
        return NAV  # an editing slug or file code ("6294**1412", "lg/fz/dv")
    if line.endswith(_NEW_TAB):
        return NAV  # a link's text for screen readers ("Acquire Licensing Rights, opens new tab")
    if ":" in line and n <= 200 and (" - " in line or " – " in line or " — " in line or " | " in line or " / " in line) and _CAPTION_CREDIT.search(line):
        return IMAGE_ALT
    if n <= 60 and line[-5:].lower() == " logo":
        return IMAGE_ALT  # a logo's alt text ("Example Forum logo")
    if line[-1] == ")" and n <= 200 and _FILE_PHOTO.search(line):
        return IMAGE_ALT  # "Supporters at a rally in Paris (file photo)"
    if "/" in line[-40:] and _AGENCY_PHOTO.search(line):
        return IMAGE_ALT  # a wire photo's caption: "... in Paris, March 3, 2024. AGENCY/Jane Doe"
    if ("|" in line or "·" in line or "•" in line) and _label_row(line):
        return NAV  # "English | Français | فارسی", "Home | Research | Events"
    if not (head[:1].isdigit() or head.startswith(_CHROME_PREFIXES)) and not _footer_hint(line):
        return None  # no furniture shape starts like this (the common case: text)
    bare = _strip_bullet(line) if line[0] in _BULLET_CHARS else line
    if _SHARE.match(bare) or (n < 60 and _SHARE_PHRASE.match(line)) or (n <= 120 and _FOLLOW_ON.match(line)):
        return SHARE
    if n <= 200 and _is_footer(line):
        return FOOTER
    if n <= 150 and _ASIDE.match(line):
        return NAV  # "Read also: ..." between paragraphs
    if n <= 200 and _CAPTION.match(line):
        return IMAGE_ALT
    if _COMMENT_COUNT.match(line):
        return COMMENT_COUNT
    if n <= 300 and _SOURCE_LINE.match(line):
        return NAV  # a print page's address, a table of contents, a source credit

    if n <= 60:
        if _PAGINATION.match(line):
            return PAGINATION
        if _TOP_NAV.match(bare):
            return NAV
        if READ_MORE.match(line):
            return PAGINATION
        if _COUNTER_LINE.match(line):
            return NAV
    if len(line) <= 160 and _TAG_LINE.match(line) and line[-1] not in ".!?" and len(line.split()) <= 15:
        return NAV
    return None


# Persian and Arabic page chrome: reading time, share and tag labels, newsletter
# boxes, reuse and copyright notices.
_ARABIC_SCRIPT_CHROME = (
    (re.compile(r"^(?:زمان\s+(?:مطالعه|خواندن)|مدت\s+زمان\s+مطالعه|وقت\s+القراءة|مدة\s+القراءة)\s*:?"), NAV),
    (re.compile(r"^(?:اشتراک\u200c?\s?گذاری|به\s+اشتراک\s+بگذارید|شارك|مشاركة|شارك\s+الخبر)\s*:?$"), SHARE),
    (re.compile(r"^(?:برچسب\u200c?\s?ها|کلیدواژه\u200c?\s?ها|کلید\s+واژه\u200c?\s?ها|تگ\u200c?\s?ها|الوسوم|كلمات\s+مفتاحية"
                r"|دسته\u200c?\s?بندی|موضوعات|التصنيف|القسم|الكلمات\s+المفتاحية)\s*:"), NAV),
    (re.compile(r"^(?:جستجو(?:\s+برای)?|بحث|ابحث)\s*:?$"), NAV),
    (re.compile(r"^(?:کد\s+خبر|شناسه\s+خبر|رقم\s+الخبر)\s*:?\s*[\d۰-۹٠-٩]+$"), NAV),  # a news ID
    (re.compile(r"^(?:[\d۰-۹٠-٩]+|یک|بدون)\s+(?:دیدگاه|نظر|پاسخ|تعليق|تعليقات|ردود)(?:\s+(?:برای|به|على)\s+.{1,200})?$"), COMMENT_COUNT),
    (re.compile(r"^(?:پاسخ|پاسخ\s+دادن|رد|الرد|دیدگاهتان\s+را\s+بنویسید|دیدگاه\s+بگذارید|اترك\s+تعليقا|أضف\s+تعليقا?)\s*$"), COMMENT_COUNT),
    (re.compile(r".{0,20}(?:نشانی\s+ایمیل\s+شما\s+منتشر\s+نخواهد\s+شد|لن\s+يتم\s+نشر\s+عنوان\s+بريدك)"), NAV),
    # "Comments are published once the site's editor approves them."
    (re.compile(r"^(?:نظرات|دیدگاه\u200c?\s?ها)\s+(?:پس\s+از|بعد\s+از)\s+(?:تأیید|تایید)"), NAV),
    (re.compile(r"^(?:بیشتر\s+بخوانید|همچنین\s+بخوانید|اقرأ\s+(?:أيضا|أيضاً|المزيد))\s*:\s*\S"), NAV),  # "Read also: ..."
    (re.compile(r"^(?:عضویت\s+در\s+خبرنامه|اشتراک\s+در\s+خبرنامه|اشترك\s+في\s+النشرة|النشرة\s+البريدية)"), NAV),
    (re.compile(r".{0,60}(?:با\s+ذکر\s+منبع\s+(?:آزاد|مجاز)|حقوق.{0,40}محفوظ|جميع\s+الحقوق\s+محفوظة)"), FOOTER),
)
_NEW_TAB = ("opens new tab", "opens in new tab", "opens in a new tab", "opens new window", "opens in a new window")


_INITIALS_SLUG = re.compile(r"^[a-z]{2,3}(?:/[a-z]{2,3}){1,5}$")


def _slug(line: str) -> bool:
    """Digits and symbols, no letters, and not a date or a number ("6294**1412")."""
    if any(ch.isalpha() for ch in line) or not any(ch.isdigit() for ch in line):
        return False
    return any(not ch.isdigit() and ch not in ".,:/-" for ch in line)


def _label_row(line: str) -> bool:
    """Three or more short labels (up to three words, no digits) in a row, split by bars or dots."""
    if any(ch.isdigit() for ch in line):
        return False
    parts = [p.strip() for p in re.split(r"[|·•]", line)]
    return len(parts) >= 3 and all(0 < len(p) <= 30 and p.count(" ") <= 2 for p in parts)


def _strip_bullet(line: str) -> str:
    return _BULLET.sub(lambda m: m.group(0)[-1], line, count=1) if _BULLET.match(line) else line


def post_footer_date(line: str):
    """The date of a post footer line ("August 5, 2019 0 comments"), else None."""
    if len(line) > 80:
        return None
    m = POST_FOOTER.match(line)
    if not m:
        return None
    d = DATE.search(m.group("date"))
    if d is None:
        return None
    return date_of_match(d)


#: Lines up to this length are scanned for furniture shapes; longer ones are text.
_SHAPE_MAX_CHARS = 250
#: Distinct short lines remembered by a :class:`LineMemo` before it starts afresh.
_MEMO_MAX_LINES = 200_000


def _line_facts(line: str) -> tuple:
    """What a line's own text says (see :class:`PageFeatures`), for a non-empty line.

    Returns ``(shape, rich, bullet, date_only, footer_date, comment, short,
    title_like, prose, head, label, key)``; ``key`` is None for lines too long
    to count as repeated.
    """
    ln = len(line)
    if ln > _SHAPE_MAX_CHARS:
        key = line_key(line) if ln <= REPEAT_MAX_CHARS else None
        rich = is_sentence_rich(line)
        return None, rich, False, False, None, None, False, False, rich or is_prose(line), 0, False, key
    rich = ln >= 200 and is_sentence_rich(line)
    bullet = line[0] in _BULLET_CHARS and _BULLET.match(line) is not None
    tail = line[-9:].lower()
    date_only = ln < 60 and (tail[-1].isdigit() or tail.endswith(("m", "m.", ")"))) and is_date_line(line)
    footer = None
    if ln <= 80 and tail.endswith(("comment", "comments", "responses", "replies", ")")):
        footer = post_footer_date(line)
    comment = None
    if ln <= 110 and (line[:3].lower() in ("by ", "pos", "sub") or tail[-1] == ":" or tail.endswith(" ago") or " points by " in line):
        comment = parse_comment_header(line)
    words = line.count(" ") + 1
    short = ln <= 150 and words <= 15 and footer is None
    title_like = words <= 20 and line[-1] not in ".;:,"
    prose = ln >= 80 and is_prose(line)
    cue = ln <= 40 and _SIDEBAR_CUE.match(line) is not None
    head = (2 if cue else 1) if ln <= 40 and line[-1] not in ".!?,;" and _few_words(line, 5) else 0
    label = ln <= _LINK_MAX_CHARS and words <= _LINK_MAX_WORDS and line[-1] not in ".!?,;:" and not date_only and not cue
    label = label and not is_credit_line(line)  # "Author: Jane Doe", "Date 10.05.2021": no menu items
    return (
        shape_role(line), rich, bullet, bool(date_only), footer, comment, short, title_like, prose, head, label,
        line_key(line),
    )  # fmt: skip


_BLANK_FACTS = (BLANK, False, False, False, None, None, False, False, False, 0, False, None)


class LineMemo(dict):
    """Facts of the short lines already seen, shared by the pages of one corpus.

    Pages of one site repeat their menus, sidebars and footers, so most short
    lines have been seen before; their facts are looked up instead of computed.
    The memo holds at most ``max_lines`` lines and starts afresh when full.
    """

    def __init__(self, max_lines: int = _MEMO_MAX_LINES):
        super().__init__()
        self.max_lines = max_lines

    def facts(self, line: str) -> tuple:
        got = self.get(line)
        if got is None:
            got = _line_facts(line)
            if len(self) >= self.max_lines:
                self.clear()
            self[line] = got
        return got


class PageFeatures:
    """Per-line evidence computed once per page.

    Attributes are lists aligned with the page's lines: ``length``, ``shape``
    (the role :func:`shape_role` gives the line, blank lines ``blank``),
    ``rich`` (a body paragraph), ``date_only``, ``bullet``, ``footer_date`` (date
    of a post footer line or None), ``comment`` (parsed comment header or None),
    ``short`` (list-item sized), ``title_like``, ``prose`` (:func:`is_prose`),
    ``head`` (shaped like a sidebar heading: 1, or worded like one too: 2),
    ``label`` (sized like a menu item) and ``key`` (:func:`line_key`, None for
    blank lines and lines over 300 characters).

    A :class:`LineMemo` shared between pages saves recomputing the facts of
    lines seen before; the result does not depend on it.
    """

    __slots__ = (
        "bullet", "comment", "date_only", "footer_date", "head", "key", "label", "length", "lines", "prose", "rich",
        "shape", "short", "title_like",
    )  # fmt: skip

    def __init__(self, lines: list[str], memo: LineMemo | None = None):
        self.lines = lines
        self.length = length = list(map(len, lines))
        memo = memo if memo is not None else LineMemo()
        seen, learn = memo.get, memo.facts
        rows = [
            _BLANK_FACTS if not ln else _line_facts(line) if ln > _SHAPE_MAX_CHARS else seen(line) or learn(line)
            for line, ln in zip(lines, length, strict=True)
        ]
        # Read-only columns: the tuples of the transposition will do.
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in _BLANK_FACTS]
        (self.shape, self.rich, self.bullet, self.date_only, self.footer_date, self.comment, self.short,
         self.title_like, self.prose, self.head, self.label, self.key) = columns  # fmt: skip


_BULLET_CHARS = frozenset("•·▪►▸■□◦‣●○*+-–—")


def classify_furniture(lines: list[str], repeated=None, feats: PageFeatures | None = None) -> tuple[list[str | None], list[int]]:
    """First pass over a page: furniture roles, and which lines are *soft* chrome.

    Parameters
    ----------
    lines : list of str
        The page's normalised lines.
    repeated : dict of str to int, optional
        Keys (:func:`line_key`) of short lines found on several pages of the corpus,
        with the number of pages they are on.
    feats : PageFeatures, optional
        Precomputed line evidence (computed here when not given).

    Returns
    -------
    roles : list of str or None
        A furniture role for lines whose shape or block says so, else None.
    soft : list of int
        How strongly a short line is repeated: 0 not, 1 on two pages of the corpus,
        2 on three or more pages or 3+ times in the page.  Such lines are chrome
        unless the page structure gives them a job (a post's section label).
    """
    repeated = repeated or {}
    feats = feats or PageFeatures(lines)
    n = len(lines)
    length = feats.length
    roles: list[str | None] = list(feats.shape)
    keys = feats.key
    in_page = Counter(keys)  # consulted for lines of up to 80 characters only
    soft = [0] * n
    # Keys are set for the non-blank lines of up to 300 characters.
    for i in [i for i, key in enumerate(keys) if key is not None and roles[i] is None]:
        line, key, ln = lines[i], keys[i], length[i]
        if ln <= 80 and in_page[key] >= 3 and line[-1] not in ".!?":
            soft[i] = 2
        elif repeated and (ln <= 160 or may_repeat(line)):
            df = repeated.get(key, 0)
            if df >= 2:
                soft[i] = 2 if df >= 3 else 1
    _mark_bullet_runs(feats, roles, soft)
    _mark_link_stacks(feats, roles)  # before sidebars: a menu item repeated across pages is no heading
    _mark_sidebar_blocks(feats, roles, soft, repeated)
    _mark_dated_lists(feats, roles)
    return roles, soft


def _mark_bullet_runs(feats: PageFeatures, roles, soft) -> None:
    """Runs of 3+ short bulleted lines that look like menus or link lists."""
    lines, bullet, date_only, length = feats.lines, feats.bullet, feats.date_only, feats.length
    n = len(lines)
    edge = max(3, n // 7)
    i = 0
    for start in [k for k, b in enumerate(bullet) if b]:  # a run starts at a bullet
        if start < i:
            continue
        i = start
        j, members = i, []
        while j < n and (bullet[j] or not length[j] or date_only[j]):
            if length[j]:
                members.append(j)
            j += 1
        bullets = [k for k in members if bullet[k]]
        short = [k for k in bullets if _few_words(lines[k], 10) and lines[k][-1] not in ".!?"]
        if len(bullets) >= 3 and len(short) >= 0.6 * len(bullets):
            evidence = (
                any(soft[k] for k in bullets)
                or any(date_only[k] for k in members)
                or i < edge
                or j > n - edge
            )
            if evidence:
                for k in members:
                    if roles[k] is None:
                        roles[k] = NAV
        i = max(j, i + 1)


#: A menu item without bullet: a few words, no sentence punctuation.
_LINK_MAX_CHARS, _LINK_MAX_WORDS = 32, 4


def _mark_link_stacks(feats: PageFeatures, roles) -> None:
    """Menus written as stacks of link labels, one per line.

    Four or more such lines in a row ("News", "Opinion", "Sport", ...), with
    only blank lines between them, are a menu or a tag list.  A line
    that already has a role ends the stack (two labels over a footer are a
    label and a heading, not a menu), and so do dates and sidebar headings,
    which start lists of their own.
    """
    length, is_label = feats.length, feats.label
    n = len(length)
    if sum(is_label) < 4:
        return

    def label(j: int) -> bool:
        return is_label[j] and roles[j] is None

    i = 0
    for start in [k for k, b in enumerate(is_label) if b]:  # a stack starts at a label
        if start < i or roles[start] is not None:
            continue
        members, j = [start], start + 1
        while j < n:
            if label(j):
                members.append(j)
                j += 1
            elif not length[j]:
                k = j
                while k < n and not length[k]:
                    k += 1
                if k >= n or not label(k):
                    break
                j = k  # blank lines between two labels
            else:
                break
        if len(members) >= 4:
            for k in members:
                roles[k] = NAV
        i = j


def _mark_sidebar_blocks(feats: PageFeatures, roles, soft, repeated) -> None:
    """A short heading ("Most viewed", or one repeated across pages) over teasers."""
    lines, length = feats.lines, feats.length
    n = len(lines)
    done = 0  # lines before this index are inside a block already
    stops = nonblank = None
    first_prose, last_prose = n, -1
    title_like, date_only, bullet, keys, head = feats.title_like, feats.date_only, feats.bullet, feats.key, feats.head

    def heading(k: int) -> bool:  # a sidebar cue, or a heading-shaped line repeated across pages
        return head[k] == 2 or (head[k] == 1 and bool(repeated) and keys[k] in repeated)

    def in_menu(k: int) -> bool:  # "Archive" among more menu items is one of them
        j = k + 1
        while j < n and not length[j]:
            j += 1
        if j < n and roles[j] == NAV:
            return True
        b = k - 1
        while b >= 0 and not length[b]:
            b -= 1
        # A menu item before it, and a label-sized line (not a teaser headline) after it.
        if not (b >= 0 and roles[b] == NAV and j < n and feats.label[j]):
            return False
        if head[k] != 2:
            return True
        # Worded as a sidebar heading ("Read next"), it is a menu item only if
        # more menu items follow: a section label over a headline ("Middle East" /
        # "Iran hangs ...") is a teaser's.
        j += 1
        while j < n and not length[j]:
            j += 1
        return j >= n or feats.label[j] or roles[j] == NAV

    for i in [k for k, h in enumerate(head) if h]:
        if i < done or roles[i] is not None or not heading(i) or in_menu(i):
            continue
        if date_only[i] or feats.footer_date[i] is not None or feats.comment[i] is not None:
            continue  # a post's date or footer, or a comment's header: no heading
        if keys[i].startswith("about the author"):
            continue  # an author's bio follows, not teasers
        if stops is None:
            # A block runs to the next body paragraph, post footer or comment header.
            nonblank = [k for k, ln in enumerate(length) if ln]
            rich, footer, comment = feats.rich, feats.footer_date, feats.comment
            # "Read more" links end the excerpts of a listing's posts, and two
            # paragraphs in a row are an article's text (a sidebar's teasers
            # take turns with their titles).
            prose = feats.prose
            stops = [k for k in nonblank if rich[k] or footer[k] is not None or comment[k] is not None]
            if PAGINATION in roles:
                stops += [k for k in nonblank if roles[k] == PAGINATION and READ_MORE.match(lines[k])]
            if COMMENT_COUNT in roles:  # a thread's heading ("6 thoughts on “...”"): comments follow, not teasers
                stops += [k for k in nonblank if roles[k] == COMMENT_COUNT and _THREAD_HEAD.match(lines[k])]
            if any(prose):
                stops += [k for k, nxt in pairwise(nonblank) if prose[k] and (prose[nxt] or rich[nxt])]
            stops = sorted(set(stops))
            first_prose = next((k for k, p in enumerate(prose) if p), n)
            last_prose = next((k for k in range(n - 1, -1, -1) if prose[k]), -1)
        s = bisect_right(stops, i)
        stop = stops[s] if s < len(stops) else n
        items = nonblank[bisect_right(nonblank, i) : bisect_left(nonblank, stop)]
        if items and stop < n and feats.comment[stop] is not None:
            items.pop()  # the headline of the post that the header line opens
        if stop < n and roles[stop] == PAGINATION:
            continue  # a post's head and excerpt, over its "Read more" link: no sidebar
        # From the first headline over a credit or date line on: posts, not teasers.
        # The credit may come just after the block (a caption long enough to end it
        # stands between): the article's head then ends the block.
        after = nonblank[bisect_left(nonblank, stop) : bisect_left(nonblank, stop) + 2] if stop < n else []
        credit_at = 0 if after and is_credit_line(lines[after[0]]) else 1 if len(after) > 1 and is_credit_line(lines[after[1]]) else None
        if items and credit_at is not None:
            items = [*items, *after[: credit_at + 1]]
        # (Under a sidebar cue after the article's text, credited headlines are
        # still teasers: "Related analysis" with each teaser's author and date.)
        after_text = head[i] == 2 and first_prose < i
        for m in range(1, len(items) if not after_text else 0):
            # A date line that no other headline follows in the block dates the
            # article's own head (a teaser's date has more teasers after it).
            last_date = date_only[items[m]] and not any(
                roles[k] is None and title_like[k] and not date_only[k] for k in items[m + 1 :]
            )
            if last_date or is_credit_line(lines[items[m]]):
                # The headline is right above, or above a teaser, a standfirst, a
                # share bar or a caption: the nearest headline-sized line within seven.
                cut = m - 1
                for k in range(m - 1, max(-1, m - 8), -1):
                    if roles[items[k]] is None and title_like[items[k]] and lines[items[k]].count(" ") >= 3:
                        cut = k
                        break
                    if is_credit_line(lines[items[k]]):
                        break
                del items[cut:]
                break
        items = [k for k in items if k < stop]
        # The headline-sized line right over the first running text is the article's headline.
        over_text = len(items) >= 2 and stop < n and prose[stop] and all(not length[k] for k in range(items[-1] + 1, stop))
        if over_text and title_like[items[-1]] and lines[items[-1]].count(" ") >= 3 and i < first_prose:
            items.pop()
        j = items[-1] + 1 if items else i + 1
        free = [k for k in items if roles[k] is None]
        # One headline (with a standfirst or bio) over its date, right above the
        # text: the article's own head, not a list of teasers.
        dated_end = free and stop < n and (date_only[free[-1]] or is_credit_line(lines[free[-1]]))
        if dated_end and len([k for k in free[:-1] if title_like[k] and not date_only[k]]) <= 1:
            continue
        if len(free) >= 2:
            titled = len([k for k in free if title_like[k] or lines[k][-1] == "?"])
            m = len(free)
            cue = head[i] == 2
            # Under a heading that is only repeated (no sidebar wording), the
            # lines must look like teasers, and running text is not that.
            # Nor may it hold all of the page's running text.
            text_elsewhere = first_prose < i or last_prose >= j or not any(prose[k] for k in free)
            qualifies = (cue and titled >= 0.5 * m) or (
                titled >= 0.35 * m
                and text_elsewhere
                and len([k for k in free if prose[k]]) < 0.3 * m
                and (
                    len([k for k in free if soft[k] or date_only[k] or bullet[k] or _ellipsis(lines[k])]) >= 0.3 * m
                    or all(roles[k] is not None or not length[k] for k in range(j, n))
                )
            )
            if qualifies:
                roles[i] = SIDEBAR
                for k in free:
                    roles[k] = SIDEBAR if heading(k) else TEASER
                done = j


def _mark_dated_lists(feats: PageFeatures, roles) -> None:
    """Lists of short titles with their dates: other posts, archives, "Recently by"."""
    short, date_only, bullet, length = feats.short, feats.date_only, feats.bullet, feats.length
    n = len(length)
    if sum(date_only) < 2:  # a list needs two dates
        return
    i = 0
    for start in [k for k, s in enumerate(short) if s]:  # a list starts at a short line
        if start < i:
            continue
        i = start
        members, j = [i], i + 1
        while j < n:
            if short[j]:
                members.append(j)
                j += 1
                continue
            if not length[j]:
                k = j
                while k < n and not length[k]:
                    k += 1
                if k < n and k - j <= 1 and short[k] and (date_only[k] or bullet[k]):
                    j = k
                    continue
            break
        if len(members) < 4:
            i = max(j, i + 1)
            continue
        dates = sum(date_only[k] for k in members)
        if dates >= 2 and dates >= 0.25 * len(members):
            for k in members:
                if roles[k] is None:
                    roles[k] = RELATED
        i = max(j, i + 1)
