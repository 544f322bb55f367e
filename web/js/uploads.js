// Uploads: checks a file before it leaves the browser, PUTs it straight to storage through its presigned URL a few
// at a time (retrying network failures), then follows the server's check of its bytes.

import { formatBytes } from './format.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_FILES_PER_REQUEST = 500;
const TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };
const ACCEPTED = new Set(Object.values(TYPES));

/**
 * Whether a file can be uploaded, and as which content type. The browser's type wins; an empty one (some systems
 * give none) falls back on the extension.
 * @returns {{ok: true, contentType: string} | {ok: false, reason: string}}
 */
export function checkFile(file, maxBytes = MAX_UPLOAD_BYTES) {
  const extension = (file.name.split('.').pop() ?? '').toLowerCase();
  const contentType = file.type || TYPES[extension] || '';
  if (!ACCEPTED.has(contentType)) {
    return { ok: false, reason: `Not a PNG, JPEG or WebP image${file.type ? ` (${file.type})` : ''}.` };
  }
  if (file.size === 0) return { ok: false, reason: 'The file is empty.' };
  if (file.size > maxBytes) {
    return { ok: false, reason: `Too large: ${formatBytes(file.size)}, the limit is ${formatBytes(maxBytes)}.` };
  }
  return { ok: true, contentType };
}

/** An upload failure; `retryable` when another attempt may well succeed (network, 5xx, throttling). */
export class UploadError extends Error {
  constructor(message, { retryable = false, status = 0 } = {}) {
    super(message);
    this.name = 'UploadError';
    this.retryable = retryable;
    this.status = status;
  }
}

/** The failure for an HTTP status from storage. */
export function uploadErrorFor(status) {
  if (status === 0) return new UploadError('The network connection failed.', { retryable: true });
  if (status === 403) return new UploadError('Storage refused the upload (the link may have expired).', { status });
  if (status === 408 || status === 429 || status >= 500) {
    return new UploadError(`Storage was unavailable (HTTP ${status}).`, { retryable: true, status });
  }
  return new UploadError(`Storage refused the upload (HTTP ${status}).`, { status });
}

/**
 * PUTs a body with exactly the given headers, reporting progress; XMLHttpRequest because fetch cannot report
 * upload progress.
 */
export function xhrPut(url, headers, body, onProgress = () => {}, { XHR = globalThis.XMLHttpRequest, timeoutMs = 300000 } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XHR();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.timeout = timeoutMs;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded);
    };
    // 412: the URL is signed with If-None-Match, so a retry after a lost answer finds the bytes already stored.
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 || xhr.status === 412
      ? resolve(xhr.status) : reject(uploadErrorFor(xhr.status)));
    xhr.onerror = () => reject(uploadErrorFor(0));
    xhr.ontimeout = () => reject(new UploadError('The upload timed out.', { retryable: true }));
    xhr.onabort = () => reject(new UploadError('The upload was stopped.'));
    xhr.send(body);
  });
}

/**
 * Runs uploads `concurrency` at a time. Each job is {id, size, ...}; `put(job, onProgress)` does the transfer and
 * rejects with an error whose `retryable` says whether to try again. Jobs gain `state` (queued, uploading, retrying,
 * uploaded, failed), `loaded`, `attempts` and `error`; `onUpdate(job)` is called on every change.
 */
export class UploadQueue {
  constructor({ put, concurrency = 4, retries = 3, retryDelay = 1000, onUpdate = () => {}, sleep } = {}) {
    this.put = put;
    this.concurrency = concurrency;
    this.retries = retries;
    this.retryDelay = retryDelay;
    this.onUpdate = onUpdate;
    this.sleep = sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.waiting = [];
    this.running = 0;
    this.idleWaiters = [];
  }

  add(jobs) {
    for (const job of jobs) {
      Object.assign(job, { state: 'queued', loaded: 0, attempts: 0, error: null });
      this.waiting.push(job);
      this.onUpdate(job);
    }
    this.pump();
  }

  /** Drops a job that has not started. */
  remove(id) {
    const before = this.waiting.length;
    this.waiting = this.waiting.filter((job) => job.id !== id);
    if (before !== this.waiting.length) this.settle();
  }

  get busy() {
    return this.running > 0 || this.waiting.length > 0;
  }

  /** Resolves once nothing is queued or running. */
  idle() {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  pump() {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift();
      this.running += 1;
      this.run(job).finally(() => {
        this.running -= 1;
        this.pump();
        this.settle();
      });
    }
  }

  settle() {
    if (!this.busy) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  async run(job) {
    for (;;) {
      job.attempts += 1;
      job.state = 'uploading';
      job.loaded = 0;
      job.error = null;
      this.onUpdate(job);
      try {
        await this.put(job, (loaded) => {
          job.loaded = Math.min(loaded, job.size);
          this.onUpdate(job);
        });
        job.loaded = job.size;
        job.state = 'uploaded';
        this.onUpdate(job);
        return;
      } catch (error) {
        job.error = error;
        job.loaded = 0;
        if (!error?.retryable || job.attempts > this.retries) {
          job.state = 'failed';
          this.onUpdate(job);
          return;
        }
        job.state = 'retrying';
        this.onUpdate(job);
        await this.sleep(this.retryDelay * 2 ** (job.attempts - 1));
      }
    }
  }
}

/**
 * Follows images the server is still checking: GET /images/{id} for a few at a time, or one GET /images page when
 * many are waiting (newest first, so a fresh batch is on it). `onResult(image)` once an image is READY or REJECTED.
 * `interval` is in ms, or a function answering it before each wait (the uploader asks less often while its uploads
 * still share the connection and the machine, and hurries once they are done).
 */
export class ImageChecker {
  constructor({ getImage, listImages = null, onResult, onError = () => {}, interval = 300, concurrency = 4,
    listThreshold = 8, timers = globalThis }) {
    Object.assign(this, { getImage, listImages, onResult, onError, interval, concurrency, listThreshold, timers });
    this.pending = new Set();
    this.timer = null;
    this.running = false;
  }

  add(imageId) {
    this.pending.add(imageId);
    this.schedule();
  }

  forget(imageId) {
    this.pending.delete(imageId);
  }

  stop() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  schedule() {
    if (this.timer === null && !this.running && this.pending.size > 0) {
      const wait = typeof this.interval === 'function' ? this.interval() : this.interval;
      this.timer = this.timers.setTimeout(() => this.check(), wait);
    }
  }

  /** Waits the interval as it is now, not a longer one asked for before. */
  hurry() {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.schedule();
  }

  resolve(image) {
    if (!image || !this.pending.has(image.imageId) || image.status === 'PENDING') return false;
    this.pending.delete(image.imageId);
    this.onResult(image);
    return true;
  }

  async check() {
    this.timer = null;
    this.running = true;
    try {
      const seen = new Set();
      if (this.listImages && this.pending.size > this.listThreshold) {
        const page = await this.listImages(this.pending.size);
        for (const image of page ?? []) {
          if (this.pending.has(image.imageId)) seen.add(image.imageId);
          this.resolve(image);
        }
      }
      const rest = [...this.pending].filter((id) => !seen.has(id)).slice(0, this.concurrency);
      const answers = await Promise.allSettled(rest.map((id) => this.getImage(id)));
      for (const answer of answers) {
        if (answer.status === 'fulfilled') this.resolve(answer.value);
        else this.onError(answer.reason);
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}

/**
 * The overall progress line's numbers from the rows: rows have `state` (invalid, queued, uploading, retrying,
 * uploaded/checking, ready, rejected, failed), `size` and `loaded`.
 */
export function uploadSummary(rows) {
  // One pass: ten times a second over 500 rows while they upload.
  const summary = { total: rows.length, waiting: 0, uploading: 0, checking: 0, ready: 0, rejected: 0, failed: 0, duplicate: 0,
    totalBytes: 0, sentBytes: 0 };
  for (const row of rows) {
    const group = SUMMARY_GROUPS[row.state];
    if (group) summary[group] += 1;
    if (row.state === 'invalid' || row.state === 'duplicate') continue;
    const size = row.size ?? 0;
    summary.totalBytes += size;
    if (SENT_STATES.has(row.state)) summary.sentBytes += size;
    else if (row.state === 'uploading') summary.sentBytes += row.loaded ?? 0;
  }
  summary.percent = summary.totalBytes === 0 ? 0 : Math.floor((summary.sentBytes * 100) / summary.totalBytes);
  summary.settled = summary.ready + summary.rejected + summary.failed + summary.duplicate === summary.total;
  return summary;
}

const SUMMARY_GROUPS = {
  queued: 'waiting', requesting: 'waiting', hashing: 'waiting', uploading: 'uploading', retrying: 'uploading',
  checking: 'checking', uploaded: 'checking', ready: 'ready', rejected: 'rejected', invalid: 'rejected', failed: 'failed',
  duplicate: 'duplicate',
};
const SENT_STATES = new Set(['checking', 'ready', 'rejected', 'uploaded']);

/** The overall progress line in words. */
export function summaryLine(s) {
  if (s.total === 0) return 'No images yet.';
  const parts = [`${s.ready} of ${s.total} ready`];
  if (s.uploading + s.waiting) parts.push(`${s.uploading + s.waiting} uploading`);
  if (s.checking) parts.push(`${s.checking} checking`);
  if (s.rejected) parts.push(`${s.rejected} rejected`);
  if (s.failed) parts.push(`${s.failed} failed`);
  if (s.duplicate) parts.push(`${s.duplicate} already uploaded`);
  const line = parts.join(' · ');
  return s.settled ? line : `${line} — ${formatBytes(s.sentBytes)} of ${formatBytes(s.totalBytes)} sent`;
}

/** Splits a list into chunks of at most `size` (POST /uploads takes 500 files at a time). */
export function chunks(list, size = MAX_FILES_PER_REQUEST) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Chunks that double from `first` up to `size`: the first uploads start at once, and each later request for upload
 * URLs is sent while the files of the one before are still being sent.
 */
export function rampedChunks(list, first, size = MAX_FILES_PER_REQUEST) {
  const out = [];
  for (let i = 0, n = Math.max(1, first); i < list.length; i += n, n = Math.min(size, n * 2)) {
    out.push(list.slice(i, i + n));
  }
  return out;
}

/** The SHA-256 of a file's bytes in lowercase hex, as the API reports an image's `sha256`. */
export async function sha256Hex(blob, subtle = globalThis.crypto.subtle) {
  const digest = await subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 of each file, `concurrency` read at a time (so memory holds a few files, not all); null if unreadable. */
export async function hashAll(files, { concurrency = 4, hash = sha256Hex } = {}) {
  const hashes = new Array(files.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      hashes[i] = await hash(files[i]).catch(() => null);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return hashes;
}

const SETTLED_BAD = new Set(['invalid', 'rejected', 'failed']);

/**
 * The earlier copy of a file with this hash: a usable image of the library (READY, or still being checked), else a
 * row of the list that is not the row itself and has not failed. null when the file is new.
 * @returns {{where: 'library', image: object} | {where: 'list', row: object} | null}
 */
export function findDuplicate(hash, { library = [], rows = [], self = null } = {}) {
  if (!hash) return null;
  const image = library.find((i) => i.sha256 === hash && i.status !== 'REJECTED');
  if (image) return { where: 'library', image };
  const row = rows.find((r) => r !== self && r.sha256 === hash && !SETTLED_BAD.has(r.state) && r.state !== 'duplicate');
  return row ? { where: 'list', row } : null;
}

/** A row that orderRows puts first: rejected, failed or uploaded before. */
export function needsAttention(row) {
  return SETTLED_BAD.has(row.state) || row.state === 'duplicate';
}

/** Rows needing attention first (rejected, failed, duplicates), the rest in the order they were added. */
export function orderRows(rows) {
  const attention = (row) => (needsAttention(row) ? 0 : 1);
  return rows.map((row, i) => [row, i]).sort((a, b) => attention(a[0]) - attention(b[0]) || a[1] - b[1]).map(([row]) => row);
}

/** Each state's badge: its word and tone. */
export const STATE_WORDS = {
  invalid: ['Rejected', 'bad'], requesting: ['Waiting', 'neutral'], queued: ['Waiting', 'neutral'],
  uploading: ['Uploading', 'busy'], retrying: ['Uploading', 'warn'], uploaded: ['Checking', 'busy'],
  checking: ['Checking', 'busy'], ready: ['Ready', 'good'], rejected: ['Rejected', 'bad'], failed: ['Failed', 'bad'],
  hashing: ['Waiting', 'neutral'], duplicate: ['Uploaded before', 'warn'], held: ['Waiting for naming', 'neutral'],
};

/**
 * What an upload row shows, as plain values: the list compares them with what it painted last and writes only those
 * that differ (a progress event changes the percentage, not the badge or the buttons). `progress` is null when the
 * bar is hidden.
 */
export function rowView(row, { perImagePrompts = false } = {}) {
  const [word, tone] = STATE_WORDS[row.state] ?? ['', 'neutral'];
  const percent = row.size ? Math.floor(((row.loaded ?? 0) * 100) / row.size) : 0;
  let meta = formatBytes(row.size);
  if (row.state === 'uploading') meta = `${percent}% of ${formatBytes(row.size)}`;
  else if (row.state === 'ready' && row.image?.width) meta = `${row.image.width} × ${row.image.height} · ${formatBytes(row.size)}`;
  else if (row.reason) meta = row.reason;
  let metaTone = '';
  if (SETTLED_BAD.has(row.state)) metaTone = 'bad';
  else if (row.state === 'duplicate') metaTone = 'warn';
  return {
    state: row.state, word, tone, meta, metaTone,
    progress: row.state === 'uploading' || row.state === 'retrying' ? percent : null,
    retry: row.state === 'failed',
    duplicate: row.state === 'duplicate',
    // Whether removing deletes anything: it never does; an uploaded image stays in "Your images".
    removeTitle: row.imageId ? 'Remove from this list (the image stays on the server, in Your images)'
      : 'Remove from this list (nothing was uploaded)',
    removeLabel: `Remove ${row.name} from this list${row.imageId ? '; it stays in Your images' : ''}`,
    prompt: perImagePrompts && row.state === 'ready',
  };
}

/** The names of the values that differ between two views (all of them against none). */
export function changedParts(view, painted = null) {
  return Object.keys(view).filter((key) => !painted || painted[key] !== view[key]);
}

/** The counts the job form shows (ready, rejected, failed, total): it is told when one of them changes, no oftener. */
export function countsKey(summary) {
  return `${summary.ready}/${summary.rejected}/${summary.failed}/${summary.total}`;
}

/**
 * Runs `run` on an animation frame at most once per `interval` ms however often it is asked: hundreds of progress
 * events a second become ten repaints.
 */
export class Throttle {
  constructor(run, { interval = 100, timers = globalThis, frame = (fn) => globalThis.requestAnimationFrame(fn),
    clock = () => globalThis.performance.now() } = {}) {
    Object.assign(this, { run, interval, timers, frame, clock });
    this.asked = false;
    this.last = -Infinity;
  }

  request() {
    if (this.asked) return;
    this.asked = true;
    const go = () => this.frame(() => {
      this.asked = false;
      this.last = this.clock();
      this.run();
    });
    const wait = this.last + this.interval - this.clock();
    if (wait > 0) this.timers.setTimeout(go, wait);
    else go();
  }
}
