#!/usr/bin/env bash
# Azurite (the Azure Storage emulator) on loopback, from the version pinned in package.json.
#   scripts/azurite.sh start   start it in memory unless something already listens on 127.0.0.1:10000-10002
#   scripts/azurite.sh stop    stop it, only if this script started it
# Data lives in memory: a restart starts empty (set AZURITE_LOCATION=DIR to keep it on disk instead).
set -euo pipefail
cd "$(dirname "$0")/.."
state=.artifacts/azurite
mkdir -p "$state"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "${1:-}" in
  start)
    if listening 10000 && listening 10002; then
      echo "azurite: already listening on 127.0.0.1:10000-10002; using it"
      exit 0
    fi
    [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
    if [ -n "${AZURITE_LOCATION:-}" ]; then persistence=(--location "$AZURITE_LOCATION"); else persistence=(--inMemoryPersistence); fi
    nohup node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      "${persistence[@]}" --silent --loose --skipApiVersionCheck --disableTelemetry > "$state/azurite.log" 2>&1 &
    echo $! > "$state/pid"
    for _ in $(seq 1 150); do
      if listening 10000 && listening 10002; then echo "azurite: started (pid $(cat "$state/pid"))"; exit 0; fi
      sleep 0.2
    done
    echo "azurite: did not start within 30 s; see $state/azurite.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$state/pid" ]; then
      pid=$(cat "$state/pid")
      if ps -p "$pid" -o args= 2>/dev/null | grep -q azurite; then
        kill "$pid" && echo "azurite: stopped (pid $pid)"
      fi
      rm -f "$state/pid"
    fi
    ;;
  *)
    echo "usage: scripts/azurite.sh start|stop" >&2
    exit 2
    ;;
esac
