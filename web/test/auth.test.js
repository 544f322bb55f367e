import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { CognitoAuth, LocalAuth } from '../js/auth.js';
import { normalizeConfig } from '../js/config.js';
import { authorizeUrl, base64Url, codeChallenge, expiresSoon, jwtClaims, randomString, tokenRequestBody } from '../js/pkce.js';
import { MemoryStorage, scriptedFetch } from './fakes.js';

const jwt = (claims) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

test('PKCE: the RFC 7636 appendix B example', async () => {
  assert.equal(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', webcrypto), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(base64Url(new Uint8Array([251, 255])), '-_8');
});

test('PKCE: verifiers are long random unreserved strings', () => {
  const a = randomString(64, webcrypto);
  assert.match(a, /^[A-Za-z0-9_-]{64}$/);
  assert.notEqual(a, randomString(64, webcrypto));
  assert.throws(() => randomString(20, webcrypto), RangeError);
});

test('the authorize URL and token requests carry what Cognito needs', () => {
  const settings = { domain: 'https://atelier.auth.eu-west-1.amazoncognito.com', clientId: 'abc', redirectUri: 'https://app.example/', scopes: ['openid', 'email'] };
  const url = new URL(authorizeUrl(settings, { state: 'st', challenge: 'ch' }));
  assert.equal(url.origin + url.pathname, 'https://atelier.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
  assert.deepEqual(Object.fromEntries(url.searchParams), { response_type: 'code', client_id: 'abc', redirect_uri: 'https://app.example/',
    scope: 'openid email', state: 'st', code_challenge: 'ch', code_challenge_method: 'S256' });
  assert.equal(tokenRequestBody(settings, { code: 'c', verifier: 'v' }).toString(),
    'client_id=abc&grant_type=authorization_code&code=c&redirect_uri=https%3A%2F%2Fapp.example%2F&code_verifier=v');
  assert.equal(tokenRequestBody(settings, { refreshToken: 'r' }).toString(), 'client_id=abc&grant_type=refresh_token&refresh_token=r');
});

test('JWT claims and expiry', () => {
  assert.deepEqual(jwtClaims(jwt({ sub: 'alice', name: 'Zoë' })), { sub: 'alice', name: 'Zoë' });
  assert.deepEqual(jwtClaims('garbage'), {});
  assert.ok(!expiresSoon(jwt({ exp: inAnHour() })));
  assert.ok(expiresSoon(jwt({ exp: Math.floor(Date.now() / 1000) + 30 })));
  assert.ok(expiresSoon(jwt({})));
});

test('local sign-in gets a token for the user name and keeps it for the tab', async () => {
  const storage = new MemoryStorage();
  const token = jwt({ sub: 'alice', exp: inAnHour() });
  const fetchImpl = scriptedFetch(() => ({ status: 200, body: { token } }));
  const auth = new LocalAuth({ apiUrl: 'http://localhost:3000', storage, fetchImpl });
  assert.equal(auth.user(), null);
  await auth.signIn(' alice ');
  assert.equal(fetchImpl.calls[0].url, 'http://localhost:3000/local/token');
  assert.equal(fetchImpl.calls[0].body, '{"user":"alice"}');
  assert.deepEqual(auth.user(), { name: 'alice' });
  assert.equal(await auth.token(), token);
  auth.signOut();
  assert.equal(await auth.token(), null);
  await assert.rejects(auth.signIn(''), /Enter a user name/);
});

test('Cognito: sign-in redirect, code exchange with the verifier, refresh, sign out', async () => {
  const storage = new MemoryStorage();
  const assigned = [];
  const location = { hash: '#/jobs', search: '', pathname: '/', assign: (url) => assigned.push(url) };
  const settings = { mode: 'cognito', domain: 'https://d.auth.amazoncognito.com', clientId: 'cid', redirectUri: 'https://app/', scopes: ['openid'] };
  const expired = jwt({ sub: 'u', exp: Math.floor(Date.now() / 1000) - 10 });
  const fresh = jwt({ sub: 'u', exp: inAnHour() });
  const fetchImpl = scriptedFetch((url, init) => {
    const body = new URLSearchParams(init.body);
    return body.get('grant_type') === 'authorization_code'
      ? { body: { access_token: expired, id_token: jwt({ email: 'u@example.com' }), refresh_token: 'rt' } }
      : { body: { access_token: fresh } };
  });
  const auth = new CognitoAuth({ auth: settings, storage, fetchImpl, location, cryptoImpl: webcrypto });
  await auth.signIn();
  const authorize = new URL(assigned[0]);
  const state = authorize.searchParams.get('state');
  const pending = JSON.parse(storage.getItem('atelier.pkce.v1'));
  assert.equal(await codeChallenge(pending.verifier, webcrypto), authorize.searchParams.get('code_challenge'));

  location.search = `?code=thecode&state=${state}`;
  assert.equal(await auth.completeRedirect(), true);
  const exchange = new URLSearchParams(fetchImpl.calls[0].body);
  assert.equal(exchange.get('code_verifier'), pending.verifier);
  assert.deepEqual(auth.user(), { name: 'u@example.com' });

  // The access token has expired: token() refreshes it with the refresh token, once for concurrent callers.
  const [a, b] = await Promise.all([auth.token(), auth.token()]);
  assert.equal(a, fresh);
  assert.equal(b, fresh);
  assert.equal(fetchImpl.calls.length, 2);
  assert.equal(new URLSearchParams(fetchImpl.calls[1].body).get('refresh_token'), 'rt');

  auth.signOut();
  assert.match(assigned[1], /^https:\/\/d\.auth\.amazoncognito\.com\/logout\?client_id=cid&logout_uri=/);
  assert.equal(auth.user(), null);
});

test('Cognito: a redirect with the wrong state is refused', async () => {
  const storage = new MemoryStorage();
  storage.setItem('atelier.pkce.v1', JSON.stringify({ verifier: 'v', state: 'expected' }));
  const location = { hash: '', search: '?code=c&state=forged', pathname: '/', assign() {} };
  const auth = new CognitoAuth({ auth: { domain: 'https://d', clientId: 'c', redirectUri: 'https://app/' }, storage, location,
    fetchImpl: scriptedFetch(() => ({ status: 500 })) });
  await assert.rejects(auth.completeRedirect(), /sign in again/);
});

test('config: defaults to the page origin with local sign-in', () => {
  assert.deepEqual(normalizeConfig({}, 'http://localhost:3000'), { apiUrl: 'http://localhost:3000', auth: { mode: 'local' } });
  assert.deepEqual(normalizeConfig({ apiUrl: 'https://api.example/', auth: { mode: 'cognito', domain: 'https://d', clientId: 'c', redirectUri: 'https://app/' } }, 'x'),
    { apiUrl: 'https://api.example', auth: { scopes: ['openid', 'email'], mode: 'cognito', domain: 'https://d', clientId: 'c', redirectUri: 'https://app/' } });
});
