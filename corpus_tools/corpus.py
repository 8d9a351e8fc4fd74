"""The Corpus: three tidy tables (docs, lines, files) and their Parquet round trip."""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing as mp
import os
import traceback
from array import array
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None

import numpy as np
import pandas as pd
import pyarrow as pa
from threadpoolctl import threadpool_limits

from .config import ATTRS_KEY, CorpusConfig, load_config
from .langs import fill_short, first_guess
from .lines import (
    DOC_ROLES,
    ROLES,
    LineMemo,
    PageFeatures,
    classify_furniture,
    short_keys,
)
from .readers import FileRecord, Page, find_files, read_page
from .segment import page_site, segment_page

DOC_COLUMNS = [
    "doc_id", "source", "kind", "parent_id", "title", "author", "section", "site",
    "published", "lang", "text", "n_words", "line_start", "line_end",
]  # fmt: skip
LINE_COLUMNS = ["source", "line_no", "text", "role", "doc_id"]
FILE_COLUMNS = [
    "source", "bytes", "sha256", "encoding", "n_lines", "n_docs", "status", "error",
]  # fmt: skip

#: dtype of ``lines.text`` and ``docs.text``: Arrow-backed UTF-8, several times
#: smaller than Python strings (which take 2 bytes a character as soon as a line
#: holds a typographic quote).
LINE_TEXT_DTYPE = pd.StringDtype("pyarrow")
_STR_DOC = ["doc_id", "source", "kind", "parent_id", "title", "author", "section", "site", "lang", "text"]
_INT_DOC = ["n_words", "line_start", "line_end"]


def docs_frame(records=None, *, config: dict | None = None) -> pd.DataFrame:
    """Build a docs table with the contract's columns and dtypes.

    Missing columns are filled (text ``None``, ``published`` NaT, counts 0 or
    computed: ``n_words`` from ``text``).  Useful for tests and for users who
    bring documents from elsewhere.

    Examples
    --------
    >>> d = docs_frame([{"doc_id": "a:1", "text": "Two words", "published": "2019-08-05"}])
    >>> int(d.loc[0, "n_words"]), str(d.loc[0, "published"].date()), d.loc[0, "kind"]
    (2, '2019-08-05', 'article')
    """
    df = pd.DataFrame(list(records or []))
    n = len(df)
    for col in DOC_COLUMNS:
        if col not in df.columns:
            df[col] = None
    if "kind" in df and n:
        df["kind"] = df["kind"].fillna("article")
    if n and df["doc_id"].isna().any():
        df["doc_id"] = [d if isinstance(d, str) else f"doc:{i + 1}" for i, d in enumerate(df["doc_id"])]
    df["text"] = pd.Series(df["text"].fillna("").astype(str).tolist(), dtype=LINE_TEXT_DTYPE)
    # Offsets ("+02:00") are converted to UTC and dropped: one naive time axis.
    df["published"] = (
        pd.to_datetime(df["published"], errors="coerce", utc=True, format="mixed").dt.tz_localize(None).astype("datetime64[ns]")
    )
    if n and df["n_words"].isna().any():
        df["n_words"] = [len(str(t).split()) for t in df["text"]]
    for col in _INT_DOC:
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).astype("int64")
    for col in _STR_DOC:
        if col != "text":
            df[col] = df[col].astype(object).where(df[col].notna(), None)
    df = df[DOC_COLUMNS].reset_index(drop=True)
    if config is not None:
        df.attrs[ATTRS_KEY] = config
    return df


@dataclass(frozen=True)
class Corpus:
    """A normalised corpus: three pandas DataFrames.

    Attributes
    ----------
    docs : DataFrame
        One row per article, post or comment.  Columns: ``doc_id`` (stable id,
        ``"<source without suffix>:<n>"``), ``source`` (path relative to the corpus
        root), ``kind`` (``article`` | ``comment``), ``parent_id`` (the article a
        comment belongs to), ``title``, ``author``, ``section``, ``site``,
        ``published`` (datetime64, NaT when the page shows none), ``lang`` (ISO
        639-1), ``text`` (clean body; Arrow-backed ``string`` dtype), ``n_words``,
        ``line_start``, ``line_end``
        (1-based, inclusive, in the source file).
    lines : DataFrame
        One row per input line: ``source``, ``line_no`` (1-based), ``text``
        (normalised; Arrow-backed ``string`` dtype to stay compact), ``role`` and
        ``doc_id`` (null for removed lines).
    files : DataFrame
        One row per input file: ``source``, ``bytes``, ``sha256``, ``encoding``,
        ``n_lines``, ``n_docs``, ``status`` (``ok`` | ``empty`` | ``error`` |
        ``skipped``) and ``error``.
    """

    docs: pd.DataFrame
    lines: pd.DataFrame
    files: pd.DataFrame

    @property
    def config(self) -> dict:
        """The corpus settings (plain dict) stored on ``docs.attrs``."""
        return dict(self.docs.attrs.get(ATTRS_KEY) or {})

    def removed(self) -> pd.DataFrame:
        """The lines that belong to no document, with the reason (``role``)."""
        return self.lines[self.lines["doc_id"].isna()].reset_index(drop=True)

    def __repr__(self) -> str:
        kinds = self.docs["kind"].value_counts().to_dict() if len(self.docs) else {}
        return (
            f"Corpus({len(self.files)} files, {len(self.docs)} docs {kinds}, "
            f"{len(self.lines)} lines, {int(self.lines['doc_id'].isna().sum())} removed)"
        )

    def to_parquet(self, path: str | Path) -> Path:
        """Write ``docs.parquet``, ``lines.parquet`` and ``files.parquet`` into ``path``."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        meta = json.dumps(self.config, ensure_ascii=False)
        for name in ("docs", "lines", "files"):
            frame = getattr(self, name).copy()
            frame.attrs = {ATTRS_KEY + "_json": meta} if name == "docs" else {}
            frame.to_parquet(out / f"{name}.parquet", index=False, engine="pyarrow")
        return out

    @classmethod
    def read_parquet(cls, path: str | Path) -> Corpus:
        """Read a corpus written by :meth:`to_parquet`."""
        src = Path(path)
        if not src.is_dir():
            raise FileNotFoundError(f"no corpus directory at {src}")
        tables = {}
        for name in ("docs", "lines", "files"):
            file = src / f"{name}.parquet"
            if not file.is_file():
                raise FileNotFoundError(f"{file} missing; was this written by Corpus.to_parquet?")
            tables[name] = _restore_dtypes(pd.read_parquet(file, engine="pyarrow"))
        docs = tables["docs"]
        raw = docs.attrs.pop(ATTRS_KEY + "_json", None)
        docs.attrs = {ATTRS_KEY: json.loads(raw)} if raw else {}
        tables["lines"].attrs = {}
        tables["files"].attrs = {}
        return cls(**tables)


def _restore_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Give text columns read back from Parquet the object dtype load_corpus uses."""
    for col in frame.columns:
        if pd.api.types.is_string_dtype(frame[col]) and not pd.api.types.is_object_dtype(frame[col]):
            if col == "text":
                frame[col] = frame[col].astype(LINE_TEXT_DTYPE)
            else:
                frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


# --------------------------------------------------------------------------- loading

class CorpusFileError(ValueError):
    """A file could not be read (raised instead of recorded when ``strict=True``)."""


def load_corpus(
    path: str | Path,
    *,
    config: CorpusConfig | dict | str | Path | None = None,
    n_jobs: int = 1,
    strict: bool = False,
    progress: bool | None = None,
) -> Corpus:
    """Read a folder (recursively) or one file of scraped pages into a :class:`Corpus`.

    Parameters
    ----------
    path : str or Path
        A folder of ``.txt``/``.md`` pages, or a single file.
    config : CorpusConfig, dict, path or None
        Corpus settings; by default read from ``corpus.toml`` in the folder.
    n_jobs : int
        Processes that share the work, the calling one included (``-1``: one
        per core).  Results do not depend on it.
    strict : bool
        Raise :class:`CorpusFileError` on the first unreadable file instead of
        recording its status in ``corpus.files``.
    progress : bool or None
        Show a progress bar; by default only for large inputs.

    Returns
    -------
    Corpus
        ``docs``, ``lines`` and ``files`` tables (see :class:`Corpus`).

    Raises
    ------
    FileNotFoundError
        ``path`` does not exist.
    ValueError
        No document could be read from ``path`` (the message says what was found).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("A short title\\n\\nBy Jane Doe\\n\\nThe body says two things. It ends.\\n")
    >>> c = load_corpus(d)
    >>> c.docs[["doc_id", "title", "author", "text"]].to_dict("records")
    [{'doc_id': 'a:1', 'title': 'A short title', 'author': 'Jane Doe', 'text': 'The body says two things. It ends.'}]
    >>> c.lines["role"].tolist()
    ['title', 'blank', 'author', 'blank', 'body']
    """
    root = Path(path)
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"corpus path not found: {root}")
    # Loading allocates millions of short-lived strings and tuples and makes no
    # reference cycles; the cyclic collector's frequent passes over the
    # long-lived line facts would cost about 4 % of the time, so it runs
    # seldom until the tables are built.
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), max(thresholds[1], 20), max(thresholds[2], 100))
    try:
        # Language detection multiplies one small vector by a matrix per
        # document.  BLAS threads gain nothing on that, and once woken they spin
        # on the other cores for a while, taking them from the helper processes
        # (forked helpers inherit the limit).
        with threadpool_limits(limits=1, user_api="blas"):
            return _load(root, config, n_jobs, strict, progress)
    finally:
        gc.set_threshold(*thresholds)


def _load(root: Path, config, n_jobs: int, strict: bool, progress) -> Corpus:
    cfg = _resolve_config(config, root)
    entries = find_files(root)
    max_bytes = int(cfg.max_file_mb * 1_000_000)
    jobs = os.cpu_count() or 1 if n_jobs in (-1, 0) else max(1, int(n_jobs))
    jobs = min(jobs, max(1, len(entries)))
    show = _want_progress(progress, entries)

    # Pass 1: read every file, count short lines across files.  Pages are not
    # kept as Python strings (they would cost several times the input) but as
    # compact Arrow arrays, which pass 2 turns back into lines page by page and
    # then keeps as the lines table's text.
    records: dict[str, FileRecord] = {}
    cache: dict[str, pa.Array] = {}
    counts: Counter[str] = Counter()
    seen_hash: dict[str, str] = {}
    to_read = [(p, src) for src, p, problem in entries if p is not None]
    for src, _path, problem in entries:
        if problem is not None:
            records[src] = problem
    # Module globals hand this process's state (pages, counts, line facts) to
    # forked helpers; they are cleared however the run ends.
    global _WORKER_PAGES, _WORKER_REPEATED, _WORKER_MEMO
    memo = _WORKER_MEMO = LineMemo()
    try:
        if jobs == 1:
            for p, src in _bar(to_read, show, "reading"):
                got = read_page(p, src, max_bytes=max_bytes)
                rec = got.record if isinstance(got, Page) else got
                records[src] = rec
                if isinstance(got, Page) and _first_copy(rec, seen_hash):
                    counts.update(short_keys(got.lines))
                    cache[src] = _arrow_text(got.lines)
                del got
        else:
            # Helper processes and this one read batches of files and count
            # their keys; this process keeps the pages and, at the end, adds up
            # the counts.  A process counts each content once; a page whose
            # twin another process counted first is taken back out here.
            scanner = _Scanner(max_bytes)
            counts = scanner.counts
            with _Helpers(jobs - 1, scanner, _batches(to_read, jobs)) as helpers:
                for pages, text in _bar(helpers.map(), show, "reading", len(helpers.tasks), "batch"):
                    at = 0
                    for src, rec, n_lines, counted in pages:
                        records[src] = rec
                        first = _first_copy(rec, seen_hash)
                        if n_lines is None:
                            continue
                        arr, at = text.slice(at, n_lines), at + n_lines  # the page's lines (no copy)
                        if first:
                            cache[src] = arr
                        elif counted:
                            counts.subtract(short_keys(arr.to_pylist()))
            for more in helpers.finals:
                counts.update(more)
            del scanner, helpers
        for src in sorted(records):
            _check_strict(records[src], strict)
        repeated = {k: c for k, c in counts.items() if c >= 2}
        del counts

        # Pass 2: roles and documents, page by page.
        readable = [src for src, rec in sorted(records.items()) if rec.status in ("ok", "empty")]
        paths = {src: p for src, p, _ in entries if p is not None}
        tables = _Tables()
        # Pages are built in batches, by this process alone or with helpers.
        # Forked helpers find the pages in this process's memory (shared, not
        # copied); where processes are spawned instead, they read files again.
        _WORKER_PAGES, _WORKER_REPEATED = cache, repeated
        tasks = [([(paths[src], src, records[src]) for src in batch], max_bytes) for batch in _batches(readable, jobs)]
        with contextlib.ExitStack() as stack:
            if jobs == 1:
                built = map(_build_batch, tasks)
            else:
                built = stack.enter_context(_Helpers(jobs - 1, _build_batch, tasks, repeated)).map()
            for packed in _bar(built, show, "segmenting", len(tasks), "batch"):
                # The lines of a page read in pass 1 are kept as they are.
                packed["lines"] = [cache.pop(rec.source, None) if arr is None else arr for rec, arr in zip(packed["records"], packed["lines"], strict=True)]
                tables.add(packed, records)
    finally:
        _WORKER_PAGES, _WORKER_REPEATED, _WORKER_MEMO = {}, {}, LineMemo()
        del memo
    return tables.finish(records, cfg)


def _resolve_config(config, root: Path) -> CorpusConfig:
    if config is None:
        return load_config(root if root.is_dir() else root.parent)
    if isinstance(config, CorpusConfig):
        return config
    if isinstance(config, dict):
        return CorpusConfig.from_dict(config)
    if isinstance(config, str | Path):
        return load_config(config)
    raise TypeError(f"config must be a CorpusConfig, dict or path to corpus.toml, got {type(config).__name__}")


def _want_progress(progress, entries) -> bool:
    if progress is not None:
        return bool(progress)
    return len(entries) >= 2000


def _bar(items, show: bool, desc: str, total: int | None = None, unit: str = "file"):
    if not show:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, total=total, unit=unit)


def _first_copy(rec: FileRecord, seen_hash: dict[str, str], *, mark: bool = True) -> bool:
    """True for a readable file that copies no earlier one (by its bytes).

    With ``mark``, a copy is recorded as skipped, naming the file it repeats.
    """
    if rec.sha256 is None or rec.status != "ok":
        return rec.status in ("ok", "empty")
    first = seen_hash.setdefault(rec.sha256, rec.source)
    if first != rec.source:
        if mark:
            rec.status, rec.error, rec.n_lines = "skipped", f"identical to {first}", 0
        return False
    return True


def _check_strict(rec: FileRecord, strict: bool) -> None:
    if strict and rec.status != "ok" and not (rec.error or "").startswith("identical to"):
        raise CorpusFileError(f"{rec.source}: {rec.status}: {rec.error}")


_WORKER_REPEATED: dict[str, int] = {}
_WORKER_MEMO = LineMemo()
_WORKER_PAGES: dict[str, pa.Array] = {}
#: How helper processes start: forked where the system can (they then share
#: this process's memory), else spawned.
_START_METHOD = "fork" if "fork" in mp.get_all_start_methods() else mp.get_start_method()


def _batches(items: list, jobs: int) -> list[list]:
    """Split work into batches that shrink towards the end (guided scheduling).

    A batch holds at most 16 files, and at most a quarter of a process's share
    of what is left, so the last batches are single files: the processes run
    out of work within one small batch of each other.  Small batches also keep
    each result well under the 1 MB a widened pipe holds.
    """
    out, k = [], 0
    while k < len(items):
        size = max(1, min(16, (len(items) - k) // (jobs * 4)))
        out.append(items[k : k + size])
        k += size
    return out


class _Helpers:
    """Worker processes that share a task list with the calling process.

    Every process, the caller included, takes the next task by bumping a counter
    in shared memory, so no process waits for another to hand out work and none
    holds a queue of tasks the others could have done.  Helpers know the task
    list from the start (forked: from memory; spawned: sent once), send each
    result back over a pipe widened so they rarely wait for the caller to read,
    and at the end send what ``fn.finish()`` returns, if ``fn`` has that method
    (state a helper gathered over all its tasks).  The caller works through
    tasks itself and collects results in between; :meth:`map` hands them out
    in task order.
    """

    def __init__(self, n: int, fn, tasks: list, repeated: dict[str, int] | None = None):
        ctx = mp.get_context(_START_METHOD)
        self.fn, self.tasks = fn, tasks
        self.next = ctx.Value("q", 0)
        self.finals: list = []
        self.helpers = []
        for _ in range(n):
            res_r, res_w = ctx.Pipe(duplex=False)
            _widen(res_r)
            args = (fn, tasks, self.next, res_w, repeated or {})
            proc = ctx.Process(target=_helper_loop, args=args, daemon=True)
            proc.start()
            res_w.close()
            self.helpers.append((proc, res_r))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        # Helpers that sent their last word end by themselves; they are not
        # waited for (multiprocessing reaps them when it next starts a process,
        # or at exit).  On an early exit they take no more tasks and are stopped.
        if len(self.finals) == len(self.helpers):
            for _, res_r in self.helpers:
                res_r.close()
            return
        with self.next.get_lock():
            self.next.value = len(self.tasks)
        for proc, res_r in self.helpers:
            res_r.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()

    def _collect(self, done: dict, block: bool) -> None:
        live = [res_r for _, res_r in self.helpers if not res_r.closed]
        ready = wait(live) if block else [r for r in live if r.poll()]
        for proc, res_r in self.helpers:
            while res_r in ready and not res_r.closed and res_r.poll():
                try:
                    k, ok, value = res_r.recv()
                except EOFError:
                    proc.join(timeout=1)
                    raise RuntimeError(f"a worker process ended unexpectedly (exit code {proc.exitcode})") from None
                if not ok:
                    raise RuntimeError(f"a worker process failed:\n{value}")
                if k < 0:  # the helper's last word
                    self.finals.append(value)
                    res_r.close()
                else:
                    done[k] = value

    def map(self):
        """``fn(task)`` for every task, in task order; then ``finals`` holds the helpers' ``fn.finish()``."""
        done: dict[int, object] = {}
        handed, total = 0, len(self.tasks)
        while handed < total or any(not r.closed for _, r in self.helpers):
            k = _take(self.next)
            if k < total:
                done[k] = self.fn(self.tasks[k])
                self._collect(done, block=False)
            else:
                self._collect(done, block=handed not in done)
            while handed in done:
                yield done.pop(handed)
                handed += 1


def _take(counter) -> int:
    """The next task's index (each index is taken once, by one process)."""
    with counter.get_lock():
        k = counter.value
        counter.value = k + 1
    return k


def _widen(conn) -> None:
    """Let a pipe hold up to 1 MB (Linux), so a helper rarely waits to write."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)


def _helper_loop(fn, tasks, counter, results, repeated) -> None:
    global _WORKER_REPEATED
    if repeated:
        _WORKER_REPEATED = repeated
    k = -1
    try:
        while (k := _take(counter)) < len(tasks):
            results.send((k, True, fn(tasks[k])))
        finish = getattr(fn, "finish", None)
        results.send((-1, True, finish() if finish else None))
    except Exception:  # reported to the caller, which raises it
        with contextlib.suppress(OSError):
            results.send((k, False, traceback.format_exc()))


class _Scanner:
    """Pass 1 in one process: read batches of files and count their short keys.

    A page is counted unless this process has already counted a page with the
    same bytes; ``counted`` tells the parent which ones were, and the parent
    (which sees every page in order) takes a later copy back out.  The counts
    stay here until the end: one merge per process instead of one per batch.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.counts: Counter[str] = Counter()
        self.seen: dict[str, str] = {}

    def __call__(self, batch):
        """``(pages, text)``: per file ``(source, record, n_lines, counted)``, and the batch's lines as one array.

        ``n_lines`` is None for a file with nothing to read; the others' lines
        follow each other in ``text``, in order (one array is far cheaper to
        send between processes than one per page).
        """
        pages, lines = [], []
        for path, src in batch:
            got = read_page(path, src, max_bytes=self.max_bytes)
            if not isinstance(got, Page):
                pages.append((src, got, None, False))
                continue
            rec = got.record
            counted = _first_copy(rec, self.seen, mark=False)
            if counted:
                self.counts.update(short_keys(got.lines))
            pages.append((src, rec, len(got.lines), counted))
            lines += got.lines
        return pages, _arrow_text(lines)

    def finish(self) -> Counter[str]:
        return self.counts


def _build_batch(task) -> dict:
    """Build a batch of pages and pack their results (see :func:`_pack_pages`)."""
    batch, max_bytes = task
    results = []
    for path, src, rec in batch:
        arr = _WORKER_PAGES.get(src)
        if arr is not None:
            res = _build_page(Page(src, arr.to_pylist(), rec, arrow=arr), _WORKER_REPEATED, _WORKER_MEMO)
            res["lines"] = None  # the parent has them
        else:
            res = _build_page(read_page(path, src, max_bytes=max_bytes), _WORKER_REPEATED, _WORKER_MEMO)
        results.append(res)
    return _pack_pages(results)


#: Line roles as small integer codes: compact to keep and to send between processes.
_ROLE_NAMES = np.array(ROLES, dtype=object)
_ROLE_CODE = {role: code for code, role in enumerate(ROLES)}
_IN_DOC = tuple(role in DOC_ROLES for role in ROLES)  # by code
_EMPTY_TEXT = pa.array([], pa.large_string())


def _build_page(page: Page | FileRecord, repeated: dict[str, int], memo: LineMemo | None = None) -> dict:
    """Roles and documents of one page, as plain data (:func:`_pack_pages` packs a batch of them).

    ``codes`` holds each line's role as a byte (an index into ``ROLES``),
    ``owner`` the page-local number of the document a line belongs to (-1:
    none), ``texts`` the documents' texts and ``docs`` one tuple per document
    in ``_DOC_FIELDS`` order.
    """
    if isinstance(page, FileRecord):  # nothing to read (an empty file)
        return {"record": page, "lines": _EMPTY_TEXT, "texts": [], "codes": b"", "owner": [], "docs": [], "site": None}
    lines = page.lines
    feats = PageFeatures(lines, memo)
    furniture, soft = classify_furniture(lines, repeated, feats)
    roles, drafts = segment_page(lines, furniture, soft, feats)
    site = page_site(lines, roles)
    codes = bytes(map(_ROLE_CODE.__getitem__, roles))
    owner = [-1] * len(lines)
    docs, texts = [], []
    for k, d in enumerate(drafts):
        start, end = d.line_span
        body = sorted(d.body)
        text = "\n".join([lines[i] for i in body])
        lang = first_guess(text)
        texts.append(text)
        # A line belongs to the document that claims it last, if its role is a document's.
        for i in d.body + d.meta:
            if _IN_DOC[codes[i]]:
                owner[i] = k
        # Lines are normalised (single spaces, no other white space), so
        # counting spaces counts words, much faster than splitting.
        n_words = text.count(" ") + len(body) if text else 0
        short = text if lang is None else None
        docs.append((d.kind, d.parent, d.title, d.author, d.section, d.published, lang, short, n_words, start + 1, end + 1))
    return {
        "record": page.record,
        "lines": page.arrow if page.arrow is not None else _arrow_text(lines),
        "texts": texts,
        "codes": codes,
        "owner": owner,
        "docs": docs,
        "site": site,
    }


def _pack_pages(results: list[dict]) -> dict:
    """A batch of page results as a few flat arrays: cheap to send between processes and to keep.

    Per page: ``records``, ``docs``, ``sites``, ``lines`` (an Arrow array, or
    None where the parent has the page) and ``n_lines``; for the batch:
    ``codes`` and ``owner`` (page-local document numbers) line by line, and
    ``texts``, the documents' texts.
    """
    owner = array("i")
    for res in results:
        owner.extend(res["owner"])
    return {
        "records": [res["record"] for res in results],
        "docs": [res["docs"] for res in results],
        "sites": [res["site"] for res in results],
        "lines": [res["lines"] for res in results],
        "n_lines": [len(res["codes"]) for res in results],
        "codes": np.frombuffer(b"".join([res["codes"] for res in results]), dtype=np.int8),
        "owner": np.frombuffer(owner, dtype=np.int32) if owner.itemsize == 4 else np.asarray(owner, dtype=np.int32),
        "texts": _arrow_text([text for res in results for text in res["texts"]]),
    }


_DOC_FIELDS = ("kind", "parent", "title", "author", "section", "published", "lang", "short", "n_words", "line_start", "line_end")


def _arrow_text(texts: list[str]) -> pa.Array:
    """A list of strings as one compact Arrow array.

    The arrays are built with the C library's allocator: Arrow's default pool
    (mimalloc) keeps the memory that growing builders free, about as much again
    as the text of a corpus, while malloc hands it back for the next page.
    They are ``large_string``, the type pandas keeps its Arrow strings in, so
    the finished columns need no cast (a copy of every offset).
    """
    return pa.array(texts, pa.large_string(), memory_pool=_TEXT_POOL)


_TEXT_POOL = pa.system_memory_pool()


def _text_column(chunks: list[pa.Array]) -> pd.Series:
    arr = pa.chunked_array(chunks, type=pa.large_string())
    # ArrowStringArray keeps the per-page chunks as they are: no copy of the text.
    return pd.Series(pd.arrays.ArrowStringArray(arr), dtype=LINE_TEXT_DTYPE)


class _Tables:
    """The three tables, filled page by page and built column by column at the end.

    Each page's result is folded in as soon as it arrives, so results do not
    pile up; text stays in Arrow buffers and roles and owners in integer
    arrays until whole columns are built.
    """

    def __init__(self) -> None:
        self.dcols: dict[str, list] = {c: [] for c in (*_DOC_FIELDS, "doc_id", "source", "parent_id", "site")}
        self.l_src: list[str] = []
        self.l_count: list[int] = []
        self.l_codes: list[np.ndarray] = []
        self.l_owner: list[np.ndarray] = []
        self.l_text: list[pa.Array] = []
        self.d_text: list[pa.Array] = []

    def add(self, packed: dict, records: dict[str, FileRecord]) -> None:
        """Fold in a batch of pages (see :func:`_pack_pages`; ``lines`` all set)."""
        dcols = self.dcols
        first_doc = []  # each page's first document, numbered across the corpus
        for rec, docs, site, lines, n_lines in zip(
            packed["records"], packed["docs"], packed["sites"], packed["lines"], packed["n_lines"], strict=True
        ):
            records[rec.source] = rec
            src = rec.source
            stem = src.rsplit(".", 1)[0] if "." in src.rsplit("/", 1)[-1] else src
            k_docs = len(docs)
            ids = [f"{stem}:{k + 1}" for k in range(k_docs)]
            if k_docs:
                for field, column in zip(_DOC_FIELDS, zip(*docs, strict=True), strict=True):
                    dcols[field].extend(column)
            first_doc.append(len(dcols["doc_id"]))
            dcols["doc_id"].extend(ids)
            dcols["source"].extend([src] * k_docs)
            dcols["site"].extend([site] * k_docs)
            dcols["parent_id"].extend([ids[d[1]] if d[1] is not None else None for d in docs])
            rec.n_docs = k_docs
            self.l_src.append(src)
            self.l_count.append(n_lines)
            self.l_text.append(lines)
        owner = packed["owner"]
        if len(owner):
            shift = np.repeat(np.asarray(first_doc, dtype=np.int32), packed["n_lines"])
            owner = np.where(owner >= 0, owner + shift, -1).astype(np.int32, copy=False)
        self.l_owner.append(owner)
        self.l_codes.append(packed["codes"])
        self.d_text.append(packed["texts"])

    def finish(self, records: dict[str, FileRecord], cfg: CorpusConfig) -> Corpus:
        """Build the tables (raises ValueError when no document was found)."""
        files = _files_table(records)
        if files.empty:
            raise ValueError("no files found: the folder holds no .txt or .md pages")
        if not self.dcols["doc_id"]:
            summary = files["status"].value_counts().to_dict()
            raise ValueError(
                f"no readable documents in {len(files)} file(s) (status counts: {summary}); "
                "see the 'error' column of load_corpus(..., strict=False).files or run with strict=True"
            )
        return Corpus(docs=self._docs(cfg), lines=self._lines(), files=files)

    def _docs(self, cfg: CorpusConfig) -> pd.DataFrame:
        dcols = self.dcols
        shorts = {i: text for i, text in enumerate(dcols["short"]) if text is not None}
        dcols["lang"] = fill_short(dcols["lang"], shorts)
        docs = pd.DataFrame(
            {
                **{c: pd.Series(dcols[c], dtype=object) for c in _STR_DOC if c != "text"},
                "text": _text_column(self.d_text),
                "published": pd.to_datetime(pd.Series(dcols["published"], dtype=object)).astype("datetime64[ns]"),
                **{c: pd.Series(dcols[c], dtype="int64") for c in _INT_DOC},
            },
            copy=False,
        )[DOC_COLUMNS]
        docs.attrs[ATTRS_KEY] = cfg.to_dict()
        return docs

    def _lines(self) -> pd.DataFrame:
        # Columns are built once, in place, and handed to pandas without a copy
        # (pandas copies arrays given to its constructors unless told not to);
        # the per-page arrays are dropped as soon as they are joined.
        counts = self.l_count
        line_no = np.empty(sum(counts), dtype=np.int64)
        pos = 0
        for count in counts:
            line_no[pos : pos + count] = np.arange(1, count + 1)
            pos += count
        owner = np.concatenate(self.l_owner) if self.l_owner else np.zeros(0, np.int32)
        self.l_owner = []
        # Owner -1 (no document) picks the None appended after the ids.
        doc_of_line = np.asarray([*self.dcols["doc_id"], None], dtype=object)[owner]
        del owner
        codes = np.concatenate(self.l_codes) if self.l_codes else np.zeros(0, np.int8)
        self.l_codes = []
        return pd.DataFrame(
            {
                "source": pd.Series(np.repeat(np.asarray(self.l_src, dtype=object), counts), dtype=object, copy=False),
                "line_no": pd.Series(line_no, copy=False),
                "text": _text_column(self.l_text),
                "role": pd.Series(_ROLE_NAMES[codes], dtype=object, copy=False),
                "doc_id": pd.Series(doc_of_line, dtype=object, copy=False),
            },
            copy=False,
        )


def _files_table(records: dict[str, FileRecord]) -> pd.DataFrame:
    recs = [records[k] for k in sorted(records)]
    columns = {}
    for col in [*FILE_COLUMNS, "n_repaired"]:
        values = [getattr(r, col) for r in recs]
        # Counts are int64; text columns hold str or None (missing values stay None).
        columns[col] = np.array(values, dtype=np.int64) if col in _INT_FILE else pd.Series(values, dtype=object)
    return pd.DataFrame(columns, copy=False)


_INT_FILE = ("bytes", "n_lines", "n_docs", "n_repaired")
