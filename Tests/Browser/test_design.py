"""test_design.py: each persona's pages through the header's menus, at desktop and phone widths: nothing wider than the screen, no serious accessibility finding, no touch target under 24 px (44 px for a phone's buttons), a compact phone header."""
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from portal import Portal, accessibility_problems, browser, log_in, phone, share_note_with_class, shots, wait_until_gone

portal = None

# A pupil, a teacher of two schools, a parent of two, a school admin, a region admin: the pages each opens daily.
PERSONAS = [("lea.martin", ["/", "/apps/blogs/", "/apps/notes/", "/profile", "/profile/password"]),
            ("paul.durand", ["/", "/apps/blogs/", "/profile"]),
            ("marc.martin", ["/", "/apps/blogs/", "/profile"]),
            ("sophie.bernard", ["/", "/admin", "a[href^='/admin/schools/']", "a[href$='/accounts']", "/admin/audit"]),
            ("nadia.benali", ["/admin", "/admin/modules"])]

# A page is a path, or the CSS selector of a link to follow on the page before (the console's pages carry ids).
# The controls a finger must hit: every button, menu summary, field, and the links of the header and the launcher.
TARGETS = """
const small = [];
const controls = document.querySelectorAll('button, summary, select, input:not([type=hidden]), textarea, header a, .launcher a, .menu-panel a');
for (const element of controls) {
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;  // not shown (a closed menu's content)
  const minimum = arguments[0] && element.matches('button, summary') ? 44 : 24;
  if (box.height < minimum || box.width < 24)
    small.push(`${element.tagName.toLowerCase()} "${(element.innerText || element.name || element.id || '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
}
return small;
"""


def setUpModule():
    global portal
    portal = Portal()


def tearDownModule():
    portal.stop()


class DesignTest(unittest.TestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def open(self, width=1280):
        driver = browser(width=max(width, 800))
        if width < 800:
            phone(driver, width)
        self.drivers.append(driver)
        return driver

    def problems(self, driver, name, on_phone):
        found = []
        width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            found.append(f"{name}: the page is {width[0]} px wide on a {width[1]} px screen")
        found += [f"{name}: small target {target}" for target in driver.execute_script(TARGETS, on_phone)]
        found += accessibility_problems(driver, name)
        return found

    @shots
    def test_every_persona_at_desktop_and_phone_widths(self):
        problems = []
        for width in [1280, 390, 360]:
            for login, pages in PERSONAS:
                driver = self.open(width)
                log_in(driver, portal, login)
                for path in pages:
                    if path.startswith("/"):
                        driver.get(portal.url + path)
                    else:
                        link = driver.find_element(By.CSS_SELECTOR, "main " + path)
                        path = link.get_attribute("href").removeprefix(portal.url)
                        link.click()
                        WebDriverWait(driver, 10).until(expected_conditions.url_contains(path))
                    problems += self.problems(driver, f"{login} {path} at {width} px", width < 800)
                # Every menu of the header, opened, is still within the screen and passes the checks.
                for menu in driver.find_elements(By.CSS_SELECTOR, "header details > summary"):
                    if not menu.is_displayed():
                        continue
                    menu.click()
                    problems += self.problems(driver, f"{login}'s menu '{menu.text or menu.get_attribute('aria-label')}' at {width} px", width < 800)
                    menu.click()
                driver.quit()
                self.drivers.remove(driver)
        self.assertEqual(problems, [], "\n".join(problems))

    @shots
    def test_the_home_page_shows_cards_and_a_timeline_filtered_by_app(self):
        # Anne teaches in the collège only (another test moves Paul to the lycée).
        teacher = self.open()
        log_in(teacher, portal, "anne.nguyen")
        share_note_with_class(teacher, portal, "Sortie au musée", "Rendez-vous à 9 h devant le collège.", "4e A")
        for width in [1280, 390]:
            driver = self.open(width)
            log_in(driver, portal, "lea.martin")
            driver.get(portal.url + "/")
            titles = [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".widgets .widget-grid h3")]
            self.assertIn("Derniers billets de mes blogs", titles, f"the blogs card at {width} px")
            self.assertTrue(driver.find_elements(By.CSS_SELECTOR, ".widgets a[href^='/apps/blogs/blogs/']"), "the card links to a post")
            entry = driver.find_element(By.XPATH, "//section[contains(@class, 'timeline-section')]//a[contains(., 'Sortie au musée')]")
            self.assertTrue(entry.is_displayed())
            time_element = driver.find_element(By.CSS_SELECTOR, ".timeline time")
            self.assertTrue(time_element.get_attribute("title"), "the exact date on hover")
            driver.find_element(By.XPATH, "//nav[contains(@class, 'timeline-filters')]//a[contains(., 'Notes')]").click()
            WebDriverWait(driver, 10).until(expected_conditions.url_contains("app=notes"))
            chip = driver.find_element(By.CSS_SELECTOR, ".timeline-filters a[aria-current='page']")
            self.assertIn("Notes", chip.text)
            metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, ".timeline .timeline-meta")]
            self.assertTrue(metas and all("Notes" in m for m in metas), metas)
            self.assertEqual(self.problems(driver, f"the filtered home page at {width} px", width < 800), [])

    @shots
    def test_the_phone_header_is_one_compact_bar(self):
        driver = self.open(390)
        log_in(driver, portal, "paul.durand")
        driver.get(portal.url + "/")
        height = driver.execute_script("return document.querySelector('header').getBoundingClientRect().height")
        self.assertLessEqual(height, 72, "the header leaves the screen to the page")

    @shots
    def test_the_header_menus_open_the_apps_switch_school_and_child_and_log_out(self):
        driver = self.open()
        log_in(driver, portal, "paul.durand")
        driver.get(portal.url + "/")
        driver.find_element(By.CSS_SELECTOR, "header .apps-menu summary").click()
        WebDriverWait(driver, 5).until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "header .apps-menu a[href='/apps/notes/']"))).click()
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/apps/notes/"))

        school = driver.find_element(By.CSS_SELECTOR, "header .school-menu summary")
        self.assertIn("Collège Victor Hugo", school.text)
        school.click()
        button = driver.find_element(By.XPATH, "//header//form[@action='/auth/school']//button[contains(., 'Lycée Marie Curie')]")
        button.click()
        wait_until_gone(driver, button)
        self.assertIn("Lycée Marie Curie", driver.find_element(By.CSS_SELECTOR, "header .school-menu summary").text)

        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "header a.notifications").get_attribute("href"), portal.url + "/#timeline")
        driver.find_element(By.CSS_SELECTOR, "header .account-menu summary").click()
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "header .account-menu a")]
        self.assertIn(portal.url + "/profile", links)
        driver.find_element(By.CSS_SELECTOR, "header .account-menu form[action='/auth/logout'] button").click()
        WebDriverWait(driver, 10).until(expected_conditions.url_contains("/auth/login"))

    @shots
    def test_a_parent_switches_child_from_the_header(self):
        driver = self.open(390)
        log_in(driver, portal, "marc.martin")
        driver.get(portal.url + "/")
        # On a phone the child menu is in the account menu.
        driver.find_element(By.CSS_SELECTOR, "header .account-menu > summary").click()
        menu = driver.find_element(By.CSS_SELECTOR, "header .phone-context .child-menu summary")
        first = menu.text
        menu.click()
        button = driver.find_element(By.CSS_SELECTOR, "header .phone-context .child-menu button:not([aria-current])")
        other = button.text
        button.click()
        wait_until_gone(driver, button)
        driver.find_element(By.CSS_SELECTOR, "header .account-menu > summary").click()
        now = driver.find_element(By.CSS_SELECTOR, "header .phone-context .child-menu summary").text
        self.assertNotEqual(now, first)
        self.assertIn(other.strip(), now)


if __name__ == "__main__":
    unittest.main()
