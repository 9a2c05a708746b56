"""probe.py: the C probe plugin of the Swift tests, compiled into a plugins folder as an app of a chosen id."""
import hashlib
import json
import os
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROBE = os.path.join(ROOT, "Tests", "Fixtures", "probe-plugin", "probe.c")
ABI_INCLUDE = os.path.join(ROOT, "Sources", "PluginAPI", "include")


def install_probe(plugins, plugin_id, defines=(), emits=(), subscribes=(), collections=(), locales=None):
    """Compiles the probe as `<plugins>/<id>/1.0.0/` with its manifest; its routes need a logged-in user."""
    folder = os.path.join(plugins, plugin_id, "1.0.0")
    os.makedirs(folder)
    library = os.path.join(folder, "libprobe.so")
    subprocess.run(["cc", "-std=c99", "-fPIC", "-shared", "-fvisibility=hidden", "-I", ABI_INCLUDE, f'-DPROBE_ID="{plugin_id}"',
                    '-DPROBE_VERSION="1.0.0"', *[f"-D{define}" for define in defines], PROBE, "-o", library], check=True)
    with open(library, "rb") as file:
        checksum = hashlib.sha256(file.read()).hexdigest()
    manifest = {"id": plugin_id, "name": plugin_id.capitalize(), "version": "1.0.0", "abi": "1.5", "stability": "stable",
                "library": {"file": "libprobe.so", "sha256": checksum},
                "collections": [{"name": name, "indexed": list(fields)} for name, fields in collections],
                "routes": [{"method": method, "path": "/*", "public": False} for method in ("GET", "POST")],
                "actions": [], "events": {"emits": list(emits), "subscribes": list(subscribes)}}
    with open(os.path.join(folder, "manifest.json"), "w") as file:
        json.dump(manifest, file)
    if locales:
        os.makedirs(os.path.join(folder, "locales"))
        for language, table in locales.items():
            with open(os.path.join(folder, "locales", f"{language}.json"), "w") as file:
                json.dump(table, file)
