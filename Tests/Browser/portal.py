"""portal.py: starts the real `cartable serve --demo` on a free port with a fresh database, and a headless Chromium to drive it."""
import functools
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import feedparser
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CARTABLE = os.path.join(ROOT, ".build", "debug", "cartable")
PLUGINS = os.path.join(ROOT, ".build", "plugins")
THEMES = os.path.join(ROOT, "themes", "demo")
OUTPUT = os.path.join(ROOT, "test-output", "browser")
PASSWORD = "Cartable-Demo-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url, process, seconds=60):
    """Waits until `url` answers; False if `process` ended first or time ran out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except OSError:
            if process.poll() is not None:
                return False
            time.sleep(0.2)
    return False


class Portal:
    """The demo portal, as `make run` serves it, on its own data folder."""

    def __init__(self, port=None, public_url=None, extra=()):
        """`public_url`: the address users reach it at (another host name keeps its cookies apart); `extra`: more serve options."""
        self.data = tempfile.mkdtemp(prefix="cartable-browser-")
        self.port = port or free_port()
        self.url = public_url or f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(self.data, "serve.log"), "w")
        self.process = subprocess.Popen(
            [CARTABLE, "serve", "--demo", "--data", self.data, "--plugins", PLUGINS, "--themes", THEMES,
             "--port", str(self.port), "--password-cost", "10", *(["--public-url", public_url] if public_url else []), *extra],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        if wait_for_health(f"http://127.0.0.1:{self.port}/healthz", self.process):
            return
        self.stop()
        raise RuntimeError("the portal did not start; see " + self.log.name)

    def cartable(self, *arguments):
        """Runs the command line on this portal's database and returns what it printed."""
        return subprocess.run([CARTABLE, *arguments, "--data", self.data, "--plugins", PLUGINS],
                              check=True, capture_output=True, text=True, cwd=ROOT).stdout.strip()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.data, ignore_errors=True)


def browser(width=1280, height=900, language="fr"):
    """A headless Chromium speaking `language`."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def phone(driver, width=390, height=844):
    """Emulates a phone's viewport (headless windows stay at least 500 px wide), touch and all."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    return driver


def log_in(driver, portal, login, password=PASSWORD):
    """Logs in through the login form, and waits for the page that follows."""
    driver.get(portal.url + "/auth/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "form[action='/auth/logout']")))


def log_out(driver):
    """Logs out from the account menu, and waits for the login page."""
    driver.find_element(By.CSS_SELECTOR, "header .account-menu > summary").click()
    driver.find_element(By.CSS_SELECTOR, "header .account-menu form[action='/auth/logout'] button").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/auth/login"))


def share_note_with_class(driver, portal, title, body, class_name):
    """As the logged-in teacher: writes a note with the notes app and shares it with a class."""
    driver.get(portal.url + "/apps/notes/new")
    driver.find_element(By.ID, "title").send_keys(title)
    driver.find_element(By.ID, "body").send_keys(body)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The list comes back after the form's redirect: wait for it rather than race the navigation.
    WebDriverWait(driver, 10).until(expected_conditions.element_to_be_clickable((By.LINK_TEXT, title))).click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "share-class")))
    Select(driver.find_element(By.ID, "share-class")).select_by_visible_text(class_name)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/share'] button").click()


def screenshot(driver, name, folder=OUTPUT):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".png")
    driver.save_screenshot(path)
    return path


def shots(test):
    """On failure, saves a screenshot of every browser the test opened (self.drivers) under test-output/browser/."""
    @functools.wraps(test)
    def run(self):
        try:
            test(self)
        except Exception:
            for index, driver in enumerate(self.drivers):
                screenshot(driver, f"{test.__name__}-{index}")
            raise
    return run


def accessibility_problems(driver, name):
    """The serious and critical WCAG 2 A/AA findings of axe on the page the browser shows, one line each."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    return [f"{name}: {violation['id']} ({violation['impact']}): {violation['help']} {[node['target'] for node in violation['nodes']][:3]}"
            for violation in results["violations"] if violation["impact"] in ("serious", "critical")]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Leaves redirects to the caller (a tool's callback address is not reachable from the tests)."""
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Visitor:
    """An HTTP client with its own cookies, logged in through the login form like a browser."""

    def __init__(self, portal, login=None, jar=None):
        """`jar`: the cookies of a browser already visiting other sites (shared with another Visitor)."""
        self.portal = portal
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.manual = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        if login:
            page = self.get("/auth/login").decode()
            token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
            self.post("/auth/login", {"_csrf": token, "login": login, "password": PASSWORD})

    def get(self, path, accept="text/html"):
        return self.fetch(path, accept)[0]

    def fetch(self, path, accept="text/html"):
        """The body and the headers (lower-case names), as feedparser wants them."""
        request = urllib.request.Request(self.portal.url + path, headers={"Accept": accept})
        with self.opener.open(request, timeout=10) as response:
            headers = {name.lower(): value for name, value in response.headers.items()}
            headers["content-location"] = self.portal.url + path
            return response.read(), headers

    def feed(self, path):
        body, headers = self.fetch(path, accept="application/atom+xml")
        return feedparser.parse(body, response_headers=headers)

    def status(self, path):
        try:
            request = urllib.request.Request(self.portal.url + path, headers={"Accept": "application/atom+xml"})
            return self.opener.open(request, timeout=10).status
        except urllib.error.HTTPError as error:
            return error.code

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.portal.url + path, data=data, headers={"Origin": self.portal.url})
        return self.opener.open(request, timeout=10).read()

    def csrf(self):
        return re.search(r'name="_csrf" value="([^"]+)"', self.get("/").decode()).group(1)

    def first_blog(self):
        return re.search(r'/apps/blogs/blogs/([0-9a-f-]+)', self.get("/apps/blogs/").decode()).group(1)

    def location(self, path, fields=None):
        """The Location of the redirect a GET (or a POST of `fields`) answers, without following it; else (None, the page)."""
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        request = urllib.request.Request(path if path.startswith("http") else self.portal.url + path, data=data,
                                         headers={"Origin": self.portal.url, "Accept": "text/html"})
        try:
            response = self.manual.open(request, timeout=10)
            return None, response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303, 307):
                return error.headers["Location"], ""
            return None, error.read().decode()  # a refusal: its page


def sign_in(user, authorization_url):
    """What the user's browser does: opens the authorization URL, allows on the consent page, lands on the tool's callback."""
    location, page = user.location(authorization_url)
    if location is None:
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
        hidden = {key: value.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'") for key, value in hidden.items()}
        location, _ = user.location("/oauth2/authorize", {**hidden, "decision": "allow"})
    return location


def wait_until_gone(driver, element, timeout=10):
    """After a click that loads a page: waits until `element`, read from the old page, is gone.
    While the page changes, the driver may answer stale or "node does not belong to the document": both mean gone."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, timeout).until(gone)
