// "Job from a manifest": choose a CSV or JSONL file, which is uploaded like an image (POST /uploads, a presigned PUT,
// checked by the server); the rows the server read are shown in a table, each with the problems the server's dry run
// names on it (the same checks a submission makes), then the job is submitted with the form's settings or one of the
// person's presets.

import { announce, h, notify, replace } from '../dom.js';
import { plural } from '../format.js';
import { manifestContentType, overridesInWords, previewTable } from '../manifests.js';
import { xhrPut } from '../uploads.js';

const FORM = '';
const COLUMNS = ['Row', 'Image', 'SKU', 'Custom ID', 'Prompt', 'Overrides', 'Output name', 'Problems'];

export class ManifestPanel {
  /** `formSettings()`: the job form's settings without images, {body, errors}; `onSubmitted(job)` once a job is made. */
  constructor({ api, formSettings, onSubmitted, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }) {
    Object.assign(this, { api, formSettings, onSubmitted, sleep });
    this.manifest = null;
    this.input = h('input', { type: 'file', id: 'manifest-file', accept: '.csv,.jsonl,.ndjson,text/csv,application/x-ndjson',
      'aria-describedby': 'manifest-hint', onchange: () => this.choose(this.input.files?.[0]) });
    this.settings = h('select', { id: 'manifest-settings', class: 'input', onchange: () => this.check() },
      h('option', { value: FORM }, 'The form\'s settings'));
    this.status = h('p', { class: 'small', id: 'manifest-status', role: 'status' });
    this.general = h('ul', { class: 'manifest-errors', id: 'manifest-errors', hidden: true });
    this.table = h('div', { class: 'manifest-table' });
    this.run = h('button', { type: 'button', class: 'btn btn-primary', id: 'manifest-run', disabled: true,
      onclick: () => this.submit() }, 'Run manifest');
    this.element = h('section', { class: 'panel manifest', 'aria-labelledby': 'manifest-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'manifest-heading' }, 'Job from a manifest')),
      h('p', { class: 'hint', id: 'manifest-hint' },
        'A CSV or JSONL file with one row per image: image (a file name or id), sku, customId, prompt, outputName, '
        + 'param.<name>. Every row is checked before anything runs.'),
      h('div', { class: 'field' }, h('label', { for: 'manifest-file' }, 'Manifest file'), this.input),
      h('div', { class: 'field' }, h('label', { for: 'manifest-settings' }, 'Run with'), this.settings),
      this.status, this.general, this.table, h('div', { class: 'row' }, this.run));
    this.loadPresets();
  }

  async loadPresets() {
    try {
      const presets = await this.api.jobPresets();
      this.settings.append(...presets.map((preset) => h('option', { value: preset.presetId }, `Preset: ${preset.name}`)));
    } catch {
      // Presets are optional here: the form's settings still work.
    }
  }

  /** Uploads the chosen file, waits for the server's check, then previews it. */
  async choose(file) {
    if (!file) return;
    this.manifest = null;
    this.run.disabled = true;
    replace(this.table);
    this.showGeneral([]);
    const contentType = manifestContentType(file.name);
    if (!contentType) {
      this.say('Choose a .csv or .jsonl file.', 'bad');
      return;
    }
    try {
      this.say(`Uploading ${file.name}…`);
      const { uploads } = await this.api.requestUploads([{ name: file.name, contentType, size: file.size }]);
      const ticket = uploads[0];
      await xhrPut(ticket.url, ticket.headers ?? {}, file);
      this.say('Checking…');
      let manifest = await this.api.manifest(ticket.manifestId);
      for (let waited = 0; manifest.status === 'PENDING' && waited < 60000; waited += 500) {
        await this.sleep(500);
        manifest = await this.api.manifest(ticket.manifestId);
      }
      if (manifest.status !== 'READY') {
        this.say(manifest.status === 'PENDING' ? 'The server has not checked the file yet; choose it again.'
          : `Not usable: ${manifest.reason}`, 'bad');
        return;
      }
      this.manifest = manifest;
      await this.check();
    } catch (error) {
      this.say(`The manifest was not uploaded. ${error.message}`, 'bad');
    }
  }

  /** The job this manifest makes with the chosen settings; null (with the reason shown) while the form lacks some. */
  body() {
    const manifest = { id: this.manifest.manifestId };
    if (this.settings.value !== FORM) return { jobPreset: this.settings.value, manifest };
    const { body, errors } = this.formSettings();
    if (!body) return { errors };
    return { ...body, manifest };
  }

  /** The server's dry run of that job: its problems shown on their rows, the estimate when there are none. */
  async check() {
    if (!this.manifest) return;
    const body = this.body();
    let errors = body.errors ?? [];
    let estimate = null;
    if (!body.errors) {
      try {
        estimate = await this.api.estimateJob(body);
      } catch (error) {
        errors = error.fieldErrors?.length ? error.fieldErrors : [{ message: error.message }];
      }
    }
    const table = previewTable(this.manifest.rows, errors);
    this.showGeneral(table.general);
    this.drawTable(table.rows);
    const bad = table.rows.filter((row) => row.problems.length).length;
    const rows = plural(this.manifest.rowCount, 'row');
    if (errors.length) this.say(`${rows} read · ${bad ? `${plural(bad, 'row')} with problems` : 'the settings need attention'}: nothing will run until they are fixed.`, 'bad');
    else this.say(`${rows} read · all can run${estimate?.estimatedCost ? ` · about ${estimate.estimatedCost.amount} ${estimate.estimatedCost.currency}` : ''}.`, 'good');
    this.run.disabled = errors.length > 0;
    this.run.textContent = this.settings.value === FORM ? `Run ${rows}` : `Run preset on ${rows}`;
    announce(this.status.textContent);
  }

  drawTable(rows) {
    const cell = (text) => h('td', {}, text ?? '');
    const body = rows.map((row) => h('tr', { dataset: { row: row.row }, class: row.problems.length ? 'has-error' : '' },
      h('th', { scope: 'row' }, String(row.row)),
      cell(row.image), cell(row.sku), cell(row.customId), cell(row.prompt), cell(overridesInWords(row)), cell(row.outputName),
      h('td', { class: 'manifest-problems' }, row.problems.length
        ? h('ul', {}, row.problems.map((p) => h('li', {}, p.column ? `${p.column}: ${p.message}` : p.message))) : '')));
    const shown = this.manifest.rowCount > rows.length ? h('p', { class: 'small muted' },
      `The first ${plural(rows.length, 'row')} of ${this.manifest.rowCount}; problems are listed for every row.`) : '';
    replace(this.table, h('table', { id: 'manifest-preview', class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, `Rows of ${this.manifest.name}`),
      h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, body)), shown);
  }

  showGeneral(errors) {
    this.general.hidden = !errors.length;
    replace(this.general, ...errors.map((e) => h('li', {}, e.field ? `${e.field}: ${e.message}` : e.message)));
  }

  say(text, tone = '') {
    this.status.textContent = text;
    this.status.className = `small ${tone}`;
  }

  async submit() {
    const body = this.body();
    if (body.errors) return;
    this.run.disabled = true;
    try {
      const job = await this.api.submitJob(body, crypto.randomUUID());
      announce(`Job submitted from ${this.manifest.name}.`);
      this.onSubmitted(job);
    } catch (error) {
      notify(`The manifest did not run. ${error.message}`, { tone: 'error' });
      this.run.disabled = false;
    }
  }
}
