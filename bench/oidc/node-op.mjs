// The Node peer for bench/oidc: npm oidc-provider 9 configured like IdP for the benchmarked
// endpoints — one confidential client allowed the client_credentials grant, one RSA signing key
// (RS256, same modulus size as IdP's generated key unless BENCH_RSA_BITS says otherwise), and
// RS256-signed JWT access tokens for client_credentials (resource indicators feature with
// accessTokenFormat 'jwt'; the default resource makes every client_credentials token a JWT).
// Stock settings otherwise (in-memory adapter; JWT access tokens are not stored by oidc-provider).
//
// Usage: node bench/oidc/node-op.mjs --port 5601 [--client-id bench --secret S]
//   env BENCH_RSA_BITS (default 3072), NODE_ENV=production recommended.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const { default: Provider } = await import(new URL('../../tests/peers/node_modules/oidc-provider/lib/index.js', import.meta.url));

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '5601' },
    'client-id': { type: 'string', default: 'bench' },
    secret: { type: 'string', default: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz' },
    'auth-method': { type: 'string', default: 'client_secret_basic' },
  },
});

const port = Number(args.port);
const issuer = `http://127.0.0.1:${port}`;
const resource = 'urn:idp:bench:api';
const bits = Number(process.env.BENCH_RSA_BITS ?? 3072);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args.secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: args['auth-method'], // one method per client in oidc-provider
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomUUID()] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: resource,
        accessTokenTTL: 600, // IdP's default access token lifetime (10 minutes)
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  ttl: { ClientCredentials: 600 },
});

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider ${issuer} ready (RSA ${bits}, pid ${process.pid})`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
