"""screenshots.py: the home page of a student with a timeline entry, at desktop and phone widths, in French and English, for docs/screenshots/."""
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from portal import PASSWORD, Portal, browser, screenshot


def log_in(driver, portal, login):
    driver.get(portal.url + "/auth/login")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()


def main(folder):
    portal = Portal()
    try:
        teacher = browser()
        log_in(teacher, portal, "paul.durand")
        teacher.get(portal.url + "/apps/notes/new")
        teacher.find_element(By.ID, "title").send_keys("Sortie au musée")
        teacher.find_element(By.ID, "body").send_keys("Rendez-vous à 8 h devant le collège.")
        teacher.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        teacher.find_element(By.LINK_TEXT, "Sortie au musée").click()
        Select(teacher.find_element(By.ID, "share-class")).select_by_visible_text("4e A")
        teacher.find_element(By.CSS_SELECTOR, "form[action$='/share'] button").click()
        teacher.quit()
        for language in ["fr", "en"]:
            for name, width, height in [("desktop", 1280, 800), ("phone", 390, 844)]:
                driver = browser(width=width, height=height, language=language)
                if name == "phone":
                    # Headless windows stay at least 500 px wide: emulate the phone's viewport instead.
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
                log_in(driver, portal, "lea.martin")
                driver.get(portal.url + "/")
                print(screenshot(driver, f"home-{name}-{language}", folder))
                driver.quit()
    finally:
        portal.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
