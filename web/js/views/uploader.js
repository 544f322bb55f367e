// The "Images" panel: pick or drop files, check them (a file uploaded before is offered to skip), upload each straight
// to storage and follow the server's check; below, the images uploaded earlier.

import { announce, badge, h, notify, replace } from '../dom.js';
import { plural } from '../format.js';
import { ImageChecker, Throttle, UploadQueue, changedParts, chunks, checkFile, countsKey, findDuplicate, hashAll,
  needsAttention, orderRows, rampedChunks, rowView, summaryLine, uploadSummary, xhrPut } from '../uploads.js';
import { syncChildren } from '../listsync.js';
import { Library } from './library.js';

const REQUEST_BATCH = 100;
// 500 files chosen at once: their rows' elements are built 100 a task and join the list 25 a frame (each frame then
// lays out and paints a few rows, not hundreds).
const ROWS_PER_TASK = 100;
const FILES_PER_TASK = 100;
const ROWS_PER_FRAME = 25;
// Rows are repainted at most ten times a second, however many progress events their uploads report.
const PAINT_INTERVAL_MS = 100;
// A thumbnail is the file itself, drawn by the browser: not for very large files.
const THUMB_MAX_BYTES = 25 * 1024 * 1024;
// Storage speaks HTTP/1.1 (S3 has no HTTP/2), so a browser sends 6 requests at once to it (a host of its own, apart
// from the API, whose requests therefore never wait for one of them); 6 more wait in the browser's network stack,
// which starts one the moment a connection frees, without waiting for this page's script to get its turn.
const PUTS_IN_FLIGHT = 12;
// The server's checks are followed every 300 ms once every byte is sent ("Ready" within a second of the last one),
// every second while uploads still run: 200 images' polls otherwise cost the local stack a core-second of CPU that the
// uploads themselves want.
const CHECK_INTERVAL_MS = 300;
const CHECK_INTERVAL_UPLOADING_MS = 1000;
const PATTERNS = ['{sku}-{role}.jpg', '{sku}_{n}.jpg'];
const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });
const EXAMPLES = 5;

export class Uploader {
  constructor({ api, onChange = () => {}, concurrency = PUTS_IN_FLIGHT }) {
    this.api = api;
    this.onChange = onChange;
    this.rows = [];
    this.nextId = 1;
    this.dirty = new Set();
    this.unbuilt = []; // rows whose element is still to be built (buildRows)
    this.unshown = []; // rows built but not yet in the list (showRows)
    this.building = null;
    this.showing = null;
    this.repaint = new Throttle(() => this.flush(), { interval: PAINT_INTERVAL_MS });
    this.notified = null; // the counts the job form was last told (countsKey)
    this.listId = 0; // a new one each time the list is cleared
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
      interval: () => (this.queue.busy ? CHECK_INTERVAL_UPLOADING_MS : CHECK_INTERVAL_MS),
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

    this.naming = this.renderNaming();
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
      this.naming, this.dropzone, this.overall, this.list, this.library.element);
  }

  /**
   * How uploads are filed: a project, and a pattern the SKU and role are read from each file name by. With a pattern,
   * chosen files wait while the server answers what each gets (the live example), then upload with it.
   */
  renderNaming() {
    this.projectInput = h('input', { id: 'upload-project', class: 'input', type: 'text', maxlength: 64, autocomplete: 'off',
      placeholder: 'e.g. spring', oninput: () => this.namingChanged() });
    this.patternSelect = h('select', { id: 'name-pattern', class: 'input', onchange: () => this.namingChanged() },
      h('option', { value: '' }, 'None'), ...PATTERNS.map((p) => h('option', { value: p }, p)), h('option', { value: 'custom' }, 'Custom…'));
    this.customPattern = h('input', { id: 'name-pattern-custom', class: 'input', type: 'text', hidden: true, autocomplete: 'off',
      'aria-label': 'Custom pattern', placeholder: '{sku}.{role}.jpg', oninput: () => this.namingChanged() });
    this.exampleNote = h('p', { class: 'small muted', id: 'name-example-note' });
    this.example = h('ul', { class: 'naming-example', id: 'name-example', 'aria-label': 'What each file gets' });
    this.releaseButton = h('button', { type: 'button', class: 'btn btn-primary btn-small', id: 'upload-held', hidden: true,
      onclick: () => this.releaseHeld() }, 'Upload');
    const element = h('div', { class: 'naming', role: 'group', 'aria-label': 'Project and naming pattern' },
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'upload-project' }, 'Project (optional)'), this.projectInput),
        h('div', { class: 'field' }, h('label', { for: 'name-pattern' }, 'SKU and role from file names'), this.patternSelect),
        this.customPattern),
      this.exampleNote, this.example, this.releaseButton);
    this.paintExample();
    return element;
  }

  pattern() {
    return this.patternSelect.value === 'custom' ? this.customPattern.value.trim() : this.patternSelect.value;
  }

  namingChanged() {
    this.customPattern.hidden = this.patternSelect.value !== 'custom';
    clearTimeout(this.exampleTimer);
    this.exampleTimer = setTimeout(() => this.paintExample(), 200);
  }

  /** The server's answer for the waiting files (POST /uploads with dryRun: the same rules the upload is filed by). */
  async paintExample() {
    const held = this.rows.filter((row) => row.state === 'held');
    const pattern = this.pattern();
    this.releaseButton.hidden = !held.length;
    if (!held.length) {
      replace(this.example);
      this.exampleNote.textContent = pattern
        ? 'Choose files: the first names show here with the SKU and role each gets, before anything is uploaded.'
        : '';
      return;
    }
    const token = (this.exampleToken = (this.exampleToken ?? 0) + 1);
    const project = this.projectInput.value.trim();
    let placed;
    try {
      placed = [];
      for (const batch of chunks(held)) {
        const answer = await this.api.placeUploads({ project, namePattern: pattern || undefined,
          files: batch.map((row) => ({ name: row.name, contentType: row.contentType, size: row.size })) });
        placed.push(...answer.files);
      }
    } catch (error) {
      if (token !== this.exampleToken) return;
      replace(this.example, ...(error.fieldErrors?.length ? error.fieldErrors : [{ message: error.message }])
        .map((e) => h('li', { class: 'bad' }, e.message)));
      this.exampleNote.textContent = 'The pattern cannot be used yet:';
      this.releaseButton.disabled = true;
      return;
    }
    if (token !== this.exampleToken) return;
    held.forEach((row, i) => { row.placement = placed[i]; });
    const ok = placed.filter((file) => !file.errors.length).length;
    replace(this.example, ...held.slice(0, EXAMPLES).map((row) => {
      const file = row.placement;
      return file.errors.length
        ? h('li', { class: 'bad', dataset: { name: row.name } }, `${row.name}: ${file.errors[0].message}`)
        : h('li', { dataset: { name: row.name, sku: file.sku ?? '', role: file.role ?? '' } },
          `${row.name} → ${file.sku ? `SKU ${file.sku}` : 'no SKU'}${file.role ? ` · ${file.role}` : ''}${file.project ? ` in ${file.project}` : ''}`);
    }));
    this.exampleNote.textContent = `${ok} of ${plural(held.length, 'file')} follow${held.length === 1 ? 's' : ''} the pattern`
      + (held.length > EXAMPLES ? `; the first ${EXAMPLES}:` : ':');
    this.releaseButton.textContent = `Upload ${plural(ok, 'file')}`;
    this.releaseButton.disabled = ok === 0;
  }

  /** Uploads the waiting files, each filed as the server answered; those that do not follow the pattern are refused. */
  releaseHeld() {
    const held = this.rows.filter((row) => row.state === 'held' && row.placement);
    const go = [];
    for (const row of held) {
      if (row.placement.errors.length) {
        row.state = 'invalid';
        row.reason = row.placement.errors[0].message;
      } else {
        row.filed = Object.fromEntries(['project', 'sku', 'role'].filter((k) => row.placement[k]).map((k) => [k, row.placement[k]]));
        row.state = 'hashing';
        go.push(row);
      }
      this.touch(row);
    }
    announce(`Uploading ${plural(go.length, 'image')}.`);
    this.paintExample();
    this.skipDuplicates(go).then((fresh) => this.request(fresh));
  }

  /** Checks the files, shows a row for each and starts the uploads of those that pass. */
  async addFiles(files) {
    if (!files.length) return;
    const list = this.listId;
    const pattern = this.pattern(); // with one, the files wait for the server's answer (paintExample)
    const project = this.projectInput.value.trim();
    const added = [];
    // A chosen file's size is asked of the browser file by file: 500 files are read 100 a task, none of them in the
    // task that handed them over (which made their 500 File objects).
    for (const batch of chunks(files, FILES_PER_TASK)) {
      await nextTask();
      if (list !== this.listId) return; // the list was cleared meanwhile
      const rows = batch.map((file) => {
        const check = checkFile(file);
        const row = { id: this.nextId++, file, name: file.name, size: file.size, loaded: 0,
          contentType: check.ok ? check.contentType : '', state: 'invalid', reason: check.ok ? '' : check.reason, prompt: '' };
        if (check.ok) row.state = pattern ? 'held' : 'hashing';
        if (check.ok && !pattern && project) row.filed = { project };
        return row;
      });
      this.rows.push(...rows);
      added.push(...rows);
      this.unbuilt.push(...rows);
      this.buildRows();
      this.changed();
    }
    const valid = added.filter((row) => row.state !== 'invalid');
    const invalid = added.length - valid.length;
    announce(`${plural(added.length, 'image')} added${invalid ? `, ${invalid} not accepted` : ''}. Uploading.`);
    this.reorder();
    if (pattern) this.paintExample();
    else this.start(valid);
  }

  /**
   * Hashes the files and asks for their upload URLs a batch at a time, each batch's request sent as soon as its files
   * are hashed, while the next batch is; the first batch fills the PUT slots and the batches double, so the first
   * bytes leave before the last file is read and the URLs keep ahead of the PUTs.
   */
  async start(rows) {
    await this.library.ready;
    const requests = [];
    let doubles = 0;
    for (const batch of rampedChunks(rows, this.queue.concurrency, REQUEST_BATCH)) {
      const fresh = await this.skipDuplicates(batch);
      doubles += batch.filter((row) => row.state === 'duplicate').length;
      requests.push(this.request(fresh));
    }
    await Promise.all(requests);
    if (doubles) announce(`${plural(doubles, 'file')} uploaded before: skip or upload again.`);
  }

  /**
   * Builds the rows' elements a batch a task, and puts them in the list a few a frame (showRows): 500 files chosen at
   * once never hold the page up for long. Rows are counted, hashed and uploaded from the start; their element joins
   * the list when shown.
   */
  buildRows() {
    this.building ??= setTimeout(() => {
      this.building = null;
      const live = new Set(this.rows);
      for (const row of this.unbuilt.splice(0, ROWS_PER_TASK)) {
        if (!live.has(row)) continue;
        this.rowElement(row);
        this.unshown.push(row);
      }
      this.showRows();
      if (this.unbuilt.length) this.buildRows();
    }, 0);
  }

  showRows() {
    this.showing ??= requestAnimationFrame(() => {
      this.showing = null;
      for (const row of this.unshown.splice(0, ROWS_PER_FRAME)) row.shown = true;
      this.reorder();
      if (this.unshown.length) this.showRows();
    });
  }

  /**
   * Hashes each file (as the API does, a few at a time) and holds back those uploaded before, in the library or
   * earlier in this list, to be skipped or uploaded anyway; resolves to the rest.
   */
  async skipDuplicates(rows) {
    const hashes = await hashAll(rows.map((row) => row.file));
    const fresh = [];
    rows.forEach((row, i) => {
      row.sha256 = hashes[i];
      if (!this.rows.includes(row)) return;
      const earlier = this.rows.slice(0, this.rows.indexOf(row));
      const duplicate = findDuplicate(row.sha256, { library: this.library.images, rows: earlier, self: row });
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
    });
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

  /** POST /uploads for the rows (100 per request), then queue their PUTs. */
  async request(rows) {
    if (!rows.length) return;
    for (const batch of chunks(rows, REQUEST_BATCH)) {
      try {
        const answer = await this.api.requestUploads(batch.map((row) => ({ name: row.name, contentType: row.contentType, size: row.size,
          ...(row.filed ?? {}) })));
        answer.uploads.forEach((upload, i) => {
          const row = batch[i];
          row.imageId = upload.imageId;
          row.target = { url: upload.url, headers: upload.headers ?? {} };
        });
        this.queue.add(batch.filter((row) => this.rows.includes(row)));
        this.queue.idle().then(() => this.checker.hurry());
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
    // Removed from the keyboard (or by a click, which focuses the button too): the next row's Remove button takes the
    // focus, or the one before when it was the last row, rather than the page.
    const focused = row.element?.contains(document.activeElement);
    const neighbour = focused ? row.element.nextElementSibling ?? row.element.previousElementSibling : null;
    row.removed = true;
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
    if (focused) (neighbour?.querySelector('.upload-remove') ?? this.input).focus();
  }

  clear() {
    for (const row of [...this.rows]) {
      row.removed = true;
      this.queue.remove(row.id);
      if (row.thumbUrl) URL.revokeObjectURL(row.thumbUrl);
      if (row.state === 'ready') this.library.add(row.image);
    }
    this.checker.stop();
    this.listId += 1;
    this.rows = [];
    this.unbuilt = [];
    this.unshown = [];
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
    const thumb = h('img', { class: 'upload-thumb', alt: '', decoding: 'async' });
    const status = h('span', { class: 'upload-status' });
    const meta = h('span', { class: 'upload-meta' });
    const progress = h('progress', { class: 'thin', max: 100, value: 0, hidden: true, 'aria-label': `Upload of ${row.name}` });
    const promptInput = h('input', { class: 'input', type: 'text', 'aria-label': `Prompt for ${row.name}`,
      placeholder: 'Prompt for this image (optional)', oninput: (event) => { row.prompt = event.target.value; } });
    const prompt = h('div', { class: 'upload-prompt', hidden: true }, promptInput);
    const retry = h('button', { type: 'button', class: 'btn btn-small', hidden: true, 'aria-label': `Retry upload of ${row.name}`,
      onclick: () => this.retryRow(row) }, 'Retry');
    const remove = h('button', { type: 'button', class: 'btn btn-ghost icon-button upload-remove', 'aria-label': `Remove ${row.name}`,
      onclick: () => this.removeRow(row) }, '✕');
    const skip = h('button', { type: 'button', class: 'btn btn-small', hidden: true, 'aria-label': `Skip ${row.name}`,
      onclick: () => this.skipRow(row) }, 'Skip');
    const again = h('button', { type: 'button', class: 'btn btn-ghost btn-small', hidden: true,
      'aria-label': `Upload ${row.name} again`, onclick: () => this.uploadAnyway(row) }, 'Upload anyway');
    row.parts = { status, meta, progress, prompt, retry, remove, skip, again };
    row.painted = null;
    row.element = h('li', { class: 'upload-row', dataset: { name: row.name } },
      thumb,
      h('div', { class: 'upload-main' },
        h('span', { class: 'upload-name', title: row.name }, row.name),
        meta, progress, prompt),
      h('div', { class: 'upload-side' }, status, retry, skip, again, remove));
    if (row.state !== 'invalid' && row.size <= THUMB_MAX_BYTES) {
      // The thumbnail is made when the row comes near the screen (rows off it are skipped: content-visibility), not
      // for 500 files up front.
      if ('oncontentvisibilityautostatechange' in row.element) {
        row.element.addEventListener('contentvisibilityautostatechange', (event) => {
          if (!event.skipped) this.drawThumb(row, thumb);
        });
      } else {
        thumb.loading = 'lazy';
        this.drawThumb(row, thumb);
      }
    }
    this.paint(row);
    return row.element;
  }

  drawThumb(row, thumb) {
    if (row.thumbUrl || row.removed) return;
    row.thumbUrl = URL.createObjectURL(row.file);
    thumb.src = row.thumbUrl;
  }

  /** Writes what changed in the row since it was last painted (a progress event: its percentage and text). */
  paint(row) {
    const view = rowView(row, { perImagePrompts: this.perImagePrompts });
    const { status, meta, progress, prompt, retry, remove, skip, again } = row.parts;
    const changed = new Set(changedParts(view, row.painted));
    row.painted = view;
    if (changed.has('state')) row.element.dataset.state = view.state;
    if (changed.has('word') || changed.has('tone')) replace(status, badge(view.word, view.tone));
    if (changed.has('meta')) meta.textContent = view.meta;
    if (changed.has('metaTone')) {
      meta.classList.toggle('bad', view.metaTone === 'bad');
      meta.classList.toggle('warn', view.metaTone === 'warn');
    }
    if (changed.has('progress')) {
      progress.hidden = view.progress === null;
      if (view.progress !== null) progress.value = view.progress;
    }
    if (changed.has('retry')) retry.hidden = !view.retry;
    if (changed.has('duplicate')) skip.hidden = again.hidden = !view.duplicate;
    if (changed.has('removeTitle')) remove.title = view.removeTitle;
    if (changed.has('removeLabel')) remove.setAttribute('aria-label', view.removeLabel);
    if (changed.has('prompt')) prompt.hidden = !view.prompt;
  }

  /** Repaints a row soon: at most ten times a second, however many progress events come in. */
  touch(row) {
    this.dirty.add(row);
    this.repaint.request();
  }

  flush() {
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
    syncChildren(this.list, orderRows(this.rows).filter((row) => row.shown).map((row) => row.element));
  }

  changed() {
    const summary = uploadSummary(this.rows);
    const empty = summary.total === 0;
    if (this.overall.hidden !== empty) this.overall.hidden = this.clearButton.hidden = empty;
    const line = summaryLine(summary);
    if (this.line.textContent !== line) this.line.textContent = line;
    const data = { total: summary.total, ready: summary.ready, rejected: summary.rejected, failed: summary.failed,
      sent: summary.sentBytes, bytes: summary.totalBytes };
    for (const [key, value] of Object.entries(data)) if (this.line.dataset[key] !== String(value)) this.line.dataset[key] = value;
    const percent = summary.settled ? 100 : summary.percent;
    if (this.bar.value !== percent) this.bar.value = percent;
    if (this.bar.classList.contains('done') !== summary.settled) this.bar.classList.toggle('done', summary.settled);
    if (summary.total > 0 && summary.settled && !this.wasSettled) {
      const bad = summary.rejected + summary.failed;
      announce(`${plural(summary.ready, 'image')} ready${bad ? `, ${bad} not usable` : ''}.`);
    }
    this.wasSettled = summary.total > 0 && summary.settled;
    // The job form shows the counts only: it is told when one changes, not on every progress event.
    const chosen = this.library.chosen().length;
    const counts = { ...summary, ready: summary.ready + chosen, total: summary.total + chosen };
    if (countsKey(counts) === this.notified) return;
    this.notified = countsKey(counts);
    this.onChange(counts);
  }
}
