// Saved prompt templates: on the server per person (every device sees them), and the older browser-only list
// (localStorage), which is offered for import into the account once.

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

/** Set once the browser's own templates were offered for import (taken up or not): they are not offered again. */
export const IMPORT_OFFERED_KEY = 'atelier.promptTemplates.importOffered';

/** The person's templates on the server, with the same find/list as the browser's, and async changes. */
export class ServerTemplates {
  constructor(api) {
    this.api = api;
    this.templates = [];
    this.favouriteGroup = null;
  }

  async load() {
    const answer = await this.api.templates();
    this.templates = answer.templates ?? [];
    this.favouriteGroup = answer.favouriteGroup ?? null;
    return this.templates;
  }

  /** By group, the favourite group first, then the ungrouped. */
  list() {
    const rank = (t) => (t.group && t.group === this.favouriteGroup ? 0 : t.group ? 1 : 2);
    return [...this.templates].sort((a, b) => rank(a) - rank(b) || (a.group ?? '').localeCompare(b.group ?? '') || a.name.localeCompare(b.name));
  }

  find(name) {
    return this.templates.find((t) => t.name === name) ?? null;
  }

  /** Saves under `name`: a template of that name is replaced, else a new one is made. */
  async save(name, text, group = null) {
    const clean = name.trim();
    if (!clean) throw new Error('A template needs a name.');
    if (!text.trim()) throw new Error('There is no prompt to save.');
    const existing = this.find(clean);
    const body = { name: clean, text, group: group?.trim() || null };
    const saved = existing ? await this.api.updateTemplate(existing.templateId, body) : await this.api.createTemplate(body);
    this.templates = [...this.templates.filter((t) => t.templateId !== saved.templateId), saved];
    return saved;
  }

  async remove(name) {
    const existing = this.find(name);
    if (!existing) return;
    await this.api.deleteTemplate(existing.templateId);
    this.templates = this.templates.filter((t) => t.templateId !== existing.templateId);
  }

  /**
   * The browser's own templates not offered yet: [] once offered. `markOffered` records that they were (after the
   * person chose import or not now).
   */
  static pendingImport(local, storage = globalThis.localStorage) {
    if (storage?.getItem(IMPORT_OFFERED_KEY)) return [];
    return local.list();
  }

  static markOffered(storage = globalThis.localStorage) {
    storage?.setItem(IMPORT_OFFERED_KEY, new Date().toISOString());
  }

  async importLocal(local) {
    const answer = await this.api.importTemplates(local.list().map((t) => ({ name: t.name, text: t.text })));
    await this.load();
    return answer;
  }
}
