# Reproducible release builds of the single ttdn binary (docs/OPERATIONS.md,
# "Packaging"). The same commit and Go version give the same bytes.
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT     ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# The commit's date, not the clock: a rebuild gives the same binary.
BUILD_DATE ?= $(shell git log -1 --format=%cI 2>/dev/null || echo unknown)
LDFLAGS    := -s -w -buildid= -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.buildDate=$(BUILD_DATE)
GOFLAGS    := -trimpath -buildvcs=false
export CGO_ENABLED=0

.PHONY: build release test vet clean
build:
	go build $(GOFLAGS) -ldflags '$(LDFLAGS)' -o ttdn ./cmd/ttdn

# Linux amd64 and arm64 binaries with their SHA-256 sums.
release:
	mkdir -p dist
	GOOS=linux GOARCH=amd64 go build $(GOFLAGS) -ldflags '$(LDFLAGS)' -o dist/ttdn-$(VERSION)-linux-amd64 ./cmd/ttdn
	GOOS=linux GOARCH=arm64 go build $(GOFLAGS) -ldflags '$(LDFLAGS)' -o dist/ttdn-$(VERSION)-linux-arm64 ./cmd/ttdn
	cd dist && sha256sum ttdn-$(VERSION)-* > SHA256SUMS

vet:
	gofmt -l . && go vet ./...

test:
	go test ./...

clean:
	rm -rf ttdn dist
