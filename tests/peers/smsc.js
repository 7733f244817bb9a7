#!/usr/bin/env node
'use strict';
// An independent SMSC for IdP.Smpp's tests and benchmark, built on the npm `smpp` package
// (node-smpp 0.5.1), so that our client is proven against code we did not write.
//
// Usage: node smsc.js [--flag value ...] ['{"json":"options"}']
//   --port N                 listen port on 127.0.0.1 (default 0 = any free port)
//   --system-id ID           expected system_id (default: accept any)
//   --password PW            expected password (default: accept any); wrong -> ESME_RINVPASWD
//   --smsc-system-id ID      system_id returned in bind_resp (default NODESMSC)
//   --id-format F            submit_sm_resp message_id format: decimal | hex (default decimal)
//   --receipt-id-format F    receipt id format: decimal | hex (default: same as --id-format)
//   --first-id N             first numeric message id (default 439041024 = 0x1a2b3c00)
//   --receipts M             none | tlv (TLVs receipted_message_id + message_state, plus text) |
//                            text (text only, no TLVs) (default none)
//   --receipt-stat S         DELIVRD | UNDELIV | EXPIRED | REJECTD ... (default DELIVRD)
//   --receipt-delay-ms N     delay before a receipt is sent (default 0)
//   --throttle-every N       answer every Nth submit_sm (counted over the process) with ESME_RTHROTTLED
//   --drop-after N           destroy the connection when a connection has received its Nth submit_sm,
//                            without answering it (the client sees a drop mid-window)
//   --drop-times K           how many connections get dropped that way (default 1)
//   --drop-after-bind-ms N   close every connection N ms after its successful bind_resp was written: an SMSC
//                            that accepts binds and drops them at once (the reconnect-storm case); -1 = off
//   --delay-ms N             delay every submit_sm_resp by N ms (default 0)
//   --receipt-first          send the receipt BEFORE the submit_sm_resp (which then waits 100 ms):
//                            the race SMPP.md warns about (a DLR overtaking its submit_sm_resp)
//   --tls-key PATH --tls-cert PATH   serve SMPP over TLS with these PEM files
//   --quiet                  do not print submit and receipt events (benchmark mode)
//
// Output: one JSON line per event on stdout; the first is {"event":"listening","port":N}.
// Events: connect; bind {command, system_id, result}; submit {session, seq, source/destination
// with TON/NPI, esm_class, data_coding, registered_delivery, validity_period, short_message (hex of
// the exact octets), udh, text (node-smpp's decoding), tlvs, status, message_id}; responded /
// response_lost (was the submit_sm_resp written?); receipt; deliver_resp; enquire_link; unbind;
// unbind_resp; drop; close; ack; error. --quiet drops the per-message ones (submit, responded,
// receipt, deliver_resp, enquire_link).
// Input: JSON lines on stdin are commands:
//   {"cmd":"deliver","source":"491511","destination":"MyIdP","text":"hi"}   send a deliver_sm (MO)
//   {"cmd":"receipt","message_id":"123","stat":"DELIVRD","tlvs":true}     send a receipt for any id
//   {"cmd":"set","throttleEvery":0,...}                                  change options at run time
//   {"cmd":"drop"}   destroy every connection;   {"cmd":"unbind"}  send unbind to every session
//   {"cmd":"flood","count":N}   send N receipts (deliver_sm, ids flood-0..flood-N-1) back to back on the first
//                    bound session, without waiting for answers; when all N deliver_sm_resp are in (or the
//                    session closed) emits {"event":"flood_done","sent":N,"answered":A,"statuses":{"0":a,"100":b}}
// Each command is answered with {"event":"ack","cmd":...} (or {"event":"error",...}).
// The process exits when stdin closes, so it never outlives the test that started it.

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const smpp = require(path.join(__dirname, 'node_modules', 'smpp'));

// We report the exact octets the client sent, so node-smpp must not decode short_message
// or message_payload for submit_sm; we decode them ourselves below (with node-smpp's own
// GSM/UCS2 coders, to stay independent of the code under test).
delete smpp.commands.submit_sm.params.short_message.filter;
delete smpp.commands.submit_sm.params.schedule_delivery_time.filter;
delete smpp.commands.submit_sm.params.validity_period.filter;
delete smpp.tlvs.message_payload.filter;

const options = parseOptions(process.argv.slice(2));

function parseOptions(argv) {
  const o = {
    port: 0,
    systemId: null,
    password: null,
    smscSystemId: 'NODESMSC',
    idFormat: 'decimal',
    receiptIdFormat: null,
    firstId: 0x1a2b3c00,
    receipts: 'none',
    receiptStat: 'DELIVRD',
    receiptDelayMs: 0,
    throttleEvery: 0,
    dropAfter: 0,
    dropTimes: 1,
    dropAfterBindMs: -1,
    delayMs: 0,
    receiptFirst: false,
    tlsKey: null,
    tlsCert: null,
    quiet: false,
  };
  const camel = (s) => s.replace(/[-_]([a-z])/g, (_, c) => c.toUpperCase());
  const assign = (key, value) => {
    const k = camel(key);
    if (!(k in o)) throw new Error(`unknown option ${key}`);
    if (typeof o[k] === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`option ${key} needs a number, got ${value}`);
      o[k] = n;
    } else if (typeof o[k] === 'boolean') {
      o[k] = value === true || value === 'true' || value === '1';
    } else {
      o[k] = value === null ? null : String(value);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('{')) {
      for (const [k, v] of Object.entries(JSON.parse(a))) assign(k, v);
    } else if (a === '--quiet') {
      o.quiet = true;
    } else if (a === '--receipt-first') {
      o.receiptFirst = true;

    } else if (a.startsWith('--')) {
      if (i + 1 >= argv.length) throw new Error(`option ${a} needs a value`);
      assign(a.slice(2), argv[++i]);
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if (!o.receiptIdFormat) o.receiptIdFormat = o.idFormat;
  for (const f of [o.idFormat, o.receiptIdFormat]) {
    if (f !== 'decimal' && f !== 'hex') throw new Error(`id format must be decimal or hex, got ${f}`);
  }
  if (!['none', 'tlv', 'text'].includes(o.receipts)) throw new Error(`receipts must be none, tlv or text`);
  return o;
}

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

const STAT_TO_STATE = {
  ENROUTE: 1, DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8,
};

let nextId = options.firstId;
let submitCount = 0;
let dropsDone = 0;
let sessionCounter = 0;
const sessions = new Set();

function formatId(n, format) {
  return format === 'hex' ? n.toString(16) : n.toString(10);
}

function smppDate(d) {
  const p = (x) => String(x).padStart(2, '0');
  return p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) +
    p(d.getUTCHours()) + p(d.getUTCMinutes());
}

// Splits off the UDH (when esm_class has UDHI) and decodes the text with node-smpp's coders.
function decodeText(bytes, dataCoding, esmClass) {
  let udh = null;
  let body = bytes;
  if ((esmClass & 0x40) && bytes.length > 0 && bytes[0] + 1 <= bytes.length) {
    udh = bytes.subarray(0, bytes[0] + 1);
    body = bytes.subarray(bytes[0] + 1);
  }
  let text;
  switch (dataCoding & 0x0f) {
    case 0x00: case 0x01: text = smpp.encodings.ASCII.decode(body); break;
    case 0x03: text = smpp.encodings.LATIN1.decode(body); break;
    case 0x08: text = smpp.encodings.UCS2.decode(body); break;
    default: text = null;
  }
  return { udh, text };
}

function tlvsOf(pdu) {
  const out = {};
  for (const key of Object.keys(pdu)) {
    let value = pdu[key];
    if (key in smpp.tlvs || /^\d+$/.test(key)) {
      if (Buffer.isBuffer(value)) value = value.toString('hex');
      out[key] = value;
    }
  }
  return out;
}

function sendReceipt(session, info) {
  const stat = info.stat || options.receiptStat;
  const idText = info.receiptId;
  const now = new Date();
  const sample = (info.text || '').slice(0, 20);
  const text = `id:${idText} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} ` +
    `submit date:${smppDate(info.submitted || now)} done date:${smppDate(now)} ` +
    `stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:${sample}`;
  const pdu = {
    service_type: '',
    source_addr_ton: info.destTon ?? 1,
    source_addr_npi: info.destNpi ?? 1,
    source_addr: info.destination || '',
    dest_addr_ton: info.sourceTon ?? 0,
    dest_addr_npi: info.sourceNpi ?? 0,
    destination_addr: info.source || '',
    esm_class: 0x04,
    data_coding: 0,
    short_message: smpp.encodings.ASCII.encode(text),
  };
  if (info.tlvs) {
    pdu.receipted_message_id = idText;
    pdu.message_state = STAT_TO_STATE[stat] ?? 7;
  }
  const sent = session.deliver_sm(pdu, (resp) => {
    if (!options.quiet) emit({ event: 'deliver_resp', session: session.id, kind: 'receipt', receipt_id: idText, status: resp.command_status });
  });
  if (!options.quiet) emit({ event: 'receipt', session: session.id, receipt_id: idText, stat, tlvs: !!info.tlvs, text, sent });
}

function handleSubmit(session, pdu) {
  submitCount++;
  session.submits++;
  const raw = Buffer.isBuffer(pdu.short_message) ? pdu.short_message : Buffer.alloc(0);
  const payload = Buffer.isBuffer(pdu.message_payload) ? pdu.message_payload : null;
  const bytes = raw.length > 0 || !payload ? raw : payload;
  const { udh, text } = decodeText(bytes, pdu.data_coding, pdu.esm_class);
  const event = {
    event: 'submit',
    session: session.id,
    seq: pdu.sequence_number,
    n: submitCount,
    source: pdu.source_addr,
    source_ton: pdu.source_addr_ton,
    source_npi: pdu.source_addr_npi,
    destination: pdu.destination_addr,
    dest_ton: pdu.dest_addr_ton,
    dest_npi: pdu.dest_addr_npi,
    esm_class: pdu.esm_class,
    data_coding: pdu.data_coding,
    registered_delivery: pdu.registered_delivery,
    priority_flag: pdu.priority_flag,
    schedule_delivery_time: pdu.schedule_delivery_time,
    validity_period: pdu.validity_period,
    short_message: raw.toString('hex'),
    udh: udh ? udh.toString('hex') : null,
    text,
    tlvs: tlvsOf(pdu),
    status: 0,
    message_id: null,
  };

  if (session.dropped) {
    // node-smpp keeps handing us PDUs it had already read from the destroyed socket: never answered.
    event.status = -1;
    event.after_drop = true;
    if (!options.quiet) emit(event);
    return;
  }
  if (options.dropAfter > 0 && session.submits >= options.dropAfter && dropsDone < options.dropTimes) {
    dropsDone++;
    session.dropped = true;
    event.status = -1;
    event.dropped = true;
    emit(event);
    emit({ event: 'drop', session: session.id, after: session.submits });
    session.destroy();
    return;
  }
  if (options.throttleEvery > 0 && submitCount % options.throttleEvery === 0) {
    event.status = smpp.ESME_RTHROTTLED;
    if (!options.quiet) emit(event);
    respond(session, pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
    return;
  }
  const n = nextId++;
  event.message_id = formatId(n, options.idFormat);
  if (!options.quiet) emit(event);
  const wantReceipt = options.receipts !== 'none' && (pdu.registered_delivery & 0x03) === 1;
  if (options.receiptFirst && wantReceipt) {
    sendReceipt(session, receiptInfo(n, text, pdu));
    setTimeout(() => respond(session, pdu.response({ message_id: event.message_id }), event.message_id), 100);
    return;
  }
  respond(session, pdu.response({ message_id: event.message_id }), event.message_id);

  if (wantReceipt) {
    const info = receiptInfo(n, text, pdu);
    // SMPP 3.4 2.2: a transmitter cannot receive deliver_sm; receipts go to a receiver or
    // transceiver session of the same system_id (as real SMSCs route them).
    const send = () => {
      const target = session.bindCommand !== 'bind_transmitter' ? session
        : [...sessions].find((s) => s.bound && s.systemId === session.systemId && s.bindCommand !== 'bind_transmitter');
      if (target) sendReceipt(target, info);
      else if (!options.quiet) emit({ event: 'receipt_unroutable', session: session.id, receipt_id: info.receiptId });
    };
    // Never before the submit_sm_resp is written: both go through the same socket in order.
    if (options.receiptDelayMs > 0 || options.delayMs > 0) setTimeout(send, options.receiptDelayMs + options.delayMs);
    else setImmediate(send);
  }
}

// Emits 'responded' once a submit_sm_resp carrying an id was handed to the socket, so that a test
// can tell a submit that was accepted AND answered from one whose answer was lost in a drop.
function receiptInfo(n, text, pdu) {
  return {
    receiptId: formatId(n, options.receiptIdFormat),
    text,
    submitted: new Date(),
    tlvs: options.receipts === 'tlv',
    source: pdu.source_addr,
    sourceTon: pdu.source_addr_ton,
    sourceNpi: pdu.source_addr_npi,
    destination: pdu.destination_addr,
    destTon: pdu.dest_addr_ton,
    destNpi: pdu.dest_addr_npi,
  };
}

function respond(session, resp, messageId) {
  const send = () => {
    const written = session.send(resp, () => {
      if (messageId && !options.quiet) emit({ event: 'responded', session: session.id, seq: resp.sequence_number, message_id: messageId });
    });
    if (!written && messageId && !options.quiet) emit({ event: 'response_lost', session: session.id, seq: resp.sequence_number, message_id: messageId });
  };
  if (options.delayMs > 0) setTimeout(send, options.delayMs);
  else send();
}

function onSession(session) {
  session.id = ++sessionCounter;
  session.submits = 0;
  session.bound = false;
  sessions.add(session);
  emit({ event: 'connect', session: session.id });

  const onBind = (pdu) => {
    let status = 0;
    if (options.systemId !== null && pdu.system_id !== options.systemId) status = smpp.ESME_RINVSYSID;
    else if (options.password !== null && pdu.password !== options.password) status = smpp.ESME_RINVPASWD;
    emit({
      event: 'bind', session: session.id, command: pdu.command, system_id: pdu.system_id,
      system_type: pdu.system_type, interface_version: pdu.interface_version, result: status, t: Date.now(),
    });
    if (status !== 0) {
      session.send(pdu.response({ command_status: status }), () => session.close());
      return;
    }
    session.bound = true;
    session.bindCommand = pdu.command;
    session.systemId = pdu.system_id;
    session.send(pdu.response({ system_id: options.smscSystemId }), () => {
      if (options.dropAfterBindMs < 0) return;
      setTimeout(() => {
        session.dropped = true;
        emit({ event: 'drop', session: session.id, after: 'bind' });
        session.close();
      }, options.dropAfterBindMs);
    });
  };
  session.on('bind_transceiver', onBind);
  session.on('bind_transmitter', onBind);
  session.on('bind_receiver', onBind);

  session.on('submit_sm', (pdu) => {
    if (!session.bound) {
      session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      return;
    }
    handleSubmit(session, pdu);
  });
  session.on('enquire_link', (pdu) => {
    if (!options.quiet) emit({ event: 'enquire_link', session: session.id });
    session.send(pdu.response());
  });
  session.on('deliver_sm_resp', () => {});
  session.on('unbind', (pdu) => {
    emit({ event: 'unbind', session: session.id });
    session.bound = false;
    session.send(pdu.response(), () => session.close());
  });
  session.on('unbind_resp', () => {
    emit({ event: 'unbind_resp', session: session.id });
    session.close();
  });
  session.on('unknown', (pdu) => {
    emit({ event: 'unknown', session: session.id, command_id: pdu.command_id });
    session.send(pdu.response());
  });
  session.on('error', (e) => {
    emit({ event: 'session_error', session: session.id, message: String(e && e.message) });
  });
  session.on('close', () => {
    sessions.delete(session);
    emit({ event: 'close', session: session.id, submits: session.submits });
  });
}

function handleCommand(line) {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    emit({ event: 'error', message: `bad command: ${e.message}` });
    return;
  }
  const bound = [...sessions].filter((s) => s.bound);
  switch (cmd.cmd) {
    case 'deliver':
      for (const s of bound) {
        const bytes = cmd.hex ? Buffer.from(cmd.hex, 'hex') : smpp.encodings.ASCII.encode(cmd.text || '');
        s.deliver_sm({
          source_addr_ton: cmd.source_ton ?? 1, source_addr_npi: cmd.source_npi ?? 1,
          source_addr: cmd.source || '', dest_addr_ton: cmd.dest_ton ?? 0, dest_addr_npi: cmd.dest_npi ?? 0,
          destination_addr: cmd.destination || '', esm_class: cmd.esm_class ?? 0,
          data_coding: cmd.data_coding ?? 0, short_message: bytes,
        }, (resp) => emit({ event: 'deliver_resp', session: s.id, kind: 'mo', status: resp.command_status }));
      }
      break;
    case 'receipt':
      for (const s of bound) {
        sendReceipt(s, { receiptId: String(cmd.message_id), stat: cmd.stat, tlvs: cmd.tlvs !== false, text: cmd.text || '' });
      }
      break;
    case 'set':
      for (const [k, v] of Object.entries(cmd)) if (k !== 'cmd' && k in options) options[k] = v;
      break;
    case 'drop':
      for (const s of sessions) s.destroy();
      break;
    case 'flood':
      if (bound.length === 0) {
        emit({ event: 'error', message: 'flood: no bound session' });
        return;
      }
      flood(bound[0], Number(cmd.count) || 0);
      break;
    case 'unbind':
      for (const s of bound) s.unbind();
      break;
    default:
      emit({ event: 'error', message: `unknown command ${cmd.cmd}` });
      return;
  }
  emit({ event: 'ack', cmd: cmd.cmd, sessions: bound.length });
}

// Sends count receipts at once (ids unknown to the client) and tallies the deliver_sm_resp statuses.
function flood(session, count) {
  const statuses = {};
  let answered = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    emit({ event: 'flood_done', session: session.id, sent: count, answered, statuses });
  };
  session.on('close', finish);
  for (let i = 0; i < count; i++) {
    const id = `flood-${i}`;
    const text = `id:${id} sub:001 dlvrd:001 submit date:2501010000 done date:2501010000 stat:DELIVRD err:000 text:`;
    session.deliver_sm({
      source_addr_ton: 1, source_addr_npi: 1, source_addr: '4915112345678', dest_addr_ton: 0, dest_addr_npi: 0,
      destination_addr: 'MyIdP', esm_class: 0x04, data_coding: 0, short_message: smpp.encodings.ASCII.encode(text),
      receipted_message_id: id, message_state: 2,
    }, (resp) => {
      const key = String(resp.command_status);
      statuses[key] = (statuses[key] || 0) + 1;
      if (++answered === count) finish();
    });
  }
}

const serverOptions = options.tlsKey
  ? { key: fs.readFileSync(options.tlsKey), cert: fs.readFileSync(options.tlsCert) }
  : {};
const server = smpp.createServer(serverOptions, onSession);
server.on('error', (e) => {
  emit({ event: 'error', message: String(e && e.message) });
  process.exit(2);
});
if (server.tls) {
  server.on('tlsClientError', (e) => emit({ event: 'tls_error', message: String(e && e.message) }));
}
server.listen(options.port, '127.0.0.1', () => {
  emit({ event: 'listening', port: server.address().port, tls: !!server.tls });
});

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => { if (line.trim()) handleCommand(line); });
rl.on('close', () => process.exit(0));
