"""Date mentions: corpus_tools.date_mentions vs dateparser.search.search_dates.

Generates ~20 MB of seed-like text (paragraphs of the seed pages, reshuffled into
~4 KB documents, their years shifted and month names rotated so that the copies
differ), then, each contender in a fresh process on the same data:

* ``corpus_tools.date_mentions`` on all of it;
* ``dateparser.search.search_dates`` (English, ``PREFER_DATES_FROM=past``, the
  document's publication date as ``RELATIVE_BASE``) on the first ~200 KB only -
  it is about a thousand times slower - and its throughput extrapolated per MB.

Both tools are also scored on the hand-annotated seed documents
(``tests/data/date_annotations.json``): a found date is right when it overlaps an
annotated mention and its date falls inside the annotated interval (lenient: it
suits dateparser, which returns one datetime and no precision).  For ours the
strict score (same interval and precision) is printed too.  And both run over a
list of number traps (money, counts, tallies, model numbers) that hold no date.

Each timing is the best of 3 runs.  Target (issue 5): >= 100x dateparser's
throughput with a higher F1.

Usage: python bench/bench_dates.py [--quick]    (--quick: 2 MB and a 50 KB sample)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANNOTATIONS = ROOT / "tests" / "data" / "date_annotations.json"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
REPEATS = 3  # each contender's time is the best of this many runs (the machine may be shared)
TRAPS = [
    "Bolton is estimated to have received upwards of $180,000 to speak.",
    "Takht Ravanchi highlighted that 17,161 Iranian citizens were killed.",
    "Iran installed 4,000 centrifuges.",
    "The measure passed 251-170.",
    "three loitering munitions from F-16 fighter jets",
    "About 2,000 members of the group relocated to Iraq.",
    "Fifty-two American diplomats were held hostage for a period of 444 days.",
    "Believed to have between 5,000 to 13,000 members, the group grew.",
    "the killing of 74 senior officials, including 27 MPs",
    "the 31st anniversary of Operation Mersad",
    "Camp Ashraf, a 14 square-mile former Iraqi military base",
    "most of whom are well into their 50s and 60s.",
    "I'm Saeed. I'm 50 years old.",
    "Call +1 202 555 1990 for details.",
    "all of the members of al-Qaeda who attacked the U.S. in 9/11",
]


# --- data ------------------------------------------------------------------------
def _paragraphs() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            if len(line) >= 60:
                out.append(line)
    return out


def _vary(par: str, rng: random.Random) -> str:
    shift = rng.randint(-3, 3)
    rot = rng.randint(0, 11)
    par = re.sub(
        r"(?<![\d,$])(19[0-9]\d|20[0-2]\d)(?![\d,])", lambda m: str(int(m.group()) + shift), par
    )
    return re.sub(
        r"\b(" + "|".join(MONTHS) + r")\b",
        lambda m: MONTHS[(MONTHS.index(m.group()) + rot) % 12],
        par,
    )


def make_docs(megabytes: float, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    pars = _paragraphs()
    target = int(megabytes * 1_000_000)
    docs, size, i = [], 0, 0
    while size < target:
        body, n = [], 0
        while n < 4000:
            p = _vary(rng.choice(pars), rng)
            body.append(p)
            n += len(p.encode("utf-8")) + 1
        text = "\n".join(body)
        pub = None
        if rng.random() < 0.5:
            pub = (dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(2000))).isoformat()
        docs.append({"doc_id": f"bench:{i}", "text": text, "published": pub})
        size += len(text.encode("utf-8"))
        i += 1
    return docs


# --- workers (run in a fresh process) ----------------------------------------------
def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    """Current resident memory (data loaded, before the timed calls)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def worker_ours(path: str, limit: int) -> dict:
    import corpus_tools as ct

    docs = ct.docs_frame(json.loads(Path(path).read_text(encoding="utf-8")))
    n_bytes = int(sum(len(t.encode("utf-8")) for t in docs["text"]))
    ct.date_mentions(docs.head(20))  # warm up outside the timing, as for dateparser
    base = _rss_mb()
    seconds = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        m = ct.date_mentions(docs)
        seconds.append(time.perf_counter() - t0)
    return {"seconds": min(seconds), "bytes": n_bytes, "found": len(m), "peak_mb": _peak_mb(),
            "base_mb": base}  # fmt: skip


def _dp_search(text: str, published: str | None):
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(published) if published else dt.datetime(2019, 8, 5)
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    return search_dates(text, languages=["en"], settings=settings) or []


def worker_dateparser(path: str, limit: int) -> dict:
    docs = json.loads(Path(path).read_text(encoding="utf-8"))
    _dp_search("warm up on 5 August 2019", None)  # load language data outside the timing
    base = _rss_mb()
    sample, n_bytes = [], 0
    for d in docs:
        if n_bytes >= limit:
            break
        sample.append(d)
        n_bytes += len(d["text"].encode("utf-8"))
    seconds = []
    for _ in range(REPEATS):
        found = 0
        t0 = time.perf_counter()
        for d in sample:
            found += len(_dp_search(d["text"], d["published"]))
        seconds.append(time.perf_counter() - t0)
    return {"seconds": min(seconds), "bytes": n_bytes, "found": found, "peak_mb": _peak_mb(),
            "base_mb": base}  # fmt: skip


def run_worker(name: str, path: str, limit: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, path, str(limit)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- accuracy on the annotated documents ---------------------------------------------
def _annotated():
    data = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
    for doc in data["documents"]:
        lines = (SEEDS / doc["source"]).read_text(encoding="utf-8").split("\n")
        text = "\n".join(lines[doc["line_start"] - 1 : doc["line_end"]])
        gold = []
        for m in doc["mentions"]:
            s = text.index(m["context"]) + m["context"].index(m["surface"])
            gold.append((s, s + len(m["surface"]), dt.date.fromisoformat(m["date"]),
                         dt.date.fromisoformat(m["end_date"]), m["precision"]))  # fmt: skip
        yield text, doc["published"], gold


def _prf(tp: int, n_pred: int, n_gold: int):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(pred, gold, strict: bool) -> int:
    """pred: (start, end, day, end_day, precision|None); greedy one-to-one matching."""
    used, tp = set(), 0
    for s, e, d, end_d, prec in pred:
        for i, (gs, ge, gd, gend, gprec) in enumerate(gold):
            if i in used or not (gs < e and s < ge):
                continue
            ok = (d, end_d, prec) == (gd, gend, gprec) if strict else gd <= d <= gend
            if ok:
                used.add(i)
                tp += 1
                break
    return tp


def accuracy() -> dict:
    from corpus_tools.dates import find_dates

    res = {"ours": [0, 0, 0], "ours_strict": [0, 0, 0], "dateparser": [0, 0, 0]}
    for text, published, gold in _annotated():
        ours = [(s, e, d.date(), x.date(), p) for s, e, d, x, p in find_dates(text, published)]
        for key, strict in (("ours", False), ("ours_strict", True)):
            res[key][0] += _match(ours, gold, strict)
            res[key][1] += len(ours)
            res[key][2] += len(gold)
        dp, pos = [], 0
        for surface, when in _dp_search(text, published):
            s = text.find(surface, pos)
            if s < 0:
                s = text.find(surface)
            pos = max(pos, s + 1)
            dp.append((s, s + len(surface), when.date(), when.date(), None))
        res["dateparser"][0] += _match(dp, gold, False)
        res["dateparser"][1] += len(dp)
        res["dateparser"][2] += len(gold)
    traps_ours = sum(bool(find_dates(t, "2019-08-05")) for t in TRAPS)
    traps_dp = sum(bool(_dp_search(t, "2019-08-05")) for t in TRAPS)
    return {k: _prf(*v) for k, v in res.items()} | {"traps": (traps_ours, traps_dp)}


# --- main ----------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="2 MB of text, 50 KB for dateparser")
    ap.add_argument("--worker", nargs=3, metavar=("NAME", "PATH", "LIMIT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        name, path, limit = args.worker
        fn = {"ours": worker_ours, "dateparser": worker_dateparser}[name]
        print(json.dumps(fn(path, int(limit))))
        return
    mb, dp_limit = (2.0, 50_000) if args.quick else (20.0, 200_000)
    t0 = time.perf_counter()
    docs = make_docs(mb)
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "docs.json")
        Path(path).write_text(json.dumps(docs), encoding="utf-8")
        print(f"generated {len(docs)} documents, {mb:.0f} MB of seed-like text "
              f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        ours = run_worker("ours", path, 0)
        dp = run_worker("dateparser", path, dp_limit)
    acc = accuracy()

    def mbps(r):
        return r["bytes"] / 1e6 / r["seconds"]

    rows = [
        ("text measured", f"{ours['bytes'] / 1e6:.2f} MB (all)",
         f"{dp['bytes'] / 1e6:.2f} MB sample, extrapolated per MB"),
        (f"seconds (best of {REPEATS})", f"{ours['seconds']:.2f}", f"{dp['seconds']:.2f}"),
        ("seconds per MB", f"{ours['seconds'] / (ours['bytes'] / 1e6):.3f}",
         f"{dp['seconds'] / (dp['bytes'] / 1e6):.1f}"),
        ("throughput MB/s", f"{mbps(ours):.3f}", f"{mbps(dp):.5f}"),
        ("dates found per MB", f"{ours['found'] / (ours['bytes'] / 1e6):.0f}",
         f"{dp['found'] / (dp['bytes'] / 1e6):.0f}"),
        ("peak RSS MB (whole process)", f"{ours['peak_mb']:.0f}", f"{dp['peak_mb']:.0f}"),
        ("RSS MB with data loaded, before timing", f"{ours['base_mb']:.0f}", f"{dp['base_mb']:.0f}"),
        ("annotated P / R / F1 (lenient)", "{:.2f} / {:.2f} / {:.2f}".format(*acc["ours"]),
         "{:.2f} / {:.2f} / {:.2f}".format(*acc["dateparser"])),
        ("annotated P / R / F1 (strict)", "{:.2f} / {:.2f} / {:.2f}".format(*acc["ours_strict"]),
         "n/a (no precision)"),
        (f"number traps with a false date (of {len(TRAPS)})", str(acc["traps"][0]), str(acc["traps"][1])),
    ]  # fmt: skip
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in [*rows, ("", "corpus_tools.date_mentions", "")])
    print()
    print(f"{'':<{w0}}  {'corpus_tools.date_mentions':<{w1}}  dateparser.search_dates")
    for a, b, c in rows:
        print(f"{a:<{w0}}  {b:<{w1}}  {c}")
    ratio = mbps(ours) / mbps(dp)
    print(f"\nspeed: {ratio:,.0f}x dateparser (target >= 100x); "
          f"F1 {acc['ours'][2]:.2f} vs {acc['dateparser'][2]:.2f} (target: higher)")  # fmt: skip


if __name__ == "__main__":
    main()
