"""test_upstream.py: logging in to Cartable through an external OpenID provider — another Cartable, where the region's admin registered this one as a tool."""
import json
import os
import re
import tempfile
import unittest

from portal import Portal, Visitor, free_port, sign_in

provider = portal = None


def setUpModule():
    global provider, portal
    # The provider answers at "localhost", the portal at "127.0.0.1": one browser keeps their cookies apart.
    provider_port, portal_port = free_port(), free_port()
    provider = Portal(port=provider_port, public_url=f"http://localhost:{provider_port}")
    nadia = Visitor(provider, "nadia.benali")
    page = nadia.get("/admin/sso").decode()
    college = re.search(r'name="school:([^"]+)" value="1"> <label for="sso-school-[^"]+">Collège', page).group(1)
    _, answer = nadia.location("/admin/sso", {
        "_csrf": nadia.csrf(), "name": "Cartable B", "kind": "oidc", f"school:{college}": "1", "scope:profile": "1", "subject_type": "pairwise",
        "redirect_uris": f"http://127.0.0.1:{portal_port}/auth/upstream/academie/callback"})
    found = re.search(r"Identifiant client : (c-[A-Za-z0-9_-]+) — secret : ([A-Za-z0-9_-]+)", answer)
    settings = os.path.join(tempfile.mkdtemp(prefix="cartable-upstream-"), "upstream.json")
    with open(settings, "w") as file:
        json.dump([{"id": "academie", "name": "Compte académique", "issuer": provider.url, "client_id": found.group(1),
                    "client_secret": found.group(2), "scope": "openid profile"}], file)
    portal = Portal(port=portal_port, extra=("--upstream", settings))


def tearDownModule():
    portal.stop()
    provider.stop()


class UpstreamLoginTest(unittest.TestCase):
    def log_in_through_the_provider(self, browser_at_provider):
        """Clicks the provider's button on the portal, signs in at the provider, and comes back; returns where the portal sends the browser."""
        at_portal = Visitor(portal, jar=browser_at_provider.jar)
        self.assertIn("Se connecter avec Compte académique", at_portal.get("/auth/login").decode())
        authorize, _ = at_portal.location("/auth/upstream/academie")
        self.assertTrue(authorize.startswith(provider.url + "/oauth2/authorize?"), authorize)
        callback = sign_in(browser_at_provider, authorize)
        self.assertTrue(callback.startswith(portal.url + "/auth/upstream/academie/callback?"), callback)
        landing, _ = at_portal.location(callback)
        return at_portal, landing

    def test_the_first_login_links_the_account_and_the_next_ones_need_nothing_else(self):
        browser = Visitor(provider, "lea.martin")
        at_portal, landing = self.log_in_through_the_provider(browser)
        self.assertEqual(landing, "/auth/upstream/link")
        form = at_portal.get("/auth/upstream/link").decode()
        self.assertIn("première fois que vous vous connectez avec Compte académique", form)
        # The page says which external identity is about to be linked.
        self.assertIn("Identité Compte académique à relier : Léa Martin (", form)
        token = re.search(r'name="_csrf" value="([^"]+)"', form).group(1)
        # A wrong password links nothing.
        _, refused = at_portal.location("/auth/upstream/link", {"_csrf": token, "login": "lea.martin", "password": "pas-le-bon"})
        self.assertIn('role="alert"', refused)
        home, _ = at_portal.location("/auth/upstream/link", {"_csrf": token, "login": "lea.martin", "password": "Cartable-Demo-2026"})
        self.assertEqual(home, "/")
        self.assertIn("Léa Martin", at_portal.get("/").decode())

        # Another day, another browser session at the portal: the provider alone logs her in.
        later = Visitor(provider, "lea.martin")
        _, landing = self.log_in_through_the_provider(later)
        self.assertEqual(landing, "/")

    def test_a_callback_started_in_another_browser_is_refused(self):
        # The attacker starts a login in their own browser and signs in at the provider, but keeps the callback URL.
        attacker = Visitor(provider, "marc.martin")
        at_portal = Visitor(portal, jar=attacker.jar)
        authorize, _ = at_portal.location("/auth/upstream/academie")
        callback = sign_in(attacker, authorize)
        self.assertTrue(callback.startswith(portal.url + "/auth/upstream/academie/callback?"), callback)
        # The victim's browser, with its own cookie jar, is made to open it: refused, no session, nothing to link.
        victim = Visitor(portal)
        location, page = victim.location(callback)
        self.assertIsNone(location)
        self.assertIn("pas été commencée dans ce navigateur", page)
        self.assertFalse(any(cookie.name in ("cartable_session", "cartable_upstream") for cookie in victim.jar))
        # The browser that started it still finishes its own login.
        landing, _ = at_portal.location(callback)
        self.assertEqual(landing, "/auth/upstream/link")

    def test_a_forged_or_replayed_callback_is_refused(self):
        stranger = Visitor(portal)
        status = None
        try:
            stranger.get("/auth/upstream/academie/callback?code=x&state=forged")
        except Exception as error:  # urllib raises on 400
            status = getattr(error, "code", None)
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
