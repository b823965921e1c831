#!/usr/bin/env bash
# Replays the Dockerfile's install, build and start steps without a container engine: the
# committed tree (git archive HEAD, i.e. what `COPY . .` sees) in a clean directory, the build,
# `npm prune --omit=dev`, then `idgate serve` started as an unprivileged user with only the
# data dir writable, checked through /health, /ready and the image's HEALTHCHECK command, and
# stopped with SIGTERM (must drain and exit 0). The image itself is not built here.
# node_modules is reused from this checkout (hard-linked copy) instead of `npm ci`, which would
# need the network for native prebuilds. Usage: deploy/check-docker-steps.sh   (run as root)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
user="${IDGATE_CHECK_USER:-nobody}"
work="$(mktemp -d /tmp/idgate-docker-steps.XXXXXX)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
chmod 755 "$work"
app="$work/app"; data="$work/data"; mkdir -p "$app" "$data"

echo "== build stage: sources (git archive HEAD) and dependencies"
git -C "$repo" archive HEAD | tar -x -C "$app"
cp -al "$repo/node_modules" "$app/node_modules"
cd "$app"
echo "== build stage: RUN npx vite build && npm prune --omit=dev"
npx vite build --logLevel warn
if [ -f vite.portal.config.ts ]; then npx vite build --config vite.portal.config.ts --logLevel warn; fi
npm prune --omit=dev --no-audit --no-fund >/dev/null

echo "== runtime stage: code root-owned and read-only to $user; only the data dir is writable"
chown -R root:root "$app"; chmod -R go-w "$app"
chown "$user" "$data"
port="${IDGATE_CHECK_PORT:-18480}"
setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups env -i PATH="$PATH" HOME="$data" NODE_ENV=production HOST=127.0.0.1 PORT="$port" \
  IDGATE_DATA_DIR="$data" IDGATE_LOG_FORMAT=json IDGATE_METRICS_TOKEN=docker-steps-metrics-token \
  node bin/idgate.mjs serve > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$port/health" || { echo "server did not start"; tail -50 "$work/serve.log"; exit 1; }
echo
echo "== HEALTHCHECK command"
setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups env PORT="$port" node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
echo "healthcheck ok"
echo "== /ready"
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/ready" && break; sleep 1; done
echo
echo "== process user: $(ps -o user= -p "$pid")"
echo "== SIGTERM drains and exits 0"
kill -TERM "$pid"; set +e; wait "$pid"; code=$?; set -e
echo "exit code $code"
[ "$code" -eq 0 ] || { tail -30 "$work/serve.log"; exit 1; }
echo "docker steps: OK"
