"""profile_page.py: a CPU profile of one logged-in page under load (release `cartable serve --demo`, wrk, perf), as text for bench/profiles/."""
import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PASSWORD = "Cartable-Demo-2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_in(base, login):
    """A cookie header of a session opened through the login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login", timeout=10).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"_csrf": token, "login": login, "password": PASSWORD}).encode()
    opener.open(urllib.request.Request(base + "/auth/login", data=data, headers={"Origin": base}), timeout=10).read()
    return opener, "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def form_post(opener, base, path, fields):
    """Posts a form as the page would (CSRF field, same origin); returns the redirect's target."""
    page = opener.open(base + "/", timeout=10).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode([("_csrf", token), *fields]).encode()
    response = opener.open(urllib.request.Request(base + path, data=data, headers={"Origin": base}), timeout=10)
    response.read()
    return urllib.parse.urlparse(response.geturl()).path


def bench_post(opener, base):
    """The bench's post (make bench, section 4): a new blog, a post of 2 KB of Markdown, 5 comments."""
    blog = form_post(opener, base, "/apps/blogs/blogs", [("title", "Blog de la classe"), ("description", "Sorties et projets.")])
    paragraph = ("Nous avons découvert le **pendule de Foucault**, les premières *machines à calculer* et l'avion de "
                 "Clément Ader. ")
    markdown = "## Une journée au musée\n\n"
    while len(markdown.encode()) < 2048:
        markdown += paragraph + "\n\n- une [visite guidée](https://www.arts-et-metiers.net/) ;\n- un atelier.\n\n"
    post = form_post(opener, base, blog + "/posts", [("title", "Une journée au musée"), ("body", markdown), ("intent", "publish")])
    for index in range(1, 6):
        form_post(opener, base, post + "/comments",
                  [("body", f"Commentaire {index} : merci pour cette sortie, c'était passionnant !")])
    return post


def demo_post(opener, base, title):
    """The path of the demo post whose title starts with `title`."""
    blogs = opener.open(base + "/apps/blogs/", timeout=10).read().decode()
    for blog in dict.fromkeys(re.findall(r'/apps/blogs/blogs/[0-9a-f-]+', blogs)):
        page = opener.open(base + blog, timeout=10).read().decode()
        for path, text in re.findall(r'href="(/apps/blogs/blogs/[0-9a-f-]+/posts/[0-9a-f-]+)"[^>]*>([^<]+)<', page):
            if text.strip().startswith(title):
                return path
    sys.exit(f"no demo post titled {title!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cartable", default=os.path.join(ROOT, ".build", "release", "cartable"))
    parser.add_argument("--plugins", default=os.path.join(ROOT, ".build", "bench-plugins"))
    parser.add_argument("--database", help="a postgres:// URL (default: SQLite in a fresh folder)")
    parser.add_argument("--path", help="the page to load (default: the demo post)")
    parser.add_argument("--login", default="paul.durand")
    parser.add_argument("--title", default="Projet de fin")
    parser.add_argument("--bench-post", action="store_true", help="profile the bench's post (2 KB of Markdown, 5 comments)")
    parser.add_argument("--seconds", type=int, default=14)
    parser.add_argument("--threshold", type=float, default=5.5, help="smallest share of samples shown, in %%")
    parser.add_argument("--output", help="where to write the report (default: print it)")
    parser.add_argument("--heading", default="", help="the report's first line")
    parser.add_argument("--keep", help="where to keep perf's recording, for perf report")
    arguments = parser.parse_args()

    data = tempfile.mkdtemp(prefix="cartable-profile-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    storage = ["--database", arguments.database] if arguments.database else ["--data", data]
    log = open(os.path.join(data, "serve.log"), "w")
    serve = subprocess.Popen([arguments.cartable, "serve", "--demo", *storage, "--plugins", arguments.plugins,
                              "--port", str(port), "--password-cost", "10"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if serve.poll() is not None:
                    sys.exit("cartable serve stopped; see " + log.name)
                time.sleep(0.2)
        opener, cookie = log_in(base, arguments.login)
        path = arguments.path or (bench_post(opener, base) if arguments.bench_post else demo_post(opener, base, arguments.title))
        script = os.path.join(data, "page.lua")
        with open(script, "w") as lua:
            lua.write(f'wrk.method = "GET"\nwrk.headers["Accept"] = "text/html"\nwrk.headers["Cookie"] = "{cookie}"\n')
        # Warm-up, then the measured run with perf attached for all but its first and last two seconds.
        subprocess.run(["wrk", "-t2", "-c32", "-d3s", "-s", script, base + path], check=True, capture_output=True)
        wrk = subprocess.Popen(["wrk", "-t2", "-c32", f"-d{arguments.seconds}s", "--latency", "-s", script, base + path],
                               stdout=subprocess.PIPE, text=True)
        time.sleep(2)
        recording = arguments.keep or os.path.join(data, "perf.data")
        subprocess.run(["perf", "record", "-q", "-o", recording, "-e", "cpu-clock", "-F", "1999", "-g", "-p", str(serve.pid),
                        "--", "sleep", str(arguments.seconds - 4)], check=True, capture_output=True)
        result = wrk.communicate()[0]
        rate = re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)
        p99 = re.search(r"99%\s+(\S+)", result).group(1)
        report = subprocess.run(["perf", "report", "-i", recording, "--children", "--sort", "symbol", "-g", "none",
                                 "--percent-limit", str(arguments.threshold), "--stdio"],
                                check=True, capture_output=True, text=True).stdout
        shares = subprocess.run(["perf", "report", "-i", recording, "--sort", "dso", "-g", "none", "--percent-limit", "1",
                                 "--stdio"],
                                check=True, capture_output=True, text=True).stdout
        by_library = [" ".join(line.split()) for line in shares.splitlines() if line.strip() and not line.startswith("#")]
        own = subprocess.run(["perf", "report", "-i", recording, "--no-children", "--sort", "dso,symbol", "-g", "none",
                              "--percent-limit", "0.7", "--stdio"], check=True, capture_output=True, text=True).stdout
        report += "\n# self time by symbol (>= 0.7%)\n" + own
        demangled = subprocess.run(["swift", "demangle", "--simplified"], input=report, check=True, capture_output=True,
                                   text=True).stdout
        frames = [re.sub(r"\s+-\s+-\s*$", "", line).rstrip() for line in demangled.splitlines()
                  if line.strip() and (not line.startswith("#") or "self time" in line) and "[k]" not in line]
        text = "\n".join([
            f"# {arguments.heading or 'Logged-in page ' + path}",
            f"# wrk -t2 -c32 -d{arguments.seconds}s --latency (perf recording {arguments.seconds - 4} s of it): "
            f"Requests/sec: {rate}; p99 {p99}",
            f"# perf record -e cpu-clock -F 1999 -g -p PID; perf report --children --sort symbol -g none "
            f"(frames >= {arguments.threshold}%, kernel left out), demangled",
            "# samples by library (self time, >= 1%): " + "; ".join(by_library),
            "",
            *frames,
        ]) + "\n"
        if arguments.output:
            with open(arguments.output, "w") as out:
                out.write(text)
        print(text)
    finally:
        serve.terminate()
        serve.wait(timeout=10)
        log.close()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
