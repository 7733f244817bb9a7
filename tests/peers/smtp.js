#!/usr/bin/env node
'use strict';
// An independent SMTP server for IdP's mail tests, built on the npm `smtp-server` package (from the nodemailer
// project), so that our MailKit client is proven against code we did not write.
//
// Usage: node smtp.js [--port N] [--mode starttls|tls|plain] [--user NAME --password PW] [--reject-rcpt ADDRESS]
//   --port N          listen port on 127.0.0.1 (default 0 = any free port)
//   --mode M          starttls: plain connect, STARTTLS offered (default)
//                     tls:      implicit TLS from the first byte (SMTPS, "SslOnConnect")
//                     plain:    no TLS at all (STARTTLS not offered)
//   --user/--password require AUTH with exactly these credentials (default: AUTH optional, any accepted)
//   --reject-rcpt A   answer RCPT TO:<A> with 550 (a recipient the relay refuses)
// A fresh self-signed certificate (RSA 2048, CN=localhost, SAN localhost + 127.0.0.1) is generated at start.
//
// Output: one JSON line per event on stdout; the first is
//   {"event":"listening","port":N,"mode":"starttls","fingerprint256":"AB:CD:..."}
// then connect {id, remote}; tls {id} (STARTTLS or implicit TLS done); auth {id, username, accepted} (never the
// password); mail {id, from, to[], secure, authenticated, size, raw} (raw = the message as received, UTF-8);
// rejected {id, rcpt}; close {id}; error {message}.
// The process exits when stdin closes, so it never outlives the test that started it.

const crypto = require('crypto');
const path = require('path');
const readline = require('readline');
const { SMTPServer } = require(path.join(__dirname, 'node_modules', 'smtp-server'));
const selfsigned = require(path.join(__dirname, 'node_modules', 'selfsigned'));

function parseOptions(argv) {
  const o = { port: 0, mode: 'starttls', user: null, password: null, rejectRcpt: null };
  const names = { '--port': 'port', '--mode': 'mode', '--user': 'user', '--password': 'password', '--reject-rcpt': 'rejectRcpt' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) throw new Error(`unknown option or missing value: ${argv[i]}`);
    o[key] = key === 'port' ? Number(argv[++i]) : argv[++i];
  }
  if (!['starttls', 'tls', 'plain'].includes(o.mode)) throw new Error('mode must be starttls, tls or plain');
  if ((o.user === null) !== (o.password === null)) throw new Error('--user and --password go together');
  return o;
}

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  const fingerprint256 = new crypto.X509Certificate(pems.cert).fingerprint256;
  let connections = 0;

  const server = new SMTPServer({
    secure: options.mode === 'tls',
    key: pems.private,
    cert: pems.cert,
    disabledCommands: options.mode === 'plain' ? ['STARTTLS'] : [],
    authOptional: options.user === null,
    allowInsecureAuth: options.mode === 'plain',
    banner: 'idp-test-peer',
    logger: false,
    size: 1024 * 1024,
    onConnect(session, callback) {
      session.peerId = ++connections;
      emit({ event: 'connect', id: session.peerId, remote: session.remoteAddress, secure: session.secure === true });
      callback();
    },
    onSecure(socket, session, callback) {
      emit({ event: 'tls', id: session.peerId });
      callback();
    },
    onAuth(auth, session, callback) {
      const accepted = options.user === null || (auth.username === options.user && auth.password === options.password);
      emit({ event: 'auth', id: session.peerId, method: auth.method, username: auth.username, accepted });
      return accepted ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, session, callback) {
      if (options.rejectRcpt !== null && address.address.toLowerCase() === options.rejectRcpt.toLowerCase()) {
        emit({ event: 'rejected', id: session.peerId, rcpt: address.address });
        const error = new Error('Mailbox unavailable');
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        emit({
          event: 'mail',
          id: session.peerId,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure === true,
          authenticated: Boolean(session.user),
          size: raw.length,
          raw: raw.toString('utf8'),
        });
        callback();
      });
    },
    onClose(session) {
      emit({ event: 'close', id: session.peerId });
    },
  });
  server.on('error', (error) => emit({ event: 'error', message: String(error && error.message) }));
  server.listen(options.port, '127.0.0.1', () => {
    emit({ event: 'listening', port: server.server.address().port, mode: options.mode, fingerprint256 });
  });

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('close', () => server.close(() => process.exit(0)));
}

main().catch((error) => {
  emit({ event: 'error', message: String(error && error.stack) });
  process.exit(1);
});
