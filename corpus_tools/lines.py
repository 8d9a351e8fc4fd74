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
import re
from collections import Counter

from ._datetext import DATE, is_date_line, parse_date

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
    r"google\+?|digg|stumbleupon|viber|weibo|xing|threads|bluesky|mastodon|rss|tiktok|x"
)
_SHARE = re.compile(
    rf"^(?:(?:share|like|follow)(?:\s+(?:this|it|on|via|us))*\s*:?\s*)?(?:(?:{_SOCIAL})[\s|/·•,:]*)+$",
    re.I,
)
_SHARE_PHRASE = re.compile(
    r"^(?:share|like|follow(?:\s+us)?|click\s+to\s+share|tweet)(?:\s+(?:this|it|on|via|us|the|article|story|post|page))*\s*:?$",
    re.I,
)
_FOOTER = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|^\W*copyright\b|all rights reserved|^\W*powered by\b|"
    r"^\W*(?:privacy policy|terms of (?:use|service)|cookie policy)\b",
    re.I,
)
_PAGINATION = re.compile(
    r"""^(?:[«‹<←]\s*)?(?:newer|older|next|previous|prev|earlier|later)
        (?:\s+(?:posts?|entries|articles|stories|page|pages|comments|news|results))?(?:\s*[»›>→])?$
      | ^page\s+\d+(?:\s+of\s+\d+)?$
      | ^(?:load|show|view|see|read)\s+(?:more|all)(?:\s+\w+)?$
      | ^(?:\d+\s*){2,}(?:…|\.\.\.)?\s*(?:\d+\s*)?(?:next|»|›)?$""",
    re.I | re.X,
)
_TOP_NAV = re.compile(r"^(?:back\s+to\s+top|to\s+top|scroll\s+to\s+top|skip\s+to\s+(?:main\s+)?content|top|home|menu|search)$", re.I)
_COMMENTS = r"(?:(?:no|one|\d+)\s+(?:comments?|responses|replies)|comments?\s*\(\d+\))"
_COMMENT_COUNT = re.compile(
    rf"""^(?:{_COMMENTS}|leave\s+a\s+(?:comment|reply)|add\s+(?:new|a)\s+comment|post\s+a\s+comment
      | (?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|comments?|responses?|replies)
        \s+(?:on|to)\s+.{{1,200}}
      | (?:reply|report|quote|permalink|log\s+in\s+to\s+reply|login\s+to\s+post\s+comments)\s*(?:↓|»)?)$""",
    re.I | re.X,
)
#: A post footer: a date followed by a comment count ("August 5, 2019 0 comments").
POST_FOOTER = re.compile(rf"^(?:posted\s+(?:on\s+)?)?(?P<date>.{{6,40}}?)\s*[|·•,–-]?\s*{_COMMENTS}$", re.I)
_SIDEBAR_CUE = re.compile(
    r"""^(?:most\s+(?:viewed|read|popular|shared|commented|emailed|recent)
      | (?:new|newest|latest|recent|related|popular|trending|featured|top|more|similar|recommended|further)
        \s+(?:articles?|posts?|news|stories|reading|reads|items|videos|content|links|headlines|topics)
      | you\s+(?:may|might)\s+also\s+like | read\s+(?:more|next|also) | see\s+also | also\s+read
      | editor'?s?\s+picks? | categories | archives? | tags | popular | trending(?:\s+now)?
      | related | in\s+case\s+you\s+missed\s+it | don'?t\s+miss)\s*:?$""",
    re.I | re.X,
)
_TERMINAL = re.compile(r"[.;:,]$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\]?$")


_COMMENT_HEADER = re.compile(
    r"^(?:by|posted by|submitted by)\s+(?P<name>\S.{0,60}?)"
    r"(?P<marker>\s*\((?:not verified|unverified|guest|anonymous|visitor)\))?\s+on\b(?P<when>.{0,40})$",
    re.I,
)
_SAYS = re.compile(r"^(?P<name>\S.{0,50}?)\s+(?:says|said|wrote|writes)\s*:$", re.I)


def parse_comment_header(line: str) -> tuple[str, dt.date | None, bool] | None:
    """``(author, date, strong)`` when the line opens a comment, else None.

    ``strong`` says the line carries a marker only comments have (a "(not
    verified)" tag or a date), so one such line is enough to call a thread.

    >>> parse_comment_header("by A Reader (not verified) on")
    ('A Reader', None, True)
    >>> parse_comment_header("Sam says:")
    ('Sam', None, False)
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
    m = _SAYS.match(line)
    if m and len(m.group("name").split()) <= 5:
        return m.group("name").strip(), None, False
    return None



def line_key(line: str) -> str:
    """The key under which lines count as the same for repetition evidence."""
    return line.casefold()


def is_title_like(line: str, max_words: int = 20) -> bool:
    """Short, headline-shaped: few words, no closing period/colon/comma.

    >>> is_title_like("Once sworn enemy; Now tactical ally"), is_title_like("He left.")
    (True, False)
    """
    return 0 < len(line) <= 200 and len(line.split()) <= max_words and not _TERMINAL.search(line)


def is_sentence_rich(line: str) -> bool:
    """A body paragraph: long, or several sentences."""
    if len(line) >= 400 and not _ELLIPSIS.search(line):
        return True
    return len(line) >= 200 and len(re.findall(r"[.!?][\"”’)]?\s+[A-Z“\"]", line)) >= 2


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
    """
    if not line:
        return BLANK
    if len(line) > 250:
        return None
    if _SHARE.match(_strip_bullet(line)) or (len(line) < 60 and _SHARE_PHRASE.match(line)):
        return SHARE
    if len(line) <= 200 and _FOOTER.search(line):
        return FOOTER
    if len(line) <= 250 and _COMMENT_COUNT.match(line):
        return COMMENT_COUNT
    if len(line) <= 60:
        if _PAGINATION.match(line):
            return PAGINATION
        if _TOP_NAV.match(_strip_bullet(line)):
            return NAV
    return None


def _strip_bullet(line: str) -> str:
    return _BULLET.sub(lambda m: m.group(0)[-1], line, count=1) if _BULLET.match(line) else line


def is_bullet(line: str) -> bool:
    return _BULLET.match(line) is not None


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
    from ._datetext import _to_date

    return _to_date(d)


def classify_furniture(lines: list[str], repeated=None) -> tuple[list[str | None], list[int]]:
    """First pass over a page: furniture roles, and which lines are *soft* chrome.

    Parameters
    ----------
    lines : list of str
        The page's normalised lines.
    repeated : dict of str to int, optional
        Keys (:func:`line_key`) of short lines found on several pages of the corpus,
        with the number of pages they are on.

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
    n = len(lines)
    roles: list[str | None] = [shape_role(line) for line in lines]
    in_page = Counter(line_key(line) for line in lines if line and len(line) <= 80)
    soft = [0] * n
    for i, line in enumerate(lines):
        if not line or roles[i] is not None:
            continue
        key = line_key(line)
        df = repeated.get(key, 0) if len(line) <= 160 or (_ELLIPSIS.search(line) and len(line) <= 300) else 0
        if len(line) <= 80 and in_page[key] >= 3 and not re.search(r"[.!?]$", line):
            soft[i] = 2
        elif df >= 2:
            soft[i] = 2 if df >= 3 else 1
    _mark_bullet_runs(lines, roles, soft)
    _mark_sidebar_blocks(lines, roles, soft, repeated)
    _mark_dated_lists(lines, roles)
    return roles, soft


def _mark_bullet_runs(lines, roles, soft) -> None:
    """Runs of 3+ short bulleted lines that look like menus or link lists."""
    n = len(lines)
    i = 0
    edge = max(3, n // 7)
    while i < n:
        if not is_bullet(lines[i]):
            i += 1
            continue
        j, members = i, []
        while j < n and (is_bullet(lines[j]) or not lines[j] or is_date_line(lines[j])):
            if lines[j]:
                members.append(j)
            j += 1
        bullets = [k for k in members if is_bullet(lines[k])]
        short = [k for k in bullets if len(lines[k].split()) <= 10 and not re.search(r"[.!?]$", lines[k])]
        if len(bullets) >= 3 and len(short) >= 0.6 * len(bullets):
            evidence = (
                any(soft[k] for k in bullets)
                or any(is_date_line(lines[k]) for k in members)
                or i < edge
                or j > n - edge
            )
            if evidence:
                for k in members:
                    if roles[k] is None:
                        roles[k] = NAV
        i = max(j, i + 1)


def _mark_sidebar_blocks(lines, roles, soft, repeated) -> None:
    """A short heading ("Most viewed", or one repeated across pages) over teasers."""
    n = len(lines)
    i = 0
    while i < n:
        line = lines[i]
        heading = (
            roles[i] is None
            and 0 < len(line) <= 40
            and len(line.split()) <= 5
            and not re.search(r"[.!?,;]$", line)
            and (_SIDEBAR_CUE.match(line) or (repeated and line_key(line) in repeated))
        )
        if not heading:
            i += 1
            continue
        j = i + 1
        items = []
        while j < n:
            cur = lines[j]
            if cur and (is_sentence_rich(cur) or post_footer_date(cur) or parse_comment_header(cur)):
                break
            if cur:
                items.append(j)
            j += 1
        while j > i + 1 and not lines[j - 1]:
            j -= 1
        free = [k for k in items if roles[k] is None]
        if len(free) >= 2:
            titled = sum(is_title_like(lines[k]) or lines[k].endswith("?") for k in free)
            evidence = sum(
                soft[k] or bool(_ELLIPSIS.search(lines[k])) or is_date_line(lines[k]) or is_bullet(lines[k])
                for k in free
            )
            at_end = j >= n or all(roles[k] is not None or not lines[k] for k in range(j, n))
            cue = _SIDEBAR_CUE.match(line) is not None
            if (titled >= 0.35 * len(free) and (evidence >= 0.3 * len(free) or at_end)) or (
                cue and titled >= 0.5 * len(free)
            ):
                roles[i] = SIDEBAR
                for k in free:
                    heading_again = len(lines[k]) <= 40 and (
                        _SIDEBAR_CUE.match(lines[k]) or (repeated and line_key(lines[k]) in repeated)
                    )
                    roles[k] = SIDEBAR if heading_again else TEASER
                i = j
                continue
        i += 1


def _mark_dated_lists(lines, roles) -> None:
    """Lists of short titles with their dates: other posts, archives, "Recently by"."""
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i] or not _short(lines[i]):
            i += 1
            continue
        members, j = [i], i + 1
        while j < n:
            if lines[j] and _short(lines[j]):
                members.append(j)
                j += 1
                continue
            if not lines[j]:
                k = j
                while k < n and not lines[k]:
                    k += 1
                if k < n and k - j <= 1 and _short(lines[k]) and (is_date_line(lines[k]) or is_bullet(lines[k])):
                    j = k
                    continue
            break
        dates = sum(is_date_line(lines[k]) for k in members)
        if len(members) >= 4 and dates >= 2 and dates >= 0.25 * len(members):
            for k in members:
                if roles[k] is None:
                    roles[k] = RELATED
        i = max(j, i + 1)


def _short(line: str) -> bool:
    return len(line) <= 150 and len(line.split()) <= 15 and post_footer_date(line) is None
