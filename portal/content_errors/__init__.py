"""Content errors: one collector for every mistake found in the staff's files.

Any plugin that finds bad input calls ``report(...)`` with the file, the line,
a Thai explanation (English beside it) and a hint on how to fix it, then
carries on so that one run shows every error at once: a document with an
error is left out, and the build goes on writing the rest into its staging
folder, so that the checks of the written site (links, anchors, two outputs
for one file) report in the same run. site_build then fails the build with
``ContentErrorsFound``: the staging folder is discarded and the site online
stays as it was. ``withhold(url)`` names the page of a document left out, so
that links to it are not reported as broken besides.

The errors are the running build's (``build_state``): a new build starts with none.
``warn(...)`` tells the clerk of something the build mended on its own (raw
HTML removed from a body); warnings never fail a build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from portal.build_state import current


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str
    hint: str = ""
    warning: bool = False

    def format(self, base: str | None = None) -> str:
        path = self.path
        if base:
            relative = os.path.relpath(path, base)
            if not relative.startswith(".."):
                path = relative
        mark = "คำเตือน (warning): " if self.warning else ""
        text = f"{path}:{self.line}: {mark}{self.message}"
        if self.hint:
            text += f"\n    วิธีแก้ (fix): {self.hint}"
        return text


class ContentErrorsFound(Exception):
    """Raised once per build when staff content has errors. Nothing is published."""

    exitcode = 1

    def __init__(self, errors: list[ContentError], warned: list[ContentError] = ()):
        self.errors = sorted(set(errors))
        self.warnings = sorted(set(warned))
        super().__init__(f"{len(self.errors)} content error(s)")

    def format(self, base: str | None = None) -> str:
        lines = [error.format(base) for error in self.errors]
        lines += [warning.format(base) for warning in self.warnings]
        lines.append(
            f"พบข้อผิดพลาด {len(self.errors)} รายการ: ยังไม่ได้เผยแพร่เว็บไซต์ "
            f"(found {len(self.errors)} error(s); nothing was published)"
        )
        return "\n".join(lines)


def report(path: str, line: int, message: str, hint: str = "") -> None:
    """Record one error; ``line`` is 1-based (use 1 when the whole file is wrong).

    The message is one line whatever it quotes (a value may hold line breaks),
    so that every error reads as ``path:line: message``; a hint may have several.
    """
    message = " ".join(str(message).split())
    current().errors.append(ContentError(str(path), max(1, int(line)), message, hint))


def warn(path: str, line: int, message: str, hint: str = "") -> None:
    """Record something the clerk should fix, which does not stop the build."""
    message = " ".join(str(message).split())
    current().warnings.append(ContentError(str(path), max(1, int(line)), message, hint,
                                           warning=True))


def withhold(url: str) -> None:
    """The page at ``url`` (relative to the site, e.g. documents/a-1/) is not
    written because its document has errors."""
    current().withheld.add(url)


def withheld() -> frozenset:
    return frozenset(current().withheld)


def errors() -> list[ContentError]:
    return list(current().errors)


def warnings() -> list[ContentError]:
    return sorted(set(current().warnings))


def paths_with_errors() -> set[str]:
    return {error.path for error in current().errors}


def format_warnings(base: str | None = None) -> str:
    return "\n".join(warning.format(base) for warning in warnings())


def count() -> int:
    """Errors and warnings reported so far in this build."""
    build = current()
    return len(build.errors) + len(build.warnings)


def line_containing(path: str, *needles: str) -> int:
    """1-based line of the first of ``needles`` found in the file, else 0: where
    an error found in generated output was written in the source."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().split("\n")
    except OSError:
        return 0
    for needle in needles:
        if not needle:
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return 0


def raise_if_any() -> None:
    """Ends the build with ``ContentErrorsFound`` when any error was reported."""
    build = current()
    if build.errors:
        raise ContentErrorsFound(build.errors, build.warnings)
