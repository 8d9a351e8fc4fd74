"""Pages -> documents: articles, posts of a listing page, and comment threads.

The page structure is read from general anchors:

* a **post footer** ("August 5, 2019 0 comments") closes a post; two or more make
  the page a listing whose posts each run up to their footer;
* a **comment header** ("by NAME (not verified) on", "NAME says:") opens a comment;
  the title shown just above it (one blank line apart) is the comment's title;
* otherwise the page holds one article.

Inside an article or post: the first isolated headline-shaped line is the title,
the lines stacked right above it are its header (the last one the section label,
the others image alt text), a "By NAME" line near the top or the end gives the
author, a lede or title that the body repeats is a duplicate.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ._datetext import DATE, date_of_match, is_date_line, parse_date
from .lines import (
    AGE_LINE,
    AGE_UNIT,
    AUTHOR,
    BLANK,
    BODY,
    COMMENT_COUNT,
    DATE_ROLE,
    DATED_META,
    DOC_ROLES,
    DUPLICATE,
    FOOTER,
    IMAGE_ALT,
    NAME,
    NAV,
    PAGINATION,
    READ_MORE,
    REPEATED,
    SECTION,
    SHARE,
    SIDEBAR,
    TEASER,
    TITLE,
    PageFeatures,
    is_credit_chrome,
    is_credit_line,
    is_prose,
    is_sidebar_cue,
    is_title_like,
    line_key,
    parse_comment_header,
)

# The credit word, then a colon or a space (so "Byzantine" and "Authoritarian" are no bylines).
_BYLINE = re.compile(
    r"^(?:(?:by|(?:written|posted|words|story|report|reporting|opinion|analysis|commentary|text|interview|interviewed|hosted|presented)\s+by|author"
    r"|نویسنده|بقلم|الكاتب|كتبه|كتب(?=\s*:)|نوشته\s+شده\s+توسط|ارسال\s+شده\s+توسط|توسط)(?:\s*:\s*|\s+)"
    r"|(?:autora?|auteur|verfasser|text|words|نوشته)\s*:\s*)(?P<rest>\S.*)$",
    re.I,
)
_JOB_WORDS = frozenset(
    "staff writer writers correspondent correspondents reporter reporters editor editors "
    "contributor contributing columnist senior special chief bureau associated press "
    "news agency journalist analyst producer photographer freelance guest team desk editorial newsroom web online".split()
)
_DESK_WORDS = frozenset("staff desk team editorial newsroom bureau".split())
_NOT_NAME = frozenset(
    "the a an this that these those way far now then which who whom what when where why how "
    "all any some no not its it his her their our my your of in on at for to from with and or "
    "but if so as is was were be been being has have had do does did will would can could "
    "should may might must than too very just also only even still yet".split()
)
_DOMAIN = re.compile(r"(?<![\w@.-])((?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,6})(?![\w-])", re.I)


@dataclass
class DocDraft:
    """A document found on a page, before the corpus gives it an id."""

    kind: str = "article"
    title: str | None = None
    author: str | None = None
    section: str | None = None
    published: dt.date | None = None
    body: list[int] = field(default_factory=list)
    meta: list[int] = field(default_factory=list)
    parent: int | None = None

    @property
    def line_span(self) -> tuple[int, int]:
        idx = self.body + self.meta
        return min(idx), max(idx)


def parse_byline(line: str) -> str | None:
    """The author named by a byline, or None when the line is not one.

    Examples
    --------
    >>> parse_byline("By Jane Q. Doe, example.org")
    'Jane Q. Doe'
    >>> parse_byline("By Jane DoeStaff Writer , example.com"), parse_byline("By Jane Doe For ExampleOnline")
    ('Jane Doe', 'Jane Doe')
    >>> parse_byline("by Staff Reporter"), parse_byline("Posted by u/caspian_drift 2 years ago")
    (None, 'caspian_drift')
    >>> parse_byline("by the way, who asked?") is None
    True
    >>> parse_byline("by Guest Contributor Hamid Esfandiari")
    'Hamid Esfandiari'
    >>> parse_byline("Byzantine Empire"), parse_byline("Authoritarian rule returns")
    (None, None)
    """
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    handle = line[:1].lower() in "ps"  # "Posted by u/name 2 years ago": a user name will do
    rest = _AGE_TAIL.sub("", m.group("rest"))
    if handle:
        rest = re.sub(r"^(?:u/|@)", "", rest)
    rest = re.split(r"\s*[,|–—]\s*|\s+-\s+|\s{2,}|\s+(?:[Ff]or|[Ii]n)\s+(?=[A-Z]|the\s)|\s+(?:در|فی|في)\s+", rest, maxsplit=1)[0]
    rest = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", rest)
    tokens = rest.split()
    # Job words before a name ("Guest Contributor Hamid Esfandiari") are no part of it.
    lead = 0
    while lead < len(tokens) - 2 and tokens[lead].lower().strip(".") in _JOB_WORDS:
        lead += 1
    tokens = tokens[lead:]
    # A desk credit made only of such words ("Staff Reporter", "Editorial Team")
    # names no person; otherwise they end the name.
    if all(tok.lower().strip(".") in _JOB_WORDS for tok in tokens):
        return None
    for i, tok in enumerate(tokens):
        if i > 0 and tok.lower().strip(".") in _JOB_WORDS:
            if i == 1 and tok.lower().strip(".") in _DESK_WORDS:
                return None  # "By Monitor Staff": the outlet's desk, no person
            tokens = tokens[:i]
            break
    if not tokens:
        return None
    part = 0
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low == "and" and 0 < i < len(tokens) - 1:
            part = 0
            continue
        part += 1
        if part > 5 or any(ch.isdigit() for ch in tok) or low in _NOT_NAME:
            return None
        if not (tok[0].isalpha() or tok[0] in "'’"):
            return None
    if len(tokens) == 1 and tokens[0].islower() and not (handle and tokens[0].lower() not in _NOT_NAME):
        return None
    return " ".join(tokens)


_AGE_TAIL = re.compile(rf"\s+(?:\d+|an?|one)\s*{AGE_UNIT}\.?\s+ago$", re.I)


def page_site(lines: list[str], roles: list[str | None]) -> str | None:
    """The site, as the page itself names it.

    First choice: the domain its footer or copyright line names (most frequent,
    ``www.`` dropped).  Else a masthead: the page's first line, when it is a short
    name that the page repeats (again as a line, or inside its footer).
    """
    found: Counter[str] = Counter()
    for line, role in zip(lines, roles, strict=True):
        if role == FOOTER:
            for m in _DOMAIN.finditer(line):
                dom = m.group(1).lower().removeprefix("www.")
                if not re.search(r"\.(?:jpe?g|png|gif|pdf|html?|php|aspx?)$", dom):
                    found[dom] += 1
    if found:
        return sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None or roles[first] in DOC_ROLES:
        return None
    name = lines[first]
    if len(name) > 60 or len(name.split()) > 6 or any(ch.isdigit() for ch in name) or name[-1] in ".?!:":
        return None
    key = name.casefold()
    again = sum(
        1
        for i, line in enumerate(lines)
        if i != first and roles[i] not in DOC_ROLES and (line.casefold() == key or (roles[i] == FOOTER and key in line.casefold()))
    )
    return name if again else None


def segment_page(lines: list[str], roles: list[str | None], soft: list[int], feats: PageFeatures | None = None) -> tuple[list[str], list[DocDraft]]:
    """Give every line its final role and return the documents of the page.

    ``roles`` and ``soft`` come from :func:`corpus_tools.lines.classify_furniture`;
    they are not modified.  Returned roles are all set (no None).
    """
    feats = feats or PageFeatures(lines)
    roles = list(roles)
    n = len(lines)
    footers = [(i, d) for i, d in enumerate(feats.footer_date) if d is not None and roles[i] is None]
    if len(footers) < 2:
        # A listing without dated footers: "Read more" links end each teaser.
        more = [i for i, line in enumerate(lines) if roles[i] == PAGINATION and READ_MORE.match(line)]
        if len(more) >= 2:
            footers = [(i, None) for i in more]
    headers = [(i, c) for i, c in enumerate(feats.comment) if c is not None and roles[i] is None]
    labels: dict[int, int] = {}
    if not headers and len(footers) < 2:
        headers, labels = _name_date_headers(lines, roles, feats)
    if not headers and len(footers) < 2:
        headers, labels = _forum_headers(lines, roles)
    if headers:
        # "View more comments" ends the thread: dated teasers below it are no comments.
        end = next((k for k in range(headers[0][0], n) if roles[k] == PAGINATION and READ_MORE.match(lines[k])), n)
        headers = [h for h in headers if h[0] < end]
    opens = False  # the boundaries open posts (a headline) rather than close them (a footer)
    if len(footers) < 2 and not headers:
        # A listing whose posts open with a headline and a credit ("2021-04-12
        # by NAME"): each post ends where the next headline starts.
        credits = _credit_lines(lines, roles, feats)
        heads = _credited_headlines(lines, roles, feats, credits)
        if len(heads) >= 2:
            footers, opens = [(h, None) for h in heads[1:]] + [(n, None)], True
        else:
            # Teasers closed by their credit ("headline / teaser / Jane Doe | Feb 20, 2023").
            closing = _closing_credits(lines, roles, feats, credits)
            if len(closing) >= 2:
                footers = [(i, _meta_date(lines[i]) or parse_date(lines[i])) for i in closing]
    # A line announcing the thread ("12 Responses to ...") ends the article: a
    # header-like line above it ("Posted by admin on ...") is the article's own.
    start_of_thread = None
    if headers:
        start_of_thread = next((i for i, role in enumerate(roles) if role == COMMENT_COUNT and _THREAD_START.match(lines[i])), None)
    if start_of_thread is not None and any(h > start_of_thread for h, _ in headers):
        headers = [(h, c) for h, c in headers if h > start_of_thread]
    docs: list[DocDraft] = []
    alt_keys: set[str] = set()
    first = 0
    if len(footers) >= 2 and not opens and all(_under_headline(lines, roles, feats, i) for i, _ in footers):
        # The dated lines sit right under headlines ("Posted on DATE by NAME — 7
        # Comments"): they open the posts, which end where the next headline starts.
        heads = [_previous_nonblank(lines, i) for i, _ in footers]
        footers, opens = [(h, None) for h in heads[1:]] + [(n, None)], True
        # Above the first headline: the page's head, and a description of the
        # listing, whose paragraph belongs to no post.
        first = max((k + 1 for k in range(heads[0]) if feats.rich[k] or feats.prose[k]), default=0)
    if len(footers) >= 2:
        start = first
        for i, date in footers:
            end = i
            if opens:  # a post that opens with its headline ends at its "Read more" link, if it has one
                end = next((k for k in range(start, i) if roles[k] == PAGINATION and READ_MORE.match(lines[k])), i)
            doc = _parse_article(lines, roles, soft, feats.rich, start, end, listing=True, alt_keys=alt_keys)
            if date is not None:
                roles[i] = DATE_ROLE
                if doc is not None:
                    doc.published = date
                    doc.meta.append(i)
                    doc.author = doc.author or _credit_name(lines[i])
                else:
                    roles[i] = NAV
            if doc is not None:
                docs.append(doc)
            start = i if opens else i + 1
        for k in range(start, n):
            if roles[k] is None and lines[k]:
                roles[k] = NAV
    elif headers and (len(headers) >= 2 or headers[0][1][2]):
        units = _comment_units(lines, roles, headers, labels)
        first = units[0][0]
        article = _parse_article(lines, roles, soft, feats.rich, 0, first, listing=False, alt_keys=alt_keys)
        if article is not None and not any(feats.rich[i] or is_prose(lines[i]) for i in article.body):
            # No running text above the first post (a forum thread): the page's
            # header, not an article.
            for i in article.body + article.meta:
                roles[i] = NAV
            article = None
        parent = None
        if article is not None:
            docs.append(article)
            parent = 0
        for k, (start, title_i, label_i, head_i, (name, date, _)) in enumerate(units):
            end = units[k + 1][0] if k + 1 < len(units) else n
            docs.append(_parse_comment(lines, roles, soft, start, end, title_i, label_i, head_i, name, date, parent))
        if article is None:
            # A thread: its opening post is the article, under the thread's
            # title, and the replies are its comments.
            opening = docs[0]
            opening.kind = "article"
            head = _thread_title(lines, feats, first) if opening.title is None else None
            if head is not None:
                opening.title = lines[head]
                roles[head] = TITLE
                opening.meta.append(head)
                # The post may repeat the thread's title over its text.
                first_line = opening.body[0] if len(opening.body) >= 2 else None
                if first_line is not None and _squash(lines[first_line]) == _squash(opening.title):
                    roles[first_line] = DUPLICATE
                    opening.body.remove(first_line)
            for reply in docs[1:]:
                reply.parent = 0
        _trim_page_end(lines, roles, docs[-1])
    else:
        doc = _parse_article(lines, roles, soft, feats.rich, 0, n, listing=False, alt_keys=alt_keys)
        if doc is not None:
            if len(footers) == 1:
                i, date = footers[0]
                if roles[i] is None:
                    roles[i] = DATE_ROLE
                    doc.meta.append(i)
                    doc.published = doc.published or date
            docs.append(doc)
    _finish_roles(lines, roles, soft, docs, alt_keys)
    return roles, docs


def _thread_title(lines, feats, first: int) -> int | None:
    """The line over a thread's first post that is its title, if any.

    A forum's header holds the board's name and tagline, menus, breadcrumbs,
    "Page 1 of 3", buttons and a "Started by NAME, DATE" line; the thread's title
    is the longest headline of several words among the rest.
    """
    best = None
    for i in range(first):
        line = lines[i]
        if not feats.title_like[i] or line.count(" ") < 3 or feats.date_only[i]:
            continue
        if _BREADCRUMB.search(line) or _PAGE_OF.search(line) or is_sidebar_cue(line):
            continue
        if is_credit_line(line) or _BYLINE.match(line) or parse_date(line) is not None:
            continue
        if best is None or len(line) >= len(lines[best]):
            best = i
    return best


_PAGE_OF = re.compile(r"\bpage \d+ of \d+", re.I)


def _under_headline(lines, roles, feats, i: int) -> bool:
    """Whether line ``i`` sits right under a headline (a blank line at most between)."""
    p = _previous_nonblank(lines, i)
    return p is not None and i - p <= 2 and roles[p] is None and feats.title_like[p] and lines[p].count(" ") >= 2 and not feats.date_only[p]


def _trim_page_end(lines, roles, doc: DocDraft) -> None:
    """The page's own links after the last post ("Return to ...", "Who is online").

    The last post runs to the end of the page, so it ends in whatever the page
    shows below the thread.  Two or more short lines of no running text at its
    end are that, not the post; so is all that follows a "View more comments"
    link, or the post's own action row ("Reply", "Reply With Quote") under its text.
    """
    if len(doc.body) >= 2:
        more = next((k for k in range(doc.body[0], doc.body[-1]) if roles[k] == PAGINATION and READ_MORE.match(lines[k])), None)
        if more is None:
            acts = [k for k in range(doc.body[0], doc.body[-1]) if roles[k] == COMMENT_COUNT and _ACTION_ROW.search(lines[k])]
            more = acts[-1] if acts else None
        if more is not None:
            for i in [i for i in doc.body if i > more]:
                roles[i] = NAV
            doc.body = [i for i in doc.body if i < more]
    tail = []
    for i in reversed(doc.body):
        line = lines[i]
        if len(line) > 80 or is_prose(line) or _SENTENCE_END.search(line):
            break
        tail.append(i)
    if len(tail) >= 2 and len(tail) < len(doc.body):
        for i in tail:
            roles[i] = NAV
        doc.body = doc.body[: len(doc.body) - len(tail)]


# A post's action row: "Reply", "Reply With Quote", "Quote | Like | Report".
_ACTION_ROW = re.compile(r"\b(?:reply|quote)\b", re.I)


def _credit_lines(lines, roles, feats) -> list[int]:
    """The page's credit lines ("By NAME", "2021-04-12 by NAME", "NAME | DATE") that have no role yet."""
    comment = feats.comment
    return [k for k, ln in enumerate(feats.length) if 0 < ln <= 80 and roles[k] is None and comment[k] is None and is_credit_line(lines[k])]


def _credited_headlines(lines, roles, feats, credits: list[int]) -> list[int]:
    """Headlines directly over a credit line ("By NAME", "2021-04-12 by NAME")."""
    heads = []
    for i in credits:
        h = _previous_nonblank(lines, i)
        headline = h is not None and roles[h] is None and feats.title_like[h] and not feats.date_only[h]
        if headline and i - h <= 2 and not is_credit_line(lines[h]):
            heads.append(h)
    # Posts have text between their heads: two within a few lines are one article's
    # headline, standfirst and credits.
    kept = []
    for h in heads:
        if kept and sum(1 for k in range(kept[-1] + 1, h) if lines[k]) < 3:
            continue
        kept.append(h)
    return kept


def _closing_credits(lines, roles, feats, credits: list[int]) -> list[int]:
    """Credit lines under a one-line teaser under a headline: each closes a post of a listing."""
    ends = []
    for i in credits:
        t = _previous_nonblank(lines, i)
        h = _previous_nonblank(lines, t) if t is not None else None
        if h is None or i - t > 2 or t - h > 2 or roles[t] is not None or roles[h] is not None:
            continue
        if not feats.title_like[t] and feats.title_like[h] and not is_credit_line(lines[h]):
            # The post's date may follow its credit ("By NAME" / "3 hours ago" / "March 5, 2024").
            k, end = i + 1, i
            while k < len(lines) and (not lines[k] or roles[k] == NAV or is_date_line(lines[k])):
                if lines[k] and is_date_line(lines[k]):
                    end = k
                    break
                if lines[k] and not AGE_LINE.match(lines[k]):
                    break
                k += 1
            ends.append(end)
    return ends



def _credit_name(line: str) -> str | None:
    """The person a post's credit line names ("By Jane Doe", "Jane Doe | Feb 20, 2023")."""
    name = parse_byline(line)
    if name is None and ("|" in line or "·" in line or "•" in line):
        name = next((p.strip() for p in re.split(r"[|·•]", line) if _NAME_LINE.match(p.strip())), None)
    return name


_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_BADGES = frozenset("author admin administrator moderator mod editor staff guest member verified".split()) | {"post author"}
# A forum post's "Posted 14 February 2012 - 09:12 PM", and the user block over it.
_POSTED = re.compile(r"^posted\s*(?:on\s*)?[:\-]?\s*(?P<when>.{6,60})$", re.I)
_PROFILE = re.compile(
    r"^(?:(?:posts|messages|joined|join\s+date|location|reputation|member\s+since|registered|rank|karma|gender|age)\s*:.{0,40}"
    r"|(?:[\w'-]+\s+){0,2}(?:member|moderator|administrator|admin|guest|newbie|user|poster|contributor|banned))$",  # a rank
    re.I,
)


def _forum_headers(lines, roles) -> tuple[list[tuple[int, tuple]], dict[int, int]]:
    """Forum posts opened by a user block (name, rank, post count, ...) over "Posted DATE".

    Two or more make a thread.  Returns the headers and, for each, the line of
    the user's name; the block's other lines are navigation.
    """
    posted = []
    for k, line in enumerate(lines):
        if roles[k] is None and line[:6].lower() == "posted" and len(line) <= 80:
            m = _POSTED.match(line)
            date = parse_date(m.group("when")) if m else None
            if date is not None:
                posted.append((k, date))
    if len(posted) < 2:
        return _numbered_posts(lines, roles)
    headers, labels = [], {}
    for p, date in posted:
        block, k = [], p - 1
        while k >= 0 and len(block) < 8:
            line = lines[k]
            if line:
                if roles[k] not in (None, NAV, REPEATED) or len(line) > 40:
                    break
                block.append(k)
                if not _PROFILE.match(line):
                    break  # the name, over its rank and counts
            k -= 1
        if len(block) < 2 or _PROFILE.match(lines[block[-1]]):
            continue  # no user block (a rank or a post count) over the date: a post's own credit
        name_i = block[-1]
        for k in block[:-1]:
            roles[k] = NAV
        labels[p] = name_i
        headers.append((p, (lines[name_i], date, True)))
    return (headers, labels) if len(headers) >= 2 else ([], {})


def _numbered_posts(lines, roles) -> tuple[list[tuple[int, tuple]], dict[int, int]]:
    """Forum posts opened by their date and number ("02-17-2024, 03:15 PM #1"), the user block under it.

    The date may be relative ("Yesterday, 11:03 AM #5": no date); the number
    marks the post.  Two or more make a thread.
    """
    n = len(lines)
    headers, labels = [], {}
    for p, line in enumerate(lines):
        if roles[p] not in (None, NAV, REPEATED) or len(line) > 60 or "#" not in line:
            continue  # (a menu-like run of short lines may have taken the header and user block for navigation)
        m = _POST_NUMBER.match(line)
        if m is None:
            continue
        name_i = p + 1
        while name_i < n and not lines[name_i]:
            name_i += 1
        if name_i >= n or len(lines[name_i]) > 40 or roles[name_i] not in (None, NAV, REPEATED) or _PROFILE.match(lines[name_i]):
            continue
        k = name_i + 1
        while k < n and (not lines[k] or _PROFILE.match(lines[k])):  # rank, join date, post count
            if lines[k]:
                roles[k] = NAV
            k += 1
        labels[p] = name_i
        headers.append((p, (lines[name_i], parse_date(m.group("when")), True)))
    return (headers, labels) if len(headers) >= 2 else ([], {})


# "02-17-2024, 03:15 PM #1", "Yesterday, 11:03 AM #5": a time, then the post's number.
_POST_NUMBER = re.compile(r"^(?P<when>.{0,30}\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)\s+#\d{1,6}$", re.I)


def _name_date_headers(lines, roles, feats) -> tuple[list[tuple[int, tuple]], dict[int, int]]:
    """Comments headed by the name over the date ("Jane Doe" / "November 4, 2019 at 2:47 pm"),
    each with its "Reply" link: two or more make a thread (a common blog template)."""
    n = len(lines)
    if roles.count(COMMENT_COUNT) < 2 or not any(feats.date_only):
        return [], {}
    replies = [k for k in range(n) if roles[k] == COMMENT_COUNT and lines[k].lower().rstrip(" ↓»›") == "reply"]
    if len(replies) < 2:
        return [], {}
    found = []
    name_at: dict[int, int] = {}  # the line of each header's name
    for d in [k for k, only in enumerate(feats.date_only) if only and roles[k] is None]:
        p = _previous_nonblank(lines, d)
        if p is None or roles[p] is not None or d - p > 2:
            continue
        name = lines[p]
        if name.lower() in _BADGES:  # "Author", "Admin": a badge under the name
            q = _previous_nonblank(lines, p)
            if q is None or roles[q] is not None or p - q > 2:
                continue
            roles[p] = NAV
            p, name = q, lines[q]
        # A name, an initial ("Mina K.") or a handle ("truthseeker88"); no sentence.
        if len(name) > 40 or name.count(" ") > 3 or name[-1] in "!?:,;" or (name[-1] == "." and not _INITIAL_END.search(name)):
            continue
        if " " in name and any(ch.isdigit() for ch in name):
            continue
        if not found or found[-1][0] < d:
            found.append((d, (name, parse_date(lines[d]), True)))
            name_at[d] = p
    # Each comment has its own reply link before the next one starts.
    kept = [h for k, h in enumerate(found) if any(h[0] < r < (found[k + 1][0] if k + 1 < len(found) else n) for r in replies)]
    return (kept, {d: name_at[d] for d, _ in kept}) if len(kept) >= 2 else ([], {})


def _comment_units(lines, roles, headers, labels=None):
    """``(start, title_i, label_i, header_i, parsed)`` for every comment header.

    ``labels`` gives the line of the author's name where it stands apart from
    the header (the name over the date, or over a forum's user block).
    """
    units = []
    for h, parsed in headers:
        if labels and h in labels:
            units.append((min(labels[h], h), None, labels[h], h, parsed))  # the name over or under the header
            continue
        title_i = label_i = None
        t = _previous_nonblank(lines, h)
        if not parsed[0]:
            # "• 3 years ago" under the name: the line above is the author.
            if t is not None and h - t <= 2 and roles[t] is None and len(lines[t]) <= 40 and lines[t].count(" ") <= 4:
                units.append((t, None, t, h, (lines[t], *parsed[1:])))
            else:
                units.append((h, None, None, h, parsed))
            continue
        if (
            t is not None
            and (h - t == 2 or (h - t == 1 and is_title_like(lines[t], 12)))  # a blank line between, or a headline
            and roles[t] is None
            and len(lines[t].split()) <= 20
            and parse_comment_header(lines[t]) is None
        ):
            title_i = t
        anchor = title_i if title_i is not None else h
        a = _previous_nonblank(lines, anchor)
        if a is not None and anchor - a <= 2 and roles[a] is None and lines[a].casefold() == parsed[0].casefold():
            label_i = a
        start = min(i for i in (h, title_i, label_i) if i is not None)
        units.append((start, title_i, label_i, h, parsed))
    return units


def _previous_nonblank(lines, i):
    k = i - 1
    while k >= 0 and not lines[k]:
        k -= 1
    return k if k >= 0 else None


def _isolated(lines, roles, i, lo, hi) -> bool:
    before = i == lo or not lines[i - 1] or roles[i - 1] is not None
    after = i + 1 >= hi or not lines[i + 1] or roles[i + 1] is not None
    return before and after


def _parse_article(lines, roles, soft, rich, lo, hi, *, listing: bool, alt_keys: set[str]) -> DocDraft | None:
    """Roles for the lines ``lo:hi`` of one article or post; its draft, or None if empty."""
    doc = DocDraft()
    content = [i for i in range(lo, hi) if roles[i] is None and lines[i]]
    if not content:
        return None
    _mark_lede_duplicates(lines, roles, content[:4], content)
    content = [i for i in content if roles[i] is None]
    title_i, label_i = _choose_title(lines, roles, soft, rich, content, lo, hi)
    if title_i is not None:
        roles[title_i] = TITLE
        doc.title = lines[title_i]
        doc.meta.append(title_i)
        header = []
        k = title_i - 1
        while k >= lo and not lines[k]:
            k -= 1
        if k < title_i - 1 or listing:
            while k >= lo and lines[k] and roles[k] is None and len(lines[k]) <= 120:
                header.append(k)
                k -= 1
        header.reverse()
        for h in [h for h in header if _meta_date(lines[h]) is not None]:
            if doc.published is None:
                doc.published = _meta_date(lines[h])
                roles[h] = DATE_ROLE
                doc.meta.append(h)
        header = [h for h in header if roles[h] is None]
        if label_i is not None:
            header = [label_i]
        crumbs = [c for c in content if c < title_i and roles[c] is None and _BREADCRUMB.search(lines[c])]
        if crumbs and (not header or header[-1] == crumbs[-1]):
            roles[crumbs[-1]] = SECTION
            doc.section = _BREADCRUMB.split(lines[crumbs[-1]])[-1].strip()
            doc.meta.append(crumbs[-1])
            header = []
        if listing and len(header) >= 3 and all(lines[h].count(" ") <= 2 for h in header):
            for h in header:  # three or more one-to-three-word labels over a post: the site's menu
                roles[h] = NAV
            header = []
        if header and is_sidebar_cue(lines[header[-1]]):
            header = []  # "Archive", "Latest": the last item of a menu, not the post's section
        if header and (listing or label_i is not None or len(header) >= 2 or soft[header[-1]]):
            roles[header[-1]] = SECTION
            doc.section = lines[header[-1]]
            doc.meta.append(header[-1])
            for h in header[:-1]:
                roles[h] = IMAGE_ALT
                alt_keys.add(line_key(lines[h]))
        # Credits right over the title: at most three other lines (blank ones aside) between.
        near, k, seen = [], title_i - 1, 0
        while k >= lo and seen <= 3:
            if lines[k]:
                if roles[k] is None:
                    near.append(k)
                seen += 1
            k -= 1
        near.reverse()
        for i in content:
            if i < title_i and roles[i] is None:
                name = parse_byline(lines[i]) if i in near and _BYLINE.match(lines[i]) else None
                if name and doc.author is None:  # "Posted by NAME" over the title
                    roles[i], doc.author = AUTHOR, name
                    doc.meta.append(i)
                    continue
                date = _meta_date(lines[i]) if i in near and doc.published is None else None
                if date is not None:  # an author box over the title: name, post, date, reading time
                    roles[i], doc.published = DATE_ROLE, date
                    doc.meta.append(i)
                    box = [k for k in near if k < i and roles[k] is None and len(lines[k]) <= 40 and _NAME_LINE.match(lines[k])]
                    if box and doc.author is None:
                        roles[box[-1]], doc.author = AUTHOR, lines[box[-1]]
                        doc.meta.append(box[-1])
                    continue
                roles[i] = REPEATED if soft[i] else (NAV if listing or is_title_like(lines[i]) else None)
        title_key = _squash(doc.title)
        # A line over twice the title's squashed length cannot squash to it (lines
        # have single spaces, so squashing at most halves them).
        longest = 2 * len(title_key) + 1
        for i in content:
            if i > title_i and roles[i] is None and len(lines[i]) <= longest and _squash(lines[i]) == title_key:
                roles[i] = DUPLICATE
    content = [i for i in content if roles[i] is None]
    _mark_credits(lines, roles, doc, content[:8])
    content = [i for i in content if roles[i] is None]
    first3 = content[:3]
    for i in content[:6] + content[-10:]:
        if roles[i] is not None:
            continue
        line = lines[i]
        name = None
        if len(line) <= 120:  # credits are short: a length test spares most lines every check
            name = parse_byline(line) if _BYLINE.match(line) else None
            if name is None and ("|" in line or "·" in line) and is_credit_line(line):
                name = _credit_name(line)  # "Jane Doe | 2h ago"
            if name is None and len(line) <= 60 and line.count("@") == 1 and (at := _HANDLE.match(line)):
                name = at.group("name")  # "Jane Doe @janedoe" over a post
            if name is None and len(line) <= 50 and " in " in line and i in first3 and (at := _NAME_IN_PLACE.match(line)):
                name = at.group("name")  # "Jane Doe in Tirana" under the headline
            if name is None and len(line) <= 60 and i in first3:
                name = _name_with_job(line)  # "Jane DoeContributing Columnist" under the headline
        if name is None and doc.author is None and title_i is not None and i > title_i and i in first3:
            bio = _BIO_LINE.match(lines[i])  # "Jane Doe is a professor of ..." under the headline
            name = _TITLE_WORD.sub("", bio.group("name")) if bio else None
        if name and doc.author is None:
            roles[i] = AUTHOR
            doc.author = name
            doc.meta.append(i)
            if doc.published is None:  # "By NAME | March 14, 2022"
                doc.published = parse_date(lines[i])
    for i in content[:6] + [k for k in content[-6:] if DATED_META.match(lines[k])]:  # "Published on ..." may close the text
        if roles[i] is None:
            date = _meta_date(lines[i])
            if date is not None:  # the first date line is the publication date; others ("Updated: ...") are meta too
                roles[i] = DATE_ROLE
                doc.meta.append(i)
                if doc.published is not None:
                    continue
                doc.published = date
                by = re.search(r"\bby\s+\S.*$", lines[i], re.I)
                if by and doc.author is None:
                    credit = _BY_WHEN.split(by.group(0))[0]
                    login = re.fullmatch(r"by\s+([\w.-]{2,30})", credit, re.I)  # "Posted by admin on ..."
                    doc.author = parse_byline(credit) or (login.group(1) if login and login.group(1).lower() not in _NOT_NAME else None)
    if doc.published is not None:
        _name_over_date(lines, roles, doc, lo if title_i is None else title_i + 1)
    rest = [i for i in content[:4] if roles[i] is None]
    if rest and doc.meta and rest[0] - max(doc.meta) <= 2 and _CATEGORY_LIST.match(lines[rest[0]]):
        roles[rest[0]] = NAV  # the post's categories under its credits: "Travel, Albania, Iran"
    for i in content:
        if roles[i] is None:
            if soft[i] and _chrome_line(lines[i]):
                roles[i] = REPEATED
            else:
                roles[i] = BODY
                doc.body.append(i)
    if not doc.body:
        for i in doc.meta:
            roles[i] = NAV
        return None
    if doc.published is None:
        doc.published = next(filter(None, (_dateline_date(lines[i]) for i in doc.body[:2])), None)
    if doc.author is None:
        _author_from_bio(lines, roles, doc)
    else:
        _drop_author_bio(lines, roles, rich, doc)
    _mark_release_end(lines, roles, doc)
    return doc


# Three to six comma-separated labels of one to three capitalised words: a post's categories.
_CATEGORY = r"[A-Z][\w'’&-]*(?:\s+[A-Za-z][\w'’&-]*){0,2}"
_CATEGORY_LIST = re.compile(rf"^{_CATEGORY}(?:,\s*{_CATEGORY}){{2,5}}$")
# A person's name on a line of its own: two to four capitalised words, maybe
# with a title ("Dr.") or a particle ("de", "van", "al-").
_NAME = rf"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?{NAME}"
_NAME_LINE = re.compile(rf"^{_NAME}(?:(?:,\s*{_NAME})*\s+and\s+{_NAME})?$")
# "Jane Doe @janedoe" over a post.
_HANDLE = re.compile(rf"^(?P<name>{NAME})\s+@\w{{2,30}}$")
# "Jane Doe in Tirana": the reporter and where they filed from.
_NAME_IN_PLACE = re.compile(rf"^(?P<name>{_NAME}) in [A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?$")
_TITLE_WORD = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+")
_ABOUT_AUTHOR = re.compile(r"^about\s+the\s+authors?\s*:?\s*", re.I)
_BIO = re.compile(rf"^(?P<name>{_NAME})(?:,|\s+(?:is|was|has|teaches|writes|works|leads|directs|covers)\b)")


def _name_with_job(line: str) -> str | None:
    """The name in a credit line of a name and its job ("Jane DoeContributing Columnist"), else None.

    >>> _name_with_job("Daniel OkaforContributing Columnist"), _name_with_job("Jane Doe, Staff Writer")
    ('Daniel Okafor', 'Jane Doe')
    >>> _name_with_job("Senior Writer"), _name_with_job("Donald Trump Senior Advisor Fired")
    (None, None)
    """
    tokens = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", line).replace(",", " ").split()
    k = len(tokens)
    while k > 0 and tokens[k - 1].lower().strip(".") in _JOB_WORDS:
        k -= 1
    if k == len(tokens) or k < 2:
        return None
    name = " ".join(tokens[:k])
    if any(t.lower() in _JOB_WORDS for t in tokens[:k]) or not _NAME_LINE.match(name):
        return None
    return name


def _mark_credits(lines, roles, doc: DocDraft, head: list[int]) -> None:
    """Credit lines at the top: photo credits are image alt text; translation credits and an
    "Authors:" list (names with their posts under them) are meta, the names being the authors;
    "Original article by NAME" names the author of a translated piece."""
    for n, i in enumerate(head):
        if roles[i] is not None:
            continue
        line = lines[i]
        if len(line) > 80 or not line[:5].lower().startswith(_CREDIT_STARTS):
            continue
        if _CREDIT_LABEL.match(line):
            if line.lower().startswith(("photo", "picture", "image", "video")):
                roles[i] = IMAGE_ALT
                continue
            roles[i] = AUTHOR
            doc.meta.append(i)
            by = re.search(r"\bby\s+(.*)$", line, re.I)
            if doc.author is None and line[:8].lower() == "original" and by:
                doc.author = parse_byline("By " + re.split(r"\s+(?:in|for|at|from)\s+", by.group(1))[0])
        elif _AUTHORS_LABEL.match(line):
            names, block = [], [i]
            for k in head[n + 1 : n + 7]:
                if roles[k] is not None or len(lines[k]) > 80 or _meta_date(lines[k]) is not None:
                    break
                if _NAME_LINE.match(lines[k]):
                    names.append(lines[k])
                elif not names or _ends_sentence(lines[k]):
                    break
                block.append(k)
            if names:
                for k in block:
                    roles[k] = AUTHOR
                    doc.meta.append(k)
                doc.author = doc.author or " and ".join(names)


def _name_over_date(lines, roles, doc: DocDraft, lo: int) -> None:
    """A bare name right above the date line, under the headline, is the author ("Jane Doe" / "Mar 3, 2024").

    A name the byline gave already is taken as that byline's twin.

    Only separators, share buttons and reading times may stand between them.
    """
    dated = [i for i in doc.meta if roles[i] == DATE_ROLE]
    if not dated:  # the date came with the byline
        return
    k, steps = min(dated) - 1, 0
    post = None  # the author's post between the name and the date ("Senior Fellow, Iran Program")
    while k >= lo and steps < 4:
        if lines[k]:
            steps += 1
            if roles[k] is None and post is None and _JOB_LINE.match(lines[k]):
                post = k
                k -= 1
                continue
            if roles[k] is None:
                name = lines[k]
                if len(name) <= 40 and _NAME_LINE.match(name) and not is_sidebar_cue(name) and doc.author in (None, name):
                    roles[k] = AUTHOR
                    doc.author = name
                    doc.meta.append(k)
                    if post is not None:
                        roles[post] = AUTHOR
                        doc.meta.append(post)
                return
            if roles[k] not in (SHARE, NAV):
                return
        k -= 1


# A person's post on a line of its own, under the name in a credit block.
_JOB = (
    r"(?:(?:senior|junior|chief|deputy|associate|assistant|visiting|adjunct|non-?resident|executive|managing|contributing|"
    r"staff|special|distinguished|research)\s+)*(?:fellow|director|editor|professor|correspondent|analyst|researcher|reporter|"
    r"writer|columnist|producer|lecturer|scholar|chair|president|contributor)"
)
_JOB_LINE = re.compile(
    rf"^{_JOB}\b.{{0,50}}$"
    # A beat or region first ("Europe correspondent, Tirana", "Middle East Editor"); then
    # only a place or an employer may follow, so "Former CIA Director says ..." stays a headline.
    rf"|^(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*)?\s+{_JOB}(?:\s*[,|–—-]\s*.{{1,40}}|\s+(?:at|of|for|in|on)\s+.{{1,40}})?$",
    re.I,
)


# A one-line bio under a headline: the name, then what the person does.
_BIO_LINE = re.compile(
    rf"^(?P<name>{_NAME}) (?:is|was) (?:a|an|the) (?:[\w-]+ ){{0,4}}?(?:professor|lecturer|fellow|journalist|writer|author|"
    r"correspondent|editor|researcher|analyst|director|reporter|scholar|columnist|contributor|founder|historian|commentator|"
    r"lawyer|economist|diplomat|activist|novelist|poet|scientist|doctor|physician|teacher|student|consultant|expert)s?\b"
)
_CREDITS_NOTE = re.compile(r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b.{0,200}$", re.I)
# "Reporting by Jane Doe; Editing by ...", "(Reporting by Jane Doe in Paris and ...)": the first reporter.
_REPORTED_BY = re.compile(rf"^\(?[Rr]eporting by (?P<name>{NAME})(?=\s*(?:[;,)]|and\b|in\b|$))")
# "Jane Doe contributed reporting from Geneva." closing a story: a credit.
_CONTRIBUTED = re.compile(rf"^\(?{NAME}(?:,\s*{NAME})*(?:,?\s+and\s+{NAME})?\s+contributed\s+(?:reporting|research|to\s+this\s+(?:report|article|story))\b.{{0,100}}$")
#: Marks that end a press release's text ("###", "-30-", "- ENDS -").
_RELEASE_END = frozenset({"###", "# # #", "-30-", "- 30 -", "ends", "- ends -", "-ends-", "end"})
#: The same as written on pages, to find them with one set test per document.
_RELEASE_MARKS = frozenset({v for m in _RELEASE_END for v in (m, m.upper(), m.capitalize())})


def _mark_release_end(lines, roles, doc: DocDraft) -> None:
    """A press release ends at its "###" mark: the contact and boilerplate after it are its footer.

    A closing credits note ("(Reporting by ...; Editing by ...)") is the article's meta.
    """
    body = doc.body
    if len(body) < 2:
        return
    # The mark may be repeated on other pages (and so not in the body): look at every line.
    first = body[max(1, len(body) - 12)]
    if _RELEASE_MARKS.isdisjoint(lines[first : body[-1] + 1]):
        first = body[-1] + 1  # no mark: only the credits note below is looked for
    for k in range(first, body[-1] + 1):
        line = lines[k]
        if line and len(line) <= 8 and line.lower() in _RELEASE_END:
            roles[k] = FOOTER
            for i in [i for i in body if i > k]:
                roles[i] = FOOTER
            body[:] = [i for i in body if i < k]
            return
    i = body[-1]
    if len(lines[i]) <= 160 and " contributed " in lines[i] and _CONTRIBUTED.match(lines[i]):
        roles[i] = AUTHOR  # "Jane Doe contributed reporting from Geneva."
        body.pop()
        doc.meta.append(i)
        i = body[-1] if body else None
    if i is None:
        return
    if lines[i][0] in "(ARWECParwecp" and len(lines[i]) <= 220 and _CREDITS_NOTE.match(lines[i]):
        roles[i] = AUTHOR
        body.pop()
        doc.meta.append(i)
        reporter = _REPORTED_BY.match(lines[i])
        if reporter and doc.author is None:  # a wire story with no byline: its reporter
            doc.author = reporter.group("name")


def _drop_author_bio(lines, roles, rich, doc: DocDraft) -> None:
    """A closing paragraph about the author ("Jane Doe has covered ... since 2015") is no text.

    It is one of the last three paragraphs, starts with the author's name and
    goes on as a bio does; what follows it, if no paragraph, goes with it.
    """
    if len(doc.body) < 3:
        return
    name = doc.author
    for n, i in enumerate(doc.body[-3:], start=len(doc.body) - 3):
        line = lines[i]
        if len(line) <= 400 and line.startswith(name) and (m := _BIO.match(line)) and m.group("name") == name:
            after = doc.body[n + 1 :]
            if any(rich[k] for k in after):
                return
            for k in doc.body[n:]:
                roles[k] = AUTHOR if k == i else NAV
            doc.meta.append(i)
            del doc.body[n:]
            return


def _author_from_bio(lines, roles, doc: DocDraft) -> None:
    """The author named by a bio near the end: "About the author", then "Dr. Jane Doe is a fellow ..."."""
    if len(doc.body) <= 2:
        return
    # "— Jane Doe is a writer based in Berlin." closing the text.
    for i in doc.body[-3:]:
        line = lines[i]
        if line[0] in "—–-" and len(line) <= 300:
            m = _BIO_LINE.match(line.lstrip("—–- "))
            if m:
                doc.author = _TITLE_WORD.sub("", m.group("name"))
                roles[i] = AUTHOR
                doc.body.remove(i)
                doc.meta.append(i)
                return
    # The heading may be repeated on other pages of the site (and so not in the body).
    tail = doc.body[-8:]
    for i in range(tail[0], tail[-1]):
        if lines[i][:5].lower() != "about" or roles[i] not in (BODY, REPEATED):
            continue
        head = _ABOUT_AUTHOR.match(lines[i])
        if head is None or len(lines[i]) > 300:
            continue
        bio_i = i if head.end() < len(lines[i]) else next((k for k in tail if k > i), None)
        if bio_i is None:
            return
        m = _BIO.match(lines[bio_i][head.end() :] if bio_i == i else lines[bio_i])
        if m is None:
            return
        doc.author = _TITLE_WORD.sub("", m.group("name"))
        for k in {i, bio_i}:
            roles[k] = AUTHOR
            if k in doc.body:
                doc.body.remove(k)
            doc.meta.append(k)
        return


# A news dateline opening the text: "WASHINGTON, D.C. (June 1, 2021) – ..." or
# "LONDON, 5 May 2020 — ...": a place in capitals, the date, a dash.
# "WASHINGTON, D.C. (June 1, 2021) – ", "BRUSSELS, 20 June 2024 /PressDesk/ -- ".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}?[,(]\s*(?P<date>[^()–—/]{6,40}?)\s*\)?\s*(?:/[^/]{2,30}/\s*)?[–—-]{1,2}\s")


def _dateline_date(line: str) -> dt.date | None:
    """The date of a dateline that opens ``line``, else None.

    >>> _dateline_date("WASHINGTON, D.C. (June 1, 2021) – Two senators asked...")
    datetime.date(2021, 6, 1)
    >>> _dateline_date("Tehran, the capital, was calm - for now.") is None
    True
    >>> _dateline_date("BRUSSELS, 20 June 2024 /PressDesk/ -- The association said...")
    datetime.date(2024, 6, 20)
    """
    m = _DATELINE.match(line[:90])
    if m is None:
        return None
    d = DATE.fullmatch(m.group("date").strip())
    return date_of_match(d) if d else None


# Where a "by NAME on DATE" credit turns from the name to the date.
_BY_WHEN = re.compile(
    r"\s+(?:at|on|in)\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s)"
    r"|\s+[—–|·•-]\s+(?:\d+|no|one)\s+(?:comments?|responses?|replies)\b",  # "by NAME — 7 Comments"
    re.I,
)
_THREAD_START = re.compile(
    r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|comments?|responses?|replies)\b"
    r"|^(?:[\d۰-۹٠-٩]+|یک)\s+(?:دیدگاه|نظر|تعليق|تعليقات)\s+(?:برای|به|على)\s",
    re.I,
)
_BREADCRUMB = re.compile(r"\s+[›»>/|]\s+")


_DEFINES = re.compile(r"(?: \(| (?:is|was|are|were|has been|had been|refers to)\b|, (?:also|officially|formerly|born)\b)")


#: Roles of the blocks that separate a masthead from the text: menus and lists of links.
_MENU_ROLES = frozenset({NAV, SIDEBAR, TEASER})


def _headline_sized(line: str) -> bool:
    """Five to fourteen words, no closing stop, no breadcrumb trail, no credit or date."""
    return 5 <= line.count(" ") + 1 <= 14 and is_title_like(line) and not _BREADCRUMB.search(line) and not _is_meta(line)


def _asks(line: str) -> bool:
    """A thread's title: a question of four to thirty words, no list dash in front."""
    return line.endswith("?") and 3 <= line.count(" ") < 30 and line[0] not in "-–—•*"


def _has_letters(line: str) -> bool:
    return any(ch.isalpha() for ch in line)


def _is_meta(line: str) -> bool:
    if len(line) <= 80 and (_CREDIT_LABEL.match(line) or _AUTHORS_LABEL.match(line) or _HANDLE.match(line)):
        return True
    if len(line) <= 50 and " in " in line and _NAME_IN_PLACE.match(line):
        return True
    return parse_byline(line) is not None or _meta_date(line) is not None


# Credits other than the author's byline: photos, translation, the original's author, an "Authors:" list.
_CREDIT_LABEL = re.compile(
    r"^(?:photos?|photographs?|photography|pictures?|images?|video|illustrations?)(?:\s+by\b|\s*:)\s*\S"
    # "Translation: Jane Doe" names a translator; "Translation: Kayhan editorial on ..." is a headline.
    r"|^(?:translated|translation|original\s+(?:article|text|story|report)|additional\s+reporting|editing|edited)"
    r"(?:\s+by\s*\S|\s*:\s*\S+(?:\s+\S+){0,4}$)"
    r"|^published\s+in\s+[A-Z]",
    re.I,
)
_CREDIT_STARTS = ("photo", "pictu", "image", "video", "illus", "trans", "origi", "addit", "editi", "edite", "autho", "contr", "writt",
                  "publi")  # fmt: skip
_AUTHORS_LABEL = re.compile(r"^(?:authors?|contributors?|written\s+by)\s*:?$", re.I)


def _choose_title(lines, roles, soft, rich, content, lo, hi) -> tuple[int | None, int | None]:
    """The headline of an article (and a section label set apart above it).

    Candidates are the short, headline-shaped lines before the text starts that
    are not heavily repeated, are followed by a byline/date line or isolated
    between blank lines, and have no menu between them and the text (else they are
    a masthead).  Among them, in order of evidence: one that the page repeats (a
    page title shown twice), one followed by a byline or date, a longer one under a
    short label ("Local news" over the headline), else the first.
    """
    first_text = next((c for c in content if rich[c] or is_prose(lines[c])), hi)
    # The first eight lines, and up to four more where no text has started yet
    # (a cookie notice or a site tagline can push the headline down).
    pool = [c for c in content if soft[c] < 2][:12]
    pool = pool[:8] + [c for c in pool[8:] if c < first_text]
    cands: list[tuple[int, bool]] = []
    for n, i in enumerate(pool):
        line = lines[i]
        if rich[i]:
            break
        if not (is_title_like(line) or line.endswith(("?", "!"))) or len(line) > 200 or not _has_letters(line):
            # A headline of two short sentences ("... Was Law, Not Endorsement. Washington Forgot.")
            # ends with a stop, and its date or byline comes right under it.
            two_sentences = line.endswith(".") and 1 <= line.count(". ") <= 3 and line.count(" ") < 20 and line[:1].isupper()
            if not (two_sentences and n + 1 < len(pool) and pool[n + 1] == i + 1 + (not lines[i + 1]) and _is_meta(lines[pool[n + 1]])):
                continue
        if len(_BREADCRUMB.findall(line)) >= 2:
            continue  # "Home › News › Politics": a trail, not a headline
        if _is_meta(line) or not any(k > i for k in content):
            continue
        gap = _meta_follows(lines, roles, rich, pool[n + 1 : n + 6], i)
        if gap is None and not _isolated(lines, roles, i, lo, hi):
            continue
        if gap is not None and len(line) <= 40 and _NAME_LINE.match(line):
            continue  # an author box: the name over its post and date
        if len(line) <= 60 and _JOB_LINE.match(line):
            continue  # the author's post ("Senior Fellow, Iran Program")
        # A menu (not a lone tag line) between it and the text: a masthead.  Over
        # its date line, a masthead has a menu under that and then another
        # headline (a headline may have a share bar there, then the text).
        at = i if gap is None else pool[n + 1 + gap]
        text_at = next((c for c in content if c > at and (rich[c] or is_prose(lines[c]))), hi)
        menu = []
        if not _MENU_ROLES.isdisjoint(roles[at + 1 : text_at]):  # most headlines have none below them
            menu = [k for k in range(at + 1, text_at) if roles[k] in _MENU_ROLES and not is_credit_chrome(lines[k])]
        if len(menu) >= 2 and (gap is None or any(menu[1] < c < text_at and _headline_sized(lines[c]) and not _NUMBERED.match(lines[c]) for c in content)):
            continue  # (numbered lines under the menu are a table of contents, not another headline)
        cands.append((i, gap))
    # A reference page names its subject at the top and again as the text's
    # first words, in a definition ("Camp Ashraf" ... "Camp Ashraf was a military base").
    # (A hatnote or an infobox may come first: the first three lines of text are tried.)
    texts: list[int] = []
    for c in content if first_text < hi else ():
        if c >= first_text and (rich[c] or is_prose(lines[c])):
            texts.append(c)
            if len(texts) == 3:
                break
    for t in texts:
        opening = lines[t]
        upto = bisect_left(content, t)
        for c in reversed(content[max(0, upto - 12) : upto]):
            line = lines[c]
            if line[:1] != opening[:1]:
                continue
            defines = opening.startswith(line) and line.count(" ") < 8 and _DEFINES.match(opening, len(line))
            if defines and _has_letters(line) and not _is_meta(line):
                return c, None
    if not cands and first_text < hi and lines[first_text].endswith("?"):
        # A thread's title asks a question, often long enough to pass for text,
        # under a flair or label and over the post's own text.
        later = [c for c in content if c > first_text]
        above = [c for c in content if c < first_text][-1:]
        text_follows = bool(later) and (rich[later[0]] or is_prose(lines[later[0]]))
        if _asks(lines[first_text]) and text_follows and above and lines[above[0]].count(" ") <= 2 and not _is_meta(lines[above[0]]):
            return first_text, None
    if not cands:
        # Pages without blank lines: the headline sits right above the text.
        above = [c for c in content if c < first_text][-1:]
        if first_text < hi and above and roles[above[0]] is None and not any(lines[k] for k in range(above[0] + 1, first_text)):
            line = lines[above[0]]
            if ((is_title_like(line, 14) and line.count(" ") >= 3) or _asks(line)) and not _is_meta(line):
                return above[0], None
        return None, None
    keys = Counter(_squash(lines[c]) for c in content if c < first_text)
    for i, _ in cands:
        if keys[_squash(lines[i])] >= 2:
            return i, None
    # Followed by a byline or date.  A headline-sized line (5 to 14 words, no
    # breadcrumb) comes first: right above the byline, else with a standfirst
    # or credit line between (a tagline above the headline has that too, so
    # the nearer one wins); failing that, the line right above the byline.
    sized = [(i, gap) for i, gap in cands if gap is not None and 5 <= lines[i].count(" ") + 1 <= 14 and not _BREADCRUMB.search(lines[i])]
    for i, gap in sized:
        if gap == 0:
            return i, None
    if sized:
        return sized[0][0], None
    for i, g in cands:
        # A one- or two-word label over the date, the headline under them: the
        # label is the section ("Politics" / "12.08.2021" / headline).
        later = [c for c, _ in cands if i < c <= i + 6 and _headline_sized(lines[c])]
        if g is not None and lines[i].count(" ") <= 1 and later:
            return later[0], i
    for gap in (0, 1, 2):
        for i, g in cands:
            if g == gap:
                return i, None
    if len(cands) >= 2 and not lines[cands[0][0]].endswith(("?", "!")):
        # Short labels ("Newsroom", "Press releases") over the headline: the
        # first longer line is the headline, the label just above it its section.
        for k, (i, _) in enumerate(cands[1:], start=1):
            line = lines[i]
            if line.count(" ") >= 3 or line.endswith(("?", "!")):
                if all(lines[c].count(" ") <= 2 for c, _ in cands[:k]) and not _BREADCRUMB.search(line):
                    return i, cands[k - 1][0]
                break
    if len(cands) >= 2:
        (c1, _), (c2, _) = cands[0], cands[1]
        words1 = len(lines[c1].split())
        if words1 <= 3 and not lines[c1].endswith(("?", "!")) and len(lines[c2].split()) > words1:
            return c2, c1
    return cands[0][0], None


# A numbered section heading ("2. From Tehran to Tirana: a short history").
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")


def _meta_follows(lines, roles, rich, after: list[int], i: int) -> int | None:
    """How many lines after line ``i`` a byline or date line comes (0: the next one).

    Up to two short lines (a standfirst, a credit) may stand between, the first
    of them a sentence of standfirst; None when no such line follows or a line
    with a role comes first.
    """
    k = 0
    for j in after:
        if any(roles[m] is not None and lines[m] and not is_credit_chrome(lines[m]) for m in range(i + 1, j)):
            return None
        if _is_meta(lines[j]):
            return k
        if k > 0 and len(lines[j]) <= 60 and (_NAME_LINE.match(lines[j]) or _JOB_LINE.match(lines[j])):
            continue  # the author's name and post over the date: part of the credits
        if k == 2 or rich[j] or (k > 0 and is_prose(lines[j])):
            return None
        k += 1
    return None


_RULE = re.compile(r"^[_\-=~*]{5,}$")


def _parse_comment(lines, roles, soft, lo, hi, title_i, label_i, head_i, name, date, parent) -> DocDraft:
    anonymous = (name or "").lower() in ("anonymous", "anon", "guest", "unknown")
    doc = DocDraft(kind="comment", author=None if anonymous else name or None, published=date, parent=parent)
    signature = False
    roles[head_i] = AUTHOR
    doc.meta.append(head_i)
    if label_i is not None:
        roles[label_i] = AUTHOR
        doc.meta.append(label_i)
    for i in range(lo, hi):
        if i in (title_i, label_i, head_i) or roles[i] is not None or not lines[i]:
            continue
        if not doc.body and doc.published is None and i > head_i and is_date_line(lines[i]):
            roles[i] = DATE_ROLE
            doc.published = parse_date(lines[i])
            doc.meta.append(i)
            continue
        if doc.body and len(lines[i]) >= 5 and _RULE.match(lines[i]):
            signature = True  # "____": the writer's signature follows, to the end of the post
        if signature:
            roles[i] = NAV
        elif soft[i] and _chrome_line(lines[i]):
            roles[i] = REPEATED
        else:
            roles[i] = BODY
            doc.body.append(i)
    if title_i is not None:
        if doc.body:
            roles[title_i] = TITLE
            doc.title = lines[title_i]
            doc.meta.append(title_i)
        else:
            # No body: such templates show the opening words of the comment as its
            # title, so the title line is the text itself.
            roles[title_i] = BODY
            doc.body.append(title_i)
    return doc


def _meta_date(line: str) -> dt.date | None:
    """The date of a date line ("Posted on ...", "June 21, 2023 12:14 PM GMT+1 Updated", "9:42 AM · Feb 27, 2024").

    >>> _meta_date("Published: 2024-06-20 09:00 CET | Source: European Association for a Free Iran (EAFI)")
    datetime.date(2024, 6, 20)
    """
    if len(line) > 80:
        # A labelled date may share its line with more credits ("Published: DATE | Source: ...").
        m = DATED_META.match(line) if len(line) <= 160 else None
        d = DATE.search(m.group("rest"), 0, 40) if m else None
        return date_of_match(d) if d else None
    if line[:1].isdigit() and (t := _LEAD_TIME.match(line)):
        line = line[t.end() :]
    if is_date_line(line):
        return parse_date(line)
    m = DATE.match(line)
    if m and len(line) - m.end() <= 25 and not _TERMINAL_STOP.search(line):
        return date_of_match(m)
    m = DATED_META.match(line)
    if m:
        d = DATE.search(m.group("rest"))
        return date_of_match(d) if d else None
    return None


_LEAD_TIME = re.compile(r"^\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*[·•|,–-]\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_TERMINAL_STOP = re.compile(r"[.!?]\s")


def _ends_sentence(line: str) -> bool:
    """Ends with a full stop, question or exclamation mark, maybe inside a closing quote or bracket."""
    end = line[-1]
    return end in ".!?" or (end in "\"”’)" and line[-2:-1] in (".", "!", "?"))


def _chrome_line(line: str) -> bool:
    """A (repeated) short line that is no sentence: furniture even inside a body."""
    return len(line) <= 80 and not _SENTENCE_END.search(line)


def _squash(text: str) -> str:
    """``text`` without white space, case-folded (for comparing copies whose spacing differs)."""
    s = text.replace(" ", "")
    if not s.isprintable():  # white space other than plain spaces is not printable
        s = "".join(s.split())
    return s.casefold()


def _mark_lede_duplicates(lines, roles, candidates, content) -> None:
    """A lede or pull-quote that the body repeats word for word is counted once.

    Spacing may differ between the two copies, so they are compared with all
    white space removed.  Two probe words, the longest of the candidate's first
    four and of its last four, must each occur twice among the content lines
    (in the candidate and in its copy): two searches of their joined text rule
    most candidates out, and only lines that hold the first probe are compared.
    """
    # 8+ words (single spaces); a long line mostly shows them in its opening.
    # A lede is a sentence or two: paragraphs over 600 characters are not looked at.
    candidates = [i for i in candidates if len(lines[i]) <= 600 and lines[i].count(" ", 0, 160) >= 7 and _ends_sentence(lines[i])]
    if not candidates:
        return
    # A copy is longer than half its candidate, so shorter lines can be left
    # out of the searched text (the candidates themselves stay in).
    shortest = min(len(lines[i]) for i in candidates) // 2
    blob = "\n".join([lines[j] for j in content if len(lines[j]) > shortest])
    for i in candidates:
        line = lines[i]
        # The first and last four words, read from the line's ends only when
        # these hold them (no copy of a long paragraph's middle).
        head, tail = line[:80], line[-80:]
        probe = max((head if head.count(" ") >= 4 else line).split(None, 4)[:4], key=len)
        last = max((tail if tail.count(" ") >= 4 else line).rsplit(None, 4)[-4:], key=len)
        if blob.find(probe, blob.find(probe) + 1) < 0 or blob.find(last, blob.find(last) + 1) < 0:
            continue
        if len(line.split()) < 8:
            continue
        key = None
        half = len(line) // 2
        for j in content:
            other = lines[j]
            if j == i or roles[j] is not None or len(other) <= half or probe not in other:
                continue
            key = key or _squash(line)
            other = _squash(other)
            if len(other) > len(key) and key in other:
                roles[i] = DUPLICATE
                break


def _finish_roles(lines, roles, soft, docs, alt_keys) -> None:
    """Give the lines nothing claimed their role: blank, repeated chrome or navigation.

    Repeated lines that copy an image's alt text become ``image_alt``.  (Blank
    lines already carry ``blank`` from their shape, or nothing.)
    """
    if alt_keys:
        for i in [i for i, role in enumerate(roles) if role == REPEATED]:
            if line_key(lines[i]) in alt_keys:
                roles[i] = IMAGE_ALT
    for i in [i for i, role in enumerate(roles) if role is None]:
        roles[i] = BLANK if not lines[i] else REPEATED if soft[i] else NAV
