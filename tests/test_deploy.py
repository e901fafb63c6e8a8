"""deploy/nginx.conf served by a real nginx on 127.0.0.1, under a sub-path; apache.conf agrees."""

import html
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from conftest import PUBLISH_SETTINGS, ROOT, announcement, deployed_csp

DEPLOY = os.path.join(ROOT, "deploy")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
           "Permissions-Policy")


def test_both_configurations_send_the_same_strict_policy():
    nginx = Path(DEPLOY, "nginx.conf").read_text(encoding="utf-8")
    apache = Path(DEPLOY, "apache.conf").read_text(encoding="utf-8")
    policy = deployed_csp("nginx")
    assert policy == deployed_csp("apache")
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy  # Pagefind's WebAssembly
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    for name in HEADERS:
        assert f"add_header {name} " in nginx and f"Header always set {name} " in apache
    # HSTS only makes sense over https: offered, commented out, in both
    assert "# add_header Strict-Transport-Security" in nginx
    assert "# Header always set Strict-Transport-Security" in apache
    assert "ErrorDocument 404 /ita-portal/404.html" in apache
    for extension, kind in (("json", "application/json"), ("csv", "text/csv"),
                            ("woff2", "font/woff2")):
        assert f"AddType {kind} .{extension}" in apache


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Names a clerk may give a scanned file; each needs encoding in a link.
ATTACHMENTS = {"ผลงาน100%.pdf": b"%PDF-1.4 a", "a#b.pdf": b"%PDF-1.4 b", "a?b.pdf": b"%PDF-1.4 c",
               "แผน 2568.pdf": b"%PDF-1.4 d"}


@pytest.fixture
def nginx(site, tmp_path):
    """The example configuration, with only the listen address and the folder changed."""
    if NGINX is None:
        pytest.skip("nginx is not installed (scripts/bootstrap installs it)")
    port = _free_port()
    attachments = "".join(f"\n  - file: \"{name}\"\n    title: ไฟล์ {name}" for name in ATTACHMENTS)
    site.add({"documents/a.md": announcement(slug="announcement-2568-001",
                                             attachments=attachments)})
    site.add({f"documents/{name}": ATTACHMENTS[name] for name in ATTACHMENTS})
    result = site.build(PUBLISH_SETTINGS, SITEURL=f"http://127.0.0.1:{port}/ita-portal")
    assert result.ok, result.message
    # files the tables and search plugins publish, for their content types
    (site.output / "documents/announcement-2568-001/t1.csv").write_bytes(
        "\ufeffปี,งบประมาณ\n2568,1000\n".encode())
    (site.output / "documents/announcement-2568-001/t1.json").write_text('{"a": 1}')
    (site.output / "theme/font.woff2").write_bytes(b"wOF2")

    server = Path(DEPLOY, "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("/var/www/ita-portal/", f"{site.output}/")
    assert f"127.0.0.1:{port}" in server and str(site.output) in server
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    config = prefix / "nginx.conf"
    config.write_text(
        "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  access_log off;\n"
        + "".join(f"  {kind}_temp_path {prefix}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + server + "}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(config), "-e",
                                str(prefix / "error.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    error_log = prefix / "error.log"
                    log = error_log.read_text() if error_log.exists() else ""
                    raise AssertionError(
                        f"nginx did not start: {process.stdout.read()} {log}") from error
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_pages_are_served_under_the_sub_path_with_security_headers(nginx):
    response, body = get(nginx, "/ita-portal/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert "ศูนย์ข้อมูลข่าวสารและความโปร่งใส" in body.decode()
    csp = response.getheader("Content-Security-Policy")
    assert csp.startswith("default-src 'self'") and "unsafe-inline" not in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Strict-Transport-Security") is None  # plain http
    assert response.getheader("Set-Cookie") is None

    response, body = get(nginx, "/ita-portal/documents/announcement-2568-001/")
    assert response.status == 200
    assert "<h1>ประกาศใช้แผนพัฒนาท้องถิ่น</h1>" in body.decode()
    # the stylesheet the page links to is served, as CSS
    stylesheet = re.search(r'<link rel="stylesheet" href="http://127\.0\.0\.1:\d+(/[^"]+)"',
                           body.decode())[1]
    response, _ = get(nginx, stylesheet)
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/css")


def test_missing_pages_get_the_portal_404_page_with_headers(nginx, site):
    response, body = get(nginx, "/ita-portal/documents/no-such-document/")
    assert response.status == 404
    assert body == (site.output / "404.html").read_bytes()  # the theme's page, whatever it says
    assert '<html lang="th">' in body.decode()
    assert response.getheader("Content-Security-Policy", "").startswith("default-src 'self'")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_redirects_stay_under_the_sub_path(nginx):
    response, _ = get(nginx, "/ita-portal")
    assert response.status == 301
    assert response.getheader("Location") == "/ita-portal/"
    response, _ = get(nginx, "/ita-portal/documents/announcement-2568-001")
    assert response.status == 301
    assert response.getheader("Location") == "/ita-portal/documents/announcement-2568-001/"


def test_every_attachment_link_on_the_page_downloads_its_file(nginx):
    page_path = "/ita-portal/documents/announcement-2568-001/"
    _, body = get(nginx, page_path)
    section = body.decode().split('<h2 id="attachments">')[1].split("</section>")[0]
    links = re.findall(r'<a href="([^"]+)">ไฟล์ ([^<]+)</a>', section)
    assert sorted(html.unescape(name) for _, name in links) == sorted(ATTACHMENTS)
    for href, name in links:
        url = urllib.parse.urljoin(page_path, html.unescape(href))
        response, data = get(nginx, urllib.parse.quote(url, safe="/%"))
        assert response.status == 200, (name, url)
        assert data == ATTACHMENTS[html.unescape(name)]


def test_files_named_with_a_leading_dot_are_never_served(nginx, site):
    (site.output / ".git").mkdir()
    (site.output / ".git" / "config").write_text("token = secret")
    (site.output / "documents" / ".env").write_text("PASSWORD=secret")
    for path in ("/ita-portal/.git/config", "/ita-portal/documents/.env", "/ita-portal/.git/"):
        response, body = get(nginx, path)
        assert response.status == 404, path
        assert b"secret" not in body
        assert body == (site.output / "404.html").read_bytes()


def test_exports_and_fonts_have_their_content_types(nginx):
    response, body = get(nginx, "/ita-portal/documents/announcement-2568-001/t1.csv")
    assert response.getheader("Content-Type") == "text/csv; charset=utf-8"
    assert body.startswith("\ufeffปี".encode())
    response, _ = get(nginx, "/ita-portal/documents/announcement-2568-001/t1.json")
    assert response.getheader("Content-Type") == "application/json; charset=utf-8"
    response, _ = get(nginx, "/ita-portal/theme/font.woff2")
    assert response.getheader("Content-Type") == "font/woff2"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
