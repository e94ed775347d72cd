# syntax=docker/dockerfile:1
#
# Signpost in a container: a static binary on distroless, run as a non-root user, with the
# SQLite database in the /data volume. See docs/operations.md ("Running in a container").
#
#   docker build -t signpost .
#   docker run -p 8080:8080 -v signpost-data:/data signpost
#
# There is no HEALTHCHECK: the runtime image has no shell or HTTP client to run one. Point the
# orchestrator's probes at GET /healthz (liveness) and GET /readyz (readiness) instead.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
# Pure Go (modernc.org/sqlite), so no cgo and no C library in the runtime image; time zone
# data is embedded in the binary (time/tzdata).
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/signpost ./cmd/signpost \
 && mkdir -p /out/data

# distroless/static: no shell, no package manager; its nonroot user is 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/signpost /usr/local/bin/signpost
COPY --from=build --chown=65532:65532 /out/data /data
ENV SIGNPOST_ADDR=0.0.0.0:8080 \
    SIGNPOST_DATA=/data \
    GOMEMLIMIT=250MiB
USER 65532:65532
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/signpost"]
CMD ["serve"]
