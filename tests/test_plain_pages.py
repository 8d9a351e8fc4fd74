"""Pages with no blank lines between their blocks, and the same pages with them.

Many scrapers write one element per line and nothing between: menus become
stacks of one-word lines, and the headline, standfirst, credit and date sit
directly on top of the text.  The templates here (news stories with a
standfirst, under a cookie banner, from a wire service, in Arabic; an opinion
column; an interview; blog posts with comments, one of them in Persian; two
blog indexes and a news index whose menu ends in "Archive"; essays with a
comment widget or with their date at the end, and one from an essay platform
(Follow, reading time, Listen); a newsletter post; a policy brief with an
author bio; a reference page; a forum thread; a press release; and pages under
heavy chrome: a regional paper with a cookie banner and a masthead over the
day's date, an opinion piece with a one-line bio, a story whose headline and
lede are shown twice, an NGO press release, Persian and Arabic stories, a wire
story, a story between long menus, a WordPress post with comments, a
commentary with an "Authors:" list, a translated article, a photo gallery, a
broadcaster's story dated "12.08.2021", a magazine long read, a blog archive,
a discussion thread, a US newspaper story, an agency story dated "30/06/2018",
a state-media story, a Persian blog post with comments, a publication post, a
local TV story, an explainer, a regional trial story, a blog post with an
author box, a mobile page, a reference page with an infobox, a podcast
episode, a social thread, a print version, a guest essay, an English page of a
Persian outlet, an article with "NAME wrote on DATE:" comments, a blog whose
comments show the name over the date, an Arabic story signed "كتب:", an
analysis with a credit block and credited related teasers, a forum thread with
user blocks, a blog with a comment widget's replies and vote rows) are loaded as they are and with a
blank line after every line; both must give the same documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools import load_corpus
from corpus_tools.lines import shape_role

PLAIN = Path(__file__).resolve().parent / "data" / "plain_pages"
FIELDS = ["doc_id", "kind", "title", "author", "published", "parent_id"]


@pytest.fixture(scope="module")
def plain():
    return load_corpus(PLAIN)


@pytest.fixture(scope="module")
def spaced(tmp_path_factory):
    """The same pages with a blank line after every line."""
    out = tmp_path_factory.mktemp("spaced")
    for page in sorted(PLAIN.glob("*.txt")):
        lines = page.read_text(encoding="utf-8").splitlines()
        (out / page.name).write_text("".join(f"{line}\n\n" for line in lines), encoding="utf-8")
    return load_corpus(out)


def _doc(corpus, doc_id):
    return corpus.docs.set_index("doc_id").loc[doc_id]


def _docs_of(corpus, page):
    """The documents of one page, in page order."""
    return corpus.docs[corpus.docs["source"] == f"{page}.txt"]


def _roles_of(corpus, page):
    """The roles of one page's lines, by line number."""
    return corpus.lines[corpus.lines["source"] == f"{page}.txt"].set_index("line_no")["role"]


def _days(dates):
    return dates.dt.strftime("%Y-%m-%d").tolist()


def test_news_story_with_standfirst_credit_and_menus(plain):
    doc = _doc(plain, "news_with_standfirst:1")
    assert doc["title"] == "Exiled opposition group rallies in Berlin as talks stall"
    assert doc["published"] == pd.Timestamp("2023-07-01")  # "Sat 1 Jul 2023 17.45 BST"
    assert doc["site"] == "northgate.example.com"
    assert "Several thousand supporters" in doc["text"]
    assert doc["text"].endswith("made little progress since the spring.")
    # The menu above the headline and the tag stack below the text are navigation.
    for chrome in ["Opinion", "Lifestyle", "Australia", "Topics", "Reuse this content", "Share on", "Most viewed"]:
        assert chrome not in doc["text"]
    roles = _roles_of(plain, "news_with_standfirst")
    assert set(roles.loc[2:20]) == {"navigation"}
    assert set(roles.loc[33:39]) == {"navigation"}


def test_news_story_under_a_cookie_banner(plain):
    doc = _doc(plain, "news_with_cookie_banner:1")
    assert (doc["title"], doc["author"]) == ("Albania tightens rules for camp of Iranian exiles", "Elira Kola")
    assert doc["published"] == pd.Timestamp("2023-02-14")  # "Published:", not the "Updated:" line after it
    assert doc["text"].startswith("TIRANA — Albania's government")
    assert "cookies" not in doc["text"] and "Updated" not in doc["text"]
    lines = plain.lines.set_index(["source", "line_no"])["role"]
    assert lines[("news_with_cookie_banner.txt", 13)] == "date"  # Updated: 15 February 2023


def test_blog_post_whose_own_credit_looks_like_a_comment_header(plain):
    """ "Posted by admin on ..." under the headline is the post's credit: the thread
    starts at "12 Responses to ...", and a sidebar cue above must not swallow the headline."""
    docs = _docs_of(plain, "blog_with_comments")
    post = docs.iloc[0]
    assert (post["kind"], post["title"], post["author"]) == ("article", "Why sanctions rarely topple regimes", "admin")
    assert post["published"] == pd.Timestamp("2020-03-03")
    assert post["text"].startswith("Economic sanctions are often presented")
    comments = docs[docs["kind"] == "comment"]
    assert comments["author"].tolist() == ["John Miller", "admin", "Leila R."]
    assert set(comments["parent_id"]) == {post["doc_id"]}
    assert "Your email address" not in comments["text"].iloc[-1]


def test_forum_thread(plain):
    posts = _docs_of(plain, "forum_thread")
    # The board's header above the first post is no article of its own; the
    # opening post is the article and the replies are its comments.
    assert posts["kind"].tolist() == ["article", "comment", "comment"]
    assert posts["parent_id"].tolist() == [None, "forum_thread:1", "forum_thread:1"]
    assert posts["author"].tolist() == ["darius", "sam_k", "darius"]
    assert posts["title"].tolist() == ["Who really backs the MEK?", "Re: Who really backs the MEK?", "Re: Who really backs the MEK?"]
    assert _days(posts["published"]) == ["2021-01-05", "2021-01-05", "2021-01-06"]
    # The board's links below the last post are not part of it.
    assert posts["text"].iloc[-1] == "Thanks, I will look for the Albanian filings."


def test_press_release_headline_and_dateline(plain):
    doc = _doc(plain, "press_release:1")
    assert doc["title"] == "Senators urge review of exile group's lobbying"
    assert doc["published"] == pd.Timestamp("2021-06-01")  # from "WASHINGTON, D.C. (June 1, 2021) –"
    assert doc["text"].startswith("WASHINGTON, D.C. (June 1, 2021) – Two senators")
    assert "Newsroom" not in doc["text"]


def test_blog_index_with_continue_reading_links(plain):
    """A menu cue ("Archive") over the first post must not turn the listing into a sidebar."""
    posts = _docs_of(plain, "blog_index")
    assert posts["title"].tolist() == [
        "Rallies, buses and who pays for them",
        "Reading the Albanian court filings",
        "What defectors say, and what they cannot prove",
    ]
    assert _days(posts["published"]) == ["2023-06-12", "2023-05-30", "2023-05-02"]
    assert posts["text"].iloc[1].startswith("The filings from the Tirana court")
    assert not posts["text"].str.contains("Continue reading").any()
    # The menu over the first post (Home, About, Archive, Contact) is no section or alt text.
    assert posts["section"].isna().all()
    roles = _roles_of(plain, "blog_index")
    assert set(roles.loc[3:6]) == {"navigation"}


def test_news_index_whose_menu_ends_in_a_cue_word(plain):
    posts = _docs_of(plain, "news_index_menu_cue")
    assert posts["title"].tolist() == [
        "Rally in Berlin draws thousands",
        "Court hears case against former guard",
        "Albania extends residence permits",
    ]
    # "Archive", the menu's last item, is not the first post's section; a desk
    # credit ("by Staff Reporter") names no person.
    assert posts["section"].isna().all()
    assert posts["author"].tolist() == [None, "Miriam Kohl", None]
    assert _days(posts["published"]) == ["2023-07-01", "2023-06-24", "2023-06-18"]


def test_newsletter_post_with_a_bare_author_name(plain):
    doc = _doc(plain, "newsletter_post:1")
    assert doc["title"] == "Notes from Tirana: a week among the camp's neighbours"
    assert (doc["author"], doc["published"]) == ("Laura Benning", pd.Timestamp("2024-03-03"))
    assert doc["text"].endswith("records I was shown at the town hall.")
    # The subscribe prompt and the like counter are chrome, not text.
    assert "Subscribe" not in doc["text"] and "Likes" not in doc["text"]


def test_essay_platform_post_with_credit_chrome(plain):
    """Follow, a reading time, a separator and Listen between the name and the date."""
    doc = _doc(plain, "essay_platform_post:1")
    assert (doc["title"], doc["author"]) == ("Why exile movements outlive their founders", "Omar Haddad")
    assert doc["published"] == pd.Timestamp("2023-01-02")
    assert doc["text"].startswith("A short history of organisations")
    roles = _roles_of(plain, "essay_platform_post")
    assert roles[6] == "author" and roles[9] == "navigation" and roles[11] == "navigation"


def test_policy_brief_with_author_bio_and_related_research(plain):
    doc = _doc(plain, "policy_brief:1")
    assert doc["title"] == "Sanctions and the Opposition: Who Pays the Price?"
    assert (doc["author"], doc["published"]) == ("Helen Marsh", pd.Timestamp("2022-04-18"))
    assert doc["text"].endswith("pushed into the shadows.")  # the bio, related links and sign-up are not text
    roles = _roles_of(plain, "policy_brief")
    assert roles.loc[10:15].tolist() == ["author", "author", "sidebar", "teaser", "teaser", "navigation"]


def test_reference_page_titled_by_its_subject(plain):
    """The title is the subject the text's first sentence defines, not the tagline under it."""
    doc = _doc(plain, "reference_page:1")
    assert doc["title"] == "Camp Ashraf"
    assert "Camp Ashraf was a military base" in doc["text"]
    assert "Jump to" not in doc["text"] and "Create account" not in doc["text"]


def test_comment_widget_dated_by_age(plain):
    docs = _docs_of(plain, "essay_with_comment_widget")
    essay, comments = docs.iloc[0], docs[docs["kind"] == "comment"]
    assert (essay["title"], essay["author"]) == ("The long afterlife of a militant group", "Hannah Cole")
    assert essay["published"] == pd.Timestamp("2022-03-14")
    assert comments["author"].tolist() == ["Reza K", "Anna P"]
    assert comments["text"].tolist() == [
        "This is the most balanced article I have read on the subject.",
        "You leave out the human rights reports from Iraq.",
    ]
    assert comments["published"].isna().all()  # "2 years ago" gives no date


def test_opinion_column_and_wire_story_credits(plain):
    column = _doc(plain, "opinion_column:1")
    assert (column["title"], column["author"]) == ("Why Europe keeps hosting the rallies", "Maria Lopez")
    assert column["published"] == pd.Timestamp("2023-07-02")  # "Updated 12:30 PM ET, Sun July 2, 2023"
    wire = _doc(plain, "wire_story:1")
    assert wire["author"] == "Daniel Stone and Amir Rahimi"
    assert wire["published"] == pd.Timestamp("2023-06-21")  # "June 21, 2023 12:14 PM GMT+1 Updated ago"
    assert wire["text"].startswith("DUBAI, June 21 (Wirenet) - Iran summoned")
    assert "minute read" not in wire["text"]


def test_arabic_story(plain):
    doc = _doc(plain, "arabic_news:1")
    assert doc["title"] == "مجموعة معارضة إيرانية تنظم تجمعا في باريس"
    assert doc["author"] == "أحمد سالم"
    assert doc["published"] == pd.Timestamp("2023-07-02")  # الأحد 2 يوليو 2023
    assert doc["lang"] == "ar"
    assert doc["text"].startswith("نظمت مجموعة معارضة")


def test_listing_of_credited_headlines(plain):
    """No footers, no "Read more": each post opens with its headline over "DATE by NAME"."""
    posts = _docs_of(plain, "dated_listing")
    assert posts["title"].tolist() == ["Camp residents moved to new site", "Court hears defamation case", "Newsletter published"]
    assert posts["author"].tolist() == ["Sara Navid", "Omid Farhadi", "Sara Navid"]
    assert _days(posts["published"]) == ["2021-04-12", "2021-03-30", "2021-03-02"]
    assert posts["text"].iloc[1] == (
        "A court in Paris heard arguments in a defamation case brought by former members against a group spokesman.\n"
        "The judgment is expected in June."
    )


def test_interview_with_broadcast_date(plain):
    doc = _doc(plain, "interview:1")
    assert doc["title"] == "Interview: a former member speaks"
    assert doc["published"] == pd.Timestamp("2021-11-09")  # "Broadcast on 9 November 2021"
    assert "Q: When did you first join the group?" in doc["text"]
    assert "Podcasts" not in doc["text"]


def test_asides_captions_and_a_dated_byline(plain):
    doc = _doc(plain, "news_with_asides:1")
    assert (doc["author"], doc["published"]) == ("Karen Wells", pd.Timestamp("2022-03-14"))  # By NAME | DATE
    assert "Read also" not in doc["text"] and "Photo:" not in doc["text"]
    roles = plain.lines[plain.lines["source"] == "news_with_asides.txt"].set_index("text")["role"]
    assert roles["Read also: What the sanctions bill would change"] == "navigation"
    assert roles["Photo: Archive image of a rally in Paris"] == "image_alt"


def test_date_at_the_end_and_tagline_over_headline(plain):
    essay = _doc(plain, "essay_dated_at_end:1")
    assert essay["title"] == "The politics of exile"
    assert essay["published"] == pd.Timestamp("2020-05-03")  # "Published on 3 May 2020", last line
    post = _doc(plain, "blog_with_persian_comment:1")
    assert post["title"] == "Why the rally numbers matter"  # not the blog's tagline above it
    assert (post["author"], post["published"]) == ("editor", pd.Timestamp("2023-06-30"))
    comments = plain.docs[plain.docs["parent_id"] == "blog_with_persian_comment:1"]
    assert comments["lang"].tolist() == ["fa", "en"]


def test_blank_lines_between_blocks_change_nothing(plain, spaced):
    a = plain.docs[FIELDS].reset_index(drop=True)
    b = spaced.docs[FIELDS].reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)
    assert plain.docs["text"].tolist() == spaced.docs["text"].tolist()


@pytest.mark.parametrize(
    ("source", "title", "author", "published"),
    [
        # A cookie banner ("We and our partners use cookies"), a masthead over
        # today's date and a menu, a breadcrumb and a kicker above the headline,
        # a standfirst sentence between the headline and the byline.
        ("regional_news_article", "Rival Iranian exile groups hold separate vigils in Market Square on the same afternoon",
         "Harriet Colquhoun and Imran Bashirzadeh", "2021-05-04"),
        # An "Opinion" label repeated in the menu, a one-line bio under the headline.
        ("opinion_piece", "Europe keeps mistaking the loudest exiles for the Iranian opposition", "Lucía Ferrandis", "2021-10-12"),
        # The headline repeated in the breadcrumb, a lede above the byline repeated as the first paragraph.
        ("duplicated_headline_lede", "EU extends Iran human rights sanctions for another year, adds prison officials",
         "Annika Rasmussen", "2022-04-11"),
        # A language switcher, "FOR IMMEDIATE RELEASE", a dateline, "###" and the contact block.
        ("ngo_press_release", "Rights group urges UN Human Rights Council to act on threats against Iranian dissidents abroad",
         None, "2022-06-21"),
        # No byline: the reporter from "Reporting by NAME; ... Editing by ..."; the date line carries "GMT+1".
        ("wire_story_read_next", "Thousands of Iranian exiles rally in Paris as Tehran summons French envoy", "Hélène Marchetti",
         "2024-03-03"),
        # Persian: a masthead over a Solar Hijri date, a caption ending "- عکس: ...", share buttons in Persian.
        ("persian_news_article", "تجمع مخالفان در استکهلم همزمان با ادامه جلسات دادگاه یک مقام سابق زندان", "سارا موحدی", "2021-10-06"),
        ("wire_service_story", "Iran protests to Albania over opposition conference at Manez camp", "Lefteris Kyprianou", "2022-03-02"),
        ("no_blank_lines_long_menus", "A summer rally outside Paris, and the faces in the crowd", "Camille Arnaud-Petit", "2023-11-02"),
        ("wordpress_blog_post", "A Sunday drive past Manez, and what you can't see from the road", "Mirela Dosti", "2020-06-03"),
        # Arabic: share buttons in Arabic under the credits, a caption marked "(أرشيفية)" over the text.
        ("arabic_story_with_file_photo", "آلاف من أنصار المعارضة الإيرانية يتظاهرون في باريس للمطالبة بتشديد العقوبات على طهران",
         "سامر الحداد", "2023-03-14"),
        # "Authors:" then each name over its post; the date after them.
        ("commentary_with_authors_list", "Albania's Uneasy Guests: What the Manez Compound Tells Us About Iran Policy",
         "Corinne Hadley and Tomasz Wierzbicki", "2022-06-07"),
        # The headline in two languages, "Translated by", then "Original article by NAME in SITE".
        ("translated_article", "Kurdish Opposition Parties in Iraqi Kurdistan Brace for New Iranian Strikes", "Hiwa Rostami", "2024-02-18"),
        # "Photos: NAME/AGENCY" under the headline is a photo credit.
        ("photo_gallery", "In pictures: Iranian exiles rally in Berlin on eve of revolution anniversary", None, "2024-02-10"),
        # "Politics" over "12.08.2021" over the headline; "Author: NAME" far down the page.
        ("broadcaster_story_dotted_date", "Germany charges two men with spying on Iranian exiles for Tehran", "Jonas Brenner", "2021-08-12"),
        # "Archive" inside the menu; "— NAME is a writer based in Berlin." closing the text.
        ("magazine_long_read", "The Ones Who Walked Away", "Miriam Achterberg", "2020-01-15"),
        # A section menu taken for a sidebar would swallow the headline: it ends at the byline seven lines down.
        ("us_newspaper_story", "Exiled Iranian Group Courts Washington With Rallies, Lobbyists and Famous Friends",
         "Margaret Ellison and Daniel Okafor", "2019-06-03"),
        ("agency_story_slashed_date", "Thousands of Iranian exiles rally near Paris, call for 'regime change' in Tehran", None, "2018-06-30"),
        ("state_media_story", "Former MKO members reveal abuses at terrorist group's camp in Albania", None, "2019-01-14"),
        ("publication_post", "Why I Left the MEK: Three Defectors Tell Their Stories", "Leila Farahani", "2020-11-08"),
        ("local_tv_story", "Iranian-Americans rally in Westwood, urge tougher stance on Tehran", "Jenna Alvarez", "2019-08-05"),
        ("explainer", "What is the MEK? Explained", "Anika Rao", "2023-06-22"),
        # Headline, standfirst, byline and date close together: one article, not a listing of two.
        ("regional_trial_story", "Albanian court convicts two men of spying on Iranian exiles at Manez camp", "Tomas Reyes", "2022-11-17"),
        # An author box over the headline: name, "Contributor", date, reading time.
        ("blog_author_box", "Albania's Quiet Bargain: What Became of the Residents of Camp Liberty", "Rebecca Thornhill", "2017-03-12"),
        # "NAME | 2h ago" under the headline (a credit, not a comment header), the date further down.
        ("mobile_page_relative_age", "Albanian police raid Iranian dissident compound, seize computers and documents",
         "Elira Vokshi", "2023-06-20"),
        # A hatnote and an infobox between the subject and the sentence that defines it.
        ("reference_page_with_infobox", "Camp Liberty", None, None),
        ("podcast_episode", "Leaving the Organization: Three Former Members on Life After Ashraf", "Mina Castellanos-Rad", "2021-04-14"),
        # "NAME @handle" over the thread, "9:42 AM · Feb 27, 2024" under it.
        ("social_thread", None, "Nasrin Vahedi-Clark", "2024-02-27"),
        ("print_version", "Rockets strike Camp Liberty as Iranian exiles press for faster resettlement", "Colm Ardagh", "2013-02-11"),
        # A headline of two sentences, ending with a full stop, right over its date.
        ("guest_essay", "Taking the M.E.K. Off the Terror List Was Law, Not Endorsement. Washington Forgot the Difference.",
         None, "2022-11-14"),
        ("english_page_of_persian_outlet", "Monarchists and Kurdish parties trade accusations as exile charter talks stall",
         "Shirin Abtahi", "2023-07-08"),
        # Headline, standfirst, then the author's name over their post over the date; "Related analysis"
        # teasers with their own "NAME | DATE" credits after the text stay a sidebar, not a listing.
        ("analysis_with_credit_block", "Delisted but Not Defanged? The MEK's Long Campaign for Legitimacy in Washington",
         "Lionel Prewitt", "2024-03-14"),
    ],
)  # fmt: skip
def test_headline_credits_and_date_under_heavy_chrome(plain, source, title, author, published):
    doc = _doc(plain, f"{source}:1")
    expected = pd.Timestamp(published) if published else None
    got = None if pd.isna(doc["published"]) else doc["published"]
    assert (doc["title"], doc["author"], got) == (title, author, expected)


@pytest.mark.parametrize(
    ("source", "chrome"),
    [
        ("regional_news_article", ["cookies", "NEWSLETTER", "Got a story?", "Most read", "Read more:"]),
        ("opinion_piece", ["is a professor", "The views expressed", "Newsletter"]),
        ("ngo_press_release", ["FOR IMMEDIATE RELEASE", "Download as PDF", "Français", "###", "Media contact", "Sign up"]),
        ("wire_service_story", ["opens new tab", "[1/2]", "(Reporting by"]),
        # "Read Next" after the licensing links heads teasers (section label, headline, time), not a menu item.
        ("wire_story_read_next", ["Reporting by", "Our Standards", "Read Next", "Iran hangs two men", "9:02 AM"]),
        ("wordpress_blog_post", ["Like Loading", "Powered by", "Theme:"]),
        ("us_newspaper_story", ["Share full article", "Read in app", "appears in print", "Advertisement"]),
        ("agency_story_slashed_date", ["lg/fz/dv", "Published on"]),
        ("state_media_story", ["News ID", "6294**1412"]),
        ("local_tv_story", ["Watch the video above"]),
        ("regional_trial_story", ["Show comments", "RELATED:", "Follow Tomas Reyes"]),
        # Reading time, share and tag labels, related and most-viewed lists, the newsletter box, the reuse notice.
        ("persian_news_article", ["زمان مطالعه", "اشتراک", "برچسب", "مطالب مرتبط", "پربازدیدترین", "خبرنامه", "ذکر منبع"]),
    ],
)
def test_chrome_around_the_text_is_left_out(plain, source, chrome):
    text = " ".join(plain.docs.loc[plain.docs["source"] == f"{source}.txt", "text"])
    assert [c for c in chrome if c in text] == []


def test_comment_widget_with_the_name_above_the_age(plain):
    """Names on their own line over "• 3 years ago"; teasers of other stories ("4 comments • 3 years ago")
    between the article and the thread are no comments."""
    docs = _docs_of(plain, "article_with_disqus_comments")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 5
    assert docs["author"].tolist()[1:] == ["Farhad_NL", "Joost Verhagen", "Leila T.", "Roya Karimi", "anon_the_hague"]
    assert docs["text"].iloc[0].endswith("with a verdict scheduled for early next year.")
    assert docs["text"].iloc[1].startswith("My cousin was followed for months")
    assert not docs["text"].str.contains("Load more comments|Also on|Disqus").any()


def test_listing_of_teasers_closed_by_their_credits(plain):
    """Category label, headline, one-line teaser, then "NAME | DATE": six posts."""
    posts = _docs_of(plain, "category_listing_page")
    assert len(posts) == 6
    assert posts["author"].tolist() == [
        "Jonas Weidemann", "Sofie Claessens", "Marta Ilić", "Ardita Lleshi", "Rebaz Othman", "Nazanin Roshanfekr",
    ]  # fmt: skip
    assert _days(posts["published"])[:2] == ["2023-02-20", "2023-02-13"]
    assert posts["title"].iloc[1] == "Belgian prosecutors open inquiry into surveillance of exiled activists"
    assert posts["section"].iloc[1] == "Courts"
    assert posts["text"].iloc[0].endswith("how many people had turned up.")


def test_persian_story_text_between_its_chrome(plain):
    doc = _doc(plain, "persian_news_article:1")
    assert doc["text"].startswith("صدها نفر از ایرانیان مقیم سوئد")
    assert doc["text"].endswith("تا چند ماه آینده ادامه یابد.")
    assert doc["lang"] == "fa"


def test_discussion_thread_with_votes_and_relative_ages(plain):
    """A forum post ("Posted by u/NAME 2 years ago", a long question as title) and its replies
    ("NAME · 2 yr. ago"); vote counts, action rows and the teasers after "View more comments" are chrome."""
    docs = _docs_of(plain, "discussion_thread")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 4
    post = docs.iloc[0]
    assert post["title"].startswith("Honest question: why do so many Western politicians")
    assert post["author"] == "caspian_drift"
    assert docs["author"].tolist()[1:] == ["tabriz_nights", "zagros_walker", "Longjumping-Mango-4471", "throwaway_ex_ashraf"]
    assert docs["title"].iloc[1:].isna().all()
    assert docs["text"].iloc[-1].endswith("Take that for whatever it's worth.")
    assert not docs["text"].str.contains("Reply Share|Upvoted|Sort By", regex=True).any()


def test_persian_blog_post_and_its_comments(plain):
    """"نوشته شده توسط NAME در DATE" under the headline; comments "NAME گفت:" / "NAME می‌گوید:" with Solar Hijri dates."""
    docs = _docs_of(plain, "persian_blog_with_comments")
    assert docs["kind"].tolist() == ["article", "comment", "comment", "comment"]
    assert docs["author"].tolist() == ["بهرام کیانی", "سیمین", "آرش", "مهرداد"]
    assert _days(docs["published"]) == ["2019-03-16", "2019-03-17", "2019-03-22", "2019-03-30"]
    assert docs["text"].iloc[1].startswith("چقدر حرف دل من را زدید.")


def test_blog_comments_with_the_name_over_the_date(plain):
    """A common blog template: "NAME" / "November 4, 2019 at 2:47 pm" / text / "Reply"."""
    docs = _docs_of(plain, "blog_name_over_date_comments")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 4
    assert docs["author"].tolist()[1:] == ["Mina K.", "truthseeker88", "Farhad Nikzad", "Davoud Sharifi"]
    assert _days(docs["published"])[1:] == ["2019-11-04", "2019-11-04", "2019-11-05", "2019-11-09"]
    assert not docs["text"].str.contains("Post Comment|Save my name|Next:", regex=True).any()


def test_desk_credits_badges_and_two_name_credit_lines():
    from corpus_tools.segment import _NAME_LINE, parse_byline

    assert parse_byline("By Monitor Staff") is None  # an outlet's desk
    assert parse_byline("By Jane Doe Staff Writer") == "Jane Doe"
    assert _NAME_LINE.match("Caroline Estrada and Behrouz Taheri")  # credits, not a headline


def test_arabic_byline_katab(plain):
    doc = _doc(plain, "arabic_story_katab:1")
    assert doc["author"] == "علي الجبوري"  # "كتب: NAME"
    assert "الكلمات المفتاحية" not in doc["text"]


def test_forum_posts_under_user_blocks(plain):
    """Each post: the user's name over rank, post count and join date, then "Posted DATE - TIME";
    a signature after a "____" rule is no part of the post."""
    docs = _docs_of(plain, "forum_user_blocks")
    assert docs["author"].tolist() == ["mahsa_dc", "Kourosh1357", "tabrizi_guy", "mahsa_dc", "Lara W.", "Parviz_mod"]
    # The opening post takes the thread's title from the header, not the
    # breadcrumb, the "Started by" line or the "Reply to this topic" button.
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 5
    assert docs["title"].tolist() == ["Camp Liberty move - anyone have family still at Ashraf?"] + [None] * 5
    assert _days(docs["published"])[:2] == ["2012-02-14", "2012-02-15"]
    assert docs["text"].iloc[1].endswith("with his full name and date of birth.")
    assert not docs["text"].str.contains("Posts:|Joined:|Member$", regex=True).any()


def test_comment_widget_with_replies_and_vote_rows(plain):
    """"A > B • 2 years ago" is A replying to B; "14 • Reply • Share ›" and "Join the discussion…" are chrome;
    "Archive" in the menu over the headline opens no sidebar."""
    docs = _docs_of(plain, "blog_with_disqus_replies")
    post = docs.iloc[0]
    assert (post["title"], post["author"]) == ("Two Flags, One Street: Why Iran's Exiled Opposition Still Can't Share a Rally", "Nazanin Farahani")
    assert post["published"] == pd.Timestamp("2023-01-22")
    assert docs["author"].tolist()[1:] == ["Kaveh Tehrani", "Mina Rostami", "Hooshang", "Daniel Reyes"]
    assert docs["title"].iloc[1:].isna().all()


def test_comments_signed_wrote_on_date(plain):
    docs = _docs_of(plain, "article_with_wrote_on_comments")
    assert docs["kind"].tolist() == ["article", "comment", "comment", "comment"]
    assert docs["author"].tolist() == ["Anke Lindqvist", "Reza Kamrani", "Helga Brandt", "Omid Farzaneh"]
    assert _days(docs["published"])[1:] == ["2023-07-01", "2023-07-02", "2023-07-02"]
    assert docs["title"].iloc[1:].isna().all()  # "Comments are moderated ..." is a notice, not a title
    assert docs["text"].iloc[0].endswith("separate, smaller gathering near the Trocadéro.")  # the reporting credit is meta


def test_an_interview_under_a_repeated_heading_keeps_its_text(plain):
    """"Transcript" is repeated on another page; the Q and A lines under it are the page's only text, no teasers."""
    doc = _doc(plain, "interview:1")
    assert doc["text"].count("Q: ") == 3


def test_blog_archive_posts(plain):
    posts = _docs_of(plain, "blog_archive")
    assert len(posts) == 5
    assert _days(posts["published"])[0] == "2021-03-03"


def test_press_release_ends_at_its_end_mark(plain):
    doc = _doc(plain, "ngo_press_release:1")
    assert doc["text"].endswith("English, French and Persian at cera.example.org/longarms.")
    lines = plain.lines[plain.lines["source"] == "ngo_press_release.txt"]
    after = lines[lines["line_no"] >= lines.loc[lines["text"] == "###", "line_no"].iloc[0]]
    assert after["doc_id"].isna().all()
    assert after["role"].iloc[0] == "footer" and (after["text"] == "Media contact:").any()


def test_forum_ranks_are_not_names(plain):
    # "Regular Member" under the user's name is a rank, like "Senior Member".
    docs = _docs_of(plain, "forum_thread_member_ranks")
    assert docs["author"].tolist() == ["Darius_88", "kaveh_t", "NorthernObserver", "Shabnam.R"]
    # Not the board's tagline ("Discussion of world politics since 2004"), nor "Page 1 of 1 [ 4 posts ]".
    assert docs["title"].iloc[0] == "Does the MEK actually have any support inside Iran?"
    assert (docs["parent_id"].iloc[1:] == "forum_thread_member_ranks:1").all()
    assert _days(docs["published"]) == ["2022-02-12", "2022-02-12", "2022-02-13", "2022-02-13"]
    assert docs["text"].iloc[0].startswith("Genuine question, not trying to start a flame war.")


def test_link_aggregator_thread(plain):
    """"▲ 94 points by NAME 8 hours ago | parent | next [–]" opens a comment; the post's own
    "186 points by NAME ..." line credits it; "add comment" and "reply" are chrome."""
    docs = _docs_of(plain, "link_aggregator_thread")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 10
    assert docs["title"].iloc[0] == "Ask SB: How do researchers verify claims made by exile groups like the MEK?"
    assert docs["author"].tolist()[:4] == ["quietvector", "ledgerfox", "quietvector", "ledgerfox"]
    assert docs["text"].iloc[0].endswith("Genuinely curious, not trying to start a political fight.")
    assert docs["text"].iloc[-1].endswith("just like any other source.")  # the site's footer is not the last comment's
    assert not docs["text"].str.contains("add comment|points by|\\[–\\]", regex=True).any()


def test_forum_posts_opened_by_date_and_number(plain):
    """vBulletin: "02-17-2024, 03:15 PM #1" over the user block; "Reply With Quote" ends a post
    (and the page's thread list and rules after the last one are not part of it)."""
    docs = _docs_of(plain, "numbered_forum_posts")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 5
    assert docs["author"].tolist() == ["kaveh_in_ohio", "Niloufar_T", "old_tehrani", "Bardia", "kaveh_in_ohio", "Ramin"]
    assert _days(docs["published"])[:4] == ["2024-02-17", "2024-02-17", "2024-02-18", "2024-02-18"]
    assert docs["published"].iloc[4:].isna().all()  # "Yesterday, 11:03 AM", "Today, 08:47 AM"
    assert docs["title"].iloc[0] == "Why does the MEK still get so much support in Congress?"
    assert docs["text"].iloc[0].startswith("Genuine question")  # the post's copy of the title is counted once
    assert docs["text"].iloc[-1].endswith("Thread stays open.")
    assert not docs["text"].str.contains("Join Date|Reply With Quote|Senior Member|Posting Rules", regex=True).any()


def test_blog_comments_with_badges_and_reply_notes(plain):
    """WordPress: "NAME" / "Post author" / DATE over each comment, "In reply to NAME." before a
    reply's text; the categories under the credits are no text; a "Related" list over the
    thread's heading ("6 thoughts on ...") does not run into the first comment."""
    docs = _docs_of(plain, "blog_comments_post_author_badge")
    assert docs["kind"].tolist() == ["article"] + ["comment"] * 6
    assert docs["author"].tolist() == ["Shirin Talebi", "Reza M.", "Shirin Talebi", "Marjan Hosseini", "Shirin Talebi", "Tom Ellery", "Reza M."]
    assert _days(docs["published"]) == ["2023-11-04", "2023-11-05", "2023-11-05", "2023-11-06", "2023-11-06", "2023-11-08", "2023-11-09"]
    assert docs["text"].iloc[0].startswith("I went to Albania for the beaches")
    assert docs["text"].iloc[0].endswith("here are some pictures of very good fish.")
    assert docs["text"].iloc[2].startswith("He said he walked out")
    assert not docs["text"].str.contains("In reply to|Post author", regex=True).any()


def test_archive_whose_posts_open_with_their_credit(plain):
    """"Headline" / "Posted on DATE by NAME — 7 Comments" / excerpt / "Continue reading →": the
    dated line under each headline opens a post (it does not close one); the category's own
    description above the first post belongs to none."""
    docs = _docs_of(plain, "archive_posts_opened_by_credits")
    assert len(docs) == 6
    assert docs["title"].iloc[1] == "Translation: Kayhan editorial on the ‘Monafeqin’ and the Paris trial"
    assert docs["author"].tolist() == ["Farhad Sadeghi", "Leila Nouri", "Tomasz Wierzbicki", "Leila Nouri", "Farhad Sadeghi", "Hamid Esfandiari"]
    assert _days(docs["published"]) == ["2023-06-12", "2023-05-30", "2023-05-17", "2023-04-28", "2023-04-09", "2023-03-21"]
    assert docs["text"].iloc[0].startswith("For more than three decades")
    assert not docs["text"].str.contains("Category Archives|Continue reading|Comments|subscribers", regex=True).any()
    assert docs["text"].iloc[-1].endswith("the original court rulings and government…")  # ends at its "Continue reading"


def test_glued_job_credit_and_closing_bio(plain):
    """"Daniel OkaforContributing Columnist" under the standfirst names the author; his bio
    ("Daniel Okafor is a contributing columnist ...") closing the piece is no part of the text."""
    doc = _docs_of(plain, "opinion_glued_credit_and_bio").iloc[0]
    assert doc["author"] == "Daniel Okafor"
    assert _days(pd.Series([doc["published"]])) == ["2022-10-05"]
    assert doc["text"].endswith("decide Iran's future for themselves.")


def test_a_correspondent_line_under_the_name_is_no_headline(plain):
    # "Europe correspondent, Tirana": a beat before the job word is still a job line.
    doc = _docs_of(plain, "broadcaster_correspondent_credit").iloc[0]
    assert doc["title"] == "'I was told my mother was an enemy': former MEK members describe life in Albanian camp"
    assert doc["author"] == "Lucy Brennan"
    assert _days(pd.Series([doc["published"]])) == ["2022-11-07"]


def test_pages_from_other_sites_alongside_change_nothing(plain, tmp_path):
    """Lines other sites repeat ("About", "World", "Opinion") must not turn a page's
    headline and text into a sidebar: the plain pages loaded together with the
    other templates give the same documents as loaded on their own."""
    others = Path(__file__).resolve().parent / "data" / "pages"
    for page in [*PLAIN.glob("*.txt"), *others.glob("*.txt")]:
        shutil.copy(page, tmp_path / page.name)
    mixed = load_corpus(tmp_path)
    for alone in (plain, load_corpus(others)):
        ids = alone.docs["doc_id"]
        together = mixed.docs[mixed.docs["doc_id"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(together[FIELDS], alone.docs[FIELDS].reset_index(drop=True))
        assert together["text"].tolist() == alone.docs["text"].tolist()


def test_no_line_is_lost(plain):
    files = plain.files.set_index("source")["n_lines"]
    assert plain.lines.groupby("source").size().to_dict() == files.to_dict()


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.", "navigation"),
        ("This website uses cookies.", "navigation"),
        ("Your email address will not be published. Required fields are marked *", "navigation"),
        ("The bakery said its cookies sold out by noon.", None),
        ("Thanks for reading The Dispatch! Subscribe for free to receive new posts.", "navigation"),
        ("Sign up for our weekly newsletter", "navigation"),
        ("Readers who subscribe to the paper get the newsletter for free.", None),
        ("12 Likes", "navigation"),
        ("Jump to navigation Jump to search", "navigation"),
        ("·", "navigation"),
        ("***", None),
        ("We and our partners use cookies and similar technologies to personalise content.", "navigation"),
        ("We value your privacy", "navigation"),
        ("Reject all", "navigation"),
        ("English | Français | فارسی", "navigation"),
        ("By Jane Roe | May 2, 2021 | 5 min read", None),  # a credit line, not a menu
        ("Download as PDF (212 KB)", "navigation"),
        ("FOR IMMEDIATE RELEASE", "navigation"),
        ("Acquire Licensing Rights, opens new tab", "navigation"),
        ("[1/2] Members of the group attend a rally.", "image_alt"),
        ("Protesters outside the court - Photo: Example Agency", "image_alt"),
        ("Proudly powered by WordPress | Theme: Driftwood by Lantern Themes", "footer"),
        ("X (Twitter)", "share"),
        ("Got a story? Email the newsdesk", "navigation"),
        ("The views expressed are the author's own.", "navigation"),
        ("Reply Share Report Save", "comment_count"),
        ("87% Upvoted", "navigation"),
        ("9", "navigation"),  # a vote count on its own line
        ("View this email in your browser", "navigation"),
        ("Example Rights Forum logo", "image_alt"),
        ("Supporters at a rally in Paris (file photo)", "image_alt"),
        ("Skip to more Example sites", "navigation"),
        ("Permalink https://www.example.org/story/123", "navigation"),
        ("Tags", "navigation"),
        ("Explore more on these topics", "navigation"),
        ("Reach her at jdoe@example.com or 555-0142.", "navigation"),
        ("Purchase Licensing Rights", "navigation"),
        ("Cancel reply", "navigation"),
        ("Link copied", "share"),
        ("Email this article", "share"),
        ("Gift this article", "share"),
        ("Share by Email", "share"),
        ("Opens new tab", "navigation"),
        ("Updated 2 hours ago", "navigation"),
        ("Comments 212", "comment_count"),
        ("Comments are now closed for this article.", "navigation"),
        ("کد خبر: ۷۸۴۵۱۲", "navigation"),
        ("Supporters march in central Paris, March 3, 2024. AGENCY/Jane Doe", "image_alt"),
        ("This site uses only essential cookies. Got it", "navigation"),
        ("Follow @arditkola", "share"),
        ("Our Standards: The CPW Trust Principles.", "navigation"),
        ("In reply to Reza M..", "comment_count"),
        ("Reply With Quote", "comment_count"),
        ("In reply to the minister, the group said it would sue.", None),
        ("Follow the money to find out.", None),
        ("ISBN 978-90-829117-4-2", "navigation"),
        ("48 pages", "navigation"),
        ("URL: https://www.example.com/world/2013/02/11/rockets-strike-camp", "navigation"),
        ("Contents: (Top) · 1 History · 2 Attacks · 3 Resettlement", "navigation"),
        ("Source: Kaveh Review Persian service; translated by the English desk", "navigation"),
        ("For the wider group of former U.S. installations around Baghdad airport, see Victory Base Complex.", "navigation"),
        ("For the first time, the court said no.", None),
        ("Text is available under the Creative Commons Attribution-ShareAlike License; additional terms may apply.", "footer"),
        ("This page was last edited on 3 February 2024, at 11:52 (UTC).", "footer"),
        # Persian: a caption ending "/ عکس: آرشیو" (photo: archive), "بیشتر بخوانید: ..." (read also),
        # "comments are published once the site's editor approves them".
        ("ورودی اردوگاه اشرف ۳ در نزدیکی مانز / عکس: آرشیو", "image_alt"),
        ("بیشتر بخوانید: آلبانی و مجاهدین خلق؛ پنج سال پس از انتقال از عراق", "navigation"),
        ("نظرات پس از تأیید مدیر سایت منتشر می‌شود.", "navigation"),
        ("He said the US/UK position is firm.", None),
        ("The talks will resume at the end of the month.", None),
    ],
)
def test_site_notices(line, role):
    assert shape_role(line) == role


def test_single_page_folder_copy(tmp_path):
    """A template loaded on its own gives the same documents as within the folder."""
    shutil.copy(PLAIN / "press_release.txt", tmp_path / "press_release.txt")
    alone = load_corpus(tmp_path).docs.iloc[0]
    assert alone["title"] == "Senators urge review of exile group's lobbying"
