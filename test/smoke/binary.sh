#!/usr/bin/env bash
# Smoke test of the built executable: copied into an empty directory it starts, serves
# /api/v3/status/ within 1 s, writes only inside its data directory and stops on SIGTERM with 0.
set -euo pipefail
BIN=$(readlink -f "${1:-dist/tocsin}")
DIR=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
VERSION=$(node -p 'require("./package.json").version')
cp "$BIN" "$DIR/tocsin"
cd "$DIR"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
start=$(date +%s%N)
./tocsin serve --listen "127.0.0.1:$PORT" >stdout.log 2>stderr.log &
PID=$!
ok=""
for _ in $(seq 1 200); do
  if [ "$(curl -fsS -m 1 "http://127.0.0.1:$PORT/api/v3/status/" 2>/dev/null)" = OK ]; then ok=1; break; fi
  sleep 0.01
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ -n "$ok" ] || { echo "FAIL: /api/v3/status/ did not answer OK"; cat stderr.log; exit 1; }
echo "status endpoint answered OK after ${elapsed_ms} ms"
[ "$elapsed_ms" -le 1000 ] || { echo "FAIL: slower than 1 s"; exit 1; }
curl -fsS "http://127.0.0.1:$PORT/status" | grep -q "<title>" || { echo "FAIL: no status page"; exit 1; }
grep -q "API key (read-write): tcw_" stdout.log || { echo "FAIL: keys not printed on first start"; exit 1; }
kill -TERM "$PID"
wait "$PID" || { echo "FAIL: exit status $? after SIGTERM"; exit 1; }
PID=""
extra=$(ls -A | grep -vxE 'tocsin|tocsin-data|stdout.log|stderr.log' || true)
[ -z "$extra" ] || { echo "FAIL: wrote outside its data directory: $extra"; exit 1; }
[ -f tocsin-data/tocsin.db ] || { echo "FAIL: no database"; exit 1; }
[ "$(./tocsin version)" = "tocsin $VERSION" ] || { echo "FAIL: version"; exit 1; }
echo "PASS: binary smoke test"
