"""Settings for the public site (`invoke publish`).

Set SITEURL to where the site will live, sub-path included, for example
SITEURL=https://example.go.th/ita-portal invoke publish
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://example.go.th/ita-portal").rstrip("/")
RELATIVE_URLS = False

# Drafts are never published.
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
