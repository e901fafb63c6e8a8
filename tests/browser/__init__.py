"""Browser tests of the published site (Playwright driving Debian's chromium)."""
