"""Settings for the public site (`invoke publish`).

Set SITEURL to where the site will live, sub-path included, for example
SITEURL=https://example.go.th/ita-portal invoke publish
"""

import json
import os
import runpy

# Every setting of pelicanconf.py, read from the file beside this one (Pelican
# loads both by path, so pelicanconf is not an importable module).
globals().update({name: value for name, value in runpy.run_path(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelicanconf.py")).items()
    if name.isupper()})

SITEURL = os.environ.get("SITEURL", "https://example.go.th/ita-portal").rstrip("/")
RELATIVE_URLS = False

# Drafts are never published.
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""

# The browser editor at /admin/ of the published site (docs/editor.md): the git host's
# backend as JSON in PORTAL_EDITOR_BACKEND, set by the CI workflow, e.g.
# {"name": "gitlab", "repo": "abt-example/website", "auth_type": "pkce", "app_id": "..."}.
# Unset: no /admin/ is published.
if os.environ.get("PORTAL_EDITOR_BACKEND"):
    EDITOR_BACKEND = json.loads(os.environ["PORTAL_EDITOR_BACKEND"])
