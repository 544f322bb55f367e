// Who is signed in. Locally: a user name exchanged for a token at POST /local/token. In AWS: Cognito's hosted UI
// with the authorization code flow and PKCE, refresh tokens, and sign out. Tokens live in sessionStorage: gone
// when the tab closes.

import { authorizeUrl, codeChallenge, expiresSoon, jwtClaims, randomString, tokenRequestBody } from './pkce.js';

const SESSION_KEY = 'atelier.session.v1';
const PENDING_KEY = 'atelier.pkce.v1';

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

export class AuthError extends Error {}

/** Sign-in with the local runner's token endpoint. */
export class LocalAuth {
  constructor({ apiUrl, storage = globalThis.sessionStorage, fetchImpl = globalThis.fetch.bind(globalThis) }) {
    Object.assign(this, { apiUrl, storage, fetchImpl, mode: 'local' });
  }

  user() {
    const session = read(this.storage, SESSION_KEY);
    if (!session?.token || expiresSoon(session.token, Date.now(), 0)) return null;
    return { name: session.user };
  }

  async token() {
    const session = read(this.storage, SESSION_KEY);
    return session?.token && !expiresSoon(session.token, Date.now(), 5) ? session.token : null;
  }

  /** Whether a session is kept here but has run out (so the sign-in page can say so). */
  expired() {
    const session = read(this.storage, SESSION_KEY);
    return !!session?.token && expiresSoon(session.token, Date.now(), 0);
  }

  /** {@code plan}: one of the stack's plans for this token (empty: the local default, which allows everything). */
  async signIn(userName, plan = '') {
    const user = (userName ?? '').trim();
    if (!user) throw new AuthError('Enter a user name.');
    const body = plan.trim() ? { user, plan: plan.trim() } : { user };
    const response = await this.fetchImpl(new URL('/local/token', this.apiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new AuthError(problem.detail || problem.message || `Sign-in failed (HTTP ${response.status}).`);
    }
    const { token } = await response.json();
    this.storage.setItem(SESSION_KEY, JSON.stringify({ user, token }));
    return { name: user };
  }

  async completeRedirect() {
    return false;
  }

  /** Forgets the session here (after a 401). */
  forget() {
    this.storage.removeItem(SESSION_KEY);
  }

  signOut() {
    this.forget();
  }
}

/** Sign-in with Cognito's hosted UI. */
export class CognitoAuth {
  constructor({ auth, storage = globalThis.sessionStorage, fetchImpl = globalThis.fetch.bind(globalThis),
    location = globalThis.location, cryptoImpl = globalThis.crypto }) {
    Object.assign(this, { settings: auth, storage, fetchImpl, location, cryptoImpl, mode: 'cognito' });
    this.refreshing = null;
  }

  session() {
    return read(this.storage, SESSION_KEY);
  }

  user() {
    const session = this.session();
    if (!session?.accessToken) return null;
    if (expiresSoon(session.accessToken, Date.now(), 0) && !session.refreshToken) return null;
    const claims = jwtClaims(session.idToken ?? session.accessToken);
    return { name: claims.email ?? claims['cognito:username'] ?? claims.username ?? claims.sub ?? 'Signed in' };
  }

  /** A valid access token, refreshed first if it is about to expire; null when signed out. */
  async token() {
    const session = this.session();
    if (!session?.accessToken) return null;
    if (!expiresSoon(session.accessToken)) return session.accessToken;
    if (!session.refreshToken) return null;
    this.refreshing ??= this.exchange({ refreshToken: session.refreshToken })
      .catch(() => {
        this.storage.removeItem(SESSION_KEY);
        return null;
      })
      .finally(() => {
        this.refreshing = null;
      });
    const refreshed = await this.refreshing;
    return refreshed?.accessToken ?? null;
  }

  /** Goes to the hosted UI; the browser comes back to redirectUri with ?code=…&state=…. */
  async signIn() {
    const verifier = randomString(64, this.cryptoImpl);
    const state = randomString(43, this.cryptoImpl);
    const challenge = await codeChallenge(verifier, this.cryptoImpl);
    this.storage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, back: this.location.hash || '' }));
    this.location.assign(authorizeUrl(this.settings, { state, challenge }));
  }

  /** On the way back from the hosted UI: exchanges the code for tokens. True when this page load was a redirect. */
  async completeRedirect() {
    const params = new URLSearchParams(this.location.search);
    if (!params.has('code') && !params.has('error')) return false;
    const pending = read(this.storage, PENDING_KEY);
    this.storage.removeItem(PENDING_KEY);
    const clean = `${this.location.pathname}${pending?.back ?? ''}`;
    globalThis.history?.replaceState(null, '', clean);
    if (params.has('error')) throw new AuthError(params.get('error_description') || 'Sign-in was not completed.');
    if (!pending || pending.state !== params.get('state')) throw new AuthError('Sign-in expired or came from elsewhere; sign in again.');
    await this.exchange({ code: params.get('code'), verifier: pending.verifier });
    return true;
  }

  async exchange(grant) {
    const response = await this.fetchImpl(new URL('/oauth2/token', this.settings.domain), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: tokenRequestBody(this.settings, grant),
    });
    if (!response.ok) throw new AuthError(`Sign-in failed (HTTP ${response.status}).`);
    const answer = await response.json();
    const previous = this.session() ?? {};
    const session = {
      accessToken: answer.access_token,
      idToken: answer.id_token ?? previous.idToken,
      // A refresh answer carries no new refresh token: keep the one we have.
      refreshToken: answer.refresh_token ?? grant.refreshToken ?? previous.refreshToken,
    };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  forget() {
    this.storage.removeItem(SESSION_KEY);
  }

  /** Ends the session here and at Cognito (the hosted UI's logout comes back to the app). */
  signOut() {
    this.forget();
    const url = new URL('/logout', this.settings.domain);
    url.search = new URLSearchParams({ client_id: this.settings.clientId, logout_uri: this.settings.redirectUri }).toString();
    this.location.assign(url.toString());
  }
}

export function createAuth(config, options = {}) {
  return config.auth?.mode === 'cognito'
    ? new CognitoAuth({ auth: config.auth, ...options })
    : new LocalAuth({ apiUrl: config.apiUrl, ...options });
}
