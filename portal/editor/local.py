"""`invoke edit` on this machine: decap-server in git mode, and the check server.

decap-server (npm) is Decap CMS's local backend; in git mode each save is a commit of
this repository on its current branch, with the message the editor writes. The check
server answers the editor's question before each save: would `invoke check` accept this
document? (check.py). Both listen on 127.0.0.1 only; the editor and the preview come from
`invoke serve`'s own server, so nothing is fetched from another host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from portal import ita_catalog

from .check import check_entry, document_dir
from .config import DOCUMENTS_FOLDER

SERVER_OFFSET = 81  # decap-server's port, from the preview's: 8000 -> 8081 (its own default)
CHECK_OFFSET = 82
DECAP_SERVER = os.path.join("node_modules", "decap-server", "dist", "index.js")


class EditorUnavailable(RuntimeError):
    """What the editor needs and is missing; the message says how to get it (Thai)."""


@dataclass
class Session:
    server: subprocess.Popen
    checker: ThreadingHTTPServer
    overrides: dict
    editor_url: str

    def stop(self) -> None:
        self.checker.shutdown()
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()


def start(repo: str, host: str, port: int) -> Session:
    branch = _branch(repo)
    node = shutil.which("node")
    script = os.path.join(repo, DECAP_SERVER)
    if node is None or not os.path.isfile(script):
        raise EditorUnavailable("ไม่พบ Node.js หรือ decap-server (editor not installed): "
                                "รัน bash scripts/bootstrap ก่อน")
    server_port, check_port = port + SERVER_OFFSET, port + CHECK_OFFSET
    env = dict(os.environ, MODE="git", PORT=str(server_port), BIND_HOST=host,
               GIT_REPO_DIRECTORY=repo, LOG_LEVEL="warn")
    server = subprocess.Popen([node, script], cwd=repo, env=env)
    checker = _check_server(repo, host, check_port)
    _wait_for(f"http://{host}:{server_port}/api/v1", server)
    overrides = {
        "EDITOR_BACKEND": {"name": "proxy", "proxy_url": f"http://{host}:{server_port}/api/v1",
                           "branch": branch},
        "EDITOR_CHECK_URL": f"http://{host}:{check_port}/check",
    }
    return Session(server, checker, overrides, f"http://{host}:{port}/admin/")


def _branch(repo: str) -> str:
    run = subprocess.run(["git", "-C", repo, "rev-parse", "--abbrev-ref", "HEAD"],
                         capture_output=True, text=True)
    if run.returncode != 0 or run.stdout.strip() in ("", "HEAD"):
        raise EditorUnavailable(
            "หน้าแก้ไขบันทึกเป็น commit ของ git: โฟลเดอร์นี้ต้องเป็น git repository ที่อยู่บน branch "
            "(not a git checkout on a branch)")
    return run.stdout.strip()


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    """decap-server answers once it listens; a request without a body gets 422."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise EditorUnavailable(f"decap-server หยุดทำงาน (exit {server.returncode}): "
                                    "ดูข้อความด้านบน พอร์ตอาจถูกใช้อยู่ ลองใส่ --port อื่น")
        try:
            urllib.request.urlopen(urllib.request.Request(url, data=b"{}", method="POST",
                                                          headers={"Content-Type":
                                                                   "application/json"}),
                                   timeout=2)
            return
        except urllib.error.HTTPError:
            return  # listening: it refused the empty request
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise EditorUnavailable("decap-server ไม่ตอบภายใน 30 วินาที (did not start)")


def _check_server(repo: str, host: str, port: int) -> ThreadingHTTPServer:
    content = os.path.join(repo, "content")
    catalogs = _catalog_loader(os.path.join(repo, "data", "ita"))

    class Handler(BaseHTTPRequestHandler):
        def do_OPTIONS(self):  # the browser asks before a cross-port POST
            self._answer(204, b"")

        def do_POST(self):
            try:
                length = int(self.headers.get("Content-Length") or 0)
                asked = json.loads(self.rfile.read(length) or b"{}")
                data = asked.get("data") or {}
                folder = document_dir(repo, asked.get("path") or "", data, DOCUMENTS_FOLDER)
                problems = check_entry(data, folder, content, catalogs,
                                       frozenset(asked.get("files") or ()))
            except (ValueError, TypeError, AttributeError) as error:
                problems = [f"ส่งข้อมูลมาไม่ถูกต้อง (bad request): {error}"]
            self._answer(200, json.dumps({"problems": problems}, ensure_ascii=False)
                         .encode("utf-8"))

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            origin = self.headers.get("Origin") or ""
            if origin.startswith(("http://127.0.0.1:", "http://localhost:")):
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # the terminal is for the clerk's messages
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _catalog_loader(folder: str):
    loaded = {}

    def catalogs():
        if "all" not in loaded:
            try:
                loaded["all"] = ita_catalog.load_catalogs(folder)
            except ita_catalog.CatalogError:
                loaded["all"] = {}
        return loaded["all"]

    return catalogs
