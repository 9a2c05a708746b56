"""test_portal.py: the portal in a real browser — activation, login, switching school, the launcher, the timeline, a disabled app, keyboard only, accessibility."""
import os
import re
import unittest
import urllib.error
import urllib.request

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from portal import PASSWORD, Portal, accessibility_problems, browser, log_in, log_out, share_note_with_class, shots, wait_until_gone

portal = None


def setUpModule():
    global portal
    portal = Portal()


def tearDownModule():
    portal.stop()


class PortalTest(unittest.TestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def open(self, language="fr", width=1280):
        driver = browser(width=width, language=language)
        self.drivers.append(driver)
        return driver

    def log_in(self, driver, login, password=PASSWORD):
        log_in(driver, portal, login, password)

    def log_out(self, driver):
        log_out(driver)

    def switch_school(self, driver, name):
        """Picks the school `name` in the header's school menu, if it is not the current one."""
        menus = driver.find_elements(By.CSS_SELECTOR, "header .context .school-menu summary")
        if not menus or name in menus[0].text:
            return
        menus[0].click()
        button = driver.find_element(By.XPATH, f"//header//div[@class='context']//form[@action='/auth/school']//button[contains(., '{name}')]")
        button.click()
        # Wait for the old page to go away before reading the new one (reading during the reload races it).
        wait_until_gone(driver, button)
        WebDriverWait(driver, 10, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: name in d.find_element(By.CSS_SELECTOR, "header .context .school-menu summary").text)

    def choose_module(self, admin, cell, choice):
        """Applies `choice` in a cell of /admin/modules and waits for the page that follows (the URL may already say saved=1)."""
        Select(admin.find_element(By.ID, cell)).select_by_value(choice)
        button = admin.find_element(By.ID, cell).find_element(By.XPATH, "./following-sibling::button")
        button.click()
        wait_until_gone(admin, button)
        WebDriverWait(admin, 10).until(expected_conditions.url_contains("saved=1"))

    def launcher(self, driver):
        driver.get(portal.url + "/")
        return {link.text.strip(): link.get_attribute("href") for link in driver.find_elements(By.CSS_SELECTOR, ".launcher a")}

    def status(self, driver, path):
        """The HTTP status of `path` for the browser's session (Selenium does not expose it)."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        request = urllib.request.Request(portal.url + path, headers={"Cookie": cookies, "Accept": "text/html"})
        try:
            return urllib.request.urlopen(request, timeout=10).status
        except urllib.error.HTTPError as error:
            return error.code

    @shots
    def test_activate_an_account_log_in_and_log_out(self):
        code = portal.cartable("admin", "reset-code", "--login", "chloe.petit")
        driver = self.open()
        driver.get(portal.url + "/auth/activate")
        driver.find_element(By.ID, "login").send_keys("chloe.petit")
        driver.find_element(By.ID, "code").send_keys(code)
        for field in ["password", "confirm"]:
            driver.find_element(By.ID, field).send_keys("Un-Cartable-Tout-Neuf-2026")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "form[action='/auth/logout']")))
        self.assertIn("Chloé Petit", driver.find_element(By.CSS_SELECTOR, "header").text)
        self.log_out(driver)
        self.log_in(driver, "chloe.petit", "Un-Cartable-Tout-Neuf-2026")
        self.assertIn("Chloé Petit", driver.find_element(By.CSS_SELECTOR, "header").text)
        self.log_out(driver)
        self.assertEqual(self.status(driver, "/profile"), 200, "after logging out, /profile shows the login page")
        self.assertIn("/auth/login", driver.current_url)

    @shots
    def test_a_teacher_switches_school(self):
        driver = self.open()
        self.log_in(driver, "paul.durand")
        self.switch_school(driver, "Lycée Marie Curie")
        self.assertIn("Lycée Marie Curie", driver.find_element(By.CSS_SELECTOR, "header .context .school-menu summary").text)
        self.switch_school(driver, "Collège Victor Hugo")
        self.assertIn("Collège Victor Hugo", driver.find_element(By.CSS_SELECTOR, "header .context .school-menu summary").text)

    @shots
    def test_each_enabled_app_opens_from_the_launcher(self):
        driver = self.open()
        self.log_in(driver, "paul.durand")
        self.switch_school(driver, "Collège Victor Hugo")
        apps = self.launcher(driver)
        self.assertEqual(set(apps), {"Blogs", "Notes", "Bonjour C"})
        for name in apps:
            driver.get(portal.url + "/")
            driver.find_element(By.LINK_TEXT, name).click()
            WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
            trail = driver.find_element(By.CSS_SELECTOR, "nav.crumbs").text
            self.assertIn("Accueil", trail, f"{name} opens inside the shell with its breadcrumbs")
            self.assertEqual(driver.find_element(By.CSS_SELECTOR, "nav.crumbs a[href$='/']").get_attribute("href"), portal.url + "/")

    @shots
    def test_a_teacher_and_a_student_see_different_launchers(self):
        teacher, student = self.open(), self.open()
        self.log_in(teacher, "paul.durand")
        self.switch_school(teacher, "Collège Victor Hugo")
        self.log_in(student, "lea.martin")
        self.assertIn("Bonjour C", self.launcher(teacher))
        self.assertEqual(set(self.launcher(student)), {"Blogs", "Notes"})
        self.assertEqual(self.status(student, "/apps/hello-c/"), 403)

    @shots
    def test_a_plugin_event_shows_on_the_class_timeline(self):
        teacher = self.open()
        self.log_in(teacher, "paul.durand")
        self.switch_school(teacher, "Collège Victor Hugo")
        share_note_with_class(teacher, portal, "Sortie au musée", "Rendez-vous à 8 h devant le collège.", "4e A")

        student = self.open()
        self.log_in(student, "lea.martin")
        student.get(portal.url + "/")
        entry = student.find_element(By.CSS_SELECTOR, ".timeline li.unread a")
        self.assertEqual(entry.text, "Paul Durand a partagé la note « Sortie au musée » avec la 4e A")
        self.assertIn("Notifications non lues : 1", student.find_element(By.CSS_SELECTOR, "header").text)
        entry.click()
        self.assertIn("Rendez-vous à 8 h devant le collège.", student.find_element(By.CSS_SELECTOR, "main").text)

    @shots
    def test_an_app_disabled_for_a_school_is_absent_and_answers_404(self):
        admin = self.open()
        self.log_in(admin, "nadia.benali")
        admin.get(portal.url + "/admin/modules")
        self.choose_module(admin, "m-0750002B-notes", "off")

        lycee, college = self.open(), self.open()
        self.log_in(lycee, "ines.moreau")
        self.log_in(college, "lea.martin")
        self.assertNotIn("Notes", self.launcher(lycee))
        self.assertEqual(self.status(lycee, "/apps/notes/"), 404)
        self.assertIn("Notes", self.launcher(college), "the other school keeps it")

        # Enabled again, it comes back with its data.
        self.choose_module(admin, "m-0750002B-notes", "newest")
        self.assertIn("Notes", self.launcher(lycee))

    @shots
    def test_keyboard_only_through_login_and_the_launcher(self):
        driver = self.open()
        driver.get(portal.url + "/auth/login")
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        self.assertEqual(driver.switch_to.active_element.get_attribute("class"), "skip", "the first Tab reaches the skip link")
        self.tab_until(driver, lambda e: e.get_attribute("id") == "login")
        driver.switch_to.active_element.send_keys("paul.durand", Keys.TAB)
        self.assertEqual(driver.switch_to.active_element.get_attribute("id"), "password")
        driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".launcher")))
        link = self.tab_until(driver, lambda e: e.tag_name == "a" and "/apps/notes/" in (e.get_attribute("href") or "")
                              and e.find_elements(By.XPATH, "ancestor::ul[contains(@class,'launcher')]"))
        outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", link)
        self.assertNotEqual(outline, "none", "the focused link shows where the focus is")
        link.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/apps/notes/"))

    def tab_until(self, driver, wanted, limit=60):
        for _ in range(limit):
            element = driver.switch_to.active_element
            if wanted(element):
                return element
            element.send_keys(Keys.TAB)
        self.fail("Tab never reached the element")

    @shots
    def test_pages_pass_the_accessibility_checker(self):
        driver = self.open()
        pages = [("login", None, "/auth/login"), ("home", "paul.durand", "/"), ("notes", "paul.durand", "/apps/notes/"),
                 ("profile", "paul.durand", "/profile"), ("modules", "nadia.benali", "/admin/modules"),
                 ("school", "sophie.bernard", "/admin")]
        current = None
        problems = []
        for name, login, path in pages:
            if login != current:
                if current:
                    self.log_out(driver)
                if login:
                    self.log_in(driver, login)
                current = login
            driver.get(portal.url + path)
            problems += accessibility_problems(driver, name)
        self.assertEqual(problems, [])


if __name__ == "__main__":
    unittest.main()
