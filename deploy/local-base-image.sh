#!/bin/sh
# Build a local stand-in for `node:20-bookworm-slim` — ONLY for machines without container
# registry access (no Docker Hub), where `docker build` cannot pull the base image.
# Everywhere else the Dockerfile uses the official image; do not run this there.
#
# What it does: `debootstrap --variant=minbase bookworm` into a temporary directory, copies in
# the host's Node 20 (node binary + its bundled npm) laid out as the official image does
# (/usr/local/bin/node, /usr/local/lib/node_modules/npm, npm/npx symlinks, /usr/local/include/node), adds the `node`
# user (uid/gid 1000, home /home/node) the Dockerfile switches to, `docker import`s the tree
# with the official image's PATH/NODE_VERSION/CMD, and tags it node:20-bookworm-slim.
#
# Needs: root, Debian's mirror reachable, `debootstrap` (apt-get install debootstrap), Node 20
# on the host (node -v must print v20.x), a running Docker engine.
# Usage: sudo sh deploy/local-base-image.sh [tag]   (default tag node:20-bookworm-slim)
# Env:   MIRROR (default http://deb.debian.org/debian), NODE_BIN (default: `command -v node`),
#        NPM_DIR (default: the npm package next to the host's node, e.g. /usr/lib/node_modules/npm),
#        HOST_CA (default: $NODE_EXTRA_CA_CERTS): a PEM bundle copied to /etc/ssl/host-extra-ca.pem
#        and set as NODE_EXTRA_CA_CERTS in the image, for machines whose HTTPS (the npm registry)
#        goes through a TLS-inspecting proxy; without it `npm ci` fails SELF_SIGNED_CERT_IN_CHAIN.
#        HOST_CA= (empty) leaves it out.
set -eu

TAG="${1:-node:20-bookworm-slim}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
NODE_BIN="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
NODE_VERSION="$("$NODE_BIN" -v)"
case "$NODE_VERSION" in
  v20.*) ;;
  *) echo "host node is $NODE_VERSION; need Node 20 (set NODE_BIN)" >&2; exit 1 ;;
esac
if [ -z "${NPM_DIR:-}" ]; then
  for d in "$(dirname "$NODE_BIN")/../lib/node_modules/npm" /usr/lib/node_modules/npm /usr/local/lib/node_modules/npm; do
    if [ -f "$d/bin/npm-cli.js" ]; then NPM_DIR="$(readlink -f "$d")"; break; fi
  done
fi
[ -n "${NPM_DIR:-}" ] && [ -f "$NPM_DIR/bin/npm-cli.js" ] || { echo "npm not found (set NPM_DIR)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "install debootstrap first: apt-get install debootstrap" >&2; exit 1; }

ROOT="$(mktemp -d /tmp/node20-rootfs.XXXXXX)"
trap 'rm -rf "$ROOT"' EXIT

echo "debootstrap bookworm (minbase) into $ROOT from $MIRROR"
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
  || { tail -20 "$ROOT.debootstrap.log" >&2; exit 1; }
rm -f "$ROOT.debootstrap.log"

# apt sources as in debian:bookworm-slim (main + updates + security), so `apt-get install`
# in the Dockerfile sees the same suites.
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF

# Node and npm where the official image puts them.
install -m 0755 "$NODE_BIN" "$ROOT/usr/local/bin/node"
mkdir -p "$ROOT/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOT/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/local/bin/npx"
# Node's headers, as the official image has them (/usr/local/include/node), so node-gyp can compile
# a native module (better-sqlite3 when its prebuilt binary on GitHub is unreachable) without
# downloading headers from nodejs.org: npm_config_nodedir=/usr/local is set in the image below.
NODE_HEADERS="${NODE_HEADERS:-$(dirname "$NODE_BIN")/../include/node}"
[ -f "$NODE_HEADERS/node_version.h" ] || NODE_HEADERS=/usr/include/node
[ -f "$NODE_HEADERS/node_version.h" ] || { echo "node headers not found (set NODE_HEADERS)" >&2; exit 1; }
mkdir -p "$ROOT/usr/local/include"
cp -a "$(readlink -f "$NODE_HEADERS")" "$ROOT/usr/local/include/node"

# The official image's `node` user (uid/gid 1000).
chroot "$ROOT" groupadd --gid 1000 node
chroot "$ROOT" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# Slim it like debian:*-slim: no apt lists, caches, docs or man pages.
chroot "$ROOT" apt-get clean
rm -rf "$ROOT/var/lib/apt/lists/"* "$ROOT/var/cache/apt/"*.bin "$ROOT/usr/share/doc/"* \
  "$ROOT/usr/share/man/"* "$ROOT/usr/share/info/"* "$ROOT/tmp/"*
env -u NODE_EXTRA_CA_CERTS chroot "$ROOT" /usr/local/bin/node -v >/dev/null
env -u NODE_EXTRA_CA_CERTS chroot "$ROOT" /usr/local/bin/npm -v >/dev/null

# The host's extra CA bundle (TLS-inspecting proxy), so node/npm in the build can reach the registry.
HOST_CA="${HOST_CA-${NODE_EXTRA_CA_CERTS:-}}"
CA_ENV="NODE_EXTRA_CA_CERTS="
if [ -n "$HOST_CA" ] && [ -f "$HOST_CA" ]; then
  mkdir -p "$ROOT/etc/ssl"
  install -m 0644 "$HOST_CA" "$ROOT/etc/ssl/host-extra-ca.pem"
  CA_ENV="NODE_EXTRA_CA_CERTS=/etc/ssl/host-extra-ca.pem"
fi

tar -C "$ROOT" --numeric-owner -c . | docker import \
  --change "ENV $CA_ENV" \
  --change "ENV npm_config_nodedir=/usr/local" \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
  --change 'CMD ["node"]' \
  --message "local stand-in for node:20-bookworm-slim (deploy/local-base-image.sh)" \
  - "$TAG"
docker run --rm "$TAG" sh -c 'node -v && npm -v && id node'
echo "tagged $TAG (node $NODE_VERSION, npm $("$NODE_BIN" "$NPM_DIR/bin/npm-cli.js" -v))"
