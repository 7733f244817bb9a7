#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with the .NET SDK:
# installs what the tests need when missing (PostgreSQL, Chromium, Kannel, the Node peers),
# starts a throw-away PostgreSQL cluster, runs every test project, stops what it started.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Smpp]
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages the tests use.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
need=()
[ -n "$PGBIN" ] && [ -x "$PGBIN/postgres" ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/bearerbox ] || need+=(kannel)
command -v node >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]}"
  as_root apt-get update -q
  as_root apt-get install -y -q -o DPkg::Lock::Timeout=300 "${need[@]}"
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# 2. Node peers (SMSC on npm smpp, SMTP server on smtp-server, relying party on openid-client, reference OP).
if [ ! -f tests/peers/node_modules/.package-lock.json ] || ! cmp -s tests/peers/package-lock.json tests/peers/node_modules/.idp-lock-stamp; then
  echo "==> npm ci (tests/peers)"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.idp-lock-stamp)
fi

# 3. A throw-away PostgreSQL cluster on a free port (never the system one).
pgdir=$(mktemp -d /tmp/idp-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; fi
stop_pg() {
  run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_pg EXIT
echo "==> starting PostgreSQL on 127.0.0.1:$pgport"
(cd / && run_pg "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null)
(cd / && run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null)
export IDP_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Password=postgres;Include Error Detail=true"
export CHROMIUM_PATH=/usr/bin/chromium
export IDP_REPO_ROOT="$root"

# 4. Build and test.
echo "==> building"
dotnet tool restore >/dev/null
dotnet build IdP.sln -c Release -nologo -clp:ErrorsOnly
rm -rf TestResults
rc=0
echo "==> testing"
dotnet test IdP.sln -c Release --no-build --results-directory TestResults --logger "trx" "$@" || rc=$?

passed=0; failed=0; total=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed))); total=$((total + $(get total)))
done
echo "$passed passed, $failed failed"
[ "$rc" = 0 ] && [ "$total" -gt 0 ] && [ "$failed" = 0 ]
