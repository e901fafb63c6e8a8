"""Settings for building the portal locally (`invoke build`, `invoke serve`).

publishconf.py extends this file for the public site.
"""

import os

ROOT = os.path.dirname(os.path.abspath(__file__))

# --- The organisation this portal belongs to --------------------------------
# The example content comes from five real อปท.; the site presents them as one
# demonstration organisation's publications and says so on every page.
# The name, structure, executives and contact details are in data/organisation.yaml
# (portal/organisation, docs/organisation.md); its name replaces this one
# everywhere. Without that file the site uses this name and has no such pages.
ORGANISATION = "องค์การบริหารส่วนตำบลตัวอย่าง"
ORGANISATION_DATA = os.path.join(ROOT, "data", "organisation.yaml")
ORGANISATION_NOTE = (
    "เว็บไซต์สาธิต: เอกสารตัวอย่างมาจากองค์กรปกครองส่วนท้องถิ่นห้าแห่ง "
    "แต่ละฉบับคงชื่อหน่วยงาน วันที่ และผู้ลงนามตามต้นฉบับ"
)
SITENAME = f"ศูนย์ข้อมูลข่าวสารและความโปร่งใส {ORGANISATION}"
SITEURL = ""
RELATIVE_URLS = True

# --- Content -----------------------------------------------------------------
PATH = os.path.join(ROOT, "content")
ARTICLE_PATHS = ["documents"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
ITA_CATALOG_DIR = os.path.join(ROOT, "data", "ita")
TIMEZONE = "Asia/Bangkok"
DEFAULT_LANG = "th"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # the theme shows dates with thai_date instead

# Permanent URLs: they depend on the slug written in the front matter only,
# never on the file's name or folder, so moving a file does not move its page.
ARTICLE_URL = "documents/{slug}/"
ARTICLE_SAVE_AS = "documents/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
# The search page (portal/search); its bundle is written to pagefind/.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"

# Pelican's blog listings do not fit a government portal; our plugins make the
# listings (by type, fiscal year, division, ITA item) instead.
DIRECT_TEMPLATES = ["index"]
INDEX_SAVE_AS = "index.html"
# 404.html, the page web servers show for a missing URL (see deploy/), is
# written by portal/listings.
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False
# One language: Pelican's search for translations (documents sharing a slug) is
# off. It compares every document with every other; two documents with one
# slug are an error instead (front_matter.check_unique_urls).
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# --- Build -------------------------------------------------------------------
THEME = os.path.join(ROOT, "theme")
OUTPUT_PATH = os.path.join(ROOT, "output")
# The build writes to a fresh staging folder, or in `invoke serve` to the
# folders of an earlier site emptied of files, which Pelican must leave.
DELETE_OUTPUT_DIRECTORY = False
LOAD_CONTENT_CACHE = False
# Files and folders whose names start with a dot (.git, .env, .htaccess) are
# never content: Pelican's default ("**/.*") matches no plain file name.
IGNORE_FILES = [".*"]
# Our plugins (the portal package). Their order matters only where two
# receive one signal and one needs what the other sets; the last stages of a
# build (sitemap, checks of the written site, search index) are explicit
# steps of portal/site_build, not signal receivers (docs/architecture.md).
PLUGINS = ["portal." + name for name in (
    "safe_paths", "thai_format", "front_matter", "tables", "organisation", "complaints",
    "procurement", "git_dates", "listings", "ita_catalog", "discovery", "editor",
    "site_integrity", "search")]
# ita_catalog comes after the plugins whose generated pages are ITA evidence
# (organisation, complaints, procurement, listings): they offer them before it counts.

# Autoescape: a title typed as "<script>" must show as text. Every build makes
# its own template environment (`invoke serve` too), so a template cannot change
# within one: auto_reload off saves a file check per template per page.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False}
MARKDOWN = {
    # Python-Markdown loads only the extensions listed here (extension_configs
    # alone configures them). tables.markdown_ext places data tables
    # (docs/tables.md); thai_lists keeps the Thai numbering of lists written
    # "๑. ๒. ๓." as in the source documents; safe_html keeps text such as
    # "x<y และ y>z" as text (only real HTML element names are tags). The reader
    # then sanitises the HTML (portal/safe_html).
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.sane_lists",
        "portal.tables.markdown_ext:TableLineExtension",
        "portal.thai_lists",
        "portal.safe_html",
    ],
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# How the theme writes numbers in dates and years: "thai" (๑๖ พฤษภาคม ๒๕๖๘) or
# "arabic" (16 พฤษภาคม 2568). Exports always use Arabic digits.
NUMERALS = "thai"

# --- Procurement (portal/procurement) -------------------------------------------
# One file per fiscal year, data/procurement/<year>.csv or .xlsx (docs/procurement.md):
# the monthly summaries (สขร.๑) and the yearly report are made from it.
PROCUREMENT_DIR = os.path.join(ROOT, "data", "procurement")

# --- Complaints (portal/complaints) --------------------------------------------
# Channels, process and the complaint form: data/complaints.yaml.
COMPLAINTS_DATA = os.path.join(ROOT, "data", "complaints.yaml")
# Complaint statistics, one file per fiscal year (2568.yaml), docs/complaint-statistics.md.
# The example has none: its organisation is fictional, and so would its figures be.
COMPLAINT_STATISTICS_DIR = os.path.join(ROOT, "data", "complaints", "statistics")
# The online channel for corruption complaints: the organisation's own e-service
# when it has one; until then the NACC's website, which takes complaints itself.
COMPLAINTS_ONLINE_URL = "https://www.nacc.go.th/"
COMPLAINTS_ONLINE_LABEL = "แจ้งเรื่องร้องเรียนการทุจริตต่อสำนักงาน ป.ป.ช. (www.nacc.go.th)"
# The organisation's complaints e-mail (example.org: the demonstration has none).
COMPLAINTS_EMAIL = "complaints@example.org"

# The browser editor at /admin/ (Decap CMS, docs/editor.md): None publishes no /admin/.
# For a hosted site name its git host, e.g.
# EDITOR_BACKEND = {"name": "gitlab", "repo": "abt-example/website", "auth_type": "pkce",
#                   "app_id": "..."}
# `invoke edit` sets decap-server on this machine for itself.
EDITOR_BACKEND = None
