"""A build killed at any moment leaves no work folder behind.

The kills are real (SIGKILL, as the out-of-memory killer or a power cut would
stop a build: no ``finally`` runs), so each build that is killed runs in a
subprocess of its own.
"""

import os
import signal
import subprocess
import sys
import textwrap

from conftest import DEV_SETTINGS, ROOT, announcement

TESTS = os.path.dirname(os.path.abspath(__file__))
WORK_PREFIXES = (".output-staging-", ".output-retired-", ".output-spare-",
                 ".search-index-copy-", ".search-bundle-")


def run_python(*parts: str) -> subprocess.CompletedProcess:
    """Run the code ``parts`` (each indented as it likes) in a new Python process."""
    prelude = (f"import sys\nsys.path[:0] = [{TESTS!r}, {os.path.join(ROOT, 'plugins')!r}]\n"
               f"DEV_SETTINGS = {DEV_SETTINGS!r}\n")
    code = prelude + "".join(textwrap.dedent(part) for part in parts)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)


def build_code(site) -> str:
    """Python code that builds ``site`` as Site.build does, printing the result's message."""
    return f"""
        import site_build
        result = site_build.build(DEV_SETTINGS, overrides={{
            "PATH": {str(site.content)!r}, "OUTPUT_PATH": {str(site.output)!r}}})
        print(result.message)
    """


def work_folders(site) -> list:
    return sorted(name for name in os.listdir(site.output.parent) if name.startswith(WORK_PREFIXES))


# --------------------------------------------------------------- work folders

KILL_IN_PAGEFIND = """
    import os, signal, subprocess
    run = subprocess.run

    def killed_in_pagefind(command, *args, **kwargs):
        if "pagefind" in command:
            os.kill(os.getpid(), signal.SIGKILL)
        return run(command, *args, **kwargs)

    subprocess.run = killed_in_pagefind
"""


def test_work_folders_of_a_killed_build_are_removed_by_the_next_build(site):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    run = run_python(KILL_IN_PAGEFIND, build_code(site))
    assert run.returncode == -signal.SIGKILL, run.stderr
    left = work_folders(site)
    # Killed while Pagefind indexed: its staging folder (a whole site) and the index copy.
    assert [name[:-8] for name in left] == [".output-staging-", ".search-index-copy-"]
    for prefix in (".output-retired-", ".output-spare-", ".search-bundle-"):
        (site.output.parent / f"{prefix}killed" / "documents").mkdir(parents=True)
        (site.output.parent / f"{prefix}killed" / "documents" / "index.html").write_text("x")
    assert site.build().ok
    assert work_folders(site) == []


# Makes one work folder of each kind, owned by this process, prints their
# paths, and keeps them until its input closes or it is killed.
HOLD_WORK_FOLDERS = """
    from site_build.work_folders import WorkFolder
    held = [WorkFolder.make(prefix, {parent!r}) for prefix in {prefixes!r}]
    print(" ".join(folder.path for folder in held), flush=True)
    sys.stdin.read()
"""


def test_work_folders_of_a_live_process_are_kept_until_it_dies(site):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    code = HOLD_WORK_FOLDERS.format(parent=str(site.output.parent), prefixes=WORK_PREFIXES)
    os.makedirs(site.output.parent)
    prelude = f"import sys\nsys.path[:0] = [{os.path.join(ROOT, 'plugins')!r}]\n"
    holder = subprocess.Popen([sys.executable, "-c", prelude + textwrap.dedent(code)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        held = holder.stdout.readline().split()
        assert len(held) == len(WORK_PREFIXES)
        assert site.build().ok  # `invoke build` while another command works beside it
        assert all(os.path.isdir(path) for path in held)
    finally:
        holder.kill()
        holder.wait()
    assert site.build().ok  # the kernel released the dead process's locks
    assert work_folders(site) == []


def test_the_spare_of_invoke_serve_survives_a_build_of_another_process(site):
    from site_build import settle
    from test_read_cache import WARM, touch_later

    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    assert site.build(**WARM).ok
    settle()  # the new site's folders are copied into a spare, for the next rebuild
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 2")})
    touch_later(site.content / "documents/a.md")
    assert site.build(**WARM).ok
    settle()  # the replaced site is emptied of its files: the spare of the next rebuild
    spares = [name for name in work_folders(site) if name.startswith(".output-spare-")]
    assert len(spares) == 1
    run = run_python(build_code(site))  # `invoke check` or `build` in another terminal
    assert run.returncode == 0, run.stderr
    assert work_folders(site) == spares
