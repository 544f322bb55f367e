// OAuth 2.0 authorization code with PKCE (RFC 7636) helpers: no secrets in the browser.

// 64 of the 66 unreserved characters: a byte modulo 64 picks each with equal chance.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64Url(bytes) {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of unreserved characters (43 to 128 long, RFC 7636 §4.1). */
export function randomString(length = 64, cryptoImpl = globalThis.crypto) {
  if (length < 43 || length > 128) throw new RangeError('A PKCE verifier is 43 to 128 characters long.');
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(length));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 64];
  return out;
}

/** The S256 code challenge of a verifier. */
export async function codeChallenge(verifier, cryptoImpl = globalThis.crypto) {
  const digest = await cryptoImpl.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(digest);
}

/** The hosted UI's authorize URL. */
export function authorizeUrl({ domain, clientId, redirectUri, scopes = ['openid', 'email'] }, { state, challenge }) {
  const url = new URL('/oauth2/authorize', domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/** The form body of a token request: the code exchange or a refresh. */
export function tokenRequestBody({ clientId, redirectUri }, grant) {
  const body = new URLSearchParams({ client_id: clientId });
  if (grant.code) {
    body.set('grant_type', 'authorization_code');
    body.set('code', grant.code);
    body.set('redirect_uri', redirectUri);
    body.set('code_verifier', grant.verifier);
  } else {
    body.set('grant_type', 'refresh_token');
    body.set('refresh_token', grant.refreshToken);
  }
  return body;
}

/** The claims of a JWT, unverified (the API verifies it; the browser only reads names and expiry). */
export function jwtClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = part + '='.repeat((4 - (part.length % 4)) % 4);
    const json = decodeURIComponent(Array.from(atob(padded), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/** Whether a token expires within `skewSeconds`. */
export function expiresSoon(token, now = Date.now(), skewSeconds = 60) {
  const { exp } = jwtClaims(token);
  return !Number.isFinite(exp) || exp * 1000 - skewSeconds * 1000 <= now;
}
