"""screenshots.py: the home page, a blog post and the console, at desktop and phone widths, in French and English, for docs/screenshots/."""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from portal import Portal, browser, log_in, phone, screenshot, share_note_with_class

# Who is shown on which page: a pupil's home and a class blog's post, a school admin's console.
PAGES = [("home", "lea.martin", "/"), ("blog-post", "lea.martin", None), ("console", "sophie.bernard", "/admin")]


def open_welcome_post(driver, portal):
    driver.get(portal.url + "/apps/blogs/")
    driver.find_element(By.PARTIAL_LINK_TEXT, "4e A").click()
    WebDriverWait(driver, 10).until(expected_conditions.element_to_be_clickable((By.PARTIAL_LINK_TEXT, "Bienvenue"))).click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".comments")))


def main(folder):
    portal = Portal()
    try:
        teacher = browser()
        log_in(teacher, portal, "paul.durand")
        share_note_with_class(teacher, portal, "Sortie au musée", "Rendez-vous à 8 h devant le collège.", "4e A")
        teacher.quit()
        for language in ["fr", "en"]:
            for name, width, height in [("desktop", 1280, 800), ("phone", 390, 844)]:
                for page, login, path in PAGES:
                    driver = browser(width=width, height=height, language=language)
                    if name == "phone":
                        phone(driver, width, height)
                    log_in(driver, portal, login)
                    if path:
                        driver.get(portal.url + path)
                    else:
                        open_welcome_post(driver, portal)
                    print(screenshot(driver, f"{page}-{name}-{language}", folder))
                    driver.quit()
    finally:
        portal.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
