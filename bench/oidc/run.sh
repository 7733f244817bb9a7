#!/usr/bin/env bash
# Side-by-side HTTP load benchmark: IdP.Server (Release, on a throw-away PostgreSQL 15 cluster) vs
# npm oidc-provider 9 (bench/oidc/node-op.mjs, configured the same way), with wrk, for
#   discovery  GET /.well-known/openid-configuration
#   jwks       GET the jwks_uri of each discovery document
#   token      POST the token_endpoint: grant_type=client_credentials, HTTP Basic client auth,
#              answer: an RS256-signed JWT access token (checked before the load starts)
# Same wrk threads/connections/duration for both; a pre-warm of every endpoint of both servers
# (the token path of a fresh .NET process needs a few thousand requests before tiered JIT
# settles), then a short warm-up before every measured run; servers alternated per endpoint
# (and per round) so that machine noise hits both alike. Besides req/s and latency it reports
# the CPU time each server (and, for IdP, its PostgreSQL) spent per request, which a busy
# machine disturbs much less than req/s. Everything listens on 127.0.0.1 only; everything
# started here is stopped on exit.
#
# Usage: bench/oidc/run.sh [--duration 10] [--warmup 3] [--prewarm 15] [--prewarm-token 45] [--connections 32]
#                          [--threads 2] [--rounds 3] [--publish-dir /tmp/idp-bench-publish] [--no-publish]
#                          [--endpoints "discovery jwks token"]
# Env: BENCH_RSA_BITS for the Node peer's key (default 3072, the size IdP generates);
#      BENCH_PG_EXTRA appended to IdP's Npgsql connection string (e.g. "No Reset On Close=true").
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DEBIAN_FRONTEND=noninteractive

duration=10 warmup=3 prewarm=15 prewarm_token=45 connections=32 threads=2 rounds=3 publish=1
publish_dir=/tmp/idp-bench-publish
endpoints="discovery jwks token"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --prewarm) prewarm=$2; shift 2 ;;
    --prewarm-token) prewarm_token=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --publish-dir) publish_dir=$2; shift 2 ;;
    --no-publish) publish=0; shift ;;
    --endpoints) endpoints=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { echo "==> $*" >&2; }

# 1. Tools: wrk (Debian), PostgreSQL, the Node peers.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -n "$PGBIN" ] && [ -x "$PGBIN/postgres" ] || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  as_root apt-get update -q
  as_root apt-get install -y -q -o DPkg::Lock::Timeout=300 "${need[@]}"
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -d tests/peers/node_modules/oidc-provider ] || (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)

# 2. Our server, published in Release into its own directory (never the solution's bin/).
if [ "$publish" = 1 ] || [ ! -f "$publish_dir/IdP.Server.dll" ]; then
  log "dotnet publish src/IdP.Server -c Release -o $publish_dir"
  dotnet publish src/IdP.Server -c Release -o "$publish_dir" -nologo -clp:ErrorsOnly >&2
fi

work=$(mktemp -d /tmp/idp-bench.XXXXXX)
pgdir=$(mktemp -d /tmp/idp-bench-pg.XXXXXX)
mkdir -p "$work/data"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work" "$pgdir"
}
run_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# 3. A throw-away PostgreSQL cluster (the recipe of test.sh).
pgport=$(free_port)
[ "$(id -u)" = 0 ] && chown -R postgres "$pgdir"
log "starting PostgreSQL on 127.0.0.1:$pgport"
run_pg "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w start \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
psql -q -h 127.0.0.1 -p "$pgport" -U postgres -c "create database idp_bench" >/dev/null

idp_port=$(free_port)
node_port=$(free_port)
client_id=bench
secret=$(openssl rand -base64 33 | tr '+/' '-_' | tr -d '=\n')   # 44 chars, high entropy
basic="Basic $(printf '%s:%s' "$client_id" "$secret" | base64 -w0)"

export IdP__Database__Provider=Postgres
export IdP__Database__ConnectionString="Host=127.0.0.1;Port=$pgport;Database=idp_bench;Username=postgres;Password=postgres${BENCH_PG_EXTRA:+;$BENCH_PG_EXTRA}"
export IdP__Database__MigrateOnStart=true
export IdP__RequireHttps=false
export IdP__DataDirectory="$work/data"
export ASPNETCORE_ENVIRONMENT=Production
# Outside the embedded default the issuer is required, and Production encrypts the Data Protection key ring.
export IdP__Issuer="http://127.0.0.1:$idp_port/"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=idp-bench key ring" \
  -keyout "$work/dp.key" -out "$work/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/dp.pfx" -passout pass:bench
export IdP__DataProtection__Certificate__Path="$work/dp.pfx" IdP__DataProtection__Certificate__Password=bench

# 4. The client, registered through the admin command line (which applies the migrations first).
log "registering client '$client_id' (client_credentials)"
(cd "$publish_dir" && dotnet IdP.Server.dll clients add --client-id "$client_id" --secret "$secret" \
  --client-credentials --scopes openid --name "bench" >&2)

# 5. Both servers. The content root is the publish directory (appsettings.json lives there).
log "starting IdP.Server on 127.0.0.1:$idp_port"
(cd "$publish_dir" && exec dotnet IdP.Server.dll --urls "http://127.0.0.1:$idp_port") >"$work/idp.log" 2>&1 &
idp_pid=$!; pids+=("$idp_pid")
log "starting oidc-provider on 127.0.0.1:$node_port"
NODE_ENV=production node bench/oidc/node-op.mjs --port "$node_port" --client-id "$client_id" --secret "$secret" >"$work/node.log" 2>&1 &
node_pid=$!; pids+=("$node_pid")

wait_up() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "server for $1 exited:" >&2; cat "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "timed out waiting for $1" >&2; cat "$3" >&2; exit 1
}
wait_up "http://127.0.0.1:$idp_port/health" "$idp_pid" "$work/idp.log"
wait_up "http://127.0.0.1:$node_port/.well-known/openid-configuration" "$node_pid" "$work/node.log"

# 6. URLs from each discovery document; a token from each, checked to be an RS256 JWT.
declare -A url
for server in idp node; do
  port=$([ "$server" = idp ] && echo "$idp_port" || echo "$node_port")
  disco="http://127.0.0.1:$port/.well-known/openid-configuration"
  doc=$(curl -fsS "$disco")
  url[$server:discovery]=$disco
  url[$server:jwks]=$(node -e 'console.log(JSON.parse(process.argv[1]).jwks_uri)' "$doc")
  url[$server:token]=$(node -e 'console.log(JSON.parse(process.argv[1]).token_endpoint)' "$doc")
  response=$(curl -sS -H "Authorization: $basic" -d grant_type=client_credentials "${url[$server:token]}")
  node -e '
    const [server, body] = process.argv.slice(1);
    const r = JSON.parse(body);
    if (!r.access_token) { console.error(`${server}: no access_token: ${body}`); process.exit(1); }
    const [h, p] = r.access_token.split(".").slice(0, 2).map((s) => JSON.parse(Buffer.from(s, "base64url")));
    if (h.alg !== "RS256") { console.error(`${server}: access token alg ${h.alg}, not RS256`); process.exit(1); }
    console.error(`${server}: token ok: header ${JSON.stringify(h)} claims ${Object.keys(p).join(",")} (${r.access_token.length} chars)`);
  ' "$server" "$response"
done

# CPU seconds used so far by a process (and, for PostgreSQL, by the postmaster and its children).
cpu_ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local pm total=0
  pm=$(head -n1 "$pgdir/data/postmaster.pid")
  total=$(cpu_ticks "$pm")
  for c in $(pgrep -P "$pm"); do total=$((total + $(awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
hz=$(getconf CLK_TCK)

results="$work/results.jsonl"
run_wrk() { # server endpoint seconds
  local method=GET
  [ "$2" = token ] && method=POST
  BENCH_METHOD=$method BENCH_AUTH="$basic" wrk -t"$threads" -c"$connections" -d"$3"s --latency \
    -s bench/oidc/wrk.lua "${url[$1:$2]}" | tail -n 1
}

log "pre-warm: ${prewarm}s per endpoint and server, ${prewarm_token}s for the token endpoint"
for endpoint in $endpoints; do
  seconds=$prewarm; [ "$endpoint" = token ] && seconds=$prewarm_token
  for server in idp node; do run_wrk "$server" "$endpoint" "$seconds" >/dev/null; done
done

log "load: wrk -t$threads -c$connections, ${warmup}s warm-up + ${duration}s measured, $rounds round(s); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for endpoint in $endpoints; do
    order="idp node"; [ $((round % 2)) = 0 ] && order="node idp"
    for server in $order; do
      pid=$([ "$server" = idp ] && echo "$idp_pid" || echo "$node_pid")
      run_wrk "$server" "$endpoint" "$warmup" >/dev/null
      s0=$(cpu_ticks "$pid"); p0=$(pg_ticks)
      line=$(run_wrk "$server" "$endpoint" "$duration")
      s1=$(cpu_ticks "$pid"); p1=$(pg_ticks)
      echo "$line" | node -e '
        const [server, endpoint, round, sd, pd, hz] = process.argv.slice(1);
        const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const perReq = (ticks) => r.requests ? +(ticks / hz / r.requests * 1e6).toFixed(0) : null;
        console.log(JSON.stringify({ server, endpoint, round: +round, ...r,
          server_cpu_us_per_req: perReq(+sd), pg_cpu_us_per_req: perReq(+pd) }));
      ' "$server" "$endpoint" "$round" $((s1 - s0)) $((p1 - p0)) "$hz" | tee -a "$results" >&2
    done
  done
done

# 7. The table: medians over rounds.
node - "$results" "$threads" "$connections" "$duration" "$rounds" <<'JS'
const fs = require('fs');
const [file, threads, connections, duration, rounds] = process.argv.slice(2);
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const targets = { discovery: 2, jwks: 1, token: 1.5 };
const pick = (server, endpoint) => rows.filter((r) => r.server === server && r.endpoint === endpoint);
console.log(`wrk -t${threads} -c${connections} -d${duration}s, median of ${rounds} round(s)`);
console.log('| endpoint | IdP req/s | IdP p99 ms | oidc-provider req/s | oidc-provider p99 ms | ratio | target | met | IdP CPU µs/req (server + PostgreSQL) | Node CPU µs/req | non-2xx |');
console.log('|---|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|');
for (const endpoint of Object.keys(targets)) {
  const a = pick('idp', endpoint), b = pick('node', endpoint);
  if (!a.length || !b.length) continue;
  const ra = median(a.map((r) => r.rps)), rb = median(b.map((r) => r.rps));
  const ratio = ra / rb;
  const errors = [...a, ...b].reduce((n, r) => n + r.non2xx + r.socket_errors, 0);
  console.log(`| ${endpoint} | ${ra.toFixed(0)} | ${median(a.map((r) => r.p99_ms)).toFixed(1)} | ${rb.toFixed(0)} | ${median(b.map((r) => r.p99_ms)).toFixed(1)} | ${ratio.toFixed(2)}× | ≥ ${targets[endpoint]}× | ${ratio >= targets[endpoint] ? 'yes' : 'no'} | ${median(a.map((r) => r.server_cpu_us_per_req))} + ${median(a.map((r) => r.pg_cpu_us_per_req))} | ${median(b.map((r) => r.server_cpu_us_per_req))} | ${errors} |`);
}
JS
