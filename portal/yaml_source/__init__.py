"""YAML source: safe YAML loading that remembers the line of every value.

Used for front matter and for every data file staff may edit (ITA catalogs,
tables, channels). Not a Pelican plugin: a library the plugins share.

Every scalar comes back as the exact text the author wrote (a string), never
as YAML 1.1's guesses: "072" stays "072" (not octal 58), "2568-02-30" stays a
string instead of crashing the date constructor, "no" stays "no". Typing is
the schema's job, which can then name the field and line when a value is wrong.
Duplicate keys, which PyYAML silently accepts, are errors.

``fields`` reads typed values out of the result with one set of words and
messages for every file (the yes/no words, required texts, known keys, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .fields import (  # noqa: F401 - the package's public names
    FALSE_WORDS,
    FLAG_HINT,
    FLAG_WORDS,
    TRUE_WORDS,
    FieldError,
    Fields,
    Problem,
    flag,
    flag_error,
)

try:  # libyaml's parser is many times faster; fall back where it is not built
    from yaml import CBaseLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _BaseLoader


class _Composer(_BaseLoader):
    """Parses and composes nodes only. Every scalar is kept as written, so the
    node tags are never read: resolving YAML 1.1 tags (a regular expression per
    scalar) was a third of the composing time, and is skipped."""

    def resolve(self, kind, value, implicit):
        return None

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

NULL_WORDS = {"", "~", "null", "Null", "NULL"}

# libyaml's wording of common mistakes -> (Thai explanation, how to fix it)
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "มีเครื่องหมาย : อยู่ในค่าของช่องนี้ (a colon inside a value)",
        "ใส่ค่าทั้งหมดไว้ในเครื่องหมายคำพูด เช่น title: \"เรื่อง: ...\"",
    ),
    (
        "found character '\\t'",
        "มีการย่อหน้าด้วยปุ่มแท็บ (a tab character)",
        "ใช้การเว้นวรรค (space) แทนแท็บ",
    ),
    (
        "that cannot start any token",
        "มีอักขระที่ขึ้นต้นค่าไม่ได้ เช่น @ ` % หรือแท็บ (a character that cannot start a value)",
        "ใส่ค่านั้นไว้ในเครื่องหมายคำพูด \"...\" และใช้ space แทนแท็บ",
    ),
    (
        "could not find expected ':'",
        "บรรทัดนี้ไม่มีเครื่องหมาย : คั่นชื่อช่องกับค่า (missing ':')",
        "เขียนเป็น ชื่อช่อง: ค่า เช่น title: ประกาศ...",
    ),
    (
        "did not find expected key",
        "การย่อหน้าไม่ตรงกัน หรือมีค่าเกินมาในบรรทัด (bad indentation)",
        "จัดย่อหน้าของรายการในระดับเดียวกันให้ตรงกัน ด้วยจำนวนช่องว่างเท่ากัน",
    ),
    (
        "did not find expected '-' indicator",
        "รายการย่อยย่อหน้าไม่ตรงกัน (list items not aligned)",
        "ให้ทุกบรรทัดที่ขึ้นต้นด้วย - ในรายการเดียวกันมีย่อหน้าเท่ากัน",
    ),
    (
        "found unexpected end of stream",
        "เครื่องหมายคำพูดหรือวงเล็บเปิดไว้แต่ไม่ได้ปิด (unclosed quote or bracket)",
        "ตรวจว่ามีเครื่องหมาย \" หรือ [ ที่ยังไม่ได้ปิด",
    ),
    (
        "found unknown escape character",
        "มีเครื่องหมาย \\ ในข้อความที่อยู่ในเครื่องหมายคำพูดคู่ (backslash in a quoted value)",
        "ใช้เครื่องหมายคำพูดเดี่ยว '...' แทน หรือลบ \\ ออก",
    ),
)


class YamlSourceError(Exception):
    """A YAML text that cannot be read; ``line`` is 1-based in the file."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class Located:
    """Plain data (dicts, lists, strings, None) and the line of every part.

    ``lines`` maps a path such as ("signatories", 0, "name") to the 1-based
    line in the file; a mapping key's path points at the key's own line.
    """

    data: object
    lines: dict = field(default_factory=dict)

    def line(self, *path) -> int:
        """Line of ``path`` or of its nearest parent that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def load_mapping_file(path: str, start_from: str) -> Located:
    """A data file staff edit, one mapping of ``key: value`` lines. Raises
    YamlSourceError (Thai, with the line) when it is not UTF-8, not YAML, or not
    a mapping; ``start_from`` says what to copy instead (the hint of that case).
    OSError (a missing file) is the caller's to tell."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        raise YamlSourceError(1, "ไฟล์ไม่ได้บันทึกเป็น UTF-8 (file is not UTF-8)",
                              "บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8") from None
    located = load(text)
    if not isinstance(located.data, dict):
        raise YamlSourceError(located.line(), "ไฟล์ต้องเป็นชุดของ ชื่อช่อง: ค่า "
                              "(the file must be a mapping)", start_from)
    return located


def mapping_file_fields(path: str, start_from: str, report):
    """``load_mapping_file`` as Fields, or None after ``report(path, line, message,
    hint)`` (content_errors.report in a build) told why the file cannot be read."""
    try:
        return Fields(load_mapping_file(path, start_from))
    except YamlSourceError as error:
        report(path, error.line, error.message, error.hint)
        return None


def load(text: str, first_line: int = 1) -> Located:
    """Read one YAML document; ``first_line`` is the file line of its first line."""
    offset = first_line - 1
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _explain(error, offset) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = first_line + text.count("\n", 0, max(0, error.position))
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlSourceError(
            line,
            f"มีอักขระที่มองไม่เห็นหรือใช้ไม่ได้ (รหัส U+{code:04X}) ในบรรทัดนี้ "
            "(a control character YAML does not allow)",
            "ลบอักขระนั้นออก แล้วพิมพ์ข้อความส่วนนั้นใหม่ "
            "(มักติดมาเมื่อคัดลอกข้อความจากไฟล์ PDF หรือโปรแกรมอื่น)",
        ) from None
    except yaml.YAMLError as error:  # errors without a position
        raise YamlSourceError(
            first_line, "รูปแบบ YAML ไม่ถูกต้อง (invalid YAML: "
            + " ".join(str(error).split()) + ")",
            "ตรวจเครื่องหมาย : การย่อหน้า และเครื่องหมายคำพูดในส่วนข้อมูลเอกสาร",
        ) from None
    finally:
        loader.dispose()
    located = Located(None)
    if node is not None:
        try:
            located.data = _Converter(offset, located.lines).value(node, (), frozenset())
        except RecursionError:
            raise YamlSourceError(
                first_line,
                "ข้อมูลซ้อนกันลึกเกินไป (values nested too deeply)",
                "ตรวจเครื่องหมาย [ ] { } และการย่อหน้า: ข้อมูลเอกสารซ้อนกันไม่เกินสองสามชั้น",
            ) from None
    return located


MAX_VALUES = 50_000  # far above any real document or data file


def _too_many_values(line: int) -> YamlSourceError:
    return YamlSourceError(
        line,
        f"ข้อมูลมีมากกว่า {MAX_VALUES:,} ค่า (more than {MAX_VALUES:,} values; "
        "anchors & and aliases * repeated?)",
        "เขียนข้อมูลตรง ๆ โดยไม่ใช้เครื่องหมาย & และ * ของ YAML",
    )


def _explain(error: yaml.MarkedYAMLError, offset: int) -> YamlSourceError:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 + offset) if mark else offset + 1
    problem = " ".join(f"{error.problem or ''} {error.context or ''}".split())
    for needle, thai, hint in _YAML_PROBLEMS:
        if needle in problem:
            return YamlSourceError(line, thai, hint)
    return YamlSourceError(
        line,
        f"รูปแบบ YAML ไม่ถูกต้อง (invalid YAML: {problem})",
        "ตรวจเครื่องหมาย : การย่อหน้า และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า",
    )


class _Converter:
    """Plain data from a composed node tree, recording the line of every value.

    Counts the values, so that aliases (*name) repeating anchors cannot explode.
    """

    def __init__(self, offset: int, lines: dict):
        self.offset = offset
        self.lines = lines
        self.left = MAX_VALUES

    def value(self, node, path: tuple, ancestors: frozenset):
        """Data of any node; ``ancestors`` are the collections that contain it."""
        line = node.start_mark.line + 1 + self.offset
        self.lines[path] = line
        self.left -= 1
        if self.left < 0:
            raise _too_many_values(line)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in ancestors:  # `a: &x [*x]`: a value that contains itself
            raise YamlSourceError(
                line,
                "ค่านี้อ้างถึงตัวเองด้วยเครื่องหมาย & และ * (a value that contains itself)",
                "เขียนข้อมูลตรง ๆ โดยไม่ใช้เครื่องหมาย & และ * ของ YAML",
            )
        ancestors = ancestors | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            return [self.value(child, path + (index,), ancestors)
                    for index, child in enumerate(node.value)]
        # The mapping is read here rather than in a method of its own: one
        # Python frame per mapping level, so the nesting depth at which
        # "values nested too deeply" is reported stays where it was.
        result = {}
        lines = self.lines
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + self.offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSourceError(
                    key_line,
                    "ชื่อช่องต้องเป็นข้อความธรรมดา (a key must be plain text)",
                    "เขียนเป็น ชื่อช่อง: ค่า",
                )
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                raise YamlSourceError(
                    key_line,
                    f"ช่อง \"{key}\" ถูกกำหนดซ้ำ ครั้งแรกที่บรรทัด {lines[key_path]} "
                    "(duplicate key)",
                    "ลบบรรทัดที่ซ้ำออกให้เหลือเพียงบรรทัดเดียว",
                )
            if type(value_node) is yaml.ScalarNode:  # most values: read here, no call
                self.left -= 1
                if self.left < 0:
                    raise _too_many_values(value_node.start_mark.line + 1 + self.offset)
                result[key] = _scalar(value_node)
            else:
                result[key] = self.value(value_node, key_path, ancestors)
            lines[key_path] = key_line  # a key's path points at the key's own line
        return result


def _scalar(node):
    # A plain (unquoted) scalar: style None in PyYAML's own parser, "" in libyaml's.
    if not node.style and node.value in NULL_WORDS:
        return None
    return node.value
