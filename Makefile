# rolepack — the two set-up commands are `make run` and `make test`.
GO ?= go
# Packages whose code runs concurrently (the batch worker pool and the
# writers it shares) are also tested under the race detector.
RACE_PKGS = ./pack/... ./output/... ./render/... ./lint/...

.PHONY: run test e2e fuzz bench bench-10k bench-peers generate check build golden

## run: generate the documents config.yaml asks for (default: dist/)
run:
	$(GO) run ./cmd/rolepack

## test: vet, unit and integration tests, race detector on concurrent packages
test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test ./...
	cd third_party/fpdf && $(GO) vet ./... && $(GO) test ./...
	GO=$(GO) sh third_party/fpdf/upstream-test.sh
	cd tools/peerbench/fpdffloor && $(GO) vet -modfile=go.patched.mod .
	$(GO) test -race -short $(RACE_PKGS)

# Packages with tests that run external programs (LibreOffice, poppler's
# pdftotext/pdfinfo): those tests are behind the e2e build tag, so that
# make test runs none of them.
E2E_PKGS = $(sort $(dir $(shell grep -rl --include='*_test.go' --exclude-dir=third_party -e '^//go:build e2e' .)))

## e2e: real readers: LibreOffice converts every DOCX, pdftotext reads every PDF
## (every test of the packages that have e2e-tagged tests, with the tag)
e2e:
	ROLEPACK_REQUIRE_TOOLS=1 $(GO) test -tags e2e -count=1 $(E2E_PKGS)

## fuzz: run every fuzz target for an execution budget of about 10 s each on CI's
## machine. Budgets are counts, not durations: with a duration, Go 1.26's fuzz
## coordinator can fail at the deadline with "context deadline exceeded" and no
## crasher (go.dev/issue/75804, fixed in Go 1.27). FUZZTIME=60s (or 2000000x)
## overrides every budget.
fuzz:
	$(GO) test -run=^$$ -fuzz=FuzzPrepare -fuzztime=$(or $(FUZZTIME),250000x) -fuzzminimizetime=200x ./framework/textprep/
	$(GO) test -run=^$$ -fuzz=FuzzParse -fuzztime=$(or $(FUZZTIME),100000x) -fuzzminimizetime=200x ./compose/wording/
	$(GO) test -run=^$$ -fuzz=FuzzDDaT -fuzztime=$(or $(FUZZTIME),400000x) -fuzzminimizetime=200x ./framework/ddat/
	$(GO) test -run=^$$ -fuzz=FuzzProfile -fuzztime=$(or $(FUZZTIME),200000x) -fuzzminimizetime=200x ./framework/profile/
	$(GO) test -run=^$$ -fuzz=FuzzMatrix -fuzztime=$(or $(FUZZTIME),40000x) -fuzzminimizetime=200x ./framework/matrix/
	$(GO) test -run=^$$ -fuzz=FuzzCSV -fuzztime=$(or $(FUZZTIME),30000x) -fuzzminimizetime=200x ./framework/sheet/
	$(GO) test -run=^$$ -fuzz=FuzzDecodeYAML -fuzztime=$(or $(FUZZTIME),60000x) -fuzzminimizetime=200x ./framework/
	$(GO) test -run=^$$ -fuzz=FuzzTemplates -fuzztime=$(or $(FUZZTIME),1000x) -fuzzminimizetime=50x ./render/
	$(GO) test -run=^$$ -fuzz=FuzzReadManifest -fuzztime=$(or $(FUZZTIME),30000x) -fuzzminimizetime=200x ./pack/
	$(GO) test -run=^$$ -fuzz=FuzzParse -fuzztime=$(or $(FUZZTIME),200000x) -fuzzminimizetime=200x ./internal/xliff/
	$(GO) test -run=^$$ -fuzz=FuzzOpen -fuzztime=$(or $(FUZZTIME),250000x) -fuzzminimizetime=200x ./internal/ziplimit/
	$(GO) test -run=^$$ -fuzz=FuzzXLSX -fuzztime=$(or $(FUZZTIME),80000x) -fuzzminimizetime=100x ./framework/sheet/
	$(GO) test -run=^$$ -fuzz=FuzzRoundTrip -fuzztime=$(or $(FUZZTIME),100000x) -fuzzminimizetime=200x ./internal/deflate/
	$(GO) test -run=^$$ -fuzz=FuzzWrapMatchesReference -fuzztime=$(or $(FUZZTIME),20000x) -fuzzminimizetime=100x ./output/pdf/
	$(GO) test -run=^$$ -fuzz=FuzzTemplateSource -fuzztime=$(or $(FUZZTIME),800x) -fuzzminimizetime=50x ./render/

## bench: packs and documents per second and peak memory of a 10- and a 1,000-vacancy batch (first,
## before the other benchmarks' temporary files are deleted; see tools/benchpeak; each pack its zip
## alone, as rolepack pack writes it, then the 1,000 again --unpacked, a folder beside each zip), the writers'
## ratios to the naive Go floors and to pdfkit and docxtemplater (tools/peerbench, wall and CPU; the
## peers' figures recorded in docs/performance.md, marked so, when node_modules is not installed),
## ms/doc for JD→PDF, JD→DOCX, JD→HTML (writer alone, and composed on every core), whole packs per
## second, and the cold start of `generate`; and serve under load (tools/webbench: 16 clients, 2,000
## previews and downloads on loopback, latency p50/p99, requests/s, peak heap and RSS, live heap after
## the warm-up and after the run)
bench:
	$(GO) run ./tools/benchpeak
	$(GO) run ./tools/benchpeak -n 1000 -unpacked
	$(GO) run ./tools/peerbench -n 60 -quick -processes=false
	$(GO) run ./tools/webbench
	$(GO) test -run=^$$ -bench='WriteJD' -benchtime=2s -benchmem ./pack/
	$(GO) test -run=^$$ -bench='JDPDF|JDDOCX|JDHTML' -benchtime=2s -benchmem -cpu 1,2 ./pack/
	$(GO) test -run=^$$ -bench=Pack -benchtime=100x ./pack/
	$(GO) test -run=^$$ -bench=ColdStart -benchtime=20x ./cmd/rolepack/

## bench-10k: the batch figures of make bench for 10, 1,000 and 10,000 vacancies, each in its own
## process: wall time of 10,000 against 1,000 (issue 30: ≤ 10.5×) and peak RSS against 10 (≤ 1.2×).
## Not part of make bench: 10,000 packs are 5.5 GB in TMPDIR (11 GB and 160,000 files -unpacked), several minutes on 2 cores
bench-10k:
	$(GO) run ./tools/benchpeak -sizes 10,1000,10000

## bench-peers: rolepack's PDF, DOCX and HTML writers side by side with Go floors (stock
## and patched fpdf, built from tools/peerbench/fpdffloor; archive/zip), pdfkit, docxtemplater, pandoc and the cold start, on the default JD in
## one session, with issue 30's goals as ratios of wall and CPU time (not part of test or CI; needs node + npm)
bench-peers:
	npm ci --prefix tools/peerbench/node --ignore-scripts --no-audit --no-fund
	$(GO) run ./tools/peerbench

## golden: rewrite the golden Markdown of every document kind (pack/testdata/golden);
## review the diff before committing it
golden:
	$(GO) test ./pack -run Golden -update

## generate: rebuild the embedded default frameworks from the seed documents
generate:
	$(GO) generate ./...

## build: the rolepack binary, with its version, commit and commit date (rolepack --version)
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)
DATE ?= $(shell git log -1 --format=%cI 2>/dev/null)
build:
	$(GO) build -ldflags "-X main.buildVersion=$(VERSION) -X main.buildCommit=$(COMMIT) -X main.buildDate=$(DATE)" -o rolepack ./cmd/rolepack
