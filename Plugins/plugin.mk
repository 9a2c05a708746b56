# plugin.mk: how a plugin of Plugins/ is built and bundled into $(DEST)/<id>/<version>/; its Makefile sets ID and includes this.
# `make` builds into ./bundle; `make DEST=/path/to/plugins` installs into a portal's plugins folder.
DEST ?= bundle
CONFIG ?= debug
LIB := lib$(ID).so
VERSION := $(shell sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' manifest.json)
OUT := $(DEST)/$(ID)/$(VERSION)

.PHONY: all build clean
all: $(OUT)/manifest.json

# `resolve` first: it refreshes SwiftPM's view of the Cartable sources. SwiftPM still keeps
# its build plan when a file was added to or removed from them (a folder changed): the plan
# is then dropped, so the next build plans again instead of failing on missing inputs.
CARTABLE_SOURCES := $(or $(CARTABLE_PATH),../..)/Sources
build:
	swift package resolve
	@plan=.build/$(CONFIG).yaml; \
	  if [ -f "$$plan" ] && [ -n "$$(find $(CARTABLE_SOURCES) -type d -newer "$$plan" -print -quit)" ]; then \
	    echo "Cartable's sources gained or lost files: planning the build again"; \
	    rm -f "$$plan" .build/*/$(CONFIG)/description.json; \
	  fi
	swift build -c $(CONFIG) --product $(ID)

$(OUT)/manifest.json: build
	rm -rf "$(OUT)" && mkdir -p "$(OUT)"
	cp "$$(swift build -c $(CONFIG) --show-bin-path)/$(LIB)" "$(OUT)/$(LIB)"
	cp -R assets locales "$(OUT)/"
	sum=$$(sha256sum "$(OUT)/$(LIB)" | cut -d' ' -f1) && \
	  sed "s/\"sha256\": *\"[0-9a-f]*\"/\"sha256\": \"$$sum\"/" manifest.json > "$@"
	@echo "bundle ready: $(OUT)"

clean:
	rm -rf .build bundle
