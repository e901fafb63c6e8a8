"""Git dates: when each document or page last changed, from the git history.

Owns ``last_changed`` (a date in the site's TIMEZONE) on every article, page
and draft: the committer date of the last commit that touched the source file
(``git log -1 --format=%cI -- <file>``). A file with uncommitted changes, a
file git does not track, or a site built outside a git checkout falls back to
the file's modification time, so the date is never older than the text shown.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from zoneinfo import ZoneInfo

from pelican import signals

from portal.build_state import current

_CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations",
                  "pages", "hidden_pages", "draft_pages")


def _git(args, cwd):
    """stdout of a git command, or None when git is missing or the command fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class _Repository:
    """One git work tree: its root, the files that differ from the last commit,
    and the time of the last commit of every committed file."""

    def __init__(self, root: str):
        self.root = root
        self.prefix = os.path.join(root, "")
        listed = _git(["ls-files", "-z", "--modified", "--others", "--exclude-standard"],
                      root) or ""
        self.dirty = {name for name in listed.split("\0") if name}  # as git names them
        self.committed = _last_commits(root)

    def commit_time(self, path: str) -> str | None:
        """ISO time of the last commit of ``path``; None when it changed since or is
        not committed."""
        path = os.path.abspath(path)
        relative = (path[len(self.prefix):] if path.startswith(self.prefix)
                    else os.path.relpath(path, self.root)).replace(os.sep, "/")
        if relative in self.dirty:
            return None
        return self.committed.get(relative)


# root -> (HEAD, {file: committer time}): `invoke serve` reads the history
# again only after a commit.
_HISTORY: dict = {}


def _last_commits(root: str) -> dict:
    """Committer time (ISO text) of the last commit that touched each file.

    One `git log` for the whole history, newest first, instead of one per
    file (2-3 ms each: 10-15 s per build at 5,000 documents). A file's first
    appearance is the commit `git log -1 -- <file>` shows.
    """
    head = (_git(["rev-parse", "HEAD"], root) or "").strip()
    if head and _HISTORY.get(root, (None,))[0] == head:
        return _HISTORY[root][1]
    out = _git(["log", "--format=%x00%cI", "--name-only", "-z", "--no-renames"], root) or ""
    committed, moment, expect_moment = {}, None, False
    # Each commit is "\0<time>\0", then "\n" and its files, each ending in "\0"
    # (none for a merge): an empty field always comes before a time.
    for field in out.split("\0"):
        if not field:
            expect_moment = True
        elif expect_moment:
            moment, expect_moment = field, False
        else:
            committed.setdefault(field.lstrip("\n"), moment)
    if head:
        _HISTORY[root] = (head, committed)
    return committed


class _Dates:
    def __init__(self, timezone: str):
        self.zone = ZoneInfo(timezone)
        self.repositories = {}  # folder -> _Repository or None
        self.roots = {}  # work tree root -> _Repository
        self.days = {}  # commit time (ISO text) -> its day in the site's zone

    def _repository(self, folder: str):
        """The repository of ``folder``: git is asked only where a ``.git``
        is, not once per folder (each document has its own)."""
        if folder not in self.repositories:
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                root = (_git(["rev-parse", "--show-toplevel"], folder) or "").strip()
                if root and root not in self.roots:
                    self.roots[root] = _Repository(root)
                self.repositories[folder] = self.roots.get(root) if root else None
            else:
                self.repositories[folder] = self._repository(parent) if parent != folder else None
        return self.repositories[folder]

    def last_changed(self, path: str) -> _dt.date:
        repository = self._repository(os.path.dirname(os.path.abspath(path)))
        moment = repository.commit_time(path) if repository else None
        if moment is None:
            moment = _dt.datetime.fromtimestamp(os.stat(path).st_mtime, _dt.UTC)
            return moment.astimezone(self.zone).date()
        if moment not in self.days:  # most documents share a few commits
            self.days[moment] = _dt.datetime.fromisoformat(moment).astimezone(self.zone).date()
        return self.days[moment]


def _dates(settings) -> _Dates:
    # git is asked once per build (files may have been committed since the
    # last one), not once per generator
    return current().value("git_dates", lambda: _Dates(settings.get("TIMEZONE") or "Asia/Bangkok"))


def file_changed(settings, path: str) -> _dt.date:
    """The day a file (a data file of the site) last changed, as for documents."""
    return _dates(settings).last_changed(path)


def add_dates(generator):
    dates = _dates(generator.settings)
    for name in _CONTENT_LISTS:
        for content in getattr(generator, name, []):
            if getattr(content, "source_path", None) and os.path.isfile(content.source_path):
                day = dates.last_changed(content.source_path)
                content.last_changed = day
                content.metadata["last_changed"] = day


def register():
    signals.article_generator_finalized.connect(add_dates)
    signals.page_generator_finalized.connect(add_dates)
