"""test_blogs.py: the blogs app of the demo in a real browser (moderated comments, accessibility) and its Atom feeds read by feedparser."""
import re
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from portal import Portal, Visitor, accessibility_problems, browser, log_in, shots, wait_until_gone

portal = None


def setUpModule():
    global portal
    portal = Portal()


def tearDownModule():
    portal.stop()


class BlogFeedTest(unittest.TestCase):
    def test_a_readers_feed_parses_with_feedparser(self):
        lea = Visitor(portal, "lea.martin")
        feed = lea.feed("/apps/blogs/feed.atom")
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.version, "atom10")
        self.assertEqual(feed.feed.title, "Mes blogs")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(titles, ["Sortie au musée des Arts et Métiers", "Bienvenue sur le blog de la classe"], "newest first, no draft")
        museum = feed.entries[0]
        self.assertEqual(museum.author, "Paul Durand")
        self.assertIn("<strong>pendule de Foucault</strong>", museum.content[0].value)
        self.assertTrue(museum.link.startswith(portal.url + "/apps/blogs/blogs/"), museum.link)
        self.assertIsNotNone(museum.published_parsed)
        self.assertTrue(museum.id.startswith("urn:uuid:"))
        # Behind the session only.
        self.assertIn(Visitor(portal).status("/apps/blogs/feed.atom"), (401, 303))

    def test_a_public_blogs_feed_parses_without_logging_in(self):
        paul = Visitor(portal, "paul.durand")
        blog = paul.first_blog()
        paul.post(f"/apps/blogs/blogs/{blog}/public", {"_csrf": paul.csrf(), "public": "on", "slug": "blog-de-la-4e-a"})
        feed = Visitor(portal).feed("/pub/blogs/blog-de-la-4e-a/feed.atom")
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        self.assertEqual(feed.feed.title, "Le blog de la 4e A")
        self.assertEqual(feed.feed.subtitle, "Sorties, projets et travaux de la classe.")
        self.assertEqual(len(feed.entries), 2)
        self.assertTrue(all(entry.link.startswith(portal.url + "/pub/blogs/blog-de-la-4e-a/posts/") for entry in feed.entries))
        paul.post(f"/apps/blogs/blogs/{blog}/public", {"_csrf": paul.csrf(), "public": "off"})
        self.assertEqual(Visitor(portal).status("/pub/blogs/blog-de-la-4e-a/feed.atom"), 404)


class BlogBrowserTest(unittest.TestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def open(self):
        driver = browser()
        self.drivers.append(driver)
        return driver

    def open_welcome_post(self, driver):
        driver.get(portal.url + "/apps/blogs/")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Le blog de la 4e A").click()
        WebDriverWait(driver, 10).until(expected_conditions.element_to_be_clickable((By.LINK_TEXT, "Bienvenue sur le blog de la classe"))).click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".comments")))

    @shots
    def test_a_students_comment_waits_for_the_teachers_approval(self):
        student, teacher = self.open(), self.open()
        log_in(student, portal, "lea.martin")
        self.open_welcome_post(student)
        student.find_element(By.ID, "comment").send_keys("Vivement la prochaine sortie !")
        send = student.find_element(By.CSS_SELECTOR, "form[action$='/comments'] button")
        send.click()
        # Wait for the old page to go before reading the new one (reading during the reload races it).
        wait_until_gone(student, send)
        WebDriverWait(student, 10).until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".comments"), "en attente d'approbation"))

        log_in(teacher, portal, "paul.durand")
        teacher.get(portal.url + "/")
        self.assertIn("le commentaire attend votre approbation", teacher.find_element(By.TAG_NAME, "main").text)
        self.open_welcome_post(teacher)
        approve = teacher.find_element(By.CSS_SELECTOR, "form[action$='/approve'] button")
        approve.click()
        wait_until_gone(teacher, approve)
        WebDriverWait(teacher, 10).until(expected_conditions.invisibility_of_element_located((By.CSS_SELECTOR, "form[action$='/approve']")))

        self.open_welcome_post(student)
        comments = student.find_element(By.CSS_SELECTOR, ".comments").text
        self.assertIn("Vivement la prochaine sortie !", comments)
        self.assertNotIn("en attente d'approbation", comments)

    def test_the_blogs_stylesheet_leaves_the_portals_header_alone(self):
        # Paul teaches in two schools: the header has a school menu, the bell and the account menu.
        driver = self.open()
        log_in(driver, portal, "paul.durand")
        header_style = """
            const pick = (selector, size) => { const e = document.querySelector(selector); const s = getComputedStyle(e);
              return [s[size], s.display, s.paddingTop, s.outlineStyle, s.fontSize].join(' '); };
            // The header's width follows the page's scroll bar; its height and the controls' widths do not.
            return [pick('header .school-menu summary', 'width'), pick('header .notifications', 'width'),
                    pick('header .account-menu summary', 'width'), pick('header', 'height')];
        """
        driver.get(portal.url + "/")
        at_home = driver.execute_script(header_style)
        blog = Visitor(portal, "paul.durand").first_blog()
        for path in ["/apps/blogs/", f"/apps/blogs/blogs/{blog}", f"/apps/blogs/blogs/{blog}/edit"]:
            driver.get(portal.url + path)
            self.assertEqual(driver.execute_script(header_style), at_home, f"{path} restyles the portal's header")

    @shots
    def test_blog_pages_pass_the_accessibility_checker(self):
        driver = self.open()
        log_in(driver, portal, "paul.durand")
        blog = re.search(r'/apps/blogs/blogs/([0-9a-f-]+)', Visitor(portal, "paul.durand").get("/apps/blogs/").decode()).group(1)
        base = f"/apps/blogs/blogs/{blog}"
        problems = []
        for path in ["/apps/blogs/", base, base + "/posts/new", base + "/edit", base + "/shares", "/apps/blogs/new"]:
            driver.get(portal.url + path)
            problems += accessibility_problems(driver, path)
        self.open_welcome_post(driver)
        problems += accessibility_problems(driver, "the welcome post")
        self.assertEqual(problems, [])


if __name__ == "__main__":
    unittest.main()
