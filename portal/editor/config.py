"""The browser editor's config.yml, made from the document schema and the data files.

Decap CMS shows a form per collection; here each document type is a collection whose
fields are the schema's fields (portal/front_matter/schema.py) with their Thai labels,
help and required marks, drawn by the widget their ``form`` names. Choices come from
the data: ITA items per year from data/ita/, divisions already used by documents.
Nothing lists a field by hand; a new field with a new ``form`` fails loudly here.
Free of Pelican: the editor plugin and `invoke edit` both call ``decap_config``.
"""

from __future__ import annotations

from portal.front_matter import scaffold
from portal.front_matter.schema import DOCUMENT_TYPES, FIELDS, DocumentType, Field

# Where a type's documents go, relative to the repository: as `invoke new` files them.
DOCUMENTS_FOLDER = "content/documents"
PAGES_FOLDER = "content/pages"

# The backends an อปท. can use: decap-server on this machine (`invoke edit`), or a git host.
HOSTED = ("github", "gitlab", "gitea")
BACKEND_NAMES = HOSTED + ("proxy",)

_SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$",
                 "ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และขีด - เท่านั้น เช่น announcement-2569-001"]
# Day month year in Thai or Arabic digits (16 พฤษภาคม 2568, 16/05/2568), a month and year
# (ตุลาคม 2560), or ISO: the form's quick check; the build's own parser has the last word.
_DATE_PATTERN = [r"^\s*([0-9๐-๙]{1,2}\s*[ก-๙.]+\s*[0-9๐-๙]{4}|[0-9๐-๙]{1,2}/[0-9๐-๙]{1,2}/"
                 r"[0-9๐-๙]{4}|[ก-๙.]+\s*[0-9๐-๙]{4}|[0-9]{4}-[0-9]{2}(-[0-9]{2})?)\s*$",
                 "เขียนวันที่ตามเอกสาร เช่น 16 พฤษภาคม 2568 หรือ 16/05/2568"]
_YEAR_PATTERN = [r"^\s*[0-9๐-๙]{4}(\s*-\s*[0-9๐-๙]{4})?\s*$",
                 "เขียนปี พ.ศ. 4 หลัก เช่น 2569 หรือช่วงปี เช่น 2566-2570"]
STATUS_OPTIONS = [{"label": "ฉบับร่าง (ยังไม่เผยแพร่)", "value": "draft"},
                  {"label": "เผยแพร่", "value": "published"}]


def backend_problem(value) -> str:
    """"" when ``value`` is a usable EDITOR_BACKEND, else what is wrong (Thai)."""
    if not isinstance(value, dict) or value.get("name") not in BACKEND_NAMES:
        return "ชื่อ backend ต้องเป็น " + ", ".join(BACKEND_NAMES)
    if value["name"] == "proxy":
        return "" if str(value.get("proxy_url", "")).startswith("http") else "ต้องมี proxy_url"
    repo = str(value.get("repo", ""))
    if repo.count("/") != 1 or " " in repo:
        return "ต้องมี repo แบบ เจ้าของ/ชื่อ เช่น \"abt-example/website\""
    if value["name"] == "gitea" and not str(value.get("base_url", "")).startswith("https://"):
        return "gitea ต้องมี base_url ที่ขึ้นต้นด้วย https://"
    if value["name"] == "github" and not str(value.get("base_url", "")).startswith("https://"):
        return ("github ต้องมี base_url ของตัวกลางเข้าสู่ระบบ (OAuth) ที่ขึ้นต้นด้วย https:// "
                "(docs/editor.md)")
    return ""


def decap_config(backend: dict, catalogs: dict, divisions: list[str],
                 site_url: str = "") -> dict:
    """The whole config.yml as a dict: Thai interface, one collection per type."""
    config = {
        "backend": dict(backend),
        "locale": "th",
        # Files picked in a form are stored beside the document (each collection says so);
        # the site-wide folder only holds what is uploaded outside any document.
        "media_folder": "content/media",
        "public_folder": "/media",
        "load_config_file": False,
        "collections": [_collection(t, catalogs, divisions) for t in DOCUMENT_TYPES],
    }
    if site_url:
        config["site_url"] = site_url
    if backend.get("name") == "proxy":
        config["local_backend"] = False  # decap-server is the backend itself
    return config


def _collection(doc_type: DocumentType, catalogs: dict, divisions: list[str]) -> dict:
    if doc_type.is_page:
        folder, path = PAGES_FOLDER, "{{slug}}/{{slug}}"
    elif doc_type.standing:
        folder, path = DOCUMENTS_FOLDER, scaffold.STANDING + "/{{slug}}/{{slug}}"
    else:  # the fiscal year's folder, as `invoke new` files a document
        folder, path = DOCUMENTS_FOLDER, "{{fiscal_year}}/{{slug}}/{{slug}}"
    return {
        "name": doc_type.key,
        "label": doc_type.label,
        "label_singular": doc_type.label,
        "description": doc_type.description,
        "folder": folder,
        "path": path,
        "slug": "{{fields.slug}}",
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        # Every type shares the folder; each collection shows its own type only.
        "filter": {"field": "type", "value": doc_type.label},
        "media_folder": "",
        "public_folder": "",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date"],
        "fields": [_field(f, doc_type, catalogs, divisions) for f in FIELDS]
        + [{"name": "body", "label": "เนื้อหา", "widget": "markdown",
            "hint": "ตารางเขียนเป็นไฟล์ตาราง (docs/tables.md) แล้วใส่บรรทัด ::: table ชื่อ.table.yaml",
            "required": False}],
    }


def _field(field: Field, doc_type: DocumentType, catalogs: dict, divisions: list[str]) -> dict:
    required = field.required_for(doc_type)
    if field.form == "fiscal_year" and not (doc_type.is_page or doc_type.standing):
        required = True  # it names the folder the new document is saved in
    spec = {"name": field.key, "label": field.label, "hint": field.help, "required": required}
    spec.update(_widget(field, doc_type, catalogs, divisions))
    return spec


def _widget(field: Field, doc_type: DocumentType, catalogs: dict, divisions: list[str]) -> dict:
    form = field.form
    if form == "records":
        return {"widget": "list", "summary": "{{fields." + field.parts[0].key + "}}",
                "fields": [_part(part) for part in field.parts]}
    if form == "ita":
        return {"widget": "object", "collapsed": True, "fields": [
            {"name": str(year), "label": f"ITA {year}", "widget": "select", "multiple": True,
             "required": False,
             "options": [{"label": f"{item.code} {item.name}", "value": item.code}
                         for item in catalog.items.values()]}
            for year, catalog in sorted(catalogs.items(), reverse=True)]}
    if form == "text" and field.key == "division" and divisions:
        return {"widget": "string",
                "hint": field.help + " ที่ใช้อยู่: " + ", ".join(divisions)}
    return WIDGETS[form](doc_type)


def _part(part) -> dict:
    spec = {"name": part.key, "label": part.label, "required": part.required}
    spec.update({"file": {"widget": "file", "choose_url": False, "media_folder": "",
                          "public_folder": ""},
                 "date": {"widget": "string", "pattern": _DATE_PATTERN},
                 "text": {"widget": "string"}}[part.form])
    return spec


# How each ``Field.form`` is drawn; the test checks every form of the schema is here.
WIDGETS = {
    "text": lambda doc_type: {"widget": "string"},
    "long_text": lambda doc_type: {"widget": "text"},
    "type": lambda doc_type: {"widget": "hidden", "default": doc_type.label},
    "slug": lambda doc_type: {"widget": "string", "pattern": _SLUG_PATTERN},
    "date": lambda doc_type: {"widget": "string", "pattern": _DATE_PATTERN},
    "fiscal_year": lambda doc_type: {"widget": "string", "pattern": _YEAR_PATTERN},
    "flag": lambda doc_type: {"widget": "boolean"},
    "status": lambda doc_type: {"widget": "select", "options": STATUS_OPTIONS,
                                "default": "draft"},
}
