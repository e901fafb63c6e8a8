"""`invoke serve` as staff use it: edit a document, see the page, then find it by search."""

import gzip
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from conftest import ROOT
from test_read_cache import touch_later

COPIED = ("content", "theme", "portal", "data", "pelicanconf.py", "tasks.py")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Serve:
    """`invoke serve` on a copy of the project, its printed lines read as they come."""

    def __init__(self, project, port):
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "serve", "--port", str(port)], cwd=project,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen = []

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"serve never printed {text!r}; it printed:\n{''.join(self.seen)}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def test_an_edit_is_shown_at_once_and_searchable_after(tmp_path):
    project = tmp_path / "portal"
    project.mkdir()
    for name in COPIED:
        source = os.path.join(ROOT, name)
        copy = shutil.copytree if os.path.isdir(source) else shutil.copy
        copy(source, project / name)
    port = free_port()
    serve = Serve(project, port)
    try:
        serve.wait_for("เปิดดูได้ที่")
        serve.wait_for("Start detecting changes")  # livereload's watcher has its snapshot
        document = project / "content/documents/2566/report-2566-001/report-2566-001.md"
        with open(document, "a", encoding="utf-8") as handle:
            handle.write("\n\nย่อหน้าที่เพิ่มระหว่างเปิดดูตัวอย่าง zebrapreview\n")
        # livereload counts a file it has not polled yet as changed only when its
        # mtime is after the watcher started; the file system's clock is coarser
        # than time.time(), so an edit within milliseconds of the start can look
        # older. Staff save seconds later; the test makes its edit clearly later.
        touch_later(document)
        serve.wait_for("สร้างใหม่แล้ว")
        url = f"http://127.0.0.1:{port}/documents/report-2566-001/"
        page = urllib.request.urlopen(url, timeout=10).read().decode("utf-8")
        assert "zebrapreview" in page
        serve.wait_for("ปรับดัชนีค้นหาแล้ว")
        bundle = project / "output" / "pagefind"
        assert (bundle / "pagefind.js").exists()
        # The new index holds the added word: its page's fragment (gzip, then
        # Pagefind's "pagefind_dcd" and the page's indexed JSON) has it.
        fragments = [gzip.decompress((bundle / "fragment" / name).read_bytes())
                     for name in os.listdir(bundle / "fragment")]
        assert [f for f in fragments
                if b"zebrapreview" in f and b"/documents/report-2566-001/" in f]
        # What serve leaves beside the site: at most the previous site's
        # folders, emptied of files for the next rebuild (site_build's spare).
        left = [n for n in os.listdir(project) if n.startswith((".search", ".output-"))]
        assert [n for n in left if not n.startswith(".output-spare-")] == []
        assert [files for n in left for _dir, _dirs, files in os.walk(project / n) if files] == []
    finally:
        serve.stop()
