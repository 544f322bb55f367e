// The team's own storage: "Import from S3" (every object under a prefix becomes an image, checked like an upload)
// and "Export to S3" (a job's results, all or approved, copied to a prefix with manifest.csv; progress polled).

import { announce, h, replace, uid } from '../dom.js';
import { plural } from '../format.js';

/** 's3://bucket/prefix/' as the API wants it, or null. */
export function s3Location(text) {
  const value = String(text ?? '').trim();
  return /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S*$/.test(value) ? value : null;
}

export class ImportPanel {
  constructor({ api }) {
    this.api = api;
    const id = uid('import-source');
    this.source = h('input', { id, class: 'input', type: 'text', placeholder: 's3://team-photos/spring/', autocomplete: 'off' });
    this.result = h('div', { class: 'small', role: 'status' });
    this.submit = h('button', { type: 'submit', class: 'btn' }, 'Import');
    this.element = h('form', { class: 'panel storage-panel', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title' }, 'Import from S3'),
      h('p', { class: 'muted small' }, 'Every object under the prefix becomes an image, checked like an upload.'),
      h('div', { class: 'field' }, h('label', { for: id }, 'Source'), this.source),
      this.submit, this.result);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
  }

  async run() {
    const source = s3Location(this.source.value);
    if (!source) {
      replace(this.result, h('p', { class: 'field-error' }, 'Enter a location such as s3://bucket/prefix/'));
      return;
    }
    this.submit.disabled = true;
    try {
      const answer = await this.api.importPrefix(source);
      replace(this.result,
        h('p', {}, `Imported ${plural(answer.images.length, 'object')}; they show under your images once checked.`),
        answer.refused.length ? h('ul', { class: 'refused-list' }, ...answer.refused.map((r) => h('li', {}, `${r.key}: ${r.reason}`))) : '');
      announce(`Imported ${plural(answer.images.length, 'object')}, ${answer.refused.length} refused.`);
    } catch (error) {
      replace(this.result, h('p', { class: 'field-error', role: 'alert' }, error.message));
    } finally {
      this.submit.disabled = false;
    }
  }
}

export class ExportPanel {
  constructor({ api, jobId, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }) {
    Object.assign(this, { api, jobId, sleep });
    const destinationId = uid('export-destination');
    const templateId = uid('export-template');
    const approvedId = uid('export-approved');
    this.destination = h('input', { id: destinationId, class: 'input', type: 'text', placeholder: 's3://team-exports/spring/', autocomplete: 'off' });
    this.template = h('input', { id: templateId, class: 'input', type: 'text', placeholder: '{name}_white.{ext}', autocomplete: 'off' });
    this.approved = h('input', { id: approvedId, type: 'checkbox', checked: true });
    this.result = h('div', { class: 'small', role: 'status' });
    this.submit = h('button', { type: 'submit', class: 'btn' }, 'Export');
    this.element = h('form', { class: 'panel storage-panel', 'aria-labelledby': 'export-title', hidden: true },
      h('h2', { id: 'export-title' }, 'Export to S3'),
      h('div', { class: 'field' }, h('label', { for: destinationId }, 'Destination'), this.destination),
      h('div', { class: 'field' }, h('label', { for: templateId }, 'Name template (optional)'), this.template),
      h('div', { class: 'row' }, this.approved, h('label', { for: approvedId }, 'Only approved results')),
      this.submit, this.result);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
  }

  toggle() {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) this.destination.focus();
  }

  async run() {
    const destination = s3Location(this.destination.value);
    if (!destination) {
      replace(this.result, h('p', { class: 'field-error' }, 'Enter a location such as s3://bucket/prefix/'));
      return;
    }
    const body = { destination };
    if (this.approved.checked) body.only = 'approved';
    if (this.template.value.trim()) body.outputName = this.template.value.trim();
    this.submit.disabled = true;
    try {
      let state = await this.api.exportJob(this.jobId, body);
      while (state.status === 'RUNNING') {
        replace(this.result, h('p', {}, `Exporting… ${state.done} of ${state.total}`));
        await this.sleep(2000);
        state = await this.api.exportStatus(this.jobId, state.exportId);
      }
      const line = state.status === 'SUCCEEDED'
        ? `Exported ${plural(state.done - state.failed.length, 'result')} and manifest.csv to ${state.destination}`
        : `The export failed: nothing was written to ${state.destination}`;
      replace(this.result, h('p', {}, line), state.failed.length ? h('p', { class: 'field-error' }, `Not written: ${state.failed.join(', ')}`) : '');
      announce(line);
    } catch (error) {
      replace(this.result, h('p', { class: 'field-error', role: 'alert' }, error.message));
    } finally {
      this.submit.disabled = false;
    }
  }
}
