#!/usr/bin/env node
'use strict';
// Throughput baseline: a node-smpp (npm smpp@0.5.1) ESME submitting N messages with a window of W
// outstanding submit_sm against tests/peers/smsc.js — the same SMSC and the same workload as
// bench/smpp/IdP.Smpp.Throughput, so the two figures are comparable.
//
// Usage: node bench/smpp/node-client.js [--count 20000] [--window 10] [--receipts none|tlv]
//                                       [--warmup 1000] [--port N (use a running SMSC)] [--json]
// Without --port it starts tests/peers/smsc.js itself (quiet mode) and stops it at the end.

const path = require('path');
const { spawn } = require('child_process');

const peersDir = path.join(__dirname, '..', '..', 'tests', 'peers');
const smpp = require(path.join(peersDir, 'node_modules', 'smpp'));

const args = { count: 20000, window: 10, receipts: 'none', warmup: 1000, port: 0, json: false };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--json') { args.json = true; continue; }
  const key = a.replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error(`unknown or incomplete option ${a}`);
    process.exit(2);
  }
  const v = process.argv[++i];
  args[key] = typeof args[key] === 'number' ? Number(v) : v;
}

function startSmsc() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(peersDir, 'smsc.js'), '--quiet', '--receipts', args.receipts],
      { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const e = JSON.parse(line);
        if (e.event === 'listening') resolve({ child, port: e.port });
      }
    });
    child.on('exit', (code) => reject(new Error(`smsc.js exited with ${code}`)));
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

async function main() {
  let smsc = null;
  let port = args.port;
  if (!port) {
    smsc = await startSmsc();
    port = smsc.port;
  }
  const session = smpp.connect({ host: '127.0.0.1', port });
  session.on('error', (e) => { console.error(`session error: ${e.message}`); process.exit(1); });
  let receipts = 0;
  let onReceipt = null;
  session.on('deliver_sm', (pdu) => {
    session.send(pdu.response());
    receipts++;
    if (onReceipt) onReceipt();
  });
  await new Promise((resolve, reject) => {
    session.on('connect', () => {
      session.bind_transceiver({ system_id: 'bench', password: 'bench' }, (pdu) => {
        if (pdu.command_status === 0) resolve(); else reject(new Error(`bind failed ${pdu.command_status}`));
      });
    });
  });

  const wantReceipts = args.receipts !== 'none';
  const run = (count) => new Promise((resolve, reject) => {
    const latencies = new Float64Array(count);
    let sent = 0;
    let done = 0;
    let errors = 0;
    const sendOne = () => {
      const i = sent++;
      const t0 = process.hrtime.bigint();
      // data_coding set explicitly: node-smpp's auto-detect would label GSM text 0x01.
      session.submit_sm({
        source_addr_ton: 5, source_addr_npi: 0, source_addr: 'MyIdP',
        dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: String(4915110000000 + i),
        registered_delivery: wantReceipts ? 1 : 0, data_coding: 0,
        short_message: `Your IdP code is ${String(100000 + (i % 900000))}`,
      }, (resp) => {
        latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
        if (resp.command_status !== 0) errors++;
        done++;
        if (sent < count) sendOne();
        else if (done === count) resolve({ latencies, errors });
      });
    };
    for (let w = 0; w < Math.min(args.window, count); w++) sendOne();
    session.once('close', () => reject(new Error('connection closed')));
  });

  if (args.warmup > 0) {
    const before = receipts;
    await run(args.warmup);
    if (wantReceipts) await waitReceipts(before + args.warmup);
  }
  const start = receipts;
  const t0 = process.hrtime.bigint();
  const { latencies, errors } = await run(args.count);
  const submitSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (wantReceipts) await waitReceipts(start + args.count);
  const totalSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  function waitReceipts(target) {
    return new Promise((resolve) => {
      if (receipts >= target) { resolve(); return; }
      onReceipt = () => { if (receipts >= target) { onReceipt = null; resolve(); } };
    });
  }

  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const result = {
    client: 'node-smpp 0.5.1',
    messages: args.count,
    window: args.window,
    receipts: args.receipts,
    errors,
    seconds: +submitSeconds.toFixed(3),
    messages_per_second: Math.round(args.count / submitSeconds),
    with_receipts_seconds: wantReceipts ? +totalSeconds.toFixed(3) : null,
    p50_ms: +percentile(sorted, 50).toFixed(3),
    p99_ms: +percentile(sorted, 99).toFixed(3),
  };
  if (args.json) console.log(JSON.stringify(result));
  else console.log(result);

  await new Promise((resolve) => {
    session.unbind(() => resolve());
    setTimeout(resolve, 2000);
  });
  session.destroy();
  if (smsc) smsc.child.stdin.end();
}

main().catch((e) => { console.error(e); process.exit(1); });
