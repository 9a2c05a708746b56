"""test_two_hosts.py: two `cartable serve` processes on one PostgreSQL behind Debian's nginx, round robin; what one host does, the other honours."""
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Browser"))
from portal import CARTABLE, PLUGINS, ROOT, THEMES, Visitor, free_port, wait_for_health  # noqa: E402
from probe import install_probe  # noqa: E402

NGINX_CONF = """daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream cartable {{ server 127.0.0.1:{a}; server 127.0.0.1:{b}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://cartable;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Cartable-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Address:
    """Where a Visitor sends its requests: nginx, or one host directly."""

    def __init__(self, url):
        self.url = url


class HostVisitor(Visitor):
    """A browser's cookies sent to one host directly, its forms still coming from the portal's public address."""

    def __init__(self, host_url, public_url, jar):
        super().__init__(Address(host_url), jar=jar)
        self.public_url = public_url

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.portal.url + path, data=data, headers={"Origin": self.public_url})
        return self.opener.open(request, timeout=10).read()


class TwoHostsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="cartable-two-hosts-")
        os.chmod(cls.folder, 0o777)
        cls.database = os.environ["CARTABLE_TEST_POSTGRES"]
        cls.plugins = os.path.join(cls.folder, "plugins")
        shutil.copytree(PLUGINS, cls.plugins)
        # An app `cahier` that emits `cahier.note.shared` and keeps each event it is delivered.
        install_probe(cls.plugins, "cahier", defines=["PROBE_LISTENER"], emits=["cahier.note.shared"], subscribes=["cahier.*"],
                      locales={"fr": {"event.cahier.note.shared": "{actor} a partagé « {title} »"},
                               "en": {"event.cahier.note.shared": "{actor} shared “{title}”"}})
        cls.port = free_port()
        cls.proxy = f"http://127.0.0.1:{cls.port}"
        cls.processes = []
        # The first host migrates and seeds the demo; the second finds both done.
        cls.hosts = [cls.serve("a"), cls.serve("b")]
        with open(os.path.join(cls.folder, "nginx.conf"), "w") as file:
            file.write(NGINX_CONF.format(dir=cls.folder, a=cls.hosts[0][1], b=cls.hosts[1][1], port=cls.port))
        cls.nginx = subprocess.Popen(["nginx", "-p", cls.folder, "-c", os.path.join(cls.folder, "nginx.conf")],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(cls.folder, "nginx.out"), "w"))
        cls.processes.append(cls.nginx)
        cls.wait_for(cls.proxy + "/healthz", cls.nginx)

    @classmethod
    def serve(cls, name):
        port = free_port()
        log = open(os.path.join(cls.folder, f"serve-{name}.log"), "w")
        process = subprocess.Popen(
            [CARTABLE, "serve", "--demo", "--database", cls.database, "--plugins", cls.plugins, "--themes", THEMES,
             "--port", str(port), "--password-cost", "10", "--public-url", cls.proxy, "--trusted-proxy", "127.0.0.1/32"],
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        cls.processes.append(process)
        cls.wait_for(f"http://127.0.0.1:{port}/healthz", process)
        return process, port

    @staticmethod
    def wait_for(url, process):
        if not wait_for_health(url, process):
            raise RuntimeError(f"{url} did not answer: see the logs in the test's folder")

    @classmethod
    def tearDownClass(cls):
        for process in cls.processes:
            process.terminate()
        for process in cls.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(cls.folder, ignore_errors=True)

    def direct(self, visitor, index):
        """The same browser (its cookies) talking to host `index` without nginx."""
        return HostVisitor(f"http://127.0.0.1:{self.hosts[index][1]}", self.proxy, visitor.jar)

    def upstream(self, visitor, path="/"):
        request = urllib.request.Request(self.proxy + path, headers={"Accept": "text/html"})
        with visitor.opener.open(request, timeout=10) as response:
            return response.headers["X-Cartable-Upstream"], response.read().decode()

    def until(self, check, seconds, message):
        """`check()` becomes true within `seconds`, polled every 50 ms."""
        deadline = time.time() + seconds
        while not check():
            if time.time() > deadline:
                self.fail(message)
            time.sleep(0.05)

    def test_a_session_made_through_nginx_is_good_on_both_hosts_and_its_logout_reaches_both(self):
        lea = Visitor(Address(self.proxy), "lea.martin")
        answers = [self.upstream(lea) for _ in range(4)]
        self.assertEqual(len({upstream for upstream, _ in answers}), 2, f"round robin: {[u for u, _ in answers]}")
        self.assertTrue(all("Léa" in page for _, page in answers), "logged in on both hosts")
        # Both hosts have just resolved (and cached) the session; it ends on one of them. The
        # browser forgets its cookie, but a copy of it (another tab, a stolen cookie) must be refused too.
        copied = http.cookiejar.CookieJar()
        for cookie in lea.jar:
            copied.set_cookie(cookie)
        lea.post("/auth/logout", {"_csrf": lea.csrf()})
        tab = Visitor(Address(self.proxy), jar=copied)
        logged_out = [lambda index=index: "Léa" not in self.direct(tab, index).get("/").decode() for index in (0, 1)]
        for index, check in enumerate(logged_out):
            self.until(check, 1.0, f"host {index} still honours the ended session after a second")

    def test_an_app_the_region_admin_disables_on_one_host_is_gone_from_the_other_within_a_second(self):
        nadia = Visitor(Address(self.proxy), "nadia.benali")
        hugo = Visitor(Address(self.proxy), "hugo.martin")
        for index in (0, 1):
            self.assertEqual(self.direct(hugo, index).status("/apps/blogs/"), 200)
        page = self.direct(nadia, 0).get("/admin/modules").decode()
        school = re.search(r'name="school" value="([0-9a-f-]{36})"', page).group(1)
        self.direct(nadia, 0).post("/admin/modules", {"_csrf": self.direct(nadia, 0).csrf(), "school": school,
                                                      "plugin": "blogs", "choice": "off"})
        try:
            gone = [lambda index=index: self.direct(hugo, index).status("/apps/blogs/") == 404 for index in (0, 1)]
            for index, check in enumerate(gone):
                self.until(check, 1.0, f"blogs still answers on host {index} a second after it was disabled")
        finally:
            self.direct(nadia, 1).post("/admin/modules", {"_csrf": self.direct(nadia, 1).csrf(), "school": school,
                                                          "plugin": "blogs", "choice": "newest"})

    def test_a_post_written_through_one_host_is_read_through_the_other(self):
        paul = Visitor(Address(self.proxy), "paul.durand")
        writer, reader = self.direct(paul, 0), self.direct(paul, 1)
        blog = writer.first_blog()
        title = f"Sortie au musée {time.time_ns()}"
        writer.post(f"/apps/blogs/blogs/{blog}/posts", {"_csrf": writer.csrf(), "title": title,
                                                       "body": "Rendez-vous à 8 h devant le collège.", "intent": "publish"})
        self.assertIn(title, reader.get(f"/apps/blogs/blogs/{blog}").decode())

    def test_an_event_emitted_on_one_host_is_delivered_once_across_both(self):
        paul = Visitor(Address(self.proxy), "paul.durand")
        lea_id = re.search(r"([0-9a-f-]{36})", subprocess.run(
            ["psql", self.database, "-tAc", "SELECT id FROM users WHERE login = 'lea.martin'"], capture_output=True, text=True, check=True).stdout).group(1)
        event = {"type": "cahier.note.shared", "audience": {"users": [lea_id], "groups": []}, "link": "/apps/cahier/notes/1",
                 "params": {"title": "Devoir"}, "key": f"once-{time.time_ns()}"}
        request = urllib.request.Request(f"http://127.0.0.1:{self.hosts[0][1]}/apps/cahier/events/emit",
                                         data=json.dumps(event).encode(), method="POST",
                                         headers={"Origin": self.proxy, "Content-Type": "application/json",
                                                  "X-CSRF-Token": paul.csrf()})
        paul.opener.open(request, timeout=10).read()

        def received():
            return sum(len([line for line in self.direct(paul, index).get("/apps/cahier/events/received").decode().splitlines()
                            if event["key"] in line or "Devoir" in line]) for index in (0, 1))
        self.until(lambda: received() >= 1, 10, "the event was not delivered within 10 s")
        time.sleep(3)  # three more delivery rounds on each host
        self.assertEqual(received(), 1, "delivered once across both hosts")


if __name__ == "__main__":
    unittest.main()
