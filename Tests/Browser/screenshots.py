"""screenshots.py: the home page of a student with a timeline entry, at desktop and phone widths, in French and English, for docs/screenshots/."""
import sys

from portal import Portal, browser, log_in, screenshot, share_note_with_class


def main(folder):
    portal = Portal()
    try:
        teacher = browser()
        log_in(teacher, portal, "paul.durand")
        share_note_with_class(teacher, portal, "Sortie au musée", "Rendez-vous à 8 h devant le collège.", "4e A")
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
