"""Reading data/organisation.yaml into plain objects, every mistake with its line.

``load(path)`` returns an ``Organisation``, or None after reporting each
problem to ``content_errors`` (file and line, Thai first), so that one build
shows them all. Nothing here knows Pelican.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from dataclasses import dataclass

from portal import content_errors, safe_paths, thai_format, yaml_source
from portal.complaints.data import contact_link
from portal.yaml_source import FieldError

PHOTO_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
               ".webp": "image/webp"}
# What each kind of picture file starts with: a renamed file is refused.
_PHOTO_SIGNATURES = {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                     ".png": (b"\x89PNG\r\n\x1a\n",), ".webp": (b"RIFF",)}
PHOTOS_URL = "about/photos/"


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # tel:, mailto: or a web address; "" when the text is not a link


@dataclass(frozen=True)
class Photo:
    source: str  # absolute path of the picture beside the data file
    url: str  # where the site publishes it, relative to the site root


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    photo: Photo | None = None
    contacts: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Division:
    name: str
    head: Person | None
    duties: tuple[str, ...]
    contacts: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Duty:
    duty: str
    basis: str  # the law and section that gives it


@dataclass
class Organisation:
    path: str
    name: str
    reviewed: _dt.date | None
    address: str
    phones: tuple[Link, ...]
    fax: tuple[Link, ...]
    email: Link | None
    website: Link | None
    hours: str
    map: Link | None
    history: tuple[str, ...]  # paragraphs
    vision: str
    missions: tuple[str, ...]
    executives: tuple[Person, ...]  # ฝ่ายบริหาร (elected)
    council: tuple[Person, ...]  # สภา
    administration: tuple[Person, ...]  # ฝ่ายประจำ above the divisions (ปลัด, รองปลัด)
    divisions: tuple[Division, ...]
    duties: tuple[Duty, ...]
    confirmed: _dt.date | None = None  # reviewed or the file's last change, the later

    @property
    def photos(self) -> list[Photo]:
        people = [*self.executives, *self.council, *self.administration,
                  *(d.head for d in self.divisions if d.head)]
        return list({p.photo.url: p.photo for p in people if p.photo}.values())

    def division_named(self, name: str) -> Division | None:
        wanted = " ".join(name.split())
        return next((d for d in self.divisions if d.name == wanted), None)


TOP_KEYS = ("name", "reviewed", "address", "phones", "fax", "email", "website", "hours", "map",
            "history", "vision", "missions", "executives", "council", "administration",
            "divisions", "duties")
PERSON_KEYS = ("name", "position", "photo", "phone", "email")
DIVISION_KEYS = ("name", "head", "duties", "phone", "email")
DUTY_KEYS = ("duty", "basis")
PHONE_KEYS = ("label", "number")


def load(path: str) -> Organisation | None:
    """Read the organisation data file; None (after reporting) when it cannot be used."""
    fields = _fields(path)
    if fields is None:
        return None
    reader = _Reader(fields, os.path.dirname(os.path.abspath(path)))
    fields.mapping((), TOP_KEYS, "ไฟล์ข้อมูลหน่วยงาน")
    organisation = Organisation(
        path=path,
        name=fields.attempt(fields.text, ("name",), True, "ชื่อหน่วยงาน", default=""),
        reviewed=fields.attempt(reader.reviewed, default=None),
        address=fields.attempt(fields.text, ("address",), True, "ที่อยู่", default=""),
        phones=fields.attempt(reader.phones, "phones", default=()),
        fax=fields.attempt(reader.phones, "fax", default=()),
        email=fields.attempt(reader.link, ("email",), "email", default=None),
        website=fields.attempt(reader.link, ("website",), "website", default=None),
        hours=fields.attempt(fields.text, ("hours",), True, "เวลาทำการ", default=""),
        map=fields.attempt(reader.link, ("map",), "map", default=None),
        history=fields.attempt(reader.paragraphs, ("history",), default=()),
        vision=fields.attempt(fields.text, ("vision",), False, default=""),
        missions=fields.attempt(fields.texts, ("missions",), False, default=()),
        executives=reader.people("executives", "ผู้บริหาร", required=True),
        council=reader.people("council", "สมาชิกสภา"),
        administration=reader.people("administration", "ผู้บริหารฝ่ายประจำ", required=True),
        divisions=reader.divisions(),
        duties=reader.duties(),
    )
    for problem in fields.problems:
        content_errors.report(path, problem.line, problem.message, problem.hint)
    return None if fields.problems else organisation


def _fields(path: str) -> yaml_source.Fields | None:
    return yaml_source.mapping_file_fields(
        path, "เริ่มจากตัวอย่าง data/organisation.yaml ในโครงการ (docs/organisation.md)",
        content_errors.report)


class _Reader:
    """The reading steps of one file, each raising FieldError for ``Fields.attempt``."""

    def __init__(self, fields: yaml_source.Fields, folder: str):
        self.fields = fields
        self.folder = folder  # the data file's folder: photos must stay inside it

    def reviewed(self) -> _dt.date | None:
        text = self.fields.text(("reviewed",), required=False)
        if not text:
            return None
        try:
            day = thai_format.parse_date(text)
        except thai_format.ThaiDateError as error:
            raise FieldError(str(error), error.hint, ("reviewed",)) from None
        if day > _dt.date.today():
            raise FieldError(f"วันที่ยืนยันข้อมูล \"{text}\" ยังมาไม่ถึง (reviewed is in the future)",
                             "เขียนวันที่ที่ตรวจแล้วว่าข้อมูลยังถูกต้อง", ("reviewed",))
        return day

    def link(self, where: tuple, key: str) -> Link | None:
        text = self.fields.text(where, required=False)
        if not text:
            return None
        try:
            return Link(text, contact_link(key, text))
        except FieldError as error:
            raise FieldError(error.message, error.hint, where) from None

    def phones(self, key: str) -> tuple[Link, ...]:
        """A number, a list of numbers, or a list of {label, number}."""
        value = self.fields.get((key,))
        if value is None or isinstance(value, str):
            link = self.link((key,), key.rstrip("s"))
            return (link,) if link else ()
        found = []
        for index, entry in enumerate(self.fields.items((key,), "หมายเลข")):
            where = (key, index)
            if isinstance(entry, dict):
                self.fields.mapping(where, PHONE_KEYS, "หมายเลขโทรศัพท์")
                label = self.fields.text(where + ("label",), required=False)
                link = self.link(where + ("number",), key.rstrip("s"))
                if link is None:
                    raise self.fields.missing(where + ("number",), "หมายเลข")
                found.append(Link(f"{label} {link.text}" if label else link.text, link.href))
            else:
                found.append(self.link(where, key.rstrip("s")))
        return tuple(link for link in found if link)

    def paragraphs(self, where: tuple) -> tuple[str, ...]:
        text = self.fields.get(where)
        if text is None:
            return ()
        if not isinstance(text, str):
            raise FieldError("ช่อง history ต้องเป็นข้อความ (must be text)",
                             "เขียน history: | แล้วขึ้นบรรทัดใหม่ เว้นบรรทัดว่างระหว่างย่อหน้า", where)
        return tuple(" ".join(block.split()) for block in text.split("\n\n") if block.strip())

    def people(self, key: str, what: str, required: bool = False) -> tuple[Person, ...]:
        entries = self.fields.attempt(self.fields.items, (key,), what, required, default=[])
        people = (self.fields.attempt(self.person, (key, index), default=None)
                  for index in range(len(entries)))
        return tuple(person for person in people if person)

    def person(self, where: tuple) -> Person:
        self.fields.mapping(where, PERSON_KEYS, "ข้อมูลบุคคล")
        return Person(
            name=self.fields.text(where + ("name",), label="ชื่อ-นามสกุล"),
            position=self.fields.text(where + ("position",), label="ตำแหน่ง"),
            photo=self.photo(where + ("photo",)),
            contacts=self.contacts(where),
        )

    def contacts(self, where: tuple) -> tuple[Link, ...]:
        links = [self.link(where + (key,), key) for key in ("phone", "email")]
        return tuple(link for link in links if link)

    def photo(self, where: tuple) -> Photo | None:
        name = self.fields.text(where, required=False)
        if not name:
            return None
        inside = os.path.normpath(os.path.join(self.folder, name.replace("\\", "/")))
        if not os.path.isabs(name) and not inside.startswith(self.folder + os.sep):
            raise FieldError(f"รูปถ่าย \"{name}\" อยู่นอกโฟลเดอร์ของไฟล์ข้อมูล "
                             "(a photo must be beside the data file)",
                             f"วางรูปไว้ในโฟลเดอร์ {self.folder} (หรือโฟลเดอร์ย่อย) "
                             "แล้วเขียนชื่อไฟล์ตามตำแหน่งนั้น", where)
        try:
            path = safe_paths.resolve(name, self.folder, self.folder, self.folder)
        except safe_paths.PathRefused as error:
            raise FieldError(error.message, error.hint, where) from None
        extension = os.path.splitext(path)[1].lower()
        if extension not in PHOTO_TYPES:
            raise FieldError(f"รูปถ่าย \"{name}\" ต้องเป็นไฟล์ .jpg .png หรือ .webp "
                             "(a photo must be JPEG, PNG or WebP)",
                             "บันทึกรูปเป็น .jpg แล้ววางไว้ในโฟลเดอร์เดียวกับไฟล์ข้อมูล", where)
        with open(path, "rb") as handle:
            content = handle.read()
        if not content.startswith(_PHOTO_SIGNATURES[extension]):
            raise FieldError(f"ไฟล์ \"{name}\" ไม่ใช่รูปภาพ {extension} จริง (not a {extension} "
                             "picture)", "เปิดรูปด้วยโปรแกรมดูภาพแล้วบันทึกใหม่เป็น .jpg", where)
        url = PHOTOS_URL + hashlib.sha1(content).hexdigest()[:12] + extension
        return Photo(path, url)

    def divisions(self) -> tuple[Division, ...]:
        entries = self.fields.attempt(self.fields.items, ("divisions",), "ส่วนราชการ",
                                      default=[])
        found, names = [], set()
        for index in range(len(entries)):
            division = self.fields.attempt(self.division, ("divisions", index), default=None)
            if division is None:
                continue
            if division.name in names:
                self.fields.report(("divisions", index, "name"),
                                   f"ส่วนราชการ \"{division.name}\" ซ้ำ (duplicate division)",
                                   "ลบรายการที่ซ้ำ หรือแก้ชื่อให้ถูก")
                continue
            names.add(division.name)
            found.append(division)
        return tuple(found)

    def division(self, where: tuple) -> Division:
        self.fields.mapping(where, DIVISION_KEYS, "ส่วนราชการ")
        head = None
        if self.fields.get(where + ("head",)) is not None:
            head = self.person(where + ("head",))
        return Division(
            name=" ".join(self.fields.text(where + ("name",), label="ชื่อส่วนราชการ").split()),
            head=head,
            duties=self.fields.texts(where + ("duties",), label="หน้าที่"),
            contacts=self.contacts(where),
        )

    def duties(self) -> tuple[Duty, ...]:
        entries = self.fields.attempt(self.fields.items, ("duties",), "อำนาจหน้าที่", default=[])
        found = []
        for index in range(len(entries)):
            where = ("duties", index)
            if self.fields.attempt(self.fields.mapping, where, DUTY_KEYS, "อำนาจหน้าที่") is None:
                continue
            duty = self.fields.attempt(self.fields.text, where + ("duty",), True, "อำนาจหน้าที่")
            basis = self.fields.attempt(self.fields.text, where + ("basis",), True,
                                        "ฐานทางกฎหมาย")
            if duty and basis:
                found.append(Duty(duty, basis))
        return tuple(found)
