"""What `invoke check` would say of a document the editor is about to save.

The editor sends the form's values (JSON) before it commits; they are written as the
front matter the file will have and read by the same schema validation as the build,
so the clerk sees the build's own Thai message in the editor instead of a failed build
after the commit. Files uploaded in the same save are not on disk yet: an attachment
named among them is not reported missing.
"""

from __future__ import annotations

import os

import yaml

from portal import yaml_source
from portal.front_matter.schema import ParseContext
from portal.front_matter.validate import validate


def check_entry(data: dict, document_dir: str, content_root: str, catalogs,
                pending: frozenset = frozenset()) -> list[str]:
    """The errors (not warnings) the build would report, each as "message (hint)"."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        located = yaml_source.load(text)
    except yaml_source.YamlSourceError as error:
        return [error.message]
    ctx = ParseContext(document_dir, catalogs, content_root)
    _values, problems = validate(located, ctx)
    shown = []
    for problem in problems:
        if problem.warning or _pending_attachment(problem.message, pending):
            continue
        shown.append(f"{problem.message} ({problem.hint})" if problem.hint else problem.message)
    return shown


def _pending_attachment(message: str, pending: frozenset) -> bool:
    return "ไม่พบไฟล์แนบ" in message and any(f"\"{name}\"" in message for name in pending)


def document_dir(repo: str, entry_path: str, data: dict, folder: str) -> str:
    """The folder the document is (or will be) in: its own path's, else the one the
    collection's path makes of the fiscal year and slug."""
    if entry_path:
        found = os.path.dirname(os.path.join(repo, entry_path))
    else:
        year = str(data.get("fiscal_year") or "undated")
        found = os.path.join(repo, folder, year, str(data.get("slug") or "new"))
    content = os.path.realpath(os.path.join(repo, "content"))
    found = os.path.realpath(found)
    if os.path.commonpath([found, content]) != content:
        # The editor only names files of content/; anything else is not asked of it.
        raise ValueError(f"เอกสารต้องอยู่ในโฟลเดอร์ content (document outside content/): "
                         f"{entry_path or found}")
    return found
