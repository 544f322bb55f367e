// Saved prompt templates, kept in the browser (localStorage) per person and device.

const KEY = 'atelier.promptTemplates.v1';
const MAX_TEMPLATES = 100;

export class PromptTemplates {
  /** @param {Storage} storage */
  constructor(storage = globalThis.localStorage, key = KEY) {
    this.storage = storage;
    this.key = key;
  }

  /** The templates, newest first: [{name, text, savedAt}]. A damaged entry reads as none. */
  list() {
    try {
      const parsed = JSON.parse(this.storage?.getItem(this.key) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter((t) => t && typeof t.name === 'string' && typeof t.text === 'string')
        : [];
    } catch {
      return [];
    }
  }

  find(name) {
    return this.list().find((t) => t.name === name) ?? null;
  }

  /** Saves (or replaces) a template under its name; returns the list. */
  save(name, text, now = new Date()) {
    const clean = name.trim();
    if (!clean) throw new Error('A template needs a name.');
    if (!text.trim()) throw new Error('There is no prompt to save.');
    const rest = this.list().filter((t) => t.name !== clean);
    const next = [{ name: clean, text, savedAt: now.toISOString() }, ...rest].slice(0, MAX_TEMPLATES);
    this.storage.setItem(this.key, JSON.stringify(next));
    return next;
  }

  remove(name) {
    const next = this.list().filter((t) => t.name !== name);
    this.storage.setItem(this.key, JSON.stringify(next));
    return next;
  }
}

/** A name for a new template from its text: the first few words. */
export function suggestName(text) {
  const words = text.trim().split(/\s+/).slice(0, 5).join(' ');
  return words.length > 40 ? `${words.slice(0, 39)}…` : words;
}
