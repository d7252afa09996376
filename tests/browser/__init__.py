"""Real-browser tests: Chromium, driven by Playwright, against the demo site. Run with `pytest -m browser`."""
