// The team's own storage: "Import from S3" (every object under a prefix becomes an image, checked like an upload, or
// straight into a job; the import's progress and refused objects polled) and "Export to S3" (a job's results, all or approved, copied to a prefix with manifest.csv; progress polled).

import { announce, h, replace, uid } from '../dom.js';
import { describeEstimate } from '../estimate.js';
import { plural } from '../format.js';

/** 's3://bucket/prefix/' as the API wants it, or null. */
export function s3Location(text) {
  const value = String(text ?? '').trim();
  return /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S*$/.test(value) ? value : null;
}

/** Problems listed in the panel; the rest are counted ("and 12 more"), all of them are in GET /imports/{id}. */
const SHOWN_PROBLEMS = 20;

/**
 * An import's state in words: {headline, tone, fraction} (fraction: of the listed objects, how many are done; null
 * while the listing goes on).
 */
export function describeImport(state) {
  const done = state.imported + state.refused;
  const counts = `${plural(state.listed, 'object')} listed · ${state.imported} imported · ${state.refused} refused`;
  if (state.status === 'RUNNING') {
    return { headline: `Importing… ${counts}`, tone: 'busy', fraction: state.listingComplete && state.listed ? done / state.listed : null };
  }
  if (state.status === 'FAILED') {
    return { headline: `The import failed: ${state.error ?? 'see the problems below'}`, tone: 'bad', fraction: null };
  }
  const job = state.jobId ? '; the job runs over them' : state.startsJob ? '' : '; they show under your images';
  return { headline: `Imported ${state.imported} of ${plural(state.listed, 'object')}, ${state.refused} refused${job}.`, tone: 'good', fraction: 1 };
}

/** A dry run of a job over a prefix in words: what the listing found, then the estimate's lines. */
export function describeSourceEstimate(estimate) {
  const source = estimate.source ?? {};
  const number = (n) => Number(n ?? 0).toLocaleString('en');
  const objects = `${number(source.listed)} ${source.listed === 1 ? 'object' : 'objects'}`;
  const listed = source.complete
    ? `${objects} under the prefix, ${number(source.importable)} importable`
    : `the first ${objects} listed (of more), ${number(source.importable)} importable`;
  const { total, steps, refused } = describeEstimate(estimate);
  return [`${listed[0].toUpperCase()}${listed.slice(1)}.`, source.complete ? total : `${total} for those`, ...steps, ...refused];
}

export class ImportPanel {
  /** @param jobSettings () => {body, errors}: the job form's job without inputs, to run over the prefix; null: import only */
  constructor({ api, jobSettings = null, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }) {
    Object.assign(this, { api, jobSettings, sleep });
    const id = uid('import-source');
    const projectId = uid('import-project');
    const patternId = uid('import-pattern');
    const jobId = uid('import-job');
    this.source = h('input', { id, class: 'input', type: 'text', placeholder: 's3://team-photos/spring/', autocomplete: 'off' });
    this.project = h('input', { id: projectId, class: 'input', type: 'text', placeholder: 'spring', autocomplete: 'off' });
    this.pattern = h('input', { id: patternId, class: 'input', type: 'text', placeholder: '{sku}-{role}.jpg', autocomplete: 'off' });
    this.withJob = h('input', { id: jobId, type: 'checkbox' });
    this.progress = h('progress', { class: 'import-progress', max: 1, hidden: true, 'aria-label': 'Import progress' });
    this.result = h('div', { class: 'small import-result', role: 'status' });
    this.submit = h('button', { type: 'submit', class: 'btn' }, 'Import');
    this.estimate = h('button', { type: 'button', class: 'btn', hidden: true, onclick: () => this.runEstimate() },
      'Estimate the job');
    this.element = h('form', { class: 'panel storage-panel', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title' }, 'Import from S3'),
      h('p', { class: 'muted small' }, 'Every object under the prefix becomes an image, checked like an upload; the import runs in the background.'),
      h('div', { class: 'field' }, h('label', { for: id }, 'Source'), this.source),
      h('div', { class: 'row storage-fields' },
        h('div', { class: 'field' }, h('label', { for: projectId }, 'Project (optional)'), this.project),
        h('div', { class: 'field' }, h('label', { for: patternId }, 'SKU from the name (optional)'), this.pattern)),
      jobSettings ? h('div', { class: 'row' }, this.withJob, h('label', { for: jobId }, 'Then run the job set up above over the imported images')) : '',
      h('div', { class: 'row' }, this.submit, this.estimate), this.progress, this.result);
    this.withJob.addEventListener('change', () => {
      this.submit.textContent = this.withJob.checked ? 'Import and run the job' : 'Import';
      this.estimate.hidden = !this.withJob.checked;
    });
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
  }

  /** The request's source fields, or {error}. */
  sourceFields() {
    const source = s3Location(this.source.value);
    if (!source) return { error: 'Enter a location such as s3://bucket/prefix/' };
    const fields = {};
    if (this.project.value.trim()) fields.project = this.project.value.trim();
    if (this.pattern.value.trim()) fields.namePattern = this.pattern.value.trim();
    if (fields.namePattern && !fields.project) return { error: 'Name the project the SKUs are filed in.' };
    return { source, fields };
  }

  /** The job over the prefix as a request body, or {error}. */
  jobOverSource() {
    const { source, fields, error } = this.sourceFields();
    if (error) return { error };
    const settings = this.jobSettings();
    if (!settings.body) return { error: settings.errors.map((e) => e.message).join(' ') || 'Set up the job above first.' };
    return { body: { ...settings.body, source: { s3: source, ...fields } } };
  }

  /** A dry run over the prefix: one listing (at most 1,000 keys) and the estimate; nothing is imported. */
  async runEstimate() {
    const { body, error } = this.jobOverSource();
    if (error) {
      replace(this.result, h('p', { class: 'field-error' }, error));
      return;
    }
    this.estimate.disabled = true;
    try {
      const lines = describeSourceEstimate(await this.api.estimateJob(body));
      this.progress.hidden = true; // an earlier import's progress is not this estimate's
      replace(this.result, h('div', { class: 'source-estimate' }, ...lines.map((line) => h('p', {}, line))));
    } catch (failure) {
      replace(this.result, h('p', { class: 'field-error', role: 'alert' }, failure.message));
    } finally {
      this.estimate.disabled = false;
    }
  }

  async run() {
    const { source, fields, error } = this.sourceFields();
    if (error) {
      replace(this.result, h('p', { class: 'field-error' }, error));
      return;
    }
    let start;
    if (this.withJob.checked) {
      const job = this.jobOverSource();
      if (job.error) {
        replace(this.result, h('p', { class: 'field-error' }, job.error));
        return;
      }
      start = () => this.api.jobFromPrefix(job.body, this.keyFor(job.body));
    } else {
      start = () => this.api.importPrefix({ source, ...fields });
    }
    this.submit.disabled = true;
    try {
      let state = await start();
      this.pendingJob = null; // started: the next run is a new job
      this.show(state);
      while (state.status === 'RUNNING') {
        await this.sleep(1000);
        state = await this.api.importStatus(state.importId);
        this.show(state);
      }
      announce(describeImport(state).headline);
    } catch (failure) {
      this.progress.hidden = true;
      replace(this.result, h('p', { class: 'field-error', role: 'alert' }, failure.message));
    } finally {
      this.submit.disabled = false;
    }
  }

  /**
   * The Idempotency-Key of a job over a prefix: kept while the same request has not been answered, so trying again
   * after a lost answer gets the import already started instead of a second one.
   */
  keyFor(body) {
    const signature = JSON.stringify(body);
    if (this.pendingJob?.signature !== signature) this.pendingJob = { signature, key: crypto.randomUUID() };
    return this.pendingJob.key;
  }

  show(state) {
    const { headline, tone, fraction } = describeImport(state);
    this.progress.hidden = false;
    if (fraction === null) this.progress.removeAttribute('value');
    else this.progress.value = fraction;
    const problems = state.problems ?? [];
    const more = state.refused - Math.min(problems.length, SHOWN_PROBLEMS);
    replace(this.result,
      h('p', { class: `import-state tone-${tone}` }, headline),
      state.jobId ? h('p', {}, h('a', { href: `#/jobs/${encodeURIComponent(state.jobId)}` }, 'Open the job')) : '',
      problems.length ? h('p', { class: 'small refused-title' }, h('strong', {}, `Not imported (${state.refused})`)) : '',
      problems.length ? h('ul', { class: 'refused-list', 'aria-label': 'Objects not imported' },
        ...problems.slice(0, SHOWN_PROBLEMS).map((p) => h('li', {}, h('code', {}, p.key), `: ${p.reason}`)),
        more > 0 ? h('li', { class: 'muted' }, `and ${more} more`) : '') : '');
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
