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
    """One git work tree: its root and the files that differ from the last commit."""

    def __init__(self, root: str):
        self.root = root
        listed = _git(["ls-files", "-z", "--modified", "--others", "--exclude-standard"],
                      root) or ""
        self.dirty = {os.path.normpath(os.path.join(root, name))
                      for name in listed.split("\0") if name}

    def commit_time(self, path: str):
        if os.path.normpath(path) in self.dirty:
            return None
        out = _git(["log", "-1", "--format=%cI", "--", os.path.relpath(path, self.root)],
                   self.root)
        if not out or not out.strip():
            return None
        return _dt.datetime.fromisoformat(out.strip())


class _Dates:
    def __init__(self, timezone: str):
        self.zone = ZoneInfo(timezone)
        self.repositories = {}  # folder -> _Repository or None

    def _repository(self, folder: str):
        if folder not in self.repositories:
            root = _git(["rev-parse", "--show-toplevel"], folder)
            self.repositories[folder] = _Repository(root.strip()) if root else None
        return self.repositories[folder]

    def last_changed(self, path: str) -> _dt.date:
        repository = self._repository(os.path.dirname(os.path.abspath(path)))
        moment = repository.commit_time(path) if repository else None
        if moment is None:
            moment = _dt.datetime.fromtimestamp(os.stat(path).st_mtime, _dt.timezone.utc)
        return moment.astimezone(self.zone).date()


def add_dates(generator):
    dates = _Dates(generator.settings.get("TIMEZONE") or "Asia/Bangkok")
    for name in _CONTENT_LISTS:
        for content in getattr(generator, name, []):
            if getattr(content, "source_path", None) and os.path.isfile(content.source_path):
                day = dates.last_changed(content.source_path)
                content.last_changed = day
                content.metadata["last_changed"] = day


def register():
    signals.article_generator_finalized.connect(add_dates)
    signals.page_generator_finalized.connect(add_dates)
