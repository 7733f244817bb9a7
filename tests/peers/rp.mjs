// An independent relying party for the IdP tests, built on the certified openid-client (v6).
// It does everything a real RP does except drive the browser, which the C# test does:
//   1. discovery, then prints {"step":"authorize","url":...} — an authorization URL with PKCE S256, state, nonce;
//   2. reads the callback URL (where the IdP redirected the browser) as one line on stdin;
//   3. exchanges the code (checking iss, state, PKCE), validates the id_token (signature via the
//      JWKS, iss, aud, exp, nonce), calls userinfo, refreshes, and prints {"step":"result",...}.
// Usage: node rp.mjs --issuer URL --client-id ID --redirect-uri URI [--scope "openid ..."]
//        [--acr-values "a b"] [--essential-acr "a b"]   (acr_values; claims={"id_token":{"acr":{"essential":true,"values":[…]}}})
// Any failure prints {"step":"error","name":...,"code":...,"message":...,"cause":...} and exits 1.
import * as client from 'openid-client';
import { createInterface } from 'node:readline';

function args() {
  const out = { scope: 'openid profile email phone offline_access' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    out[name] = argv[i + 1];
  }
  for (const required of ['issuer', 'client-id', 'redirect-uri']) {
    if (!out[required]) throw new Error(`--${required} is required`);
  }
  return out;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function readLine() {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  throw new Error('stdin closed before the callback URL arrived');
}

async function main() {
  const a = args();
  const config = await client.discovery(new URL(a.issuer), a['client-id'], undefined, client.None(), {
    // The test server speaks plain http on 127.0.0.1; signatures are checked against the JWKS.
    execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
  });
  const metadata = config.serverMetadata();

  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters = {
    redirect_uri: a['redirect-uri'],
    scope: a.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (a['acr-values']) parameters.acr_values = a['acr-values'];
  if (a['essential-acr']) {
    parameters.claims = JSON.stringify({ id_token: { acr: { essential: true, values: a['essential-acr'].split(' ') } } });
  }
  const url = client.buildAuthorizationUrl(config, parameters);
  emit({ step: 'authorize', url: url.href });

  const callback = new URL(await readLine());
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);

  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  const refreshedClaims = refreshed.claims();

  emit({
    step: 'result',
    issuer: metadata.issuer,
    iss_parameter_supported: metadata.authorization_response_iss_parameter_supported === true,
    callback_had_iss: callback.searchParams.has('iss'),
    id_token: claims,
    requested_acr: a['essential-acr'] ?? a['acr-values'] ?? null,
    userinfo,
    token_type: tokens.token_type,
    scope: tokens.scope ?? null,
    refresh: {
      access_token_changed: refreshed.access_token !== tokens.access_token,
      refresh_token_changed: Boolean(refreshed.refresh_token) && refreshed.refresh_token !== tokens.refresh_token,
      id_token: refreshedClaims ?? null,
    },
  });
}

main().catch((error) => {
  emit({
    step: 'error',
    name: error?.name ?? 'Error',
    code: error?.code ?? null,
    error: error?.error ?? null,
    error_description: error?.error_description ?? null,
    message: String(error?.message ?? error),
    cause: error?.cause?.message ?? (error?.cause ? JSON.stringify(error.cause) : null),
  });
  process.exit(1);
});
