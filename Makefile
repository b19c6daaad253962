# Key Relay. `make run` starts the app, `make test` runs every test; both install what they need first.
SHELL   := /bin/bash
GO      ?= go
MODULE  := github.com/keyrelay/keyrelay
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X $(MODULE)/assets.Commit=$(COMMIT)
# Packaging reads the app's metadata from FyneApp.toml (it lives at the top, fyne package looks next to main).
APP_NAME    := $(shell sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_ID      := $(shell sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_BUILD   := $(shell sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
FYNE_TOOL   := fyne.io/tools/cmd/fyne@v1.7.4
FYNE        := $(shell $(GO) env GOPATH)/bin/fyne
# Fyne's colour emoji font is left out (no_emoji): 4 MB of the binary, and parsed again for each text
# style the window draws. Key Relay's words need none of it: the warning sign then comes from the
# system's fonts, as the check marks already do (Fyne draws what its bundled fonts lack with those).
TAGS := no_emoji
export GOFLAGS := $(strip $(GOFLAGS) -tags=$(TAGS))
PACKAGE_FLAGS = --release --tags $(TAGS) --src ../cmd/keyrelay --name "$(APP_NAME)" --app-id $(APP_ID) \
	--app-version $(APP_VERSION) --app-build $(APP_BUILD) --icon $(CURDIR)/assets/icon.png
export CGO_ENABLED := 1
# What this kind of machine (root, no network, no GPU, Xvfb) needs for the browser Key Relay drives in the
# tours; not what a merchant's browser gets.
export KEYRELAY_BROWSER_FLAGS ?= --disable-gpu --window-size=1100,820 --disable-background-networking --disable-component-update --disable-sync

.PHONY: run test vet staticcheck-tool unit race fuzz bench window app first-frame tours screenshots package deps test-deps package-deps docs check

run: deps
	@echo "Building and starting Key Relay…"
	@$(GO) run -ldflags "$(LDFLAGS)" ./cmd/keyrelay $(ARGS)

# Under make test, a test that needs the real desktop session fails rather than skips without one.
test: export KEYRELAY_CI := 1
test: test-deps
	@echo "Running go vet and staticcheck, every test (also under the race detector), a short fuzz pass, the benchmarks and the real window…"
	@# Events files of an earlier make race or make unit are not this run's slowest tests.
	@mkdir -p build && rm -f build/tests-*.json && .ci/home-guard > build/home-before.txt
	@# Vet's plain build spends about three minutes in one single-threaded C compile (the OpenGL bindings
	@# Fyne's window links), leaving the other core idle: meanwhile staticcheck installs, the packages that
	@# never link the window run under the race detector, Fyne builds under -race for the wizard's race run
	@# after, and the fuzz pass runs. What is timed, the benchmarks and the first frames, runs alone.
	@.ci/meanwhile build/meanwhile.log '$(MAKE) --no-print-directory staticcheck-tool && $(MAKE) --no-print-directory race RACE_PACKAGES="$(NO_WINDOW_PACKAGES)" RACE_RUN=client && $(GO) build -race ./ui && $(MAKE) --no-print-directory fuzz' \
		$(MAKE) --no-print-directory vet unit
	@$(MAKE) --no-print-directory race RACE_PACKAGES=./ui RACE_RUN=ui
	@$(MAKE) --no-print-directory bench first-frame tours
	@$(GO) run .ci/slowest.go build/tests-unit.json build/tests-race-*.json
	@.ci/home-guard --since build/home-before.txt

STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l .); [ -z "$$unformatted" ] || { echo "not gofmt-ed: $$unformatted"; exit 1; }
	$(GO) run .ci/sizes.go
	@$(MAKE) --no-print-directory staticcheck-tool
	$(STATICCHECK) ./...

staticcheck-tool:
	@[ -x "$(STATICCHECK)" ] && "$(STATICCHECK)" -version | grep -q '(0.8.2)' || { echo "Installing staticcheck…"; $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2; }

# Every test, with a real Secret Service (gnome-keyring in a private D-Bus session) for the keyring tests.
# (-vet=off: go test's own vet is a subset of the analyzers make vet has run on the same packages.)
unit:
	@mkdir -p build
	set -o pipefail; .ci/with-session $(GO) test -json -vet=off -count=1 ./... | tee build/tests-unit.json | $(GO) run .ci/slowest.go --echo
	@# The happy paths' action counts and how many of the sandbox's key forms are filled by their labels
	@# alone, as the run above printed them (it failed make test if any test failed).
	@$(GO) run .ci/slowest.go --lines build/tests-unit.json 'happy path: ' 'happy path with browser assist: ' \
		'happy path with browser assist, logged in: ' 'forms filled by their labels: '

# The engine, the fake store, the keyring and the wizard again under the race detector: checks run off the
# UI goroutine, probes run in parallel.
# make test runs it in two parts (RACE_RUN names each part's events file): what never links Fyne's window
# driver, then the wizard.
NO_WINDOW_PACKAGES := ./client/... ./cmd/keyrelay-check
RACE_PACKAGES ?= $(NO_WINDOW_PACKAGES) ./ui
RACE_RUN ?= all
race:
	@mkdir -p build
	set -o pipefail; .ci/with-session $(GO) test -json -vet=off -race -count=1 $(RACE_PACKAGES) | tee build/tests-race-$(RACE_RUN).json | $(GO) run .ci/slowest.go --echo

# Budgets are counts of executions, not seconds: Go 1.26's fuzz coordinator can fail a duration budget
# with "context deadline exceeded" as it ends (go.dev/issue/75804, fixed in Go 1.27). Each count is a few
# seconds on the 2-core machine (FuzzServerAnswers starts a server per input).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseAddress$$' -fuzztime 20000x ./client/woo
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime 10000x ./client/woo
	$(GO) test -run '^$$' -fuzz '^FuzzServerAnswers$$' -fuzztime 300x ./client/woo
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeSupportCode$$' -fuzztime 40000x ./client/report
	$(GO) test -run '^$$' -fuzz '^FuzzRedact$$' -fuzztime 10000x ./client/redact
	$(GO) test -run '^$$' -fuzz '^FuzzParseKeysList$$' -fuzztime 10000x ./client/wpadmin
	$(GO) test -run '^$$' -fuzz '^FuzzChoose$$' -fuzztime 20000x ./client/keyform
	$(GO) test -run '^$$' -fuzz '^FuzzAnother$$' -fuzztime 20000x ./client/service

bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x ./client/woo
	$(GO) test -run '^$$' -bench . -benchtime 5x ./client/connect

# The real binary in a real (virtual) X server: first frame, peak memory and a screenshot, next to a bare
# Fyne window on the same machine; then the demo walks in it (tours).
window: first-frame tours

# The real binary, as make window and the screenshots run it (a phony target: go build knows when it is
# up to date).
app:
	$(GO) build -ldflags "$(LDFLAGS)" -o build/keyrelay ./cmd/keyrelay

first-frame: app
	$(GO) build -o build/baseline ./.ci/baseline
	$(GO) build -o build/firstframe ./.ci/firstframe
	@v=$$(build/keyrelay --version); echo "keyrelay --version: $$v"; [ "$$v" = "Key Relay $(APP_VERSION) (commit $(COMMIT))" ]
	@.ci/with-session --x build/firstframe -app build/keyrelay -baseline build/baseline -out build 2>/dev/null

# The demo walked in the real binary, by the clipboard, with browser assist and for Syncore: a screenshot of
# each screen and Key Relay's own peak memory in each walk.
tours: app
	@set -o pipefail; .ci/with-session --x .ci/screenshots build/keyrelay build/screenshots 2>/dev/null | tee build/walk-clipboard.log
	@set -o pipefail; .ci/with-session --x .ci/screenshots build/keyrelay build/screenshots assist 2>/dev/null | tee build/walk-assist.log
	@.ci/compare-memory build/walk-clipboard.log build/walk-assist.log
	@.ci/with-session --x .ci/screenshots build/keyrelay build/screenshots syncore 2>/dev/null

# Refreshes the README's screenshots: each step of the demo walk, taken from the real binary under Xvfb.
screenshots: test-deps app
	@.ci/with-session --x .ci/screenshots build/keyrelay assets/screenshots 2>/dev/null
	@.ci/with-session --x .ci/screenshots build/keyrelay assets/screenshots assist 2>/dev/null
	@.ci/with-session --x .ci/screenshots build/keyrelay assets/screenshots syncore 2>/dev/null

# The Linux tarball (binary, .desktop entry, icon) and the Windows .exe, both release builds, in dist/.
package: package-deps
	@echo "Packaging $(APP_NAME) $(APP_VERSION) for Linux and Windows (release builds take a few minutes)…"
	rm -rf dist build/windows && mkdir -p dist build/windows/dist
	@# Each target's build is one single-threaded C compile of OpenGL's bindings (about three minutes), so
	@# the two run at once, the Windows one from a copy of the source: fyne package writes its metadata
	@# file (and the .exe) into the source folder while it builds.
	cp -r cmd ui client assets go.mod go.sum FyneApp.toml build/windows/
	.ci/meanwhile build/package-windows.log 'cd build/windows/dist && CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
		GOFLAGS="-ldflags=-X=$(MODULE)/assets.Commit=$(COMMIT)" $(FYNE) package --os windows $(PACKAGE_FLAGS)' \
		bash -c 'cd dist && GOFLAGS="-ldflags=-X=$(MODULE)/assets.Commit=$(COMMIT)" $(FYNE) package --os linux $(PACKAGE_FLAGS)'
	mv "build/windows/cmd/keyrelay/$(APP_NAME).exe" dist/ # fyne package leaves the .exe next to the source
	GOOS=darwin CGO_ENABLED=0 $(GO) vet ./client/secretclip # the macOS side builds (the app itself needs a Mac)
	.ci/check-package dist $(APP_VERSION)

package-deps:
	@./.ci/install-deps package
	@[ -x "$(FYNE)" ] && "$(FYNE)" version 2>/dev/null | grep -q v1.7.4 || { echo "Installing the fyne packaging tool…"; $(GO) install $(FYNE_TOOL); }

# Regenerates the README's troubleshooting table from the diagnosis table.
docs:
	$(GO) test ./client/report -run TestReadmeTroubleshooting -update

# keyrelay-check, built: e.g. make check STORE=mystore.com
check:
	@$(GO) run ./cmd/keyrelay-check --store "$(STORE)"

deps:
	@./.ci/install-deps build

test-deps:
	@./.ci/install-deps test
