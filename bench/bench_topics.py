"""Benchmark: topic models on a synthetic corpus with known topics.

Contenders (same documents, same run, each in its own subprocess so its peak
memory is its own):

* ``fit_topics`` default (batch NMF here; mini-batch above ``LARGE_CORPUS`` documents),
* ``fit_topics`` with batch NMF, MiniBatchNMF, and scikit-learn LDA (online, one start),
* gensim ``LdaMulticore`` (``workers=2``) as the peer.

Every contender starts from the raw texts (tokenising and counting are part of
its time) and keeps the same vocabulary limits (``min_df=2``, ``max_df=0.95``).
Quality is measured against the true topics: mean matched top-10 Jaccard overlap
(:func:`corpus_tools.topics.match_topics`) and mean NPMI of the top-10 terms
(sliding window of 10 tokens, :func:`corpus_tools.topics.topic_coherence`),
computed identically for all contenders.

Usage: ``.venv/bin/python bench/bench_topics.py [--quick]`` (gensim is in the
``bench`` extra: ``.venv/bin/pip install gensim``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

K = 20
VOCAB = 5000
DOC_LENGTH = 80
CONTENDERS = {
    "ours: fit_topics default": {"method": "nmf"},
    "ours: NMF (batch)": {"method": "nmf", "solver": "batch"},
    "ours: MiniBatchNMF": {"method": "nmf", "solver": "minibatch"},
    "ours: sklearn LDA (online, 1 start)": {"method": "lda", "solver": "minibatch", "n_init": 1},
    "gensim LdaMulticore (workers=2)": None,
}


def _data(n_docs):
    from corpus_tools.topics import synthetic_corpus

    return synthetic_corpus(n_docs, K, vocab_size=VOCAB, doc_length=DOC_LENGTH, random_state=0)


def _rss_mb():
    """Peak resident memory of this process in MB.

    ``VmHWM`` is reset by ``exec``, unlike ``ru_maxrss``, which a child started
    with fork+exec inherits from its (larger) parent.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_one(name, path):
    """Child process: fit one contender, print JSON (time, memory, top terms, solver)."""
    import pandas as pd

    docs = pd.read_parquet(path)
    base = _rss_mb()
    params = CONTENDERS[name]
    if params is None:  # imports (and, for ours, lazy imports: a tiny warm-up fit) are not timed
        from gensim.corpora import Dictionary
        from gensim.models import LdaMulticore
    else:
        from corpus_tools.topics import fit_topics, synthetic_corpus

        fit_topics(synthetic_corpus(50, 2, vocab_size=40)[0], 2, coherence=None, **params)
    t0 = time.perf_counter()
    if params is None:
        texts = [t.split() for t in docs["text"].tolist()]
        vocab = Dictionary(texts)
        vocab.filter_extremes(no_below=2, no_above=0.95, keep_n=None)
        bow = [vocab.doc2bow(t) for t in texts]
        lda = LdaMulticore(bow, num_topics=K, id2word=vocab, workers=2, passes=2,
                           chunksize=2000, random_state=0)  # fmt: skip
        elapsed = time.perf_counter() - t0
        top = [[w for w, _ in lda.show_topic(t, topn=10)] for t in range(K)]
        solver = "passes=2, chunksize=2000"
    else:
        model = fit_topics(docs, K, coherence=None, **params)
        elapsed = time.perf_counter() - t0
        top = [g["term"].tolist() for _, g in model.terms.groupby("topic", sort=True)]
        solver = f"{model.method}/{model.solver}"
    print(
        json.dumps({"time": elapsed, "rss": _rss_mb(), "base": base, "top": top, "solver": solver})
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="5,000 documents instead of 50,000")
    ap.add_argument("--docs", type=int, default=None)
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--data", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    n_docs = args.docs or (5_000 if args.quick else 50_000)
    if args.child:
        _run_one(args.child, args.data)
        return
    import tempfile

    from corpus_tools.topics import LARGE_CORPUS, match_topics, topic_coherence

    docs, truth = _data(n_docs)
    n_tokens = int(docs["n_words"].sum())
    print(f"synthetic corpus: {n_docs:,} docs, {n_tokens:,} tokens, {VOCAB:,} words, k={K} "
          f"true topics (fit_topics default goes mini-batch above {LARGE_CORPUS:,} docs)")  # fmt: skip
    truth_npmi = topic_coherence(truth, docs)["npmi"].mean()
    rows = []
    tmp = tempfile.TemporaryDirectory()
    data = str(Path(tmp.name) / "docs.parquet")
    docs.to_parquet(data)  # each contender reads the same documents
    for name in CONTENDERS:
        env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONHASHSEED="0")
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name, "--data", data],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            err = proc.stderr.strip().splitlines()[-1:] or ["?"]
            print(f"  {name}: failed ({err[0]})")
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        quality = match_topics(res["top"], truth)["jaccard"].mean()
        npmi = topic_coherence(res["top"], docs)["npmi"].mean()
        rows.append((name, res["solver"], res["time"], res["rss"], res["rss"] - res["base"],
                     quality, npmi))  # fmt: skip
        print(f"  done: {name} ({res['time']:.1f} s)", flush=True)
    tmp.cleanup()
    gensim = next((r for r in rows if r[0].startswith("gensim")), None)
    print()
    header = (f"{'contender':38} {'solver':26} {'fit s':>7} {'vs gensim':>9} {'peak MB':>8} "
              f"{'+MB fit':>8} {'match@10':>9} {'NPMI':>7}")  # fmt: skip
    print(header)
    print("-" * len(header))
    for name, solver, t, rss, delta, q, npmi in rows:
        speed = f"{gensim[2] / t:.1f}x" if gensim else "n/a"
        print(
            f"{name:38} {solver:26} {t:7.1f} {speed:>9} {rss:8.0f} {delta:8.0f} {q:9.3f} {npmi:7.3f}"
        )
    print(f"{'true topics (reference)':38} {'':26} {'':>7} {'':>9} {'':>8} {'':>8} {1:9.3f} "
          f"{truth_npmi:7.3f}")  # fmt: skip
    print(
        "\nfit s: wall time from raw texts (tokenising + counting + fitting); peak MB: the "
        "contender's process peak RSS (Python, libraries and the docs table included); "
        "+MB fit: peak growth during the fit; match@10: mean matched top-10 Jaccard with "
        "the true topics; NPMI: mean top-10 NPMI, 10-token windows, same corpus."
    )
    if gensim is None:
        print("gensim not available: install it with `.venv/bin/pip install gensim`")


if __name__ == "__main__":
    main()
