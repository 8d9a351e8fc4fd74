"""Benchmark: alias-folding term_matrix vs plain scikit-learn CountVectorizer.

Usage::

    .venv/bin/python bench/bench_terms.py            # 50,000 documents, 3 rounds
    .venv/bin/python bench/bench_terms.py --quick    # 5,000 documents, 1 round

A synthetic corpus is generated from the seed corpus's sentences (deterministic:
fixed seed), written once to a temporary file, and every contender runs in its
own subprocess on the same texts, so its peak RSS (``ru_maxrss`` of that process)
is its own.  Contenders:

* ``CountVectorizer(1,2)``: plain ``CountVectorizer(ngram_range=(1, 2))`` - the baseline;
* ``term_matrix(1,2)+aliases``: ``corpus_tools.term_matrix(docs, ngram=(1, 2))`` with
  the seed corpus's alias table folded and stopwords removed (the default);
* ``term_matrix(1,2) no aliases``: the same without folding (what folding costs);
* ``fold + CountVectorizer``: our folding as a preprocessing pass, then the baseline
  (the naive way to add folding to scikit-learn).

Target: ``term_matrix(1,2)+aliases`` no slower than 1.2x the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONTENDERS = [
    "CountVectorizer(1,2)",
    "term_matrix(1,2)+aliases",
    "term_matrix(1,2) no aliases",
    "fold + CountVectorizer",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def make_corpus(n_docs: int, path: Path, seed: int = 0) -> dict:
    """Write ``n_docs`` synthetic documents (one JSON string per line)."""
    sys.path.insert(0, str(ROOT))
    import corpus_tools as ct

    docs = ct.load_corpus(SEEDS).docs
    sentences = []
    for text in docs["text"]:
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s) > 20]
    rng = random.Random(seed)
    n_chars = n_words = 0
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(n_docs):
            text = " ".join(rng.choices(sentences, k=rng.randint(4, 16)))
            n_chars += len(text)
            n_words += text.count(" ") + 1
            fh.write(json.dumps(text, ensure_ascii=False) + "\n")
    return {"docs": n_docs, "sentences": len(sentences), "mb": n_chars / 1e6, "words": n_words}


def run_one(name: str, path: Path) -> dict:
    """Run one contender in this process; return its timing and memory."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd
    from sklearn.feature_extraction.text import CountVectorizer

    import corpus_tools as ct
    from corpus_tools.aliases import AliasTable

    texts = [json.loads(line) for line in path.open(encoding="utf-8")]
    config = ct.load_config(SEEDS).to_dict()
    docs = ct.docs_frame(
        pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts}).to_dict(
            "records"
        ),
        config=config,
    )
    table = AliasTable.from_config(config)
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    if name == "CountVectorizer(1,2)":
        mat = CountVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    elif name == "term_matrix(1,2)+aliases":
        mat = ct.term_matrix(docs, ngram=(1, 2)).matrix
    elif name == "term_matrix(1,2) no aliases":
        mat = ct.term_matrix(docs, ngram=(1, 2), aliases=False).matrix
    elif name == "fold + CountVectorizer":
        mat = CountVectorizer(ngram_range=(1, 2)).fit_transform(table.fold_many(texts))
    else:
        raise ValueError(name)
    seconds = time.perf_counter() - t0
    return {
        "name": name,
        "seconds": seconds,
        "peak_rss_mb": _rss_mb(),
        "rss_before_mb": rss_before,
        "terms": int(mat.shape[1]),
        "nnz": int(mat.nnz),
        "sparse": type(mat).__name__,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="5,000 documents, one round")
    ap.add_argument("--docs", type=int, default=None, help="number of documents")
    ap.add_argument("--rounds", type=int, default=None, help="runs per contender (median shown)")
    ap.add_argument("--run", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(args.run, Path(args.data))))
        return 0
    n_docs = args.docs or (5_000 if args.quick else 50_000)
    rounds = args.rounds or (1 if args.quick else 3)
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        info = make_corpus(n_docs, data)
        print(
            f"corpus: {info['docs']:,} docs, {info['words']:,} words, {info['mb']:.1f} MB of text, "
            f"sampled from {info['sentences']} seed sentences; {rounds} round(s), median shown"
        )
        results: dict[str, list[dict]] = {c: [] for c in CONTENDERS}
        for r in range(rounds):
            order = CONTENDERS if r % 2 == 0 else CONTENDERS[::-1]
            for name in order:
                out = subprocess.run(
                    [sys.executable, __file__, "--run", name, "--data", str(data)],
                    capture_output=True, text=True, env=env, check=True,
                )  # fmt: skip
                results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = statistics.median(r["seconds"] for r in results[CONTENDERS[0]])
    header = f"{'contender':<30}{'seconds':>9}{'x base':>8}{'peak RSS MB':>13}{'(+ over data)':>15}{'terms':>10}{'nnz':>12}"
    print(header)
    print("-" * len(header))
    for name in CONTENDERS:
        rows = results[name]
        sec = statistics.median(r["seconds"] for r in rows)
        peak = max(r["peak_rss_mb"] for r in rows)
        extra = max(r["peak_rss_mb"] - r["rss_before_mb"] for r in rows)
        print(
            f"{name:<30}{sec:>9.2f}{sec / base:>8.2f}{peak:>13.0f}{'+' + format(extra, '.0f'):>15}"
            f"{rows[0]['terms']:>10,}{rows[0]['nnz']:>12,}"
        )
    ours = statistics.median(r["seconds"] for r in results[CONTENDERS[1]])
    verdict = "PASS" if ours <= 1.2 * base else "FAIL"
    print(
        f"\ntarget term_matrix(1,2)+aliases <= 1.2x CountVectorizer(1,2): {ours / base:.2f}x {verdict}"
    )
    print("all outputs are scipy.sparse CSR matrices; term counts differ because term_matrix")
    print("drops stopwords and folds spellings (fewer, merged terms).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
