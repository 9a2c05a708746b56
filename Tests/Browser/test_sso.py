"""test_sso.py: a real OpenID Connect client (authlib) signs a demo user in to a tool an admin registered in the console."""
import re
import secrets
import time
import unittest

import requests
from cas import CASClient
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt

from portal import Portal, Visitor, sign_in

portal = None
REDIRECT = "http://127.0.0.1:9/callback"


def setUpModule():
    global portal
    portal = Portal()


def tearDownModule():
    portal.stop()


def register_tool(name, scopes=("profile", "school", "offline_access"), public=False, kind="oidc", subject="pairwise", address=REDIRECT):
    """As the region's admin, registers a tool for the collège through the console; returns (client id, secret or None)."""
    nadia = Visitor(portal, "nadia.benali")
    page = nadia.get("/admin/sso").decode()
    college = re.search(r'name="school:([^"]+)" value="1"> <label for="sso-school-[^"]+">Collège', page).group(1)
    fields = {"_csrf": nadia.csrf(), "name": name, "redirect_uris": address, f"school:{college}": "1", "subject_type": subject, "kind": kind}
    fields.update({f"scope:{scope}": "1" for scope in scopes})
    if public:
        fields["public"] = "1"
    _, answer = nadia.location("/admin/sso", fields)
    found = re.search(r"(?:Identifiant client|Service CAS enregistré) : (c-[A-Za-z0-9_-]+)(?: — secret : ([A-Za-z0-9_-]+))?", answer)
    return found.group(1), found.group(2)


class OpenIDConnectTest(unittest.TestCase):
    def test_authlib_runs_the_code_flow_with_pkce_then_refresh_and_userinfo(self):
        client_id, secret = register_tool("Nextcloud de test")
        discovery = requests.get(portal.url + "/.well-known/openid-configuration", timeout=10).json()
        self.assertEqual(discovery["issuer"], portal.url)
        client = OAuth2Session(client_id, secret, scope="openid profile school offline_access", redirect_uri=REDIRECT,
                               code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
        verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        url, state = client.create_authorization_url(discovery["authorization_endpoint"], code_verifier=verifier, nonce=nonce)

        callback = sign_in(Visitor(portal, "lea.martin"), url)
        self.assertTrue(callback.startswith(REDIRECT + "?"), callback)
        token = client.fetch_token(discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier, state=state)

        # The ID token's signature is checked against the provider's JWKS.
        keys = JsonWebKey.import_key_set(requests.get(discovery["jwks_uri"], timeout=10).json())
        claims = jwt.decode(token["id_token"], keys, claims_options={
            "iss": {"essential": True, "value": portal.url}, "aud": {"essential": True, "value": client_id}, "nonce": {"essential": True, "value": nonce}})
        claims.validate()
        self.assertEqual(claims["name"], "Léa Martin")
        self.assertEqual(claims["school_uai"], "0750001A")

        refreshed = client.refresh_token(discovery["token_endpoint"], refresh_token=token["refresh_token"])
        self.assertNotEqual(refreshed["refresh_token"], token["refresh_token"])
        userinfo = client.get(discovery["userinfo_endpoint"], timeout=10).json()
        self.assertEqual(userinfo["sub"], claims["sub"])
        self.assertEqual(userinfo["classes"], ["4e A"])
        # The spent refresh token is refused, and the sign-in's tokens with it.
        reused = requests.post(discovery["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
                               auth=(client_id, secret), timeout=10)
        self.assertEqual(reused.json()["error"], "invalid_grant")
        self.assertEqual(client.get(discovery["userinfo_endpoint"], timeout=10).status_code, 401)

    def test_a_public_app_must_use_pkce_and_the_right_verifier(self):
        client_id, secret = register_tool("Application mobile", scopes=("profile",), public=True)
        self.assertIsNone(secret)
        lea = Visitor(portal, "lea.martin")
        without = OAuth2Session(client_id, scope="openid profile", redirect_uri=REDIRECT)
        url, _ = without.create_authorization_url(portal.url + "/oauth2/authorize")
        self.assertIn("error=invalid_request", sign_in(lea, url))
        app = OAuth2Session(client_id, scope="openid profile", redirect_uri=REDIRECT, code_challenge_method="S256",
                            token_endpoint_auth_method="none")
        verifier = secrets.token_urlsafe(48)
        url, state = app.create_authorization_url(portal.url + "/oauth2/authorize", code_verifier=verifier)
        callback = sign_in(lea, url)
        code = re.search(r"code=([^&]+)", callback).group(1)
        wrong = requests.post(portal.url + "/oauth2/token", data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                                                   "client_id": client_id, "code_verifier": secrets.token_urlsafe(48)}, timeout=10)
        self.assertEqual(wrong.json()["error"], "invalid_grant")

    def test_a_device_gets_signed_in_with_a_code_typed_on_the_web(self):
        client_id, _ = register_tool("Application de la classe", scopes=("profile",), public=True, address="fr.cartable.app:/callback")
        started = requests.post(portal.url + "/oauth2/device_authorization", data={"client_id": client_id, "scope": "openid profile"}, timeout=10).json()
        self.assertEqual(started["verification_uri"], portal.url + "/device")
        grant = {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": started["device_code"], "client_id": client_id}
        self.assertEqual(requests.post(portal.url + "/oauth2/token", data=grant, timeout=10).json()["error"], "authorization_pending")
        self.assertEqual(requests.post(portal.url + "/oauth2/token", data=grant, timeout=10).json()["error"], "slow_down")

        lea = Visitor(portal, "lea.martin")
        _, consent = lea.location("/device", {"_csrf": lea.csrf(), "user_code": started["user_code"]})
        self.assertIn("Application de la classe", consent)
        _, done = lea.location("/device", {"_csrf": lea.csrf(), "user_code": started["user_code"], "decision": "allow"})
        self.assertIn("est connecté à votre compte", done)

        time.sleep(started["interval"] + 5.2)  # the interval, raised by the slow_down above
        tokens = requests.post(portal.url + "/oauth2/token", data=grant, timeout=10).json()
        self.assertIn("id_token", tokens, tokens)
        userinfo = requests.get(portal.url + "/oauth2/userinfo", headers={"Authorization": "Bearer " + tokens["access_token"]}, timeout=10).json()
        self.assertEqual(userinfo["name"], "Léa Martin")


class CASTest(unittest.TestCase):
    SERVICE = "http://127.0.0.1:9/cas/callback"

    def test_a_cas_client_logs_in_and_validates_a_ticket_with_attributes(self):
        register_tool("Vie scolaire", scopes=("profile", "school"), kind="cas", subject="public", address=self.SERVICE)
        client = CASClient(version=3, service_url=self.SERVICE, server_url=portal.url + "/cas/")
        callback = sign_in(Visitor(portal, "lea.martin"), client.get_login_url())
        ticket = re.search(r"ticket=(ST-[A-Za-z0-9-]+)$", callback).group(1)
        user, attributes, _ = client.verify_ticket(ticket)
        self.assertEqual(user, "lea.martin")
        self.assertEqual(attributes["name"], "Léa Martin")
        self.assertEqual(attributes["school_uai"], "0750001A")
        # The same ticket a second time: refused.
        self.assertEqual(client.verify_ticket(ticket)[0], None)


if __name__ == "__main__":
    unittest.main()
