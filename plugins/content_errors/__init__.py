"""Content errors: one collector for every mistake found in the staff's files.

Any plugin that finds bad input calls ``report(...)`` with the file, the line,
a Thai explanation (English beside it) and a hint on how to fix it, then
carries on so that one run shows every error at once. After all generators
have read their content and cross-document checks have run (on
``all_generators_finalized``), and before anything is written, the build stops
with ``ContentErrorsFound`` if the collector is not empty.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str
    hint: str = ""

    def format(self, base: str | None = None) -> str:
        path = self.path
        if base:
            relative = os.path.relpath(path, base)
            if not relative.startswith(".."):
                path = relative
        text = f"{path}:{self.line}: {self.message}"
        if self.hint:
            text += f"\n    วิธีแก้ (fix): {self.hint}"
        return text


class ContentErrorsFound(Exception):
    """Raised once per build when staff content has errors. Nothing is written."""

    exitcode = 1

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} content error(s)")

    def format(self, base: str | None = None) -> str:
        lines = [error.format(base) for error in self.errors]
        lines.append(
            f"พบข้อผิดพลาด {len(self.errors)} รายการ: ยังไม่ได้เผยแพร่เว็บไซต์ "
            f"(found {len(self.errors)} error(s); nothing was published)"
        )
        return "\n".join(lines)


_errors: list[ContentError] = []


def report(path: str, line: int, message: str, hint: str = "") -> None:
    """Record one error; ``line`` is 1-based (use 1 when the whole file is wrong).

    The message is one line whatever it quotes (a value may hold line breaks),
    so that every error reads as ``path:line: message``; a hint may have several.
    """
    message = " ".join(str(message).split())
    _errors.append(ContentError(str(path), max(1, int(line)), message, hint))


def errors() -> list[ContentError]:
    return list(_errors)


def count() -> int:
    """Errors reported so far in this build."""
    return len(_errors)


def reset(*_args, **_kwargs) -> None:
    _errors.clear()


def raise_if_any(*_args, **_kwargs) -> None:
    if _errors:
        found = ContentErrorsFound(_errors)
        reset()
        raise found


def register():
    signals.initialized.connect(reset)
    # get_writer is sent after every all_generators_finalized receiver (where
    # cross-document checks report) and before the first file is written;
    # blinker does not order receivers of one signal, so that signal is the
    # only dependable "last moment".
    signals.get_writer.connect(raise_if_any)
