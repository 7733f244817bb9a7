#!/usr/bin/env bash
# Side-by-side SMPP throughput: IdP.Smpp's SmppClient vs the node-smpp client, each against its
# own instance of the same independent SMSC (tests/peers/smsc.js), same message count and window.
# Usage: bench/smpp/run.sh [--count 20000] [--window 10] [--receipts none|tlv] [--rounds 3]
set -euo pipefail
cd "$(dirname "$0")/../.."

count=20000 window=10 receipts=none rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --receipts) receipts=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -d tests/peers/node_modules/smpp ] || (cd tests/peers && npm ci --no-audit --no-fund)
dotnet build bench/smpp/IdP.Smpp.Throughput -c Release -v quiet -nologo >/dev/null
dll=bench/smpp/IdP.Smpp.Throughput/bin/Release/net10.0/IdP.Smpp.Throughput.dll

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# Alternate the two clients so that machine noise hits both alike.
for r in $(seq 1 "$rounds"); do
  dotnet "$dll" --count "$count" --window "$window" --receipts "$receipts" --json >>"$results"
  node bench/smpp/node-client.js --count "$count" --window "$window" --receipts "$receipts" --json >>"$results"
done

node - "$results" <<'JS'
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const byClient = {};
for (const r of rows) (byClient[r.client] ||= []).push(r);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const first = rows[0];
console.log(`messages=${first.messages} window=${first.window} receipts=${first.receipts} rounds=${rows.length / 2} (median of rounds)`);
console.log('| client | msg/s | p50 ms | p99 ms | all receipts in s | errors |');
console.log('|---|---:|---:|---:|---:|---:|');
const summary = {};
for (const [client, rs] of Object.entries(byClient)) {
  summary[client] = median(rs.map((r) => r.messages_per_second));
  const rcpt = rs[0].with_receipts_seconds === null ? '-' : median(rs.map((r) => r.with_receipts_seconds));
  console.log(`| ${client} | ${summary[client]} | ${median(rs.map((r) => r.p50_ms))} | ${median(rs.map((r) => r.p99_ms))} | ${rcpt} | ${rs.reduce((a, r) => a + r.errors, 0)} |`);
}
const ours = summary['IdP.Smpp SmppClient'];
const node = summary['node-smpp 0.5.1'];
if (ours && node) console.log(`ratio IdP.Smpp / node-smpp = ${(ours / node).toFixed(2)}`);
JS
