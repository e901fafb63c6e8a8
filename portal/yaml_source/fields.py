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
