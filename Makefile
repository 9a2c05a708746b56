# Cartable: `make run` serves the demo portal, `make test` runs every test; also plugins, bench.
SHELL := /bin/bash
PLUGINS_DIR := .build/plugins
DATA_DIR := data
# A target importing one it does not depend on (a lower layer importing a higher one) fails the build.
SWIFT_BUILD := swift build --explicit-target-dependency-import-check error
CARTABLE := .build/debug/cartable
# The Swift sources under the formatting of .swift-format (line length 140); `make format` applies it, `make test` checks it.
SWIFT_SOURCES := Package.swift Sources Tests/HostTests bench/Sources Plugins/blogs/Package.swift Plugins/blogs/Sources Plugins/gradebook/Package.swift Plugins/gradebook/Sources Plugins/gradebook/Tests plugin-template/swift/Package.swift plugin-template/swift/Sources
export CARTABLE_PLUGINS_DIR := $(abspath $(PLUGINS_DIR))

.PHONY: run test build plugins bench screenshots format format-check deps deps-bench deps-browser deps-postgres deps-nginx clean

# System packages the build and the tests need; installed only when missing.
DEB_PACKAGES := libsqlite3-dev libgd-dev
BENCH_PACKAGES := wrk
# The browser tests drive Debian's Chromium with Selenium (and the axe accessibility checker) from PyPI; feedparser reads the blogs' Atom feeds; authlib and python-cas sign in as real OpenID Connect and CAS clients.
# aiosmtpd is the SMTP server the password-reset mail goes to.
BROWSER_PACKAGES := chromium chromium-driver python3-venv
BROWSER_VENV := .build/browser-venv
BROWSER_PYPI := selenium==4.51.0 axe-selenium-python==2.1.6 feedparser==6.0.12 authlib==1.9.10 requests==2.34.2 python-cas==1.7.1 aiosmtpd==1.4.6

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

# The PostgreSQL engine's tests run on a throw-away cluster (Tests/Support/with-postgres.sh): Debian's server, no system service.
POSTGRES_PACKAGES := postgresql
deps-postgres:
	@ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || ( \
	  mkdir -p /etc/postgresql-common/createcluster.d && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/cartable.conf && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(POSTGRES_PACKAGES))

# The multi-host test runs Debian's nginx in the foreground with its own config; the package's service is not started.
deps-nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || ( \
	  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; \
	  status=$$?; rm -f /usr/sbin/policy-rc.d; exit $$status)

deps-bench: deps
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BENCH_PACKAGES))

deps-browser:
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@[ -x $(BROWSER_VENV)/bin/python ] || python3 -m venv $(BROWSER_VENV)
	@$(BROWSER_VENV)/bin/python -c "import selenium, axe_selenium_python, feedparser, authlib, requests, cas, aiosmtpd" 2>/dev/null || $(BROWSER_VENV)/bin/pip install -q $(BROWSER_PYPI)

build: deps
	$(SWIFT_BUILD) --product cartable

# Builds every plugin (the templates, and each folder of Plugins/) into $(PLUGINS_DIR)/<id>/<version>/.
plugins: deps
	mkdir -p $(PLUGINS_DIR)
	$(MAKE) -C plugin-template/swift DEST=$(abspath $(PLUGINS_DIR))
	$(MAKE) -C plugin-template/c DEST=$(abspath $(PLUGINS_DIR))
	@for dir in Plugins/*/; do \
	  if [ -f "$$dir/Makefile" ]; then $(MAKE) -C "$$dir" DEST=$(abspath $(PLUGINS_DIR)) || exit 1; fi; \
	done

run: build plugins
	$(CARTABLE) serve --demo --data $(DATA_DIR) --plugins $(PLUGINS_DIR) --themes themes/demo

test: format-check build plugins deps-browser deps-postgres deps-nginx
	$(SWIFT_BUILD) --build-tests
	Tests/Support/with-postgres.sh swift test --skip-build
	@echo "The gradebook's rules (averages, statistics), on their own:"
	cd Plugins/gradebook && swift test
	@echo "The same Swift suite again, every portal and database on PostgreSQL:"
	CARTABLE_TEST_ENGINE=postgres Tests/Support/with-postgres.sh swift test --skip-build
	$(BROWSER_VENV)/bin/python -m unittest discover -s Tests/Browser -p "test_*.py" -v
	@echo "Real host processes: two hosts on one PostgreSQL behind nginx, and writes surviving kill -9 on both engines:"
	PATH="$$PATH:/usr/sbin" Tests/Support/with-postgres.sh $(BROWSER_VENV)/bin/python -m unittest discover -s Tests/Processes -p "test_*.py" -v

# The home page at desktop and phone widths, in French and English, into docs/screenshots/.
screenshots: build plugins deps-browser
	$(BROWSER_VENV)/bin/python Tests/Browser/screenshots.py docs/screenshots

bench: deps-bench deps-postgres deps-nginx
	$(SWIFT_BUILD) -c release --product CartableBench
	$(SWIFT_BUILD) -c release --product cartable
	$(MAKE) -C plugin-template/swift CONFIG=release DEST=$(abspath .build/bench-plugins)
	$(MAKE) -C plugin-template/c DEST=$(abspath .build/bench-plugins)
	$(MAKE) -C Plugins/blogs CONFIG=release DEST=$(abspath .build/bench-plugins)
	$(MAKE) -C Plugins/gradebook CONFIG=release DEST=$(abspath .build/bench-plugins)
	Tests/Support/with-postgres.sh bash -c '.build/release/CartableBench --plugins .build/bench-plugins --results bench/results --postgres "$$CARTABLE_TEST_POSTGRES" --cartable .build/release/cartable'
	cd Plugins/gradebook && swift build -c release --product GradebookBench && .build/release/GradebookBench $(abspath bench/results)

format:
	swift format format --in-place --recursive --parallel $(SWIFT_SOURCES)

format-check:
	swift format lint --strict --recursive --parallel $(SWIFT_SOURCES)

clean:
	rm -rf .build plugin-template/swift/.build plugin-template/swift/bundle plugin-template/c/bundle plugin-template/c/*.so Plugins/*/.build Plugins/*/bundle
