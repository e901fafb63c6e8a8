"""Reading typed values out of a ``Located`` YAML document, with one set of messages.

Every data file staff edit (front matter, data/complaints.yaml, table files,
ITA catalogs) is read with the words and messages of this module, so that a
value written one way is accepted, or refused with the same explanation,
whichever file it is in.

Yes/no values: ``true yes ใช่`` mean yes; ``false no ไม่ใช่ ไม่`` mean no.
Case and spaces around the word do not matter (``Yes``, `` TRUE ``). These are
the words staff type in a Thai office: English from the examples, Thai when
answering in their own language, and ``ไม่`` because it is how a Thai "no"
is often written alone. Anything else (``flase``, ``บางที``, ``/``) is an error
naming the field and the words allowed, never a silent yes or no.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

TRUE_WORDS = ("true", "yes", "ใช่")
FALSE_WORDS = ("false", "no", "ไม่ใช่", "ไม่")
FLAG_WORDS = {word: True for word in TRUE_WORDS} | {word: False for word in FALSE_WORDS}
FLAG_HINT = (f"เขียน true (หรือ {', '.join(TRUE_WORDS[1:])}) "
             f"หรือ false (หรือ {', '.join(FALSE_WORDS[1:])})")


class FieldError(ValueError):
    """A wrong value. ``where`` is the path of the value (below the field, or
    from the top of the document, as the caller decides), for its line."""

    def __init__(self, message: str, hint: str = "", where: tuple = ()):
        super().__init__(message)
        self.message, self.hint, self.where = message, hint, where


def flag(value) -> bool | None:
    """True or False for a yes/no word (any case, spaces ignored); None for anything else."""
    if not isinstance(value, str):
        return None
    return FLAG_WORDS.get(" ".join(value.split()).lower())


def flag_error(value, extra: tuple[str, ...] = (), where: tuple = ()) -> FieldError:
    """The one message for a value that is not a yes/no word (nor one of ``extra``)."""
    allowed = ("true", "false", *extra)
    words = ", ".join(allowed[:-1]) + " หรือ " + allowed[-1]
    english = ", ".join(allowed[:-1]) + " or " + allowed[-1]
    return FieldError(f"{_shown(value)} ใช้ไม่ได้ ต้องเป็น {words} (must be {english})",
                      FLAG_HINT + "".join(f" หรือ {word}" for word in extra), where)


def _shown(value) -> str:
    if isinstance(value, list):
        return "รายการ"
    if isinstance(value, dict):
        return "ชุดของ ชื่อช่อง: ค่า"
    return f"\"{' '.join(str(value).split())}\""


# ------------------------------------------------------------------ the reader


@dataclass(frozen=True)
class Problem:
    """A mistake found while reading: the file line, Thai first, and how to fix it."""

    line: int
    message: str
    hint: str = ""
    warning: bool = False  # told to the clerk; what was read is used all the same


class Fields:
    """One YAML document being read: values by their path, every mistake with its line.

    Each operation takes the path of a value from the top of the document,
    such as ("channels", 0, "name"), and returns the value checked and cleaned.
    When the value cannot be used it raises FieldError (``where`` is the path
    of the value, or of its mapping when a key is missing). ``attempt`` runs
    one reading step and turns its FieldError into a Problem, so that reading
    goes on and one run shows every mistake; mistakes that do not stop a step
    (an unknown key) are recorded at once. ``problems`` lists them in order.
    """

    def __init__(self, located):
        self.located = located
        self.problems: list[Problem] = []

    @property
    def data(self):
        return self.located.data

    def line(self, where: tuple) -> int:
        return self.located.line(*where)

    def report(self, where: tuple, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.line(where), message, hint))

    def attempt(self, function, *args, default=None):
        """``function(*args)``; a FieldError is recorded and ``default`` returned."""
        try:
            return function(*args)
        except FieldError as error:
            self.report(error.where, error.message, error.hint)
            return default

    # -- values

    def has(self, where: tuple) -> bool:
        return self.get(where, _ABSENT) is not _ABSENT

    def get(self, where: tuple, default=None):
        """The value at ``where`` as written (None for an empty one), else ``default``."""
        value = self.located.data
        for key in where:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                return default
        return value

    def text(self, where: tuple, required: bool = True, label: str = "") -> str:
        """A text, spaces around it removed; "" when it is optional and empty."""
        value = self.get(where)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.missing(where, label)
            return ""
        if not isinstance(value, str):
            raise FieldError(f"{_name(where, label)} ต้องเป็นข้อความ ไม่ใช่รายการ "
                             "(must be text, not a list or mapping)",
                             f"เขียนข้อความต่อจาก {_key(where)}: ในบรรทัดเดียวกัน", where)
        return self.finish_text(value.strip(), where)

    def finish_text(self, text: str, where: tuple) -> str:
        """Every text read passes here: a reader that fills in names overrides it."""
        return text

    def texts(self, where: tuple, required: bool = True, label: str = "") -> tuple[str, ...]:
        """A text or a list of texts."""
        value = self.get(where)
        if value is None or value == "" or value == []:
            if required:
                raise FieldError(f"{_name(where, label)} ต้องมีอย่างน้อยหนึ่งรายการ (empty list)",
                                 f"เขียนรายการใต้ {_key(where)}: โดยขึ้นต้นแต่ละบรรทัดด้วย - ",
                                 where)
            return ()
        if isinstance(value, str):
            return (self.finish_text(value.strip(), where),)
        if not isinstance(value, list):
            raise FieldError(f"{_name(where, label)} ต้องเป็นข้อความหรือรายการข้อความ "
                             "(must be text or a list of texts)", "ขึ้นต้นแต่ละรายการด้วย - ",
                             where)
        return tuple(self.text(where + (index,)) for index in range(len(value)))

    def flag(self, where: tuple, default=False, extra: tuple[str, ...] = ()):
        """True or False of a yes/no word, a word of ``extra`` as written in
        lower case, or ``default`` when there is no value."""
        value = self.get(where)
        if value is None:
            return default
        word = " ".join(value.split()).lower() if isinstance(value, str) else None
        if word in extra:
            return word
        result = flag(value)
        if result is None:
            error = flag_error(value, extra)
            raise FieldError(f"{_name(where)}: {error.message}", error.hint, where)
        return result

    def missing(self, where: tuple, label: str = "") -> FieldError:
        """The error for a required value that is empty or not written."""
        if self.has(where):
            return FieldError(f"{_name(where, label)} ไม่มีค่า (empty value)",
                              f"พิมพ์ข้อความหลัง {_key(where)}:", where)
        return FieldError(f"ไม่มี{_name(where, label)} (missing field)",
                          f"เพิ่มบรรทัด {_key(where)}: ...", where[:-1])

    # -- containers

    def mapping(self, where: tuple, keys, what: str, required: bool = True) -> dict:
        """The ``key: value`` lines at ``where``; each key not in ``keys`` is
        recorded as a mistake (with a suggestion). ``what`` names the mapping
        in Thai, e.g. "ไฟล์ตาราง". {} when it is optional and not written."""
        value = self.get(where)
        if value is None:
            if required:
                raise self.missing(where)
            return {}
        if not isinstance(value, dict):
            raise FieldError(f"{what}ต้องเป็นชุดของ ชื่อช่อง: ค่า (must be a mapping)",
                             "ดูตัวอย่างรูปแบบจากรายการอื่นในไฟล์เดียวกัน", where)
        for key in value:
            if key not in keys:
                self.unknown_key(where + (key,), keys, what)
        return value

    def unknown_key(self, where: tuple, keys, what: str) -> None:
        """Record that the key at ``where`` is not one of ``keys``."""
        key = str(where[-1])
        close = difflib.get_close_matches(key, list(keys), n=1)
        hint = f"หมายถึง {close[0]} หรือไม่" if close else "ช่องที่ใช้ได้: " + ", ".join(keys)
        self.report(where, f"ไม่รู้จักช่อง \"{key}\" ใน{what} (unknown field)", hint)

    def items(self, where: tuple, what: str, required: bool = True) -> list:
        """A non-empty list (``what`` names its entries in Thai); [] when it is
        optional and not written."""
        value = self.get(where)
        if value is None and not required:
            return []
        if value is None and not self.has(where):
            raise self.missing(where)
        if not isinstance(value, list) or not value:
            raise FieldError(f"{_name(where)} ต้องเป็นรายการ{what}อย่างน้อยหนึ่งรายการ "
                             "(must be a non-empty list)", "ขึ้นต้นแต่ละรายการด้วย - ", where)
        return value


_ABSENT = object()


def _key(where: tuple) -> str:
    """The key to write for the value at ``where`` ("-" for an entry of a list)."""
    return str(where[-1]) if where and not isinstance(where[-1], int) else "-"


def _name(where: tuple, label: str = "") -> str:
    """How messages name the value at ``where``: ช่อง caption (ชื่อตาราง), รายการที่ 2 ของช่อง notes."""
    if not where:
        return "ไฟล์"
    if isinstance(where[-1], int):
        return f"รายการที่ {where[-1] + 1} ของ{_name(where[:-1], label)}"
    return f"ช่อง {where[-1]}" + (f" ({label})" if label else "")
