"""Speed and memory of load_corpus on generated seed-like corpora.

Generates corpora of 10 MB and 200 MB from the seed pages (each page varied:
its text lines are re-drawn from the seeds' sentences and its numbers and dates
changed, so pages are not identical copies, while menus, sidebars and footers
repeat as they do on a real site), then runs, each in a fresh process:

* ``read+split``: the floor: read every file, decode, split lines, build a
  DataFrame of lines (no roles, no documents);
* ``load_corpus n_jobs=1`` and ``n_jobs=2``.

Prints MB/s, MB/s per core, peak RSS of the whole process tree, and the peak
over the baseline (the interpreter with pandas and corpus_tools imported) as a
multiple of the input size, both as RSS and as PSS.  RSS counts the pages that
forked workers share with the parent once in every process; PSS divides shared
pages between the processes, so it is the fair figure for ``n_jobs=2``.  Memory
is sampled from the bench process, not from a thread inside the measured one,
and the main process's own high-water mark (from the kernel) is added exactly.

Targets (issue 2): >= 25 MB/s per core; 200 MB within 1.3x of 20x the 10 MB
time; peak memory <= 4x the input size.

Each mode runs three times (--repeat) for its time; the median is reported with
the range.  Memory is sampled in one more run of its own: sampling takes CPU
time that a run using both cores would otherwise have.

Usage: python bench/bench_load.py [--sizes 10 200] [--modes floor 1 2] [--repeat 3] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

CHILD = r"""
import json, os, resource, sys, time
import pandas as pd
import corpus_tools as ct
from corpus_tools.readers import decode, find_files
mode, path = sys.argv[1], sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()  # the bench has taken the baseline
t0 = time.perf_counter()
if mode == "floor":
    src, text = [], []
    for s, p, _ in find_files(path):
        if p is None:
            continue
        lines = decode(p.read_bytes())[0].split("\n")
        src.extend([s] * len(lines)); text.extend(lines)
    frame = pd.DataFrame({"source": src, "text": text})
    n_docs = 0
else:
    corpus = ct.load_corpus(path, n_jobs=int(mode))
    n_docs = len(corpus.docs)
elapsed = time.perf_counter() - t0
hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "docs": n_docs, "hwm": hwm}), flush=True)
sys.stdin.readline()  # stay alive until the bench has taken its last sample
"""


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    """The process and its descendants.

    Linux lists a task's children in /proc, which is far cheaper than psutil's
    scan of every process (the sampler must not take CPU from the run).
    """
    out, todo = [], [proc]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p.pid}/task/{p.pid}/children") as fh:
                todo.extend(psutil.Process(int(pid)) for pid in fh.read().split())
        except (OSError, psutil.Error):
            with contextlib.suppress(psutil.Error):
                todo.extend(p.children())
    return out


def _rss(procs: list[psutil.Process]) -> int:
    """Resident memory (RSS) of a process tree, in bytes (cheap to read)."""
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def _pss(procs: list[psutil.Process]) -> int:
    """Proportional memory (PSS) of a process tree, in bytes.

    RSS counts pages that forked workers share with the parent once per
    process; PSS splits each shared page between the processes that map it, so
    its sum is the memory the tree really holds.  Reading it walks the page
    tables (milliseconds for a large process), so it is sampled sparingly.
    """
    total = 0
    for p in procs:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        total += getattr(info, "pss", info.rss)
    return total


def _pages():
    pages = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS.glob("*.txt"))]
    sentences = []
    for page in pages:
        for line in page:
            if len(line) > 200:
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", line) if len(s) > 40]
    return pages, sentences


def generate(target_mb: float, out: Path, seed: int = 0) -> float:
    """Write seed-like pages into ``out`` until they hold ``target_mb`` MB."""
    rng = random.Random(seed)
    pages, sentences = _pages()
    out.mkdir(parents=True, exist_ok=True)
    written, k = 0, 0
    target = target_mb * 1_000_000
    while written < target:
        page = pages[k % len(pages)]
        lines = []
        for line in page:
            if len(line) > 200:
                n = max(1, len(line) // 160)
                line = " ".join(rng.choice(sentences) for _ in range(n))
            elif len(line) > 40 and rng.random() < 0.5:
                line = re.sub(r"\d+", lambda m: str(rng.randint(1, 28)), line)
            lines.append(line)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (out / f"site{k % 40:02d}" / f"page{k:06d}.txt").parent.mkdir(exist_ok=True)
        (out / f"site{k % 40:02d}" / f"page{k:06d}.txt").write_bytes(data)
        written += len(data)
        k += 1
    return written / 1_000_000


def run(mode: str, path: Path, *, sample: bool) -> dict:
    """Run one mode in a fresh process; with ``sample``, its memory is sampled from here, outside it.

    Sampling from another process keeps the measurement from taking turns with
    the run for the GIL, but it still takes CPU time (listing the process tree,
    walking page tables for PSS), which a run using every core would lose.  So
    timed runs are not sampled; memory comes from a run of its own.
    """
    env = dict(os.environ, OMP_NUM_THREADS="1")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    proc = psutil.Process(child.pid)
    if child.stdout.readline().strip() != "ready":
        raise RuntimeError(child.communicate()[1][-2000:])
    base_rss, base_pss = _rss([proc]), _pss([proc])
    peak_rss, peak_pss = base_rss, base_pss
    child.stdin.write("go\n")
    child.stdin.flush()
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(child.stdout.readline()), daemon=True)
    reader.start()
    tick = 0
    while sample and reader.is_alive():
        tree = _tree(proc)
        peak_rss = max(peak_rss, _rss(tree))
        if tick % 25 == 0:  # PSS every half second, RSS every 20 ms
            peak_pss = max(peak_pss, _pss(tree))
        tick += 1
        time.sleep(0.02)
    reader.join()
    if sample:
        peak_pss = max(peak_pss, _pss(_tree(proc)))  # the finished tables, before the process exits
    child.stdin.write("done\n")
    child.stdin.flush()
    err = child.communicate()[1]
    if child.returncode != 0 or not result or not result[0].strip():
        raise RuntimeError(err[-2000:])
    out = json.loads(result[0])
    # The kernel's high-water mark of the main process is exact; samples can miss a short peak.
    peak_rss = max(peak_rss, out["hwm"])
    return {**out, "peak": peak_rss, "base": base_rss, "peak_pss": max(peak_pss, 0), "base_pss": base_pss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[10, 200])
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora")
    ap.add_argument("--modes", nargs="+", default=["floor", "1", "2"], help="floor, 1 and/or 2 (n_jobs)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per mode; the median time is reported")
    args = ap.parse_args()
    # Whether the loader's modules run compiled (make install) or from source.
    from corpus_tools import _native

    print("loader modules:", ", ".join(f"{name} {how}" for name, how in _native.STATE.items()), flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="ct_bench_"))
    rows = []
    try:
        for size in args.sizes:
            folder = tmp / f"{size:g}MB"
            mb = generate(size, folder)
            os.sync()  # no write-back of the new files while a run is timed
            modes = [("floor", "read+split (floor)", 1), ("1", "load_corpus n_jobs=1", 1), ("2", "load_corpus n_jobs=2", 2)]
            for mode, label, cores in [m for m in modes if m[0] in args.modes]:
                secs = sorted(run(mode, folder, sample=False)["seconds"] for _ in range(args.repeat))
                median = statistics.median(secs)
                # Memory: one more run, sampled, over its own baseline.
                runs = [run(mode, folder, sample=True)]
                over = max((r["peak"] - r["base"]) for r in runs)
                pss_over = max((r["peak_pss"] - r["base_pss"]) for r in runs)
                rows.append(
                    {
                        "size": size, "mb": mb, "what": label, "s": median, "range": (secs[0], secs[-1]),
                        "mbps": mb / median, "per_core": mb / median / cores,
                        "peak_mb": max(r["peak"] for r in runs) / 1e6, "over_base": over / 1e6 / mb,
                        "pss_over_base": pss_over / 1e6 / mb, "docs": runs[0]["docs"],
                    }
                )  # fmt: skip
                print(_fmt(rows[-1]), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(
        f"{'input':>7} {'what':<22} {'seconds':>8} {'(min-max)':>11} {'MB/s':>7} {'MB/s/core':>9} {'peak RSS MB':>11} "
        f"{'RSS (peak-base)/input':>21} {'PSS (peak-base)/input':>21} {'docs':>8}"
    )
    for r in rows:
        print(_fmt(r))
    sizes = sorted({r["size"] for r in rows})
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        for label in sorted({r["what"] for r in rows if r["what"].startswith("load_corpus")}):
            t_small = next(r["s"] for r in rows if r["size"] == small and r["what"] == label)
            t_big = next(r["s"] for r in rows if r["size"] == big and r["what"] == label)
            ratio = t_big / (t_small * big / small)
            print(f"linearity {label}: {big:g} MB took {ratio:.2f}x the {small:g} MB time scaled by size (target <= 1.3)")


def _fmt(r: dict) -> str:
    return (
        f"{r['mb']:>5.0f}MB {r['what']:<22} {r['s']:>8.2f} {r['range'][0]:>5.2f}-{r['range'][1]:<5.2f} {r['mbps']:>7.1f} {r['per_core']:>9.1f} "
        f"{r['peak_mb']:>11.0f} {r['over_base']:>21.2f} {r['pss_over_base']:>21.2f} {r['docs']:>8}"
    )


if __name__ == "__main__":
    main()
