"""A build killed at any moment, or stopped by a full disk, keeps a whole site online
and leaves no work folder behind.

The kills are real (SIGKILL, as the out-of-memory killer or a power cut would
stop a build: no ``finally`` runs), so each build that is killed runs in a
subprocess of its own.
"""

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import DEV_SETTINGS, announcement

TESTS = os.path.dirname(os.path.abspath(__file__))
PAGE = "documents/announcement-2568-001/index.html"
BAD = announcement(slug="bad-1", date="31 กันยายน 2568")  # no such day: the build fails
WORK_PREFIXES = (".output-staging-", ".output-retired-", ".output-spare-",
                 ".search-index-copy-", ".search-bundle-")


def run_python(*parts: str) -> subprocess.CompletedProcess:
    """Run the code ``parts`` (each indented as it likes) in a new Python process."""
    prelude = f"DEV_SETTINGS = {DEV_SETTINGS!r}\n"
    code = prelude + "".join(textwrap.dedent(part) for part in parts)
    # Run in tests/: `python -c` imports from its working folder (conftest's helpers).
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=TESTS)


def build_code(site) -> str:
    """Python code that builds ``site`` as Site.build does, printing the result's message."""
    return f"""
        from portal import site_build
        result = site_build.build(DEV_SETTINGS, overrides={{
            "PATH": {str(site.content)!r}, "OUTPUT_PATH": {str(site.output)!r},
            "ORGANISATION_DATA": ""}})
        print(result.message)
    """


def site_files(folder) -> set:
    """The files of a site but its search bundle (whose file names follow the text)."""
    return {os.path.relpath(os.path.join(base, name), folder)
            for base, _dirs, names in os.walk(folder) for name in names
            if not os.path.relpath(base, folder).startswith("pagefind")}


def online_version(site, files: set) -> int:
    """The version of the site at ``output/``: every file there, all of one version."""
    assert site.output.is_dir(), "no site online"
    assert site_files(site.output) == files
    versions = {re.search(r"ประกาศรุ่น (\d+)", site.read(name))[1] for name in ("index.html", PAGE)}
    assert len(versions) == 1, f"home page and document page of different builds: {versions}"
    return int(versions.pop())


def work_folders(site) -> list:
    return sorted(name for name in os.listdir(site.output.parent) if name.startswith(WORK_PREFIXES))


# ------------------------------------------------------------------ the swap

# Builds the site, SIGKILLed at the given point of the swap (site_build._swap_in):
# 0 as it starts, k after its k-th rename or exchange of names (os.rename,
# site_build.swap.exchange). A build whose swap has fewer steps ends normally.
# With FALLBACK, libc's renameat2 answers as on a file system that cannot exchange.
KILL_IN_SWAP = """
    import os, signal, ctypes, errno
    from portal import site_build

    POINT, FALLBACK = {point}, {fallback}
    steps = []

    def step(name):
        steps.append(name)
        if len(steps) - 1 == POINT:
            os.kill(os.getpid(), signal.SIGKILL)

    def counted(function):
        def call(*args, **kwargs):
            result = function(*args, **kwargs)
            if steps:  # only within the swap
                step(function.__name__)
            return result
        return call

    def swap_in(*args, **kwargs):
        step("start")
        return real_swap_in(*args, **kwargs)

    def unsupported(*args):  # renameat2 as on a file system without RENAME_EXCHANGE
        ctypes.set_errno(errno.EINVAL)
        return -1

    real_swap_in, site_build._swap_in = site_build._swap_in, swap_in
    os.rename = counted(os.rename)
    swap = getattr(site_build, "swap", None)
    if swap is not None:
        swap.exchange = counted(swap.exchange)
        if FALLBACK:
            swap._RENAMEAT2 = unsupported
"""


@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "two-renames"])
def test_a_build_killed_at_any_step_of_the_swap_leaves_a_whole_site(site, fallback):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 0")})
    assert site.build().ok
    files = site_files(site.output)
    online = 0
    for point in range(10):
        version = point + 1
        site.add({"documents/a.md": announcement(title=f"ประกาศรุ่น {version}")})
        run = run_python(KILL_IN_SWAP.format(point=point, fallback=fallback), build_code(site))
        finished = run.returncode == 0
        assert finished or run.returncode == -signal.SIGKILL, run.stderr
        if not fallback:  # one rename in one step: never a moment without a site
            assert online_version(site, files) in (online, version)
        # The next build finds a whole site online, even one that fails: a
        # build killed between the two renames of the fallback left none, and
        # the old site under a retired name, which it puts back first.
        site.add({"documents/bad.md": BAD})
        assert not site.build().ok
        os.remove(site.content / "documents/bad.md")
        now = online_version(site, files)
        assert now in (online, version)
        online = now
        if finished:
            break
    assert finished and point >= 3, "the swap should take a start and at least two steps"
    assert online == version


def test_a_retired_site_left_without_output_is_put_back_even_by_a_failing_build(site):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    assert site.build().ok
    files = site_files(site.output)
    older = site.output.parent / ".output-retired-older"
    older.mkdir()
    os.utime(older, (1_000_000_000, 1_000_000_000))
    retired = site.output.parent / ".output-retired-killed"
    os.rename(site.output, retired)  # as a build killed between the two renames leaves it
    site.add({"documents/bad.md": BAD})
    result = site.build()
    assert not result.ok and "bad.md" in result.message
    assert online_version(site, files) == 1
    assert work_folders(site) == []


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
    from portal.work_folders import WorkFolder
    held = [WorkFolder.make(prefix, {parent!r}) for prefix in {prefixes!r}]
    print(" ".join(folder.path for folder in held), flush=True)
    sys.stdin.read()
"""


def test_work_folders_of_a_live_process_are_kept_until_it_dies(site):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    code = HOLD_WORK_FOLDERS.format(parent=str(site.output.parent), prefixes=WORK_PREFIXES)
    os.makedirs(site.output.parent)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)],
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
    from test_read_cache import WARM, touch_later

    from portal.site_build import settle

    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    assert site.build(**WARM).ok
    settle(site.session)  # the new site's folders are copied into a spare, for the next rebuild
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 2")})
    touch_later(site.content / "documents/a.md")
    assert site.build(**WARM).ok
    settle(site.session)  # the replaced site is emptied of its files: the spare of the next rebuild
    spares = [name for name in work_folders(site) if name.startswith(".output-spare-")]
    assert len(spares) == 1
    run = run_python(build_code(site))  # `invoke check` or `build` in another terminal
    assert run.returncode == 0, run.stderr
    assert work_folders(site) == spares


# ----------------------------------------------------------------- disk errors

# Builds once, then again with files limited to 30,000 bytes: the document's
# page (some 50,000) cannot be written (EFBIG, as a full disk gives ENOSPC).
FILE_SIZE_LIMIT = """
    import resource, signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE,
                       (30_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
"""


def test_a_file_that_cannot_be_written_is_a_clear_message_and_the_site_stays(site):
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    assert site.build().ok
    files = site_files(site.output)
    before = {name: (site.output / name).read_bytes() for name in files}
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 2", body="ข้อความยาว " * 2000)})
    run = run_python(FILE_SIZE_LIMIT, build_code(site))
    assert "Traceback" not in run.stderr + run.stdout
    assert run.returncode == 0
    first = run.stdout.splitlines()[0]
    assert first.startswith("เขียนไฟล์ไม่สำเร็จ: ไฟล์ใหญ่เกินขีดจำกัด (File too large): ")
    assert first.endswith(os.path.join("documents", "announcement-2568-001", "index.html"))
    assert "วิธีแก้ (fix):" in run.stdout
    assert {name: (site.output / name).read_bytes() for name in site_files(site.output)} == before
    assert work_folders(site) == []


def test_a_full_disk_is_named_in_thai_with_english_beside():
    from portal import site_build

    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/portal/output/index.html")
    message = site_build.disk_errors.message(error, base="/srv/portal")
    assert message.splitlines()[0] == (
        "เขียนไฟล์ไม่สำเร็จ: พื้นที่ดิสก์เต็ม (No space left on device): output/index.html")
    assert "ลบไฟล์ที่ไม่ใช้หรือเพิ่มพื้นที่ดิสก์ แล้วสร้างเว็บไซต์ใหม่" in message


def test_a_theme_file_that_cannot_be_copied_fails_the_build(site, monkeypatch):
    # Pelican only warns when a copy fails: the site would go online without its fonts.
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 1")})
    assert site.build().ok
    files = site_files(site.output)
    copy = shutil.copyfile

    def disk_full_for_fonts(source, target, *args, **kwargs):
        if str(target).endswith(".woff2"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
        return copy(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", disk_full_for_fonts)
    site.add({"documents/a.md": announcement(title="ประกาศรุ่น 2")})
    result = site.build()
    assert not result.ok
    assert result.message.startswith("เขียนไฟล์ไม่สำเร็จ: พื้นที่ดิสก์เต็ม (No space left on device): ")
    assert result.message.splitlines()[0].endswith(".woff2")
    assert online_version(site, files) == 1
    assert work_folders(site) == []
