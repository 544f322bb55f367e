// "Re-run rejected": a dialog (no browser prompt()) with the prompt and parameters the rejected results run again
// with, as a new attempt of each; the server's answer to a bad value is shown in the dialog, naming the field.

import { h, replace } from '../dom.js';
import { plural } from '../format.js';

export class RerunDialog {
  /** `onSubmit({prompt, params})` answers null when the re-run started, else the message to show. */
  constructor({ onSubmit }) {
    this.onSubmit = onSubmit;
    this.prompt = h('textarea', { id: 'rerun-prompt', rows: 3, maxlength: 32000 });
    this.params = h('textarea', { id: 'rerun-params', rows: 3, spellcheck: 'false', 'aria-describedby': 'rerun-params-hint' });
    this.error = h('p', { class: 'small task-error', id: 'rerun-error', role: 'alert', hidden: true });
    this.summary = h('p', { class: 'small', id: 'rerun-summary' });
    this.submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Re-run');
    this.form = h('form', { method: 'dialog', class: 'stack' },
      h('h2', { id: 'rerun-title' }, 'Re-run rejected results'),
      this.summary,
      h('div', { class: 'field' }, h('label', { for: 'rerun-prompt', class: 'label' }, 'Prompt'), this.prompt),
      h('div', { class: 'field' }, h('label', { for: 'rerun-params', class: 'label' }, 'Parameters (JSON, laid over each task\'s)'),
        this.params, h('p', { class: 'small muted', id: 'rerun-params-hint' }, 'For example {"factor": 4}. Leave {} to keep them.')),
      this.error,
      h('div', { class: 'btn-group' }, this.submit,
        h('button', { type: 'button', class: 'btn', onclick: () => this.close() }, 'Cancel')));
    this.form.addEventListener('input', () => this.showError(null));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.element = h('dialog', { class: 'rerun', 'aria-labelledby': 'rerun-title' }, this.form);
    document.body.append(this.element);
  }

  open(job, count) {
    this.returnFocus = document.activeElement;
    this.count = count;
    this.summary.textContent = `${plural(count, 'rejected result')} will run again as a new attempt; the earlier results stay visible in Compare.`;
    this.prompt.value = job?.prompt ?? job?.steps?.[0]?.prompt ?? '';
    this.params.value = '{}';
    this.showError(null);
    replace(this.submit, `Re-run ${plural(count, 'result')}`);
    if (!this.element.open) this.element.showModal();
    this.prompt.focus();
  }

  close() {
    if (this.element.open) this.element.close();
    this.returnFocus?.focus();
  }

  showError(message) {
    this.error.hidden = !message;
    this.error.textContent = message ?? '';
  }

  async send() {
    let params;
    try {
      params = JSON.parse(this.params.value.trim() || '{}');
      if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error('not an object');
    } catch {
      this.showError('Parameters must be a JSON object, such as {"factor": 4}.');
      this.params.focus();
      return;
    }
    this.submit.disabled = true;
    try {
      const problem = await this.onSubmit({ prompt: this.prompt.value.trim() || undefined, params });
      if (problem) this.showError(problem);
      else this.close();
    } finally {
      this.submit.disabled = false;
    }
  }
}
