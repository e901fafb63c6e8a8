"""Reading data/complaints.yaml into plain objects, reporting every mistake with its line.

``load(path, organisation)`` returns a ``Section`` or None (when the file
cannot be used at all); every problem goes to ``content_errors.report`` with the
file and line, so one build shows them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal import content_errors, thai_format, yaml_source
from portal.yaml_source import FieldError

# ------------------------------------------------------------------ model


@dataclass(frozen=True)
class Contact:
    label: str  # ที่อยู่, โทรศัพท์, ...
    text: str
    href: str = ""  # tel:, mailto: or http(s) link; "" when the text is not a link


@dataclass(frozen=True)
class Channel:
    name: str
    contacts: tuple[Contact, ...]
    checked: str
    response: str
    note: str = ""


@dataclass(frozen=True)
class Step:
    number: int
    step: str
    time: str = ""
    by: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Blank:
    """A dotted fill-in space: ``width`` in characters, None = the rest of the line."""

    width: int | None

    is_blank = True


@dataclass(frozen=True)
class Words:
    text: str

    is_blank = False


@dataclass(frozen=True)
class FormLine:
    runs: tuple  # Words and Blank, in order
    line: int  # line in the data file, for layout errors


@dataclass(frozen=True)
class FormPart:
    kind: str  # "line" (one or more fixed lines), "text" (wrapped paragraph), "blank_lines"
    lines: tuple[FormLine, ...] = ()
    text: str = ""
    count: int = 0
    align: str = "left"
    indent: bool = False
    space: bool = False
    line: int = 1


@dataclass(frozen=True)
class Form:
    title: str
    subtitle: str
    parts: tuple[FormPart, ...]


@dataclass
class Section:
    path: str
    example: str
    source: dict  # title, organisation, document (slug) ; "url" added once resolved
    head: str
    responsible: dict  # unit, staff
    channels: tuple[Channel, ...]
    process: tuple[Step, ...]
    include: tuple[str, ...]
    not_accepted: tuple[str, ...]
    protection: tuple[str, ...]
    form: Form
    reviewed: object = None  # datetime.date the data was last confirmed, or None
    confirmed: object = None  # reviewed or the file's last change, the later (the generator's)


# ------------------------------------------------------------------ reading

PAGE_KEYS = ("hub", "channels", "process", "form")
# The keys each mapping may have (whether one is required is decided where it is read).
TOP_KEYS = ("example", "source", "head", "responsible", "channels", "process", "include",
            "not_accepted", "protection", "ita", "form", "reviewed")
CHANNEL_KEYS = ("name", "checked", "response", "note", "place", "address", "phone", "fax",
                "website", "facebook", "facebook_url", "email")
STEP_KEYS = ("step", "time", "by", "details")
PART_KINDS = ("line", "lines", "text", "blank_lines")
PART_OPTIONS = ("align", "indent", "space")
CONTACT_LABELS = (  # (key, label) in display order
    ("place", "สถานที่"), ("address", "ที่อยู่"), ("phone", "โทรศัพท์"), ("fax", "โทรสาร"),
    ("website", "เว็บไซต์"), ("facebook", "Facebook"), ("email", "อีเมล"),
)

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_BLANK = re.compile(r"\[([^\[\]]*)\]")


class _Reader(yaml_source.Fields):
    """The data file's values; every text has its {organisation} and {head} filled in."""

    def __init__(self, located, names: dict):
        super().__init__(located)
        self.names = names

    def finish_text(self, text: str, where: tuple) -> str:
        """Replace {organisation} and {head}; an unknown name is an error."""
        def replace(match):
            name = match[1].strip()
            if name not in self.names:
                known = ", ".join("{" + key + "}" for key in self.names)
                raise FieldError(f"ไม่รู้จัก {{{match[1]}}} ในข้อความ (unknown placeholder)",
                                 f"ใช้ได้เฉพาะ {known}", where)
            return self.names[name]
        return " ".join(_PLACEHOLDER.sub(replace, text).split())


def load(path: str, organisation: str) -> Section | None:
    """Read the complaints data file; None when it is missing or unreadable."""
    try:
        located = yaml_source.load_mapping_file(path, "เริ่มจากตัวอย่าง data/complaints.yaml ในโครงการ")
    except FileNotFoundError:
        content_errors.report(path, 1, "ไม่พบไฟล์ข้อมูลช่องทางร้องเรียน (complaints data file missing)",
                              "สร้างไฟล์ data/complaints.yaml "
                              "หรือแก้ค่า COMPLAINTS_DATA ใน pelicanconf.py")
        return None
    except yaml_source.YamlSourceError as error:
        content_errors.report(path, error.line, error.message, error.hint)
        return None
    reader = _Reader(located, {"organisation": organisation})
    reader.mapping((), TOP_KEYS, "ไฟล์ข้อมูลช่องทางร้องเรียน")
    reader.attempt(_no_ita, reader)
    head = reader.attempt(reader.text, ("head",), default="")
    reader.names["head"] = head
    section = Section(
        path=path,
        example=reader.attempt(reader.text, ("example",), False, default=""),
        source=reader.attempt(_source, reader, default={}),
        head=head,
        responsible=reader.attempt(_responsible, reader, default={}),
        channels=tuple(reader.attempt(_channels, reader, default=())),
        process=tuple(reader.attempt(_process, reader, default=())),
        include=reader.attempt(_list, reader, "include", default=()),
        not_accepted=reader.attempt(_list, reader, "not_accepted", default=()),
        protection=reader.attempt(_list, reader, "protection", default=()),
        reviewed=reader.attempt(reviewed_date, reader, default=None),
        form=reader.attempt(_form, reader, default=None),
    )
    for problem in reader.problems:
        content_errors.report(path, problem.line, problem.message, problem.hint)
    return None if reader.problems else section


def _list(reader: _Reader, key: str) -> tuple[str, ...]:
    reader.items((key,), "ข้อความ")
    return reader.texts((key,))


def _source(reader: _Reader) -> dict:
    if "source" not in reader.data:
        return {}
    reader.mapping(("source",), ("title", "organisation", "document"), "ช่อง source")
    return {key: reader.text(("source", key), required=(key != "document"))
            for key in ("title", "organisation", "document")}


def _responsible(reader: _Reader) -> dict:
    reader.mapping(("responsible",), ("unit", "staff"), "ช่อง responsible")
    return {key: reader.text(("responsible", key), required=(key == "unit"))
            for key in ("unit", "staff")}


def _channels(reader: _Reader) -> list[Channel]:
    channels = []
    for index, _entry in enumerate(reader.items(("channels",), "ช่องทาง")):
        where = ("channels", index)
        channel = reader.attempt(_channel, reader, where)
        if channel is not None:
            channels.append(channel)
    return channels


def _channel(reader: _Reader, where: tuple) -> Channel:
    entry = reader.mapping(where, CHANNEL_KEYS, "ช่องทางร้องเรียน")
    contacts = []
    for key, label in CONTACT_LABELS:
        if key not in entry:
            continue
        for number, value in enumerate(reader.texts(where + (key,))):
            spot = where + (key,) if isinstance(entry[key], str) else where + (key, number)
            contacts.append(_contact(reader, spot, key, label, value, where))
    return Channel(
        name=reader.text(where + ("name",)),
        contacts=tuple(contacts),
        checked=reader.text(where + ("checked",)),
        response=reader.text(where + ("response",)),
        note=reader.text(where + ("note",), required=False),
    )


def contact_link(key: str, value: str) -> str:
    """The link of a contact detail (tel:, mailto: or the web address itself; "" for
    a fax), after checking that ``value`` is one; FieldError (no ``where``) if not."""
    if key in ("phone", "fax"):
        number = re.split(r"ต่อ|\(|,", thai_format.arabic_digits(value))[0]
        digits = re.sub(r"\D", "", number)
        if len(digits) < 4:
            raise FieldError(f"\"{value}\" ไม่ใช่หมายเลขโทรศัพท์ (not a phone number)",
                             "เขียนหมายเลขเช่น 0-3637-4047 ต่อ 17")
        return f"tel:{digits}" if key == "phone" else ""
    if key in ("website", "map"):
        if not re.match(r"^https?://\S+$", value):
            raise FieldError(f"\"{value}\" ไม่ใช่ที่อยู่เว็บไซต์ (not a web address)",
                             "เขียนเต็มรูปแบบ เช่น https://www.example.go.th/")
        return value
    if key == "email":
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise FieldError(f"\"{value}\" ไม่ใช่อีเมล (not an e-mail address)",
                             "เขียนเช่น saraban@example.go.th")
        return f"mailto:{value}"
    return ""


def _contact(reader, spot, key, label, value, channel_where) -> Contact:
    if key == "facebook":
        url = reader.text(channel_where + ("facebook_url",), required=False)
        if url and not re.match(r"^https://\S+$", url):
            raise FieldError(f"\"{url}\" ไม่ใช่ที่อยู่เว็บไซต์ (not a web address)",
                             "เขียนเช่น https://www.facebook.com/ชื่อเพจ",
                             channel_where + ("facebook_url",))
        return Contact(label, value, url)
    try:
        return Contact(label, value, contact_link(key, value))
    except FieldError as error:
        raise FieldError(error.message, error.hint, spot) from None


def _process(reader: _Reader) -> list[Step]:
    steps = []
    for index, _entry in enumerate(reader.items(("process",), "ขั้นตอน")):
        where = ("process", index)

        def step(where=where, number=index + 1):
            reader.mapping(where, STEP_KEYS, "ขั้นตอน")
            return Step(number, reader.text(where + ("step",)),
                        reader.text(where + ("time",), required=False),
                        reader.text(where + ("by",), required=False),
                        reader.texts(where + ("details",), required=False))
        found = reader.attempt(step)
        if found is not None:
            steps.append(found)
    return steps


def reviewed_date(fields: yaml_source.Fields, where: tuple = ("reviewed",)):
    """A data file's ``reviewed`` date (None when not written), read as the front
    matter field of the same name reads it."""
    from portal.front_matter.schema import FIELDS_BY_KEY

    text = fields.text(where, required=False)
    if not text:
        return None
    try:
        return FIELDS_BY_KEY["reviewed"].parse(text)
    except FieldError as error:
        raise FieldError(error.message, error.hint, where) from None


def _no_ita(reader: _Reader) -> None:
    if "ita" in reader.data:
        raise FieldError("ช่อง ita ย้ายไปอยู่ในรายการข้อ ITA แล้ว (ita moved to the catalogs)",
                         "ลบช่อง ita ออกจากไฟล์นี้ แล้วเขียน answered_by: [complaints/channels] "
                         "ใต้ข้อนั้นใน data/ita/<ปี>.yaml", ("ita",))


# ------------------------------------------------------------------ the form


def _form(reader: _Reader) -> Form:
    reader.mapping(("form",), ("title", "subtitle", "parts"), "ช่อง form")
    parts = []
    for index, _entry in enumerate(reader.items(("form", "parts"), "บรรทัดของแบบฟอร์ม")):
        part = reader.attempt(_part, reader, ("form", "parts", index))
        if part is not None:
            parts.append(part)
    return Form(reader.text(("form", "title")), reader.text(("form", "subtitle"), False),
                tuple(parts))


def _part(reader: _Reader, where: tuple) -> FormPart:
    entry = reader.get(where)
    if not isinstance(entry, dict):
        raise FieldError("แต่ละบรรทัดของแบบฟอร์มต้องขึ้นต้นด้วย line:, lines:, text: หรือ "
                         "blank_lines: (each part needs a kind)", "เช่น - line: เรื่อง [*]", where)
    kinds = [key for key in entry if key in PART_KINDS]
    reader.mapping(where, PART_KINDS + PART_OPTIONS, "บรรทัดของแบบฟอร์ม")
    if len(kinds) != 1:
        raise FieldError("แต่ละบรรทัดของแบบฟอร์มต้องมี line, lines, text หรือ blank_lines "
                         "อย่างใดอย่างหนึ่งเท่านั้น (exactly one kind per part)",
                         "แยกเป็นหลายรายการ โดยขึ้นต้นแต่ละรายการด้วย - ", where)
    kind = kinds[0]
    align = reader.text(where + ("align",), required=False) or "left"
    if align not in ("left", "center", "right"):
        raise FieldError(f"align ต้องเป็น left, center หรือ right ไม่ใช่ \"{align}\" "
                         "(unknown alignment)", "เขียน align: right เป็นต้น", where + ("align",))
    options = {"align": align, "indent": reader.flag(where + ("indent",)),
               "space": reader.flag(where + ("space",)), "line": reader.line(where)}
    if kind == "blank_lines":
        count_text = thai_format.arabic_digits(reader.text(where + ("blank_lines",)))
        if not count_text.isdigit() or not 1 <= int(count_text) <= 30:
            raise FieldError("blank_lines ต้องเป็นจำนวนบรรทัด 1 ถึง 30 (number of lines)",
                             "เช่น blank_lines: 4", where + ("blank_lines",))
        return FormPart("blank_lines", count=int(count_text), **options)
    if kind == "text":
        text = reader.text(where + ("text",))
        if _BLANK.search(text):
            raise FieldError("ช่องกรอก [ ] ใช้ได้เฉพาะใน line หรือ lines "
                             "(fill-in spaces only in line/lines)", "เปลี่ยน text: เป็น line:",
                             where + ("text",))
        return FormPart("text", text=text, **options)
    if kind == "line":
        spots = [where + ("line",)]
    else:
        value = reader.items(where + ("lines",), "บรรทัด")
        spots = [where + ("lines", index) for index in range(len(value))]
    lines = tuple(FormLine(_runs(reader.text(spot), spot), reader.line(spot))
                  for spot in spots)
    return FormPart("line", lines=lines, **options)


def _runs(text: str, where: tuple) -> tuple:
    """ "วันที่ [6] เดือน [*]" -> Words("วันที่"), Blank(6), Words("เดือน"), Blank(None)."""
    runs = []
    position = 0
    for match in _BLANK.finditer(text):
        words = text[position:match.start()].strip()
        if words:
            runs.append(Words(words))
        size = thai_format.arabic_digits(match[1].strip())
        if size == "*":
            runs.append(Blank(None))
        elif size.isdigit() and 1 <= int(size) <= 80:
            runs.append(Blank(int(size)))
        else:
            raise FieldError(f"ช่องกรอก [{match[1]}] ไม่ถูกต้อง (bad fill-in space)",
                             "เขียน [6] สำหรับช่องยาว 6 ตัวอักษร (1 ถึง 80) หรือ [*] ให้ยาวถึงสุดบรรทัด",
                             where)
        position = match.end()
    words = text[position:].strip()
    if words:
        runs.append(Words(words))
    if any("[" in run.text or "]" in run.text for run in runs if not run.is_blank):
        raise FieldError("เครื่องหมาย [ หรือ ] ไม่ครบคู่ (unbalanced bracket)",
                         "ช่องกรอกเขียนเป็น [6] หรือ [*]", where)
    return tuple(runs)
