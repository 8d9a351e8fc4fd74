"""Line-role evidence: shapes, blocks and repetition."""

from __future__ import annotations

import pytest

from corpus_tools.lines import classify_furniture, is_title_like, shape_role

BODY = ("The minister said on Tuesday that the talks would resume next month. "
        "Negotiators from both sides have met four times this year without agreement. "
        "Observers expect little progress before the elections in the autumn.")  # fmt: skip


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("FacebookTwitterPinterestWhatsappTelegramSkypeEmail", "share"),
        ("Share: Facebook Twitter Email", "share"),
        ("• Facebook", "share"),
        ("Tweet", "share"),
        ("© 2003 - 2024 Example Society. example.org", "footer"),
        ("Copyright 2020 Example Media", "footer"),
        ("All Rights Reserved.", "footer"),
        ("Newer Posts", "pagination"),
        ("« Older Entries", "pagination"),
        ("Page 2 of 14", "pagination"),
        ("1 2 3 … 10 Next", "pagination"),
        ("Back To Top", "navigation"),
        ("0 comments", "comment_count"),
        ("12 Comments", "comment_count"),
        ("Leave a Reply", "comment_count"),
        ("", "blank"),
        # Lines of text that mention the same words are left alone.
        ("Facebook said it removed the accounts.", None),
        ("The copyright dispute went to court in 2019.", None),
        ("Like many exiles, he never returned.", None),
        ("The next page of the report lists the names.", None),
        ("The vote was 251-170.", None),
    ],
)
def test_shape_role(line, role):
    assert shape_role(line) == role


def test_menu_runs_are_navigation_but_body_lists_are_not():
    page = ["• Home", "• About", "• Contact", "", "A headline", "", BODY, "",
            "The report lists three demands:", "• Release all detainees held without charge.",
            "• Allow observers into the prisons before the summer.",
            "• Publish the names of those who died in custody.", "", BODY]  # fmt: skip
    roles, _ = classify_furniture(page)
    assert roles[:3] == ["navigation"] * 3
    assert roles[9:12] == [None, None, None]


def test_sidebar_block_under_a_cue_heading_runs_to_the_end():
    page = [BODY, "", "Most viewed", "", "First teaser headline here", "",
            "A summary of the first teaser that stops in the middle...", "",
            "Second teaser headline", "", "Another short summary of a story."]  # fmt: skip
    roles, _ = classify_furniture(page)
    assert roles[0] is None
    assert roles[2] == "sidebar"
    assert set(roles[4::2]) == {"teaser"}


def test_sidebar_heading_known_only_by_repetition_across_pages():
    page = [BODY, "", "Lesenswert", "", "Teaser headline one", "", "Summary one...", "",
            "Teaser headline two", "", "Summary two..."]  # fmt: skip
    alone, _ = classify_furniture(page)
    assert alone[2] is None  # one page: no evidence that "Lesenswert" is furniture
    seen, _ = classify_furniture(page, {"lesenswert": 3})
    assert seen[2] == "sidebar" and seen[4] == "teaser"


def test_a_short_heading_over_real_paragraphs_is_kept():
    page = ["Latest news", "", BODY, "", BODY]
    roles, _ = classify_furniture(page)
    assert roles == [None, "blank", None, "blank", None]


def test_dated_lists_are_related_posts():
    page = [BODY, "", "Recently by the author", "First older post", "Nov 12, 2012",
            "Second older post", "Mar 20, 2012", "more from the author", "", BODY]  # fmt: skip
    roles, _ = classify_furniture(page)
    assert roles[2:8] == ["related"] * 6
    assert roles[9] is None


def test_soft_repetition_levels():
    page = ["Masthead", "x", "Masthead", "y", "Masthead", "Label on two pages", BODY]
    _, soft = classify_furniture(page, {"label on two pages": 2})
    assert soft[0] == 2 and soft[5] == 1 and soft[6] == 0


def test_title_like():
    assert is_title_like("Once sworn enemy; Now tactical ally")
    assert not is_title_like("It ended.")
    assert not is_title_like(" ".join(["word"] * 25))
