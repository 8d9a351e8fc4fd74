"""The Corpus tables: contract columns, losslessness, Parquet round trip, parallel runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import Corpus, load_corpus
from corpus_tools.corpus import DOC_COLUMNS, FILE_COLUMNS, LINE_COLUMNS


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return load_corpus(seeds_dir)


def test_contract_columns_and_dtypes(seeds):
    assert list(seeds.docs.columns) == DOC_COLUMNS
    assert list(seeds.lines.columns) == LINE_COLUMNS
    assert list(seeds.files.columns)[: len(FILE_COLUMNS)] == FILE_COLUMNS
    assert str(seeds.docs["published"].dtype) == "datetime64[ns]"
    for col in ["n_words", "line_start", "line_end"]:
        assert seeds.docs[col].dtype == "int64"
    assert seeds.docs["doc_id"].is_unique
    assert set(seeds.docs["kind"]) <= {"article", "comment"}
    assert seeds.docs["lang"].eq("en").all()
    assert (seeds.docs["n_words"] == seeds.docs["text"].str.split().str.len()).all()


def test_every_line_once_and_docs_point_at_their_lines(seeds):
    lines = seeds.lines
    assert not lines.duplicated(["source", "line_no"]).any()
    files = seeds.files.set_index("source")
    assert lines.groupby("source").size().to_dict() == files["n_lines"].to_dict()
    for doc in seeds.docs.itertuples():
        own = lines[lines["doc_id"] == doc.doc_id]
        assert own["line_no"].min() == doc.line_start and own["line_no"].max() == doc.line_end
        body = own[own["role"] == "body"]["text"].tolist()
        assert doc.text == "\n".join(body)
    counts = seeds.docs.groupby("source").size()
    assert (files.loc[counts.index, "n_docs"] == counts).all()


def test_parquet_round_trip_is_exact(seeds, tmp_path):
    seeds.to_parquet(tmp_path / "c")
    back = Corpus.read_parquet(tmp_path / "c")
    for name in ("docs", "lines", "files"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(seeds, name))
    assert back.docs.attrs == seeds.docs.attrs
    with pytest.raises(FileNotFoundError):
        Corpus.read_parquet(tmp_path / "missing")


def test_config_travels_with_docs(seeds):
    cfg = seeds.docs.attrs["corpus_config"]
    assert "MEK" in cfg["aliases"]
    subset = seeds.docs[seeds.docs["kind"] == "comment"]
    assert subset.attrs["corpus_config"] == cfg
    assert seeds.config == cfg


def test_parallel_gives_the_same_tables(seeds, seeds_dir):
    par = load_corpus(seeds_dir, n_jobs=2)
    for name in ("docs", "lines", "files"):
        pd.testing.assert_frame_equal(getattr(par, name), getattr(seeds, name))


def test_parallel_handles_copies_across_batches_and_bad_files(tmp_path, seeds_dir):
    # Many small files make many batches; byte-identical copies land in different
    # batches, so the parent must take a later batch's copy back out of the counts.
    seeds = sorted(seeds_dir.glob("*.txt"))
    for k in range(24):
        (tmp_path / f"p{k:02d}.txt").write_bytes(seeds[k % len(seeds)].read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    serial = load_corpus(tmp_path)
    for jobs in (2, 3):
        par = load_corpus(tmp_path, n_jobs=jobs)
        for name in ("docs", "lines", "files"):
            pd.testing.assert_frame_equal(getattr(par, name), getattr(serial, name))
    assert (serial.files["status"] == "skipped").sum() == 24 - len(seeds)


class _Tally:
    """A task function that remembers what its process did (for the helper tests)."""

    def __init__(self):
        self.done, self.caller = [], os.getpid()

    def __call__(self, task):
        # The caller is slowest, so both helpers surely take tasks.
        time.sleep(0.05 if os.getpid() == self.caller else 0.005)
        self.done.append(task)
        return task * task

    def finish(self):
        return self.done


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_helpers_share_the_tasks_and_report_what_they_gathered(monkeypatch, method):
    import corpus_tools.corpus as corpus_module

    if method not in corpus_module.mp.get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setattr(corpus_module, "_START_METHOD", method)
    tasks = list(range(200))
    tally = _Tally()
    with corpus_module._Helpers(2, tally, tasks) as helpers:
        assert list(helpers.map()) == [t * t for t in tasks]  # in task order
    assert len(helpers.finals) == 2 and all(helpers.finals)
    # Every task ran exactly once, in the caller or in one helper.
    assert sorted(tally.done + [t for part in helpers.finals for t in part]) == tasks


def test_helpers_end_by_themselves(seeds_dir):
    # The run does not wait for its helpers to exit; they must still be gone soon after.
    import multiprocessing as mp

    load_corpus(seeds_dir, n_jobs=2)
    deadline = time.monotonic() + 10
    while mp.active_children() and time.monotonic() < deadline:  # active_children() reaps the ended ones
        time.sleep(0.05)
    assert mp.active_children() == []


def test_batches_shrink_towards_the_end():
    from corpus_tools.corpus import _batches

    items = list(range(500))
    batches = _batches(items, 2)
    assert [x for b in batches for x in b] == items
    sizes = [len(b) for b in batches]
    assert sizes[0] == 16 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)


def _break_workers(tmp_path, seeds_dir, monkeypatch, failure):
    """Seed variants in ``tmp_path``; building a page in a helper process calls ``failure``."""
    import corpus_tools.corpus as corpus_module

    for k, src in enumerate(sorted(seeds_dir.glob("*.txt"))):
        (tmp_path / f"p{k}.txt").write_text(src.read_text(encoding="utf-8") + f"\nvariant {k}\n", encoding="utf-8")
    parent, build = os.getpid(), corpus_module._build_page

    def build_or_fail(page, repeated, memo=None):
        if os.getpid() != parent:
            failure(page)
        return build(page, repeated, memo)

    monkeypatch.setattr(corpus_module, "_build_page", build_or_fail)
    return corpus_module


def test_a_failure_in_a_worker_stops_the_run_with_its_message(tmp_path, seeds_dir, monkeypatch):
    def fail(page):
        raise ValueError(f"cannot build {page.source}")

    corpus_module = _break_workers(tmp_path, seeds_dir, monkeypatch, fail)
    with pytest.raises(RuntimeError, match=r"(?s)a worker process failed.*cannot build"):
        load_corpus(tmp_path, n_jobs=2)
    # The pages and counts handed to the helpers are not kept once the run is over.
    assert corpus_module._WORKER_PAGES == {} and corpus_module._WORKER_REPEATED == {}
    assert len(corpus_module._WORKER_MEMO) == 0


def test_a_worker_that_dies_stops_the_run_with_a_clear_error(tmp_path, seeds_dir, monkeypatch):
    _break_workers(tmp_path, seeds_dir, monkeypatch, lambda page: os._exit(3))
    with pytest.raises(RuntimeError, match="ended unexpectedly"):
        load_corpus(tmp_path, n_jobs=2)


def test_removed_lines_view(seeds):
    removed = seeds.removed()
    assert removed["doc_id"].isna().all()
    assert {"navigation", "share", "teaser", "sidebar", "duplicate", "footer"} <= set(removed["role"])


LINE = st.one_of(
    st.just(""),
    st.sampled_from(["• Home", "Share this:", "© 2020 x.org", "By Jane Doe", "0 comments",
                     "August 5, 2019 0 comments", "Most viewed", "by A B (not verified) on", "Title"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.lists(LINE, max_size=40), min_size=1, max_size=4))
def test_no_line_lost_or_counted_twice(tmp_path_factory, pages):
    root = tmp_path_factory.mktemp("prop")
    for k, page in enumerate(pages):
        (root / f"p{k}.txt").write_text("\n".join(page), encoding="utf-8")
    try:
        corpus = load_corpus(root)
    except ValueError:
        return  # nothing readable at all: reported as an error, not a crash
    files = corpus.files.set_index("source")
    for src, group in corpus.lines.groupby("source"):
        assert group["line_no"].tolist() == list(range(1, files.loc[src, "n_lines"] + 1))
    assert corpus.lines["role"].notna().all()
    in_docs = corpus.lines[corpus.lines["role"] == "body"]
    assert in_docs["doc_id"].notna().all()
    # Each body line is in exactly one document's text, once.
    total_body = sum(len(t.split("\n")) for t in corpus.docs["text"] if t)
    assert total_body == len(in_docs)
    # n_words is counted from spaces; it must agree with splitting on any white space.
    assert corpus.docs["n_words"].tolist() == [len(str(t).split()) for t in corpus.docs["text"]]


def test_docs_frame_normalises_dates_and_fills_columns():
    from corpus_tools import docs_frame

    d = docs_frame([{"text": "a b", "published": "2019-01-02T10:00:00+02:00"}, {"text": "c"},
                    {"text": "d", "published": "2019-08-05"}])  # fmt: skip
    assert d["published"].tolist()[0] == pd.Timestamp("2019-01-02 08:00:00")
    assert d["published"].tolist()[2] == pd.Timestamp("2019-08-05")
    assert pd.isna(d["published"].iloc[1]) and str(d["published"].dtype) == "datetime64[ns]"
    assert d["n_words"].tolist() == [2, 1, 1] and d["doc_id"].tolist() == ["doc:1", "doc:2", "doc:3"]
    assert list(d.columns) == DOC_COLUMNS


def test_spawned_helpers_read_the_files_themselves_and_agree(monkeypatch):
    # Where processes cannot be forked (Windows, macOS by default), helpers do not
    # share the parent's memory: they read the files again, with the same result.
    import corpus_tools.corpus as corpus_module

    pages = Path(__file__).parent / "data" / "pages"
    serial = load_corpus(pages)
    monkeypatch.setattr(corpus_module, "_START_METHOD", "spawn")
    spawned = load_corpus(pages, n_jobs=2)
    for name in ("docs", "lines", "files"):
        pd.testing.assert_frame_equal(getattr(spawned, name), getattr(serial, name))


def test_the_lines_counted_across_pages_are_the_lines_looked_up():
    # Pass 1 counts keys of the lines that classify_furniture later looks up:
    # a long teaser cut off with "…]" is one of them.
    from corpus_tools.lines import line_key, may_repeat, short_keys

    lines = ["Most viewed", "x" * 200, "A teaser " + "y" * 200 + " …]", "z" * 290 + "...", "w" * 301 + "…", ""]
    assert short_keys(lines) == {line_key(line) for line in lines if may_repeat(line)}
    assert [may_repeat(line) for line in lines] == [True, False, True, True, False, False]


def test_collector_thresholds_restored(tmp_path, seeds_dir):
    """The loader runs the cyclic collector seldom while it works, and gives the setting back."""
    import gc

    before = gc.get_threshold()
    load_corpus(seeds_dir)
    assert gc.get_threshold() == before
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(ValueError):
        load_corpus(tmp_path)  # fails inside the loader
    assert gc.get_threshold() == before
