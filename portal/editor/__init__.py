"""The browser editor: Decap CMS at /admin/, published only when a backend is configured.

Owns the admin page (admin/index.html, the portal's editor.js, Decap CMS's own files
from node_modules, never a CDN) and its configuration (config.js), generated from the
document schema and the data files (config.py). EDITOR_BACKEND in the settings names
the backend: a git host for the hosted site, or decap-server on this machine, which
`invoke edit` sets with EDITOR_CHECK_URL, the address of its check server (check.py).
Without EDITOR_BACKEND the site has no /admin/ at all.
"""

from __future__ import annotations

import json
import os

from pelican import signals
from pelican.generators import Generator

from portal import content_errors, ita_catalog, outputs

from .config import decap_config

ADMIN = "admin/"
STATIC = os.path.join(os.path.dirname(__file__), "static")
DECAP_DIST = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "node_modules", "decap-cms", "dist")


def decap_files(dist: str = DECAP_DIST) -> list[str]:
    """Decap's browser bundle: the main script, the chunks it loads and its wasm."""
    return sorted(name for name in os.listdir(dist)
                  if (name.endswith("decap-cms.js") or name.endswith(".wasm")))


def config_script(config: dict) -> str:
    """config.js: the configuration for CMS.init, and Decap told not to fetch config.yml."""
    text = json.dumps(config, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f"window.CMS_MANUAL_INIT = true;\nwindow.PORTAL_EDITOR_CONFIG = {text};\n"


class EditorGenerator(Generator):
    def generate_context(self):
        if self.settings.get("EDITOR_BACKEND"):
            outputs.reserve(ADMIN, "หน้าแก้ไขเนื้อหา (Decap CMS)")

    def generate_output(self, writer):
        backend = self.settings.get("EDITOR_BACKEND")
        if not backend:
            return
        if not os.path.isdir(DECAP_DIST):
            content_errors.report(
                "pelicanconf.py", 1,
                "ไม่พบไฟล์ของ Decap CMS ใน node_modules (editor files missing)",
                "รัน bash scripts/bootstrap เพื่อติดตั้ง หรือเอา EDITOR_BACKEND ออกถ้าไม่ใช้หน้าแก้ไข")
            return
        config = decap_config(backend, self._catalogs(), self._divisions(),
                              self.settings.get("SITEURL") or "")
        self._write("config.js", config_script(config).encode("utf-8"))
        with open(os.path.join(STATIC, "index.html"), encoding="utf-8") as handle:
            page = handle.read().replace("__CHECK_URL__", self.settings.get("EDITOR_CHECK_URL")
                                         or "")
        self._write("index.html", page.encode("utf-8"))
        with open(os.path.join(STATIC, "editor.js"), "rb") as handle:
            self._write("editor.js", handle.read())
        for name in decap_files():
            with open(os.path.join(DECAP_DIST, name), "rb") as handle:
                self._write(name, handle.read())

    def _write(self, name: str, data: bytes) -> None:
        outputs.write_output(self.settings, ADMIN + name, data, "pelicanconf.py", 1,
                             "หน้าแก้ไขเนื้อหา")

    def _catalogs(self) -> dict:
        try:
            return ita_catalog.load_catalogs(self.settings["ITA_CATALOG_DIR"])
        except ita_catalog.CatalogError:
            return {}  # the ITA plugin reports the catalog's mistake with file and line

    def _divisions(self) -> list[str]:
        return sorted({article.metadata["division"] for article in self.context.get("articles", [])
                       if article.metadata.get("division")})


def get_generators(pelican):
    return EditorGenerator


def register():
    signals.get_generators.connect(get_generators)
