"""Drives Debian's Chromium through Playwright against a live server.

Playwright is used without its browser downloads: the tests launch the system Chromium,
found at PARTNERKIT_CHROMIUM or /usr/bin/chromium.
"""

import os

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls
# from a thread with a running loop. The tests only set up data there, before the browser acts.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("PARTNERKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}; set PARTNERKIT_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a fresh browser context: no cookies shared between tests."""
    contexts = []

    def open_page(*, user=None, **context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def session_cookie(user, url):
    """A signed-in session, without typing into the login form every time."""
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": url}
