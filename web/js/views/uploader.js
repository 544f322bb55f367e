// The "Images" panel: pick or drop files, check them (a file uploaded before is offered to skip), upload each straight
// to storage and follow the server's check; below, the images uploaded earlier.

import { announce, badge, h, notify, replace } from '../dom.js';
import { formatBytes, plural } from '../format.js';
import { ImageChecker, UploadQueue, chunks, checkFile, findDuplicate, needsAttention, orderRows, sha256Hex, summaryLine,
  uploadSummary, xhrPut } from '../uploads.js';
import { syncChildren } from '../listsync.js';
import { Library } from './library.js';

const REQUEST_BATCH = 100;
const ROWS_PER_FRAME = 50;
const STATE_WORDS = {
  invalid: ['Rejected', 'bad'], requesting: ['Waiting', 'neutral'], queued: ['Waiting', 'neutral'],
  uploading: ['Uploading', 'busy'], retrying: ['Uploading', 'warn'], uploaded: ['Checking', 'busy'],
  checking: ['Checking', 'busy'], ready: ['Ready', 'good'], rejected: ['Rejected', 'bad'], failed: ['Failed', 'bad'],
  hashing: ['Waiting', 'neutral'], duplicate: ['Uploaded before', 'warn'],
};

export class Uploader {
  constructor({ api, onChange = () => {}, concurrency = 4 }) {
    this.api = api;
    this.onChange = onChange;
    this.rows = [];
    this.nextId = 1;
    this.dirty = new Set();
    this.unbuilt = []; // rows whose element is still to be built (buildRows)
    this.building = null;
    this.frame = null;
    this.perImagePrompts = false;
    this.queue = new UploadQueue({
      concurrency,
      put: (row, onProgress) => xhrPut(row.target.url, row.target.headers, row.file, onProgress),
      onUpdate: (row) => this.uploadUpdate(row),
    });
    this.checker = new ImageChecker({
      getImage: (id) => api.image(id),
      listImages: (n) => api.images(Math.min(200, n + 20)),
      onResult: (image) => this.checked(image),
      onError: () => {},
    });
    this.library = new Library({ api, isListed: (imageId) => this.rows.some((r) => r.imageId === imageId),
      onChange: () => this.changed() });
    this.element = this.render();
  }

  render() {
    this.input = h('input', { type: 'file', id: 'images', name: 'images', multiple: true,
      accept: 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp', 'aria-describedby': 'images-hint' });
    this.input.addEventListener('change', () => {
      this.addFiles([...this.input.files]);
      this.input.value = '';
    });
    this.dropzone = h('div', { class: 'dropzone' },
      h('div', { class: 'dropzone-icon', 'aria-hidden': 'true' }, '↑'),
      h('p', {}, h('strong', {}, 'Drop images here'), ' or choose them'),
      this.input,
      h('p', { class: 'hint', id: 'images-hint' }, 'PNG, JPEG or WebP · up to 50 MB each · hundreds at once'));
    for (const type of ['dragenter', 'dragover']) {
      this.dropzone.addEventListener(type, (event) => {
        event.preventDefault();
        this.dropzone.classList.add('dragging');
      });
    }
    this.dropzone.addEventListener('dragleave', (event) => {
      if (!this.dropzone.contains(event.relatedTarget)) this.dropzone.classList.remove('dragging');
    });
    this.dropzone.addEventListener('drop', (event) => {
      event.preventDefault();
      this.dropzone.classList.remove('dragging');
      this.addFiles([...(event.dataTransfer?.files ?? [])]);
    });

    this.line = h('p', { class: 'overall-line', id: 'upload-summary' }, 'No images yet.');
    this.bar = h('progress', { max: 100, value: 0, 'aria-label': 'Upload progress' });
    this.overall = h('div', { class: 'overall', hidden: true }, this.line, this.bar);
    this.list = h('ul', { class: 'upload-list', 'aria-label': 'Selected images' });
    this.clearButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true,
      onclick: () => this.clear() }, 'Clear list');
    return h('section', { class: 'panel', 'aria-labelledby': 'images-heading' },
      h('div', { class: 'panel-head' },
        h('h2', { id: 'images-heading' }, h('label', { for: 'images' }, 'Images')),
        this.clearButton),
      this.dropzone, this.overall, this.list, this.library.element);
  }

  /** Checks the files, shows a row for each and starts the uploads of those that pass. */
  addFiles(files) {
    if (!files.length) return;
    const added = files.map((file) => {
      const check = checkFile(file);
      const row = { id: this.nextId++, file, name: file.name, size: file.size, loaded: 0,
        contentType: check.ok ? check.contentType : '', state: check.ok ? 'requesting' : 'invalid',
        reason: check.ok ? '' : check.reason, prompt: '' };
      this.rows.push(row);
      return row;
    });
    this.unbuilt.push(...added);
    this.buildRows();
    const invalid = added.filter((row) => row.state === 'invalid').length;
    announce(`${plural(added.length, 'image')} added${invalid ? `, ${invalid} not accepted` : ''}. Uploading.`);
    const valid = added.filter((row) => row.state === 'requesting');
    for (const row of valid) row.state = 'hashing';
    this.reorder();
    this.changed();
    this.skipDuplicates(valid).then((fresh) => this.request(fresh));
  }

  /**
   * Builds the rows' elements a batch a frame: 500 files chosen at once never hold the page up for long. Rows are
   * counted, hashed and uploaded from the start; their element joins the list when built.
   */
  buildRows() {
    this.building ??= requestAnimationFrame(() => {
      this.building = null;
      const live = new Set(this.rows);
      for (const row of this.unbuilt.splice(0, ROWS_PER_FRAME)) if (live.has(row)) this.rowElement(row);
      this.reorder();
      if (this.unbuilt.length) this.buildRows();
    });
  }

  /**
   * Hashes each file (as the API does) and holds back those uploaded before, in the library or earlier in this list,
   * to be skipped or uploaded anyway; resolves to the rest.
   */
  async skipDuplicates(rows) {
    await this.library.ready;
    const fresh = [];
    for (const row of rows) {
      try {
        row.sha256 = await sha256Hex(row.file);
      } catch {
        row.sha256 = null;
      }
      if (!this.rows.includes(row)) continue;
      const duplicate = findDuplicate(row.sha256, { library: this.library.images, rows: this.rows, self: row });
      if (duplicate) {
        row.state = 'duplicate';
        row.duplicate = duplicate;
        const name = duplicate.where === 'library' ? duplicate.image.name : duplicate.row.name;
        row.reason = `Same file as "${name}" ${duplicate.where === 'library' ? 'in Your images' : 'in this list'}.`;
        this.touch(row);
      } else {
        row.state = 'requesting';
        fresh.push(row);
      }
    }
    const doubles = rows.filter((row) => row.state === 'duplicate').length;
    if (doubles) announce(`${plural(doubles, 'file')} uploaded before: skip or upload again.`);
    return fresh;
  }

  /** Skips a file uploaded before; the earlier copy in the library is selected for the job instead. */
  skipRow(row) {
    const duplicate = row.duplicate;
    if (duplicate?.where === 'library') this.library.select(duplicate.image.imageId, true);
    this.removeRow(row, { quiet: true });
    announce(duplicate?.where === 'library' ? `${row.name} skipped; its earlier upload is selected.` : `${row.name} skipped.`);
  }

  uploadAnyway(row) {
    row.duplicate = null;
    this.retryRow(row);
  }

  /** POST /uploads for the rows (100 per request, so the first PUTs start early), then queue their PUTs. */
  async request(rows) {
    for (const batch of chunks(rows, REQUEST_BATCH)) {
      try {
        const answer = await this.api.requestUploads(batch.map((row) => ({ name: row.name, contentType: row.contentType, size: row.size })));
        answer.uploads.forEach((upload, i) => {
          const row = batch[i];
          row.imageId = upload.imageId;
          row.target = { url: upload.url, headers: upload.headers ?? {} };
        });
        this.queue.add(batch.filter((row) => this.rows.includes(row)));
      } catch (error) {
        for (const row of batch) {
          row.state = 'failed';
          row.reason = error.message;
          this.touch(row);
        }
        notify(`Could not start the uploads: ${error.message}`, { tone: 'error' });
      }
    }
  }

  uploadUpdate(row) {
    if (row.state === 'uploaded') {
      row.state = 'checking';
      this.checker.add(row.imageId);
    } else if (row.state === 'failed') {
      row.reason = row.error?.message ?? 'The upload failed.';
    } else if (row.state === 'retrying') {
      row.reason = `${row.error?.message ?? 'Network error.'} Trying again…`;
    }
    this.touch(row);
  }

  checked(image) {
    const row = this.rows.find((r) => r.imageId === image.imageId); // hundreds of rows: a scan is microseconds
    if (!row) return;
    row.image = image;
    if (image.status === 'READY') {
      row.state = 'ready';
      row.reason = '';
    } else {
      row.state = 'rejected';
      row.reason = image.reason || 'The server could not read this image.';
    }
    this.touch(row);
  }

  retryRow(row) {
    row.reason = '';
    row.state = 'requesting';
    this.touch(row);
    if (row.target && row.error && !/expired|refused/i.test(row.error.message)) this.queue.add([row]);
    else this.request([row]);
  }

  /** Off the list only: an uploaded image stays on the server, under "Your images". */
  removeRow(row, { quiet = false } = {}) {
    this.queue.remove(row.id);
    if (row.imageId) this.checker.forget(row.imageId);
    this.rows = this.rows.filter((r) => r !== row);
    if (row.thumbUrl) URL.revokeObjectURL(row.thumbUrl);
    row.element?.remove();
    if (row.state === 'ready') this.library.add(row.image);
    if (!quiet) {
      announce(row.state === 'ready' ? `${row.name} removed from the list; it stays in Your images.` : `${row.name} removed from the list.`);
    }
    this.changed();
  }

  clear() {
    for (const row of [...this.rows]) {
      this.queue.remove(row.id);
      if (row.thumbUrl) URL.revokeObjectURL(row.thumbUrl);
      if (row.state === 'ready') this.library.add(row.image);
    }
    this.checker.stop();
    this.rows = [];
    this.unbuilt = [];
    replace(this.list);
    announce('The image list is empty.');
    this.changed();
    this.input.focus();
  }

  /** The images a job can use: READY rows, with their per-image prompts, then the images selected in the library. */
  readyImages() {
    return this.rows.filter((row) => row.state === 'ready')
      .map((row) => ({ imageId: row.imageId, name: row.name, prompt: this.perImagePrompts ? row.prompt : '' }))
      .concat(this.library.chosen().map((image) => ({ imageId: image.imageId, name: image.name, prompt: '' })));
  }

  setPerImagePrompts(on) {
    this.perImagePrompts = on;
    this.rows.forEach((row) => this.touch(row));
  }

  rowElement(row) {
    const thumb = h('img', { class: 'upload-thumb', alt: '', loading: 'lazy', decoding: 'async' });
    if (row.state !== 'invalid' && row.size <= 25 * 1024 * 1024) {
      row.thumbUrl = URL.createObjectURL(row.file);
      thumb.src = row.thumbUrl;
    }
    const status = h('span', { class: 'upload-status' });
    const meta = h('span', { class: 'upload-meta' });
    const progress = h('progress', { class: 'thin', max: 100, value: 0, hidden: true, 'aria-label': `Upload of ${row.name}` });
    const promptInput = h('input', { class: 'input', type: 'text', 'aria-label': `Prompt for ${row.name}`,
      placeholder: 'Prompt for this image (optional)', oninput: (event) => { row.prompt = event.target.value; } });
    const prompt = h('div', { class: 'upload-prompt', hidden: true }, promptInput);
    const retry = h('button', { type: 'button', class: 'btn btn-small', hidden: true, 'aria-label': `Retry upload of ${row.name}`,
      onclick: () => this.retryRow(row) }, 'Retry');
    const remove = h('button', { type: 'button', class: 'btn btn-ghost icon-button', 'aria-label': `Remove ${row.name}`,
      onclick: () => this.removeRow(row) }, '✕');
    const skip = h('button', { type: 'button', class: 'btn btn-small', hidden: true, 'aria-label': `Skip ${row.name}`,
      onclick: () => this.skipRow(row) }, 'Skip');
    const again = h('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true,
      'aria-label': `Upload ${row.name} again`, onclick: () => this.uploadAnyway(row) }, 'Upload anyway');
    row.parts = { status, meta, progress, prompt, retry, remove, skip, again };
    row.element = h('li', { class: 'upload-row', dataset: { name: row.name } },
      thumb,
      h('div', { class: 'upload-main' },
        h('span', { class: 'upload-name', title: row.name }, row.name),
        meta, progress, prompt),
      h('div', { class: 'upload-side' }, status, retry, skip, again, remove));
    this.paint(row);
    return row.element;
  }

  paint(row) {
    const { status, meta, progress, prompt, retry, remove, skip, again } = row.parts;
    const [word, tone] = STATE_WORDS[row.state] ?? ['', 'neutral'];
    row.element.dataset.state = row.state;
    if (status.dataset.word !== word) { // progress events repaint a row many times: its badge only on a change
      status.dataset.word = word;
      replace(status, badge(word, tone));
    }
    const percent = row.size ? Math.floor((row.loaded * 100) / row.size) : 0;
    let text = formatBytes(row.size);
    if (row.state === 'uploading') text = `${percent}% of ${formatBytes(row.size)}`;
    else if (row.state === 'ready' && row.image?.width) text = `${row.image.width} × ${row.image.height} · ${formatBytes(row.size)}`;
    else if (row.reason) text = row.reason;
    meta.textContent = text;
    meta.classList.toggle('bad', ['invalid', 'rejected', 'failed'].includes(row.state));
    meta.classList.toggle('warn', row.state === 'duplicate');
    progress.hidden = !['uploading', 'retrying'].includes(row.state);
    progress.value = percent;
    retry.hidden = row.state !== 'failed';
    skip.hidden = again.hidden = row.state !== 'duplicate';
    // Whether removing deletes anything: it never does; an uploaded image stays in "Your images".
    remove.title = row.imageId ? 'Remove from this list (the image stays on the server, in Your images)'
      : 'Remove from this list (nothing was uploaded)';
    remove.setAttribute('aria-label', `Remove ${row.name} from this list${row.imageId ? '; it stays in Your images' : ''}`);
    prompt.hidden = !(this.perImagePrompts && row.state === 'ready');
  }

  /** Repaints a row on the next frame (hundreds of progress events a second become one paint). */
  touch(row) {
    this.dirty.add(row);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  flush() {
    this.frame = null;
    let moved = false;
    for (const row of this.dirty) {
      if (row.element) this.paint(row);
      const attention = needsAttention(row);
      moved ||= attention !== row.attention;
      row.attention = attention;
    }
    this.dirty.clear();
    if (moved) this.reorder();
    this.changed();
  }

  /** Keeps the rows that need attention (rejected, failed, uploaded before) at the top, moving only those that must. */
  reorder() {
    syncChildren(this.list, orderRows(this.rows).filter((row) => row.element).map((row) => row.element));
  }

  changed() {
    const summary = uploadSummary(this.rows);
    this.overall.hidden = summary.total === 0;
    this.clearButton.hidden = summary.total === 0;
    this.line.textContent = summaryLine(summary);
    Object.assign(this.line.dataset, { total: summary.total, ready: summary.ready, rejected: summary.rejected,
      failed: summary.failed, sent: summary.sentBytes, bytes: summary.totalBytes });
    this.bar.value = summary.settled ? 100 : summary.percent;
    this.bar.classList.toggle('done', summary.settled);
    if (summary.total > 0 && summary.settled && !this.wasSettled) {
      const bad = summary.rejected + summary.failed;
      announce(`${plural(summary.ready, 'image')} ready${bad ? `, ${bad} not usable` : ''}.`);
    }
    this.wasSettled = summary.total > 0 && summary.settled;
    const chosen = this.library.chosen().length;
    this.onChange({ ...summary, ready: summary.ready + chosen, total: summary.total + chosen });
  }
}

