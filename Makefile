# rolepack — the two set-up commands are `make run` and `make test`.
GO ?= go
# Packages whose code runs concurrently (the batch worker pool and the
# writers it shares) are also tested under the race detector.
RACE_PKGS = ./pack/... ./output/... ./render/...
FUZZTIME ?= 10s

.PHONY: run test e2e fuzz bench generate check build

## run: generate the documents config.yaml asks for (default: dist/)
run:
	$(GO) run ./cmd/rolepack

## test: vet, unit and integration tests, race detector on concurrent packages
test:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -race $(RACE_PKGS)

## e2e: real readers: LibreOffice converts every DOCX, pdftotext reads every PDF
e2e:
	ROLEPACK_REQUIRE_TOOLS=1 $(GO) test -tags e2e -count=1 -run E2E ./cmd/rolepack/

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	$(GO) test -run=^$$ -fuzz=FuzzPrepare -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s ./framework/textprep/
	$(GO) test -run=^$$ -fuzz=FuzzDDaT -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s ./framework/ddat/
	$(GO) test -run=^$$ -fuzz=FuzzProfile -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s ./framework/profile/
	$(GO) test -run=^$$ -fuzz=FuzzMatrix -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s ./framework/matrix/
	$(GO) test -run=^$$ -fuzz=FuzzDecodeYAML -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s ./framework/

## bench: docs/s for JD→PDF, JD→DOCX and whole packs; peak memory of a 10- and a 1,000-vacancy batch
bench:
	$(GO) test -run=^$$ -bench='JDPDF|JDDOCX' -benchtime=3s -benchmem -cpu 1,2 ./pack/
	$(GO) test -run=^$$ -bench=Pack -benchtime=100x ./pack/
	$(GO) run ./pack/internal/benchpeak

## generate: rebuild the embedded default frameworks from the seed documents
generate:
	$(GO) generate ./...

build:
	$(GO) build -o rolepack ./cmd/rolepack
