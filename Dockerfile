# syntax=docker/dockerfile:1
# idgate: one image for `serve`, `serve --no-jobs` and `worker` (see deploy/compose.yaml).
# Models ship inside npm packages (face-api, human, tesseract data): nothing is downloaded at run time.
# deploy/check-docker-steps.sh replays the install, build and start steps below without Docker.

# ---- build: every dependency, then the browser apps -------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# Compilers for native modules whose prebuilt binary cannot be fetched (better-sqlite3 downloads
# its binary from GitHub; without GitHub it builds from source). Build stage only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx vite build --logLevel warn \
 && (test ! -f vite.portal.config.ts || npx vite build --config vite.portal.config.ts --logLevel warn) \
 && npm prune --omit=dev

# ---- runtime: production dependencies, sources (run through tsx), built web apps ---------------
FROM node:20-bookworm-slim AS runtime
# ffmpeg: frames from selfie videos. tini: signals reach node (SIGTERM drains jobs).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    IDGATE_DATA_DIR=/data \
    IDGATE_LOG_FORMAT=json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/src ./src
COPY --from=build --chown=root:root /app/assets ./assets
COPY --from=build --chown=root:root /app/web ./web
# The code is root-owned and read-only to the service user; only /data is writable (unused
# with PostgreSQL + IDGATE_STORAGE=s3 + env-supplied keys).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/idgate.mjs"]
CMD ["serve"]
