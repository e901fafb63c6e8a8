"""The benchmark behind ``invoke bench``: our build against plain Pelican on one corpus.

For each N it writes a corpus (bench/corpus.py) into a temporary folder and
measures, each in a child process of its own so that its peak memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss`` in the child) is its own:

* ours, full: ``site_build.build`` with the real settings, theme and plugins;
* ours, warm: the same process builds; then three times one more document is
  edited and it builds again, which is what ``invoke serve`` does on every
  save (imports done; only the edited document is read and made again,
  portal/rebuild/documents.py; pages whose inputs did not change are reused,
  portal/rebuild/pages.py; the previous build's spare folders are ready,
  site_build.settle, as a staff member saves seconds later); the figure is
  the median of the three, and the search index made afterwards is timed on
  its own;
* plain Pelican, full: Pelican 4.12 on the same Markdown bodies with Pelican's
  own metadata lines, its "simple" theme, the same URLs and the same listing
  pages switched off, content cache off;
* plain Pelican, warm: the same process runs with CACHE_CONTENT and
  LOAD_CONTENT_CACHE on (the reader layer), one document is edited, and it
  runs again, as ``pelican --autoreload`` does;
* ours without search indexing (the search plugin left out of PLUGINS) and
  plain Pelican, full, built in turn ``--repeat`` times (default 3): the
  ratio of the two is the like-for-like comparison (plain Pelican makes no
  search index), reported as the median of the pairs and their range, since
  the pace of a shared machine drifts between runs;
* search indexing: ours full minus the median of ours without search;
* output size and file count of each site.

Not a test: timings depend on the machine. Run ``invoke bench --docs 1000 --docs 5000``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SETTINGS = os.path.join(ROOT, "pelicanconf.py")
EDIT = "\n\nย่อหน้าที่เพิ่มเพื่อวัดเวลาสร้างใหม่หลังแก้ไขเอกสารหนึ่งฉบับ\n"
WARM_REBUILDS = 3  # one-document rebuilds timed in the warm process


# ---------------------------------------------------------------- children


def _plain_settings(corpus: str, output: str, cache: bool) -> dict:
    from pelican.settings import read_settings

    portal = read_settings(SETTINGS)
    overrides = {
        "PATH": os.path.join(corpus, "plain"),
        "OUTPUT_PATH": output,
        "THEME": "simple",
        "TIMEZONE": "Asia/Bangkok",
        "DEFAULT_LANG": "th",
        "RELATIVE_URLS": True,
        "ARTICLE_PATHS": ["documents"],
        "PAGE_PATHS": ["pages"],
        # Pelican's default: its cached rebuild writes over the previous site
        # (the bench removes the output folder before each full build).
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_CONTENT": cache,
        "LOAD_CONTENT_CACHE": cache,
        "CONTENT_CACHING_LAYER": "reader",
        "CACHE_PATH": os.path.join(corpus, "plain-cache"),
    }
    overrides["DIRECT_TEMPLATES"] = ["index"]  # the simple theme has no 404 page
    for key in ("ARTICLE_URL", "ARTICLE_SAVE_AS", "PAGE_URL", "PAGE_SAVE_AS",
                "INDEX_SAVE_AS", "CATEGORY_SAVE_AS", "CATEGORIES_SAVE_AS", "TAG_SAVE_AS",
                "TAGS_SAVE_AS", "AUTHOR_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS",
                "YEAR_ARCHIVE_SAVE_AS", "MONTH_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_SAVE_AS",
                "DEFAULT_PAGINATION", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM",
                "TRANSLATION_FEED_ATOM", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS", "MARKDOWN",
                "ARTICLE_TRANSLATION_ID", "PAGE_TRANSLATION_ID"):
        overrides[key] = portal[key]
    return read_settings(None, override=overrides)


def _cpu_seconds() -> float:
    """CPU time of this process and of the programs it ran (Pagefind is one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _run_plain(settings: dict) -> float:
    import logging

    from pelican import Pelican

    logging.getLogger("pelican").setLevel(logging.ERROR)
    started, cpu = time.monotonic(), _cpu_seconds()
    Pelican(dict(settings)).run()
    return time.monotonic() - started, _cpu_seconds() - cpu


def _run_ours(corpus: str, output: str, plugins=None, session=None, search_later=False):
    """One build; with ``session`` (a rebuild.Session) as `invoke serve` builds."""
    from portal import search, site_build

    overrides = {"PATH": os.path.join(corpus, "portal"), "OUTPUT_PATH": output}
    if search_later:
        overrides[search.LATER_SETTING] = True  # as `invoke serve` rebuilds
    if plugins is not None:
        overrides["PLUGINS"] = plugins
    # Imported before the clock starts, as _run_plain imports Pelican.
    for name in site_build.load_settings(SETTINGS, overrides)["PLUGINS"]:
        importlib.import_module(name)
    started, cpu = time.monotonic(), _cpu_seconds()
    result = site_build.build(SETTINGS, overrides, session=session)
    seconds, cpu = time.monotonic() - started, _cpu_seconds() - cpu
    if not result.ok:
        raise SystemExit("the benchmark corpus did not build:\n" + result.message)
    return seconds, cpu


def _edit(corpus: str, tree: str, nth: int = 0) -> tuple[str, str]:
    """Append a paragraph to the ``nth`` document after the middle one; returns
    (path, old text)."""
    with open(os.path.join(corpus, "documents.json"), encoding="utf-8") as handle:
        listing = json.load(handle)
    path = listing[len(listing) // 2 + nth]
    if tree == "plain":
        path = path.replace(os.sep + "portal" + os.sep, os.sep + "plain" + os.sep)
    with open(path, encoding="utf-8") as handle:
        old = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(old + EDIT)
    return path, old


def child(mode: str, corpus: str, output: str, profile: str = "") -> dict:
    figures = {}
    if mode == "ours-full":
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        figures["seconds"], figures["cpu"] = _run_ours(corpus, output)
        if profile:
            profiler.disable()
            profiler.dump_stats(profile)
    elif mode == "ours-warm":
        from portal import rebuild, search, site_build

        session = rebuild.Session()
        figures["first"], _ = _run_ours(corpus, output, session=session)
        site_build.settle(session)
        # Three saves, each of another document, as a staff member makes them
        # seconds apart; the figure is their median.
        edits = []
        try:
            rebuilds = []
            for nth in range(WARM_REBUILDS):
                edits.append(_edit(corpus, "portal", nth))
                rebuilds.append(_run_ours(corpus, output, session=session, search_later=True))
                site_build.settle(session)
            figures["rebuilds"] = sorted(rebuilds)
            figures["seconds"], figures["cpu"] = figures["rebuilds"][len(rebuilds) // 2]
            figures["reused"] = session.pages_reused
            figures["documents_reused"] = session.documents_reused
            # What `invoke serve` then runs in a thread: the search index catches up.
            started, cpu = time.monotonic(), _cpu_seconds()
            search.later_index(session).run(output)
            figures["search_after"] = (time.monotonic() - started, _cpu_seconds() - cpu)
        finally:
            for path, old in edits:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(old)
    elif mode == "ours-nosearch":
        from portal import site_build

        plugins = site_build.load_settings(SETTINGS)["PLUGINS"]
        without_search = [p for p in plugins if "search" not in str(p)]
        figures["seconds"], figures["cpu"] = _run_ours(corpus, output, without_search)
    elif mode == "plain-full":
        figures["seconds"], figures["cpu"] = _run_plain(
            _plain_settings(corpus, output, cache=False))
    elif mode == "plain-pagefind":
        # What a user would pick instead of ours: plain Pelican, then stock Pagefind
        # (its defaults) on Pelican's output.
        seconds, cpu = _run_plain(_plain_settings(corpus, output, cache=False))
        started, before = time.monotonic(), _cpu_seconds()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", output, "--quiet"],
                       check=True, capture_output=True)
        figures["pagefind_seconds"] = time.monotonic() - started
        figures["pagefind_cpu"] = _cpu_seconds() - before
        figures["seconds"] = seconds + figures["pagefind_seconds"]
        figures["cpu"] = cpu + figures["pagefind_cpu"]
    elif mode == "plain-warm":
        settings = _plain_settings(corpus, output, cache=True)
        shutil.rmtree(settings["CACHE_PATH"], ignore_errors=True)
        figures["first"], _ = _run_plain(settings)
        path, old = _edit(corpus, "plain")
        try:
            figures["seconds"], figures["cpu"] = _run_plain(settings)
        finally:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(old)
    else:
        raise SystemExit(f"unknown mode {mode}")
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The largest program the build ran (Pagefind): its memory is not the build's own.
    figures["program_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def _in_child(mode: str, corpus: str, output: str, profile: str = "") -> dict:
    command = [sys.executable, os.path.abspath(__file__), "--child", mode,
               "--corpus", corpus, "--output", output]
    if profile:
        command += ["--profile", profile]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def _size(folder: str) -> tuple[int, int]:
    total = count = 0
    for base, _dirs, files in os.walk(folder):
        for name in files:
            total += os.path.getsize(os.path.join(base, name))
            count += 1
    return total, count


def machine() -> str:
    import pelican

    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as handle:
            memory = next(line.split()[1] for line in handle if line.startswith("MemTotal"))
        memory = f"{int(memory) / 1024 / 1024:.1f} GiB"
    except OSError:
        memory = "unknown"
    return (f"nproc {os.cpu_count()}, CPU {model}, memory {memory}, "
            f"Python {platform.python_version()}, Pelican {pelican.__version__}, "
            f"{platform.system()} {platform.release()}")


def measure(count: int, work: str, profile: str = "", repeat: int = 3) -> dict:
    import corpus as corpus_module

    from portal import site_build

    folder = os.path.join(work, f"corpus-{count}")
    shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    written = corpus_module.write(folder, count, os.path.join(ROOT, "data", "ita"))
    with open(os.path.join(folder, "documents.json"), "w") as handle:
        json.dump(written["documents"], handle)
    committed = corpus_module.commit(folder)
    result = {"docs": count, "corpus_seconds": time.monotonic() - started, "git": committed}
    outputs = {name: os.path.join(folder, f"out-{name}") for name in ("ours", "plain")}
    result["ours_full"] = _in_child("ours-full", folder, outputs["ours"])
    if profile:  # a run of its own: the profiler slows the build it watches
        _in_child("ours-full", folder, os.path.join(folder, "out-profiled"), profile)
    # The comparison with plain Pelican: both builds in turn, `repeat` times,
    # so that a change of the shared machine's pace touches both alike.
    result["pairs"] = []
    # Each starts with no output folder, as the first did: plain Pelican would
    # delete the previous one inside its timed run, and ours would swap it out.
    nosearch = os.path.join(folder, "out-nosearch")
    for _ in range(repeat):
        shutil.rmtree(nosearch, ignore_errors=True)
        without = _in_child("ours-nosearch", folder, nosearch)
        shutil.rmtree(outputs["plain"], ignore_errors=True)
        plain = _in_child("plain-full", folder, outputs["plain"])
        result["pairs"].append({"ours_nosearch": without, "plain_full": plain})
    # The full builds against plain Pelican followed by stock Pagefind, in turn too.
    result["search_pairs"] = []
    for _ in range(repeat):
        shutil.rmtree(outputs["ours"], ignore_errors=True)
        ours = _in_child("ours-full", folder, outputs["ours"])
        shutil.rmtree(outputs["plain"], ignore_errors=True)
        stock = _in_child("plain-pagefind", folder, outputs["plain"])
        result["search_pairs"].append({"ours_full": ours, "plain_pagefind": stock})
    result["ours_size"] = _size(outputs["ours"])
    result["plain_size"] = _size(outputs["plain"])
    result["ours_warm"] = _in_child("ours-warm", folder, outputs["ours"])
    result["plain_warm"] = _in_child("plain-warm", folder, outputs["plain"])
    plugins = site_build.load_settings(SETTINGS)["PLUGINS"]
    result["search_plugin"] = any("search" in str(p) for p in plugins)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def _median(result: dict, name: str) -> dict:
    """The run of ``name`` with the median CPU time among the pairs."""
    runs = sorted((pair[name] for pair in result["pairs"]), key=lambda run: run["cpu"])
    return runs[len(runs) // 2]


def _ratios(result: dict, measure: str) -> list:
    return sorted(pair["ours_nosearch"][measure] / pair["plain_full"][measure]
                  for pair in result["pairs"])


def _spread(ratios: list) -> str:
    return f"{ratios[len(ratios) // 2]:.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f}, {len(ratios)} pairs)"


def report(results: list[dict]) -> str:
    lines = [f"Machine: {machine()}", f"Load average at the end: {os.getloadavg()}", ""]
    header = "| measure | " + " | ".join(f"{r['docs']:,} documents" for r in results) + " |"
    lines += [header, "|---|" + "---|" * len(results)]

    def row(label, cell):
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    def both(figures):
        return f"{figures['seconds']:.1f} s ({figures['cpu']:.1f} s CPU)"

    row("corpus in a git repository (git_dates reads it)", lambda r: "yes" if r.get("git") else
        "no: git is missing")
    row("full build, ours without search indexing: wall (CPU), median of the pairs",
        lambda r: both(_median(r, "ours_nosearch")))
    row("full build, plain Pelican: wall (CPU), median of the pairs",
        lambda r: both(_median(r, "plain_full")))
    row("**ratio ours without search indexing / plain, CPU time** (target <= 1.2 at 5,000): "
        "median (lowest-highest) of the pairs", lambda r: _spread(_ratios(r, "cpu")))
    row("same ratio, wall time", lambda r: _spread(_ratios(r, "seconds")))
    row("full build, ours with every plugin (search indexing included): wall (CPU)",
        lambda r: both(r["ours_full"]))
    row("ratio ours with search indexing / plain, CPU time (plain: median)",
        lambda r: f"{r['ours_full']['cpu'] / _median(r, 'plain_full')['cpu']:.2f}")
    row("**ratio ours with the Thai index / (plain Pelican + stock Pagefind on its output), "
        "CPU time** (target <= 1.0 at 5,000): median (lowest-highest) of the pairs",
        lambda r: _spread(sorted(pair["ours_full"]["cpu"] / pair["plain_pagefind"]["cpu"]
                                 for pair in r["search_pairs"])))
    row("plain Pelican + stock Pagefind: wall (CPU), median of the pairs; Pagefind alone CPU",
        lambda r: (lambda m: both(m) + f"; {m['pagefind_cpu']:.1f} s")(sorted(
            (pair["plain_pagefind"] for pair in r["search_pairs"]), key=lambda x: x["cpu"])[
            len(r["search_pairs"]) // 2]))
    row("ours with every plugin in those pairs: wall (CPU), median",
        lambda r: both(sorted((pair["ours_full"] for pair in r["search_pairs"]),
                              key=lambda x: x["cpu"])[len(r["search_pairs"]) // 2]))
    row("peak memory of stock Pagefind on plain Pelican's output",
        lambda r: f"{r['search_pairs'][0]['plain_pagefind']['program_peak_mb']:.0f} MB")
    row("search indexing (CPU: ours with every plugin minus the median without search)",
        lambda r: (f"{r['ours_full']['cpu'] - _median(r, 'ours_nosearch')['cpu']:.1f} s"
                   if r["search_plugin"] else "no search plugin in PLUGINS"))
    row("rebuild after editing one document, ours: warm process (target < 3 s at 5,000): "
        "median (lowest-highest) of three saves",
        lambda r: both(r["ours_warm"]) + " ({:.1f}-{:.1f} s)".format(
            r["ours_warm"]["rebuilds"][0][0], r["ours_warm"]["rebuilds"][-1][0]))
    row("of the documents, taken from the previous build (not read again)",
        lambda r: f"{r['ours_warm']['documents_reused']:,}")
    row("of the pages, reused unchanged by that rebuild", lambda r: f"{r['ours_warm']['reused']:,}")
    row("then the search index catches up (a thread in invoke serve)",
        lambda r: "{:.1f} s ({:.1f} s CPU)".format(*r["ours_warm"]["search_after"]))
    row("rebuild after editing one document, plain Pelican: reader cache",
        lambda r: both(r["plain_warm"]))
    row("output size, ours", lambda r: f"{r['ours_size'][0] / 1e6:.1f} MB, "
                                       f"{r['ours_size'][1]:,} files")
    row("output size, plain Pelican", lambda r: f"{r['plain_size'][0] / 1e6:.1f} MB, "
                                                f"{r['plain_size'][1]:,} files")
    row("peak memory, ours full build", lambda r: f"{r['ours_full']['peak_mb']:.0f} MB")
    row("peak memory of the program it runs (Pagefind), full build",
        lambda r: f"{r['ours_full']['program_peak_mb']:.0f} MB")
    row("peak memory, plain Pelican full build",
        lambda r: f"{r['pairs'][0]['plain_full']['peak_mb']:.0f} MB")
    row("peak memory, ours warm (four builds)", lambda r: f"{r['ours_warm']['peak_mb']:.0f} MB")
    return "\n".join(lines)


def _save(results: list[dict], path: str) -> None:
    with open(path, "w") as handle:
        json.dump(results, handle, indent=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append")
    parser.add_argument("--work", default="")
    parser.add_argument("--profile", default="", help="cProfile file of our full build")
    parser.add_argument("--child", default="")
    parser.add_argument("--corpus", default="")
    parser.add_argument("--output", default="")
    parser.add_argument("--json", default="", help="also write the figures to this file")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of ours without search and of plain Pelican, in turn")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.corpus, args.output, args.profile)))
        return
    work = args.work or tempfile.mkdtemp(prefix="portal-bench-")
    results = []
    for count in args.docs or [1000]:
        print(f"bench: {count} documents ...", file=sys.stderr, flush=True)
        profile = f"{args.profile}.{count}" if args.profile else ""
        results.append(measure(count, work, profile, max(1, args.repeat)))
        if args.json:  # after each N, so that a long run keeps what it measured
            _save(results, args.json)
    if args.json:
        _save(results, args.json)
    print(report(results))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
