# The two commands of the README:
#   make run   - installs what is missing, builds, runs the demo recovery (GUI when a display is there)
#   make test  - installs what is missing, builds, runs every test (GUI tests under xvfb-run)
# Everything else here is a step of those two.

PRESET      ?= release
BUILD_DIR   ?= build/$(PRESET)
PACKAGES    := $(shell grep -v '^\#' packaging/debian-packages.txt | grep -v '^$$')
JOBS        ?= $(shell nproc)
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CTEST_JOBS  ?= $(JOBS)
# Outside the checkout, so a fresh clone on the same machine reuses earlier compilations.
export CCACHE_DIR ?= $(HOME)/.cache/filmrecover-ccache
# LibTorch goes through a precompiled header; let ccache reuse it.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: all deps configure build run test fuzz demo bench package clean

all: build

# Installs only the packages that are missing, so a second run costs a dpkg query.
deps:
	@missing=$$(dpkg-query -W -f='$${Package} $${Status}\n' $(PACKAGES) 2>/dev/null \
	    | awk '$$NF=="installed"{print $$1}' | sort > /tmp/filmrecover-have.$$$$; \
	    for p in $(PACKAGES); do grep -qx "$$p" /tmp/filmrecover-have.$$$$ || echo $$p; done; \
	    rm -f /tmp/filmrecover-have.$$$$); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

configure: deps
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset $(PRESET)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && xvfb-run -a -s "-screen 0 1920x1080x24" \
	  ctest --output-on-failure -j $(CTEST_JOBS) --timeout 1200 --repeat until-pass:2
	@# The kill loop's and the full-disk tests' summary lines, for the CI log.
	@grep -h "^kill loop: \|^full disk: " $(BUILD_DIR)/Testing/Temporary/LastTest.log || true
	./tests/fuzz/run.sh

# The fuzzers alone (a clang build in build/fuzz, FUZZ_SECONDS each; docs/reliability.md).
fuzz: deps
	./tests/fuzz/run.sh

# The main job on the bundled demo: the workstation when a display is there,
# the headless recovery (and where its report is) otherwise.
run: build
	@./packaging/run-demo.sh $(BUILD_DIR)

bench: build
	./tests/bench/run-bench.sh $(BUILD_DIR)
	$(BUILD_DIR)/tests/match_scale_bench 10000
	./tests/bench/distributed_train_bench.sh $(BUILD_DIR)

# The Debian package from the built tree (install step + dpkg-deb): $(BUILD_DIR)/filmrecover_*.deb.
# docs/farm.md says how nodes install it.
package: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf build
