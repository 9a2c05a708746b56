"""test_crash.py: writes under load, the host killed with SIGKILL at random moments, every acknowledged write found after a restart — on SQLite and on PostgreSQL."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Browser"))
from portal import CARTABLE, PLUGINS, ROOT, Visitor, free_port, wait_for_health  # noqa: E402
from probe import install_probe  # noqa: E402

WRITERS = 4
KILLS = 3


class Address:
    def __init__(self, url):
        self.url = url


class CrashTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="cartable-crash-")
        self.plugins = os.path.join(self.folder, "plugins")
        shutil.copytree(PLUGINS, self.plugins)
        install_probe(self.plugins, "probe", collections=[("items", ["n"])])
        self.process = None
        self.log = open(os.path.join(self.folder, "serve.log"), "a")

    def tearDown(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def start(self, database, port):
        self.process = subprocess.Popen(
            [CARTABLE, "serve", "--demo", *database, "--plugins", self.plugins, "--port", str(port), "--password-cost", "10"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.assertTrue(wait_for_health(f"http://127.0.0.1:{port}/healthz", self.process), "the host did not start: see serve.log")

    def survives_kill_minus_nine(self, database):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self.start(database, port)
        lea = Visitor(Address(url), "lea.martin")
        token = lea.csrf()
        acknowledged = {}
        lock = threading.Lock()

        def write(writer, round_number, stop):
            number = 0
            while not stop.is_set():
                number += 1
                key = f"w{writer}-r{round_number}-{number}"
                request = urllib.request.Request(
                    f"{url}/apps/probe/store/put?platform=1&collection=items&id={key}", method="POST",
                    data=json.dumps({"n": number, "writer": writer}).encode(),
                    headers={"Origin": url, "Content-Type": "application/json", "X-CSRF-Token": token})
                try:
                    with lea.opener.open(request, timeout=5) as response:
                        if response.status == 200 and b'"version":1' in response.read():
                            with lock:
                                acknowledged[key] = number
                except (OSError, urllib.error.HTTPError):
                    return  # the host is gone: what was not acknowledged may or may not be there

        for round_number in range(KILLS):
            stop = threading.Event()
            writers = [threading.Thread(target=write, args=(writer, round_number, stop)) for writer in range(WRITERS)]
            for thread in writers:
                thread.start()
            time.sleep(random.uniform(0.5, 1.5))
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
            stop.set()
            for thread in writers:
                thread.join()
            self.start(database, port)
        self.assertGreater(len(acknowledged), 20, "writes were acknowledged before each kill")
        missing = []
        for key, number in acknowledged.items():
            try:
                document = json.loads(lea.get(f"/apps/probe/store/get?platform=1&collection=items&id={key}", accept="application/json"))
                if document["document"]["n"] != number:
                    missing.append(key)
            except urllib.error.HTTPError:
                missing.append(key)
        self.assertEqual(missing, [], f"{len(missing)} of {len(acknowledged)} acknowledged writes lost")
        return len(acknowledged)

    def test_sqlite_keeps_every_acknowledged_write(self):
        count = self.survives_kill_minus_nine(["--data", os.path.join(self.folder, "data")])
        print(f"SQLite: {count} acknowledged writes over {KILLS} kills, all found", file=sys.stderr)

    def test_postgresql_keeps_every_acknowledged_write(self):
        cluster = os.environ.get("CARTABLE_TEST_POSTGRES")
        if not cluster:
            self.fail("run through Tests/Support/with-postgres.sh (make test does)")
        count = self.survives_kill_minus_nine(["--database", cluster + "&schema=crash"])
        print(f"PostgreSQL: {count} acknowledged writes over {KILLS} kills, all found", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
