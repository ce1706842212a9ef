# Multi-stage build of the single Tocsin executable. The build stage runs exactly what CI runs
# (`npm ci` then `npm run build`), so CI exercises these steps even without a Docker engine.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json bunfig.toml ./
COPY src ./src
COPY migrations ./migrations
COPY public ./public
RUN npm run build

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin tocsin \
 && mkdir -p /data && chown tocsin /data
COPY --from=build /src/dist/tocsin /usr/local/bin/tocsin
USER tocsin
WORKDIR /data
VOLUME ["/data"]
ENV TOCSIN_LISTEN=0.0.0.0:8000 TOCSIN_DATA_DIR=/data
# 8000: HTTP (API, pings, status page)
EXPOSE 8000
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/tocsin"]
CMD ["serve"]
