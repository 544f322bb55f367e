// The deployment's settings: config.json next to the app (written by the deployment, or answered by the local
// runner). Without one, the API is this page's own origin with local sign-in.

export async function loadConfig(fetchImpl = globalThis.fetch.bind(globalThis), origin = globalThis.location.origin) {
  let config = {};
  try {
    const response = await fetchImpl('config.json', { cache: 'no-store' });
    if (response.ok) config = await response.json();
  } catch {
    // no config.json: the defaults below
  }
  return normalizeConfig(config, origin);
}

export function normalizeConfig(config, origin) {
  const apiUrl = String(config?.apiUrl || origin).replace(/\/+$/, '');
  const auth = config?.auth?.mode === 'cognito' ? { scopes: ['openid', 'email'], ...config.auth } : { mode: 'local' };
  return { apiUrl, auth };
}
