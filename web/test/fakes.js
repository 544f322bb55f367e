// Test doubles: manual timers, an in-memory Storage, a scripted fetch.

export class FakeTimers {
  constructor() {
    this.now = 0;
    this.queue = [];
    this.nextId = 1;
  }

  setTimeout(fn, ms = 0) {
    const id = this.nextId++;
    this.queue.push({ id, at: this.now + ms, fn });
    return id;
  }

  clearTimeout(id) {
    this.queue = this.queue.filter((t) => t.id !== id);
  }

  get pending() {
    return this.queue.length;
  }

  /** Runs timers due within `ms`, letting promises settle between them. */
  async advance(ms) {
    const until = this.now + ms;
    for (;;) {
      await flush();
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      this.now = next.at;
      next.fn();
    }
    this.now = until;
    await flush();
  }
}

export async function flush() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

export class MemoryStorage {
  constructor() {
    this.map = new Map();
  }

  getItem(key) {
    return this.map.has(key) ? this.map.get(key) : null;
  }

  setItem(key, value) {
    this.map.set(key, String(value));
  }

  removeItem(key) {
    this.map.delete(key);
  }
}

/** A fetch that answers from a list of handlers and records the requests. */
export function scriptedFetch(handler) {
  const calls = [];
  const fn = async (url, init = {}) => {
    calls.push({ url: String(url), ...init });
    const answer = await handler(String(url), init, calls.length);
    const headers = new Headers(answer.headers ?? {});
    const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(answer.status === 304 || answer.status === 204 ? null : body, { status: answer.status ?? 200, headers });
  };
  fn.calls = calls;
  return fn;
}
