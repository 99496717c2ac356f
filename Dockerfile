# A small image holding the single ttdn binary (docs/OPERATIONS.md, "Packaging").
#   docker build --build-arg VERSION=1.4.0 --build-arg COMMIT=$(git rev-parse HEAD) \
#                --build-arg BUILD_DATE=$(git log -1 --format=%cI) -t ttdn:1.4.0 .
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev COMMIT=unknown BUILD_DATE=unknown
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -buildid= -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.buildDate=${BUILD_DATE}" \
      -o /out/ttdn ./cmd/ttdn \
 && mkdir -p /out/data

# distroless/static: CA certificates, time zones, /etc/passwd with "nonroot",
# no shell. SQLite is pure Go (modernc.org/sqlite): no libc needed.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ttdn /usr/local/bin/ttdn
COPY --from=build --chown=nonroot:nonroot --chmod=0700 /out/data /var/lib/ttdn
USER nonroot:nonroot
VOLUME ["/var/lib/ttdn"]
EXPOSE 8080 9464
ENV TTDN_LANG=vi
ENTRYPOINT ["/usr/local/bin/ttdn"]
CMD ["serve", "--data", "/var/lib/ttdn", "--addr", "0.0.0.0:8080", "--metrics-addr", "0.0.0.0:9464", "--log-format", "json"]
