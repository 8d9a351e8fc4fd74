"""The ``corpus-tools`` command line.

``corpus-tools build SRC -o OUT`` normalises a folder of pages into Parquet tables
and prints a one-screen summary; ``corpus-tools summary OUT`` prints it again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import Corpus, CorpusFileError, load_corpus


def summary(corpus: Corpus) -> str:
    """A one-screen text summary: files, documents by kind, removed lines by role, errors.

    >>> import corpus_tools as ct
    >>> print(summary(ct.load_corpus("seeds")))  # doctest: +ELLIPSIS
    files      5 (ok 5)
    documents  27 (article 14, comment 13) from 5 files, ... words, 10 dated
    sites      (not shown) 17, nejatngo.org 10
    ...
    """
    files, docs, lines = corpus.files, corpus.docs, corpus.lines
    status = files["status"].value_counts()
    kinds = docs["kind"].value_counts()
    out = [
        f"files      {len(files)} ({_counts(status)})",
        f"documents  {len(docs)} ({_counts(kinds)}) from {docs['source'].nunique()} files, "
        f"{int(docs['n_words'].sum()):,} words, {int(docs['published'].notna().sum())} dated",
        f"sites      {_counts(docs['site'].fillna('(not shown)').value_counts())}",
        f"lines      {len(lines):,}: {int(lines['doc_id'].notna().sum()):,} in documents, "
        f"{int(lines['doc_id'].isna().sum()):,} removed",
    ]
    removed = lines.loc[lines["doc_id"].isna(), "role"].value_counts()
    if len(removed):
        out.append("removed    " + _counts(removed))
    langs = docs["lang"].fillna("?").value_counts()
    out.append("languages  " + _counts(langs))
    bad = files[files["status"] != "ok"]
    for row in bad.head(10).itertuples():
        out.append(f"  {row.status:<8} {row.source}: {row.error}")
    if len(bad) > 10:
        out.append(f"  ... and {len(bad) - 10} more files with problems (see files.parquet)")
    return "\n".join(out)


def _counts(series) -> str:
    items = sorted(series.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return ", ".join(f"{k} {v:,}" for k, v in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="corpus-tools", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="normalise a folder of pages into Parquet tables")
    build.add_argument("src", help="folder (or file) of .txt/.md pages")
    build.add_argument("-o", "--out", required=True, help="output folder for docs/lines/files.parquet")
    build.add_argument("-j", "--jobs", type=int, default=1, help="processes sharing the work, this one included (-1: all cores)")
    build.add_argument("--config", help="corpus.toml to use (default: the one in SRC)")
    build.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    build.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    show = sub.add_parser("summary", help="summarise a corpus written by build")
    show.add_argument("dir")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            corpus = load_corpus(
                args.src, config=args.config, n_jobs=args.jobs, strict=args.strict, progress=args.progress
            )
            out = corpus.to_parquet(args.out)
            print(summary(corpus))
            print(f"written    {Path(out).resolve()}/{{docs,lines,files}}.parquet")
        else:
            print(summary(Corpus.read_parquet(args.dir)))
    except (FileNotFoundError, ValueError, CorpusFileError) as exc:
        print(f"corpus-tools: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
