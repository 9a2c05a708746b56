"""test_mail.py: password self-service against a real SMTP server (aiosmtpd) — confirm one's address, forget the password, reset it from the mailed link, in a browser."""
import email
import email.policy
import os
import re
import ssl
import subprocess
import tempfile
import threading
import time
import unittest

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from portal import PASSWORD, Portal, accessibility_problems, browser, free_port, log_in, log_out, shots

NEW_PASSWORD = "Nouveau-Secret-2027!"


class Sink:
    """An SMTP server's handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []
        self.sessions = []  # (over TLS, logged in) for each message
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
            self.sessions.append((session.ssl is not None, session.authenticated))
        return "250 OK"

    def wait(self, count, timeout=20):
        """The first `count` messages, once they arrived."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages[:count])
            time.sleep(0.1)
        raise AssertionError(f"{count} message(s) expected, {len(self.messages)} arrived")


sink = Sink()
smtp = None
portal = None


def setUpModule():
    global smtp, portal
    port = free_port()
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    portal = Portal(extra=["--smtp", f"smtp://127.0.0.1:{port}", "--mail-from", "ne-pas-repondre@ent.example.org"])


def tearDownModule():
    portal.stop()
    smtp.stop()


def link_in(message, path):
    """The portal's link to `path` in the message's text."""
    found = re.search(r"(http://\S+" + re.escape(path) + r"\?token=[A-Za-z0-9_-]{43})", message.get_content())
    assert found, message.get_content()
    return found.group(1)


class MailTest(unittest.TestCase):
    def setUp(self):
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    def wait_for(self, driver, selector):
        return WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))

    @shots
    def test_a_parent_confirms_his_address_then_resets_a_forgotten_password_from_the_mailed_link(self):
        driver = browser()
        self.drivers.append(driver)
        log_in(driver, portal, "marc.martin")
        driver.get(portal.url + "/profile")
        self.assertIn("à confirmer", driver.page_source)
        driver.find_element(By.CSS_SELECTOR, "form[action='/profile/email/confirm'] button").click()
        self.assertIn("Un lien de confirmation a été envoyé", self.wait_for(driver, "[role=status]").text)
        sender, recipients, confirmation = sink.wait(1)[0]
        self.assertEqual(sender, "ne-pas-repondre@ent.example.org")
        self.assertEqual(recipients, ["marc.martin@famille.example"])
        self.assertEqual(confirmation["Subject"], "Cartable : confirmez votre adresse e-mail")
        self.assertEqual(confirmation["To"].addresses[0].display_name, "Marc Martin")
        self.assertIn("Bonjour Marc Martin", confirmation.get_content())
        driver.get(link_in(confirmation, "/profile/email/confirm"))
        self.assertIn("Adresse e-mail confirmée.", self.wait_for(driver, "[role=status]").text)
        self.assertIn("confirmée", driver.page_source)
        log_out(driver)

        # He forgets his password: the page asks for the login and, optionally, the school.
        driver.get(portal.url + "/auth/login")
        driver.find_element(By.LINK_TEXT, "Mot de passe oublié ?").click()
        driver.find_element(By.ID, "login").send_keys("marc.martin")
        Select(driver.find_element(By.ID, "school")).select_by_visible_text("Collège Victor Hugo")
        self.assertEqual(accessibility_problems(driver, "forgot"), [])
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        answer = self.wait_for(driver, "[role=status]").text
        self.assertIn("un lien vient d'y être envoyé", answer)
        self.assertIn("Sophie Bernard", driver.page_source)
        reset = sink.wait(2)[1][2]
        self.assertEqual(reset["Subject"], "Cartable : choisir un nouveau mot de passe")
        self.assertIn("marc.martin", reset.get_content())
        self.assertIn("30 minutes", reset.get_content())
        url = link_in(reset, "/auth/reset")

        driver.get(url)
        self.assertIn("marc.martin", driver.page_source)
        self.assertEqual(accessibility_problems(driver, "reset"), [])
        driver.find_element(By.ID, "password").send_keys(NEW_PASSWORD)
        driver.find_element(By.ID, "confirm").send_keys(NEW_PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.assertIn("Mot de passe changé", self.wait_for(driver, "[role=status]").text)
        log_out(driver)

        # The link worked once; the old password no longer does, the new one does.
        driver.get(url)
        self.assertIn("Ce lien ne fonctionne plus", driver.page_source)
        driver.get(portal.url + "/auth/login")
        driver.find_element(By.ID, "login").send_keys("marc.martin")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.assertIn("incorrect", self.wait_for(driver, "[role=alert]").text)
        log_in(driver, portal, "marc.martin", NEW_PASSWORD)

    @shots
    def test_an_unconfirmed_or_unknown_account_gets_no_mail_and_the_same_answer(self):
        driver = browser(language="en")
        self.drivers.append(driver)
        before = len(sink.messages)
        answers = []
        for login in ["paul.durand", "nobody.here"]:
            driver.get(portal.url + "/auth/forgot")
            driver.find_element(By.ID, "login").send_keys(login)
            form_page = driver.find_element(By.CSS_SELECTOR, "main")
            driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            # The answer is a new page: wait for the form's page to go before reading it.
            WebDriverWait(driver, 10).until(expected_conditions.staleness_of(form_page))
            answers.append(self.wait_for(driver, "main").text)
        self.assertEqual(answers[0], answers[1])
        self.assertIn("If this account has a confirmed e-mail address", answers[0])
        time.sleep(1)
        self.assertEqual(len(sink.messages), before, "an unconfirmed address gets no reset link")


class TLSRelayTest(unittest.TestCase):
    """A relay that requires STARTTLS and a login, with a certificate of the test's own authority (--smtp-ca)."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="cartable-smtp-")
        self.certificate, key = os.path.join(self.folder, "relay.pem"), os.path.join(self.folder, "relay.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", self.certificate],
                       check=True, capture_output=True)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.certificate, key)
        self.logins = []

        def authenticator(server, session, envelope, mechanism, auth_data):
            self.logins.append((mechanism, auth_data.login, auth_data.password))
            return AuthResult(success=auth_data.login == b"cartable" and auth_data.password == b"mot-de-passe-du-relais")

        self.sink = Sink()
        port = free_port()
        self.relay = Controller(self.sink, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                                auth_require_tls=True, authenticator=authenticator)
        self.relay.start()
        os.environ["CARTABLE_SMTP_PASSWORD"] = "mot-de-passe-du-relais"
        try:
            self.portal = Portal(extra=["--smtp", f"smtp+starttls://cartable@localhost:{port}", "--smtp-ca", self.certificate,
                                        "--mail-from", "ne-pas-repondre@ent.example.org"])
        finally:
            del os.environ["CARTABLE_SMTP_PASSWORD"]
        self.drivers = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()
        self.portal.stop()
        self.relay.stop()

    @shots
    def test_mail_goes_through_starttls_and_a_login(self):
        driver = browser()
        self.drivers.append(driver)
        log_in(driver, self.portal, "paul.durand")
        driver.get(self.portal.url + "/profile")
        driver.find_element(By.CSS_SELECTOR, "form[action='/profile/email/confirm'] button").click()
        _, recipients, message = self.sink.wait(1)[0]
        self.assertEqual(recipients, ["paul.durand@college-demo.example"])
        self.assertIn("/profile/email/confirm?token=", message.get_content())
        self.assertEqual(self.sink.sessions[0], (True, True), "the message came over TLS, after a login")
        self.assertEqual([login[:2] for login in self.logins], [("PLAIN", b"cartable")])


if __name__ == "__main__":
    unittest.main()
