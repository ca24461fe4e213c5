#!/usr/bin/env bash
# Everything the tests need on a fresh machine (Debian/Ubuntu): Node packages, Maven + a JDK for the
# local Neo4j (resolved from Maven Central), Chromium + a CJK font for the browser tests, the Neo4j
# artifacts and the viewer bundle. Idempotent: installs only what is missing. `npm run setup`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v mvn >/dev/null || need+=(maven)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v chromium >/dev/null || need+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "setup: please install these Debian packages as root: ${need[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing ${need[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Node packages: exactly the lock file on CI or a fresh clone, otherwise bring node_modules up to date.
if [ -n "${CI:-}" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

# Neo4j Community from Maven Central into ~/.m2 (`npm run neo4j:start` and the test set-up start it),
# and the viewer bundle the browser tests load.
echo "setup: resolving Neo4j Community Edition from Maven Central (first run: ~170 MB)" >&2
mvn -B -q -Dmaven.wagon.http.retryHandler.count=3 -f scripts/neo4j/pom.xml dependency:resolve >/dev/null
npm run build
