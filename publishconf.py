"""Settings for the public site (`invoke publish`).

Set SITEURL to where the site will live, sub-path included, for example
SITEURL=https://example.go.th/ita-portal invoke publish
"""

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
