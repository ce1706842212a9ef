#!/usr/bin/env bash
# Email pings against the built executable, with swaks as the mail client: the binary runs with
# its SMTP listener on a free port in a temporary data directory, and each case is checked through
# the HTTP API. Prints one PASS/FAIL line per case; exits non-zero when any case failed.
#   bash test/system/swaks.sh dist/tocsin
set -uo pipefail
BIN=$(readlink -f "${1:-dist/tocsin}")
command -v swaks >/dev/null || { echo "FAIL: swaks is not installed"; exit 1; }
DIR=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
HTTP_PORT=$(free_port)
SMTP_PORT=$(free_port)
API_KEY=tcw_swaksswaksswaksswaksswaksswak
PING_KEY=swakspingkey00001
DOMAIN=ping.test
API="http://127.0.0.1:$HTTP_PORT/api/v3"

TOCSIN_EMAIL_DOMAIN=$DOMAIN TOCSIN_API_KEY=$API_KEY TOCSIN_PING_KEY=$PING_KEY \
  "$BIN" serve --listen "127.0.0.1:$HTTP_PORT" --smtp-listen "127.0.0.1:$SMTP_PORT" --data-dir "$DIR/data" \
  >"$DIR/stdout.log" 2>"$DIR/stderr.log" &
PID=$!
# the listening line is logged once HTTP and SMTP both accept
for _ in $(seq 1 300); do grep -q '"msg":"listening"' "$DIR/stderr.log" 2>/dev/null && break; sleep 0.01; done
grep -q '"msg":"listening"' "$DIR/stderr.log" || { echo "FAIL: the daemon did not start"; cat "$DIR/stderr.log"; exit 1; }

failed=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
api() { curl -fsS -H "X-Api-Key: $API_KEY" "$@"; }
# field <json> <expression on j>: a value of the JSON document
field() { node -e 'const j = JSON.parse(process.argv[1]); console.log(eval(process.argv[2]))' "$1" "$2"; }
mail() { swaks --server 127.0.0.1 --port "$SMTP_PORT" --from cron@box.example --to "$1" --header "Subject: $2" --body "$3" >"$DIR/swaks.log" 2>&1; }

check=$(api -X POST "$API/checks/" -d '{"name":"nightly","slug":"nightly"}')
uuid=$(field "$check" j.uuid)

if mail "$uuid@$DOMAIN" "Cron <root@box> backup" "3 files copied"; then
  pings=$(api "$API/checks/$uuid/pings/")
  if [ "$(field "$pings" 'j.pings.length + " " + j.pings[0].type + " " + j.pings[0].scheme')" = "1 success email" ]; then
    pass "a mail to <uuid>@$DOMAIN is recorded as a success"
  else fail "a mail to <uuid>@$DOMAIN: pings are $pings"; fi
else fail "a mail to <uuid>@$DOMAIN was refused: $(tail -5 "$DIR/swaks.log")"; fi

if mail "$PING_KEY+nightly+fail@$DOMAIN" "Cron <root@box> backup" "rsync error"; then
  status=$(field "$(api "$API/checks/$uuid")" j.status)
  last=$(field "$(api "$API/checks/$uuid/pings/")" 'j.pings[0].type')
  if [ "$status $last" = "down fail" ]; then pass "a mail to <ping_key>+<slug>+fail@$DOMAIN fails the check"
  else fail "a mail to <ping_key>+<slug>+fail@$DOMAIN: status $status, last ping $last"; fi
else fail "a mail to <ping_key>+<slug>+fail@$DOMAIN was refused: $(tail -5 "$DIR/swaks.log")"; fi

unknown=$(node -e 'console.log(crypto.randomUUID())')
if mail "$unknown@$DOMAIN" "x" "x"; then fail "a mail to an unknown mailbox was accepted"
elif grep -q '<\*\* *550 5\.1\.1' "$DIR/swaks.log" && [ "$(field "$(api "$API/checks/$uuid")" j.n_pings)" = 2 ]; then
  pass "a mail to an unknown mailbox is refused with 550 5.1.1 at RCPT"
else fail "a mail to an unknown mailbox: $(grep '<\*\*' "$DIR/swaks.log" | head -3)"; fi

kill -TERM "$PID"
if wait "$PID"; then pass "the daemon stops with status 0"; else fail "the daemon exited with $? after SIGTERM"; fi
PID=""
[ "$failed" -eq 0 ]
