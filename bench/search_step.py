"""The search step alone (portal/search: index copy, then Pagefind), two code versions in turn.

``invoke bench`` times the search index only as the difference of two full
builds, which the pace of a shared machine blurs. This script builds one site
once and then runs ``search.build_index`` on it again and again, each time in a
child process with one checkout or the other on PYTHONPATH, alternating:

    python bench/search_step.py prepare --docs 1000 --work /tmp/search-bench
    python bench/search_step.py compare --work /tmp/search-bench \\
        --code old=/path/to/main --code new=. --rounds 5

Each child reports the Python CPU time of the step (the copy), Pagefind's CPU
time and Pagefind's peak memory (``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETTINGS = os.path.join(ROOT, "pelicanconf.py")


def prepare(docs: int, work: str) -> None:
    """Write the corpus, build it without the search step and keep what it would index."""
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import corpus

    from portal import search, site_build

    corpus.write(work, docs, os.path.join(ROOT, "data", "ita"))
    corpus.commit(work)

    def keep(output_path, documents, bundle=None):
        with open(os.path.join(work, "documents.pickle"), "wb") as handle:
            pickle.dump(documents, handle)
        return {}

    search.build_index = keep
    overrides = {"PATH": os.path.join(work, "portal"), "OUTPUT_PATH": os.path.join(work, "site")}
    if not site_build.build(SETTINGS, overrides).ok:
        raise SystemExit("the corpus did not build")


def child(work: str) -> dict:
    """One search step on the prepared site, with the portal on PYTHONPATH."""
    from portal import search

    with open(os.path.join(work, "documents.pickle"), "rb") as handle:
        documents = pickle.load(handle)
    bundle = tempfile.mkdtemp(prefix="bundle-", dir=work)
    started = time.process_time()
    search.build_index(os.path.join(work, "site"), documents, bundle=os.path.join(bundle, "b"))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    pagefind = children.ru_utime + children.ru_stime
    return {"python": time.process_time() - started, "pagefind": pagefind,
            "pagefind_mb": children.ru_maxrss / 1024, "bundle": bundle}


def compare(work: str, codes: list[str], rounds: int) -> None:
    runs = {name: [] for name, _ in (code.split("=", 1) for code in codes)}
    paths = dict(code.split("=", 1) for code in codes)
    for number in range(rounds):
        order = list(paths) if number % 2 == 0 else list(paths)[::-1]
        for name in order:
            env = {**os.environ, "PYTHONPATH": os.path.abspath(paths[name])}
            done = subprocess.run([sys.executable, os.path.abspath(__file__), "child",
                                   "--work", work], env=env, capture_output=True, text=True,
                                  cwd=os.path.abspath(paths[name]), check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            subprocess.run(["rm", "-rf", figures.pop("bundle")], check=True)
            runs[name].append(figures)
            print(name, {key: round(value, 2) for key, value in figures.items()}, flush=True)
    for name, figures in runs.items():
        summary = {key: statistics.median(run[key] for run in figures) for key in figures[0]}
        total = sorted(run["python"] + run["pagefind"] for run in figures)
        print(f"{name}: median python {summary['python']:.2f} s, pagefind {summary['pagefind']:.2f}"
              f" s CPU, step {statistics.median(total):.2f} s ({total[0]:.2f}-{total[-1]:.2f}),"
              f" pagefind peak {summary['pagefind_mb']:.0f} MB")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("prepare", "compare", "child"))
    parser.add_argument("--work", required=True)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--code", action="append", default=[], help="name=checkout")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.mode == "prepare":
        prepare(args.docs, args.work)
    elif args.mode == "child":
        print(json.dumps(child(args.work)))
    else:
        compare(args.work, args.code, args.rounds)


if __name__ == "__main__":
    main()
