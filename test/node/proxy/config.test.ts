import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadProxyConfig } from '../../../src/proxy/config';

const thrown = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadProxyConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected loadProxyConfig to throw');
};

test('defaults point at the local sandbox on 127.0.0.1', () => {
  const c = loadProxyConfig({});
  assert.equal(c.port, 3001);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.publicUrl, 'http://127.0.0.1:3001');
  assert.equal(c.shellOrigin, 'http://127.0.0.1:3000');
  assert.equal(c.dataDir, path.resolve('.data', 'proxy'));
  assert.equal(c.tokenKey, null);
  assert.equal(c.target, 'local');
  assert.deepEqual(c.endpoints, {
    authorizeUrl: 'http://127.0.0.1:3002/connect/oauth2',
    tokenUrl: 'http://127.0.0.1:3002/oauth2/v1/tokens/bearer',
    revokeUrl: 'http://127.0.0.1:3002/v2/oauth2/tokens/revoke',
    userInfoUrl: 'http://127.0.0.1:3002/v1/openid_connect/userinfo',
    apiBase: 'http://127.0.0.1:3002',
  });
  assert.equal(c.clientId, null);
  assert.equal(c.clientSecret, null);
  assert.equal(c.staticDir, path.resolve('dist/addin'));
  assert.equal(c.manifestPath, path.resolve('manifest.xml'));
});

test('ports feed the derived URLs', () => {
  const c = loadProxyConfig({ ADDIN_PORT: '4001', SHELL_PORT: '4000', SANDBOX_PORT: '4002', DATA_DIR: '/tmp/x' });
  assert.equal(c.publicUrl, 'http://127.0.0.1:4001');
  assert.equal(c.shellOrigin, 'http://127.0.0.1:4000');
  assert.equal(c.endpoints.tokenUrl, 'http://127.0.0.1:4002/oauth2/v1/tokens/bearer');
  assert.equal(c.dataDir, '/tmp/x/proxy');
});

test('bad ports name the variable and the accepted range', () => {
  assert.equal(thrown({ ADDIN_PORT: 'abc' }).message, 'ADDIN_PORT must be a whole number from 1 to 65535, got "abc".');
  assert.equal(thrown({ ADDIN_PORT: '0' }).variable, 'ADDIN_PORT');
  assert.equal(thrown({ ADDIN_PORT: '65536' }).variable, 'ADDIN_PORT');
  assert.equal(thrown({ ADDIN_PORT: '30.5' }).variable, 'ADDIN_PORT');
  assert.match(thrown({ SHELL_PORT: '-1' }).message, /^SHELL_PORT must be a whole number/);
  assert.match(thrown({ SANDBOX_PORT: 'x' }).message, /^SANDBOX_PORT must be a whole number/);
});

test('intuit targets use Intuit endpoints and require credentials', () => {
  assert.match(thrown({ INTUIT_TARGET: 'intuit-sandbox' }).message, /^INTUIT_CLIENT_ID is required when INTUIT_TARGET is intuit-sandbox/);
  assert.equal(thrown({ INTUIT_TARGET: 'intuit-production', INTUIT_CLIENT_ID: 'abc' }).variable, 'INTUIT_CLIENT_SECRET');
  const s = loadProxyConfig({ INTUIT_TARGET: 'intuit-sandbox', INTUIT_CLIENT_ID: 'id', INTUIT_CLIENT_SECRET: 'secret' });
  assert.equal(s.endpoints.apiBase, 'https://sandbox-quickbooks.api.intuit.com');
  assert.equal(s.endpoints.tokenUrl, 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
  assert.equal(s.endpoints.userInfoUrl, 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo');
  assert.equal(s.intuitEnvironment, 'sandbox');
  const p = loadProxyConfig({ INTUIT_TARGET: 'intuit-production', INTUIT_CLIENT_ID: 'id', INTUIT_CLIENT_SECRET: 'secret', TOKEN_ENCRYPTION_KEY: 'a'.repeat(64) });
  assert.equal(p.endpoints.apiBase, 'https://quickbooks.api.intuit.com');
  assert.equal(p.endpoints.userInfoUrl, 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo');
  assert.equal(p.intuitEnvironment, 'production');
  assert.match(thrown({ INTUIT_TARGET: 'prod' }).message, /^INTUIT_TARGET must be local, intuit-sandbox or intuit-production, got "prod"/);
});

test('credentials come in pairs even for the local sandbox', () => {
  assert.equal(thrown({ INTUIT_CLIENT_ID: 'only-id' }).variable, 'INTUIT_CLIENT_SECRET');
  const c = loadProxyConfig({ INTUIT_CLIENT_ID: 'id', INTUIT_CLIENT_SECRET: 'sec' });
  assert.equal(c.clientId, 'id');
  assert.equal(c.clientSecret, 'sec');
});

test('endpoint overrides must be https unless on this machine', () => {
  const c = loadProxyConfig({ INTUIT_TOKEN_URL: 'http://127.0.0.1:9999/token/', QBO_API_BASE: 'https://qbo.example.com/' });
  assert.equal(c.endpoints.tokenUrl, 'http://127.0.0.1:9999/token');
  assert.equal(c.endpoints.apiBase, 'https://qbo.example.com');
  assert.match(thrown({ INTUIT_REVOKE_URL: 'http://intuit.example.com/revoke' }).message, /^INTUIT_REVOKE_URL must use https unless/);
  assert.match(thrown({ INTUIT_AUTHORIZE_URL: 'not a url' }).message, /^INTUIT_AUTHORIZE_URL must be an absolute http\(s\) URL/);
  assert.match(thrown({ INTUIT_USERINFO_URL: 'ftp://127.0.0.1/x' }).message, /^INTUIT_USERINFO_URL must be an http or https URL/);
  assert.match(thrown({ QBO_API_BASE: 'https://u:p@qbo.example.com' }).message, /^QBO_API_BASE must not contain a user name/);
});

test('origins must be bare origins', () => {
  assert.equal(loadProxyConfig({ SHELL_ORIGIN: 'https://shell.example.com/' }).shellOrigin, 'https://shell.example.com');
  assert.equal(loadProxyConfig({ ADDIN_PUBLIC_URL: 'https://addin.example.com' }).publicUrl, 'https://addin.example.com');
  assert.match(thrown({ SHELL_ORIGIN: 'http://127.0.0.1:3000/shell' }).message, /^SHELL_ORIGIN must be an origin/);
  assert.equal(thrown({ ADDIN_PUBLIC_URL: 'http://x/?a=1' }).variable, 'ADDIN_PUBLIC_URL');
  assert.equal(thrown({ ADDIN_HOST: 'bad host' }).variable, 'ADDIN_HOST');
});

test('TOKEN_ENCRYPTION_KEY accepts 32 bytes in hex or base64 only', () => {
  const hex = 'ab'.repeat(32);
  assert.deepEqual(loadProxyConfig({ TOKEN_ENCRYPTION_KEY: hex }).tokenKey, Buffer.from(hex, 'hex'));
  const b64 = Buffer.alloc(32, 7).toString('base64');
  assert.deepEqual(loadProxyConfig({ TOKEN_ENCRYPTION_KEY: b64 }).tokenKey, Buffer.alloc(32, 7));
  const err = thrown({ TOKEN_ENCRYPTION_KEY: 'short' });
  assert.equal(err.variable, 'TOKEN_ENCRYPTION_KEY');
  assert.ok(!err.message.includes('short'), 'the message must not echo the (secret) key');
  assert.equal(thrown({ TOKEN_ENCRYPTION_KEY: Buffer.alloc(31).toString('base64') }).variable, 'TOKEN_ENCRYPTION_KEY');
});

test('identity defaults to the shell as issuer and the add-in origin as audience', () => {
  const c = loadProxyConfig({ SHELL_PORT: '4000', ADDIN_PORT: '4001' });
  assert.equal(c.identityIssuer, 'http://127.0.0.1:4000');
  assert.equal(c.identityJwksUrl, 'http://127.0.0.1:4000/.well-known/jwks.json');
  assert.equal(c.identityAudience, 'http://127.0.0.1:4001');
  const custom = loadProxyConfig({ IDENTITY_ISSUER: 'https://host.example/', IDENTITY_AUDIENCE: 'https://addin.example' });
  assert.equal(custom.identityIssuer, 'https://host.example');
  assert.equal(custom.identityJwksUrl, 'https://host.example/.well-known/jwks.json');
  assert.equal(custom.identityAudience, 'https://addin.example');
  assert.equal(loadProxyConfig({ IDENTITY_JWKS_URL: 'http://127.0.0.1:5/keys' }).identityJwksUrl, 'http://127.0.0.1:5/keys');
  for (const [env, variable, message] of [
    [{ IDENTITY_JWKS_URL: 'http://keys.example/jwks.json' }, 'IDENTITY_JWKS_URL', /https/],
    [{ IDENTITY_ISSUER: 'not a url' }, 'IDENTITY_ISSUER', /absolute http/],
    [{ IDENTITY_ISSUER: 'http://host.example' }, 'IDENTITY_JWKS_URL', /https/],
    [{ IDENTITY_AUDIENCE: 'a b' }, 'IDENTITY_AUDIENCE', /origin/],
  ] as const) {
    assert.throws(() => loadProxyConfig(env), (e: unknown) => e instanceof ConfigError && e.variable === variable && message.test(e.message), JSON.stringify(env));
  }
});

test('production refuses to start without TOKEN_ENCRYPTION_KEY in the environment', () => {
  const prod = { INTUIT_TARGET: 'intuit-production', INTUIT_CLIENT_ID: 'id', INTUIT_CLIENT_SECRET: 'secret' };
  const e = thrown(prod);
  assert.equal(e.variable, 'TOKEN_ENCRYPTION_KEY');
  assert.match(e.message, /required when INTUIT_TARGET is intuit-production/);
  assert.equal(thrown({ NODE_ENV: 'production' }).variable, 'TOKEN_ENCRYPTION_KEY');
  assert.equal(loadProxyConfig({ NODE_ENV: 'production', TOKEN_ENCRYPTION_KEY: 'b'.repeat(64) }).tokenKey?.length, 32);
  assert.equal(loadProxyConfig({}).tokenKey, null, 'development may keep a generated key file');
});

test('DATABASE_URL selects PostgreSQL, needs the shared key, and is never echoed', () => {
  assert.equal(loadProxyConfig({}).databaseUrl, null);
  const key = 'c'.repeat(64);
  const c = loadProxyConfig({ DATABASE_URL: 'postgres://u:pw@db:5432/proxy', TOKEN_ENCRYPTION_KEY: key });
  assert.equal(c.databaseUrl, 'postgres://u:pw@db:5432/proxy');
  assert.equal(c.databasePoolMax, 10);
  assert.equal(thrown({ DATABASE_URL: 'postgres://u:pw@db/proxy' }).variable, 'TOKEN_ENCRYPTION_KEY');
  const bad = thrown({ DATABASE_URL: 'mysql://u:secretpw@db/x', TOKEN_ENCRYPTION_KEY: key });
  assert.equal(bad.variable, 'DATABASE_URL');
  assert.doesNotMatch(bad.message, /secretpw/);
  assert.equal(thrown({ DATABASE_URL: 'postgresql://db/x', TOKEN_ENCRYPTION_KEY: key, DATABASE_POOL_MAX: '1' }).variable, 'DATABASE_POOL_MAX');
});
