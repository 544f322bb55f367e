import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImageChecker, Throttle, UploadError, UploadQueue, changedParts, checkFile, chunks, countsKey, rampedChunks, rowView, summaryLine,
  uploadErrorFor, uploadSummary, xhrPut } from '../js/uploads.js';
import { FakeTimers, flush } from './fakes.js';

test('files are checked for type and size before anything is sent', () => {
  assert.deepEqual(checkFile({ name: 'a.png', type: 'image/png', size: 10 }), { ok: true, contentType: 'image/png' });
  assert.deepEqual(checkFile({ name: 'b.JPG', type: '', size: 10 }), { ok: true, contentType: 'image/jpeg' });
  assert.equal(checkFile({ name: 'c.gif', type: 'image/gif', size: 10 }).reason, 'Not a PNG, JPEG or WebP image (image/gif).');
  assert.equal(checkFile({ name: 'd.png', type: 'image/png', size: 0 }).reason, 'The file is empty.');
  assert.equal(checkFile({ name: 'e.webp', type: 'image/webp', size: 51 * 1024 * 1024 }).reason,
    'Too large: 51.0 MB, the limit is 50.0 MB.');
});

test('storage answers map to retryable or final failures', () => {
  assert.ok(uploadErrorFor(0).retryable);
  assert.ok(uploadErrorFor(503).retryable);
  assert.ok(uploadErrorFor(429).retryable);
  assert.ok(!uploadErrorFor(403).retryable);
  assert.match(uploadErrorFor(403).message, /expired/);
  assert.ok(!uploadErrorFor(400).retryable);
});

/** A transfer that stays open until the test finishes it. */
function controlledPut() {
  const open = new Map();
  const put = (job, onProgress) => new Promise((resolve, reject) => open.set(job.id, { resolve, reject, onProgress }));
  return { put, open };
}

test('the queue runs a few at a time and starts the next as one finishes', async () => {
  const { put, open } = controlledPut();
  const queue = new UploadQueue({ put, concurrency: 3 });
  const jobs = Array.from({ length: 7 }, (_, i) => ({ id: i, size: 100 }));
  queue.add(jobs);
  assert.deepEqual([...open.keys()], [0, 1, 2]);
  open.get(1).onProgress(40);
  assert.equal(jobs[1].loaded, 40);
  open.get(1).resolve();
  await flush();
  assert.deepEqual([...open.keys()], [0, 1, 2, 3]);
  assert.equal(jobs[1].state, 'uploaded');
  assert.equal(jobs[1].loaded, 100);
  let idle = false;
  queue.idle().then(() => { idle = true; });
  for (const id of [0, 2, 3, 4, 5, 6]) {
    await flush();
    open.get(id).resolve();
  }
  await flush();
  assert.ok(idle);
  assert.ok(jobs.every((job) => job.state === 'uploaded'));
});

test('network failures are retried with backoff; refusals and exhausted retries fail', async () => {
  const sleeps = [];
  let calls = 0;
  const put = async (job) => {
    calls += 1;
    if (job.id === 'flaky' && calls < 3) throw new UploadError('net', { retryable: true });
    if (job.id === 'refused') throw new UploadError('no', { retryable: false });
    if (job.id === 'dead') throw new UploadError('net', { retryable: true });
  };
  const states = [];
  const queue = new UploadQueue({ put, concurrency: 1, retries: 2, retryDelay: 100,
    sleep: async (ms) => { sleeps.push(ms); }, onUpdate: (job) => states.push(`${job.id}:${job.state}`) });
  const flaky = { id: 'flaky', size: 1 };
  const refused = { id: 'refused', size: 1 };
  const dead = { id: 'dead', size: 1 };
  queue.add([flaky, refused, dead]);
  await queue.idle();
  assert.equal(flaky.state, 'uploaded');
  assert.equal(flaky.attempts, 3);
  assert.equal(refused.state, 'failed');
  assert.equal(refused.attempts, 1);
  assert.equal(dead.state, 'failed');
  assert.equal(dead.attempts, 3);
  assert.deepEqual(sleeps, [100, 200, 100, 200]);
  assert.ok(states.includes('flaky:retrying'));
});

test('a job removed before it starts is never sent', async () => {
  const { put, open } = controlledPut();
  const queue = new UploadQueue({ put, concurrency: 1 });
  queue.add([{ id: 'a', size: 1 }, { id: 'b', size: 1 }]);
  queue.remove('b');
  open.get('a').resolve();
  await queue.idle();
  assert.deepEqual([...open.keys()], ['a']);
});

test('xhrPut sends exactly the given headers and reports progress', async () => {
  const sent = [];
  class FakeXhr {
    constructor() {
      this.headers = {};
      this.upload = {};
      sent.push(this);
    }
    open(method, url) { Object.assign(this, { method, url }); }
    setRequestHeader(name, value) { this.headers[name] = value; }
    send(body) {
      this.body = body;
      this.upload.onprogress({ lengthComputable: true, loaded: 5 });
      this.status = this.url.includes('bad') ? 503 : this.url.includes('again') ? 412 : 200;
      this.onload();
    }
  }
  const progress = [];
  assert.equal(await xhrPut('https://s3/ok', { 'Content-Type': 'image/png' }, 'bytes', (n) => progress.push(n), { XHR: FakeXhr }), 200);
  assert.deepEqual([sent[0].method, sent[0].headers, sent[0].body, progress], ['PUT', { 'Content-Type': 'image/png' }, 'bytes', [5]]);
  await assert.rejects(xhrPut('https://s3/bad', {}, 'x', () => {}, { XHR: FakeXhr }), (e) => e.retryable && e.status === 503);
  // A retried PUT whose first attempt landed meets the signed If-None-Match: the bytes are there, which is success.
  assert.equal(await xhrPut('https://s3/again', { 'If-None-Match': '*' }, 'x', () => {}, { XHR: FakeXhr }), 412);
});

test('the checker follows pending images until the server has decided', async () => {
  const timers = new FakeTimers();
  const statuses = { img_1: ['PENDING', 'READY'], img_2: ['PENDING', 'PENDING', 'REJECTED'] };
  const results = [];
  const checker = new ImageChecker({
    timers, interval: 500,
    getImage: async (id) => ({ imageId: id, status: statuses[id].shift(), reason: id === 'img_2' ? 'not an image' : null }),
    onResult: (image) => results.push(`${image.imageId}:${image.status}`),
  });
  checker.add('img_1');
  checker.add('img_2');
  await timers.advance(500);
  assert.deepEqual(results, []);
  await timers.advance(500);
  assert.deepEqual(results, ['img_1:READY']);
  await timers.advance(500);
  assert.deepEqual(results, ['img_1:READY', 'img_2:REJECTED']);
  assert.equal(timers.pending, 0, 'stops once nothing is pending');
});

test('the checker asks as often as its interval says at each wait, and hurries when told', async () => {
  const timers = new FakeTimers();
  let uploading = true;
  const asked = [];
  const checker = new ImageChecker({
    timers, interval: () => (uploading ? 1000 : 300),
    getImage: async (id) => { asked.push(timers.now); return { imageId: id, status: 'PENDING' }; },
    onResult: () => {},
  });
  checker.add('img_1');
  await timers.advance(2000);
  assert.deepEqual(asked, [1000, 2000], 'once a second while uploads run');
  await timers.advance(100);
  uploading = false;
  checker.hurry();
  await timers.advance(300);
  assert.deepEqual(asked, [1000, 2000, 2400], 'the second wait cut short once the uploads are done');
  await timers.advance(600);
  assert.deepEqual(asked, [1000, 2000, 2400, 2700, 3000]);
  checker.stop();
  checker.hurry();
  assert.equal(timers.pending, 0, 'nothing to hurry once stopped');
});

test('many pending images are checked with one list request', async () => {
  const timers = new FakeTimers();
  const ids = Array.from({ length: 20 }, (_, i) => `img_${i}`);
  let listCalls = 0;
  let single = 0;
  const results = [];
  const checker = new ImageChecker({
    timers, interval: 100, concurrency: 4, listThreshold: 8,
    listImages: async () => { listCalls += 1; return ids.slice(0, 18).map((imageId) => ({ imageId, status: 'READY' })); },
    getImage: async (imageId) => { single += 1; return { imageId, status: 'READY' }; },
    onResult: (image) => results.push(image.imageId),
  });
  ids.forEach((id) => checker.add(id));
  await timers.advance(100);
  assert.equal(listCalls, 1);
  assert.equal(single, 2, 'the two not on the page are asked for one by one');
  assert.equal(results.length, 20);
});

test('the overall line adds up rows, bytes and states', () => {
  const rows = [
    { state: 'ready', size: 1000 }, { state: 'uploading', size: 1000, loaded: 500 }, { state: 'checking', size: 1000 },
    { state: 'invalid', size: 99999 }, { state: 'queued', size: 2000 }, { state: 'rejected', size: 1000 },
  ];
  const s = uploadSummary(rows);
  assert.deepEqual([s.total, s.ready, s.uploading, s.waiting, s.checking, s.rejected], [6, 1, 1, 1, 1, 2]);
  assert.deepEqual([s.sentBytes, s.totalBytes, s.percent, s.settled], [3500, 6000, 58, false]);
  assert.equal(summaryLine(s), '1 of 6 ready · 2 uploading · 1 checking · 2 rejected — 3.4 KB of 5.9 KB sent');
  assert.equal(summaryLine(uploadSummary([{ state: 'ready', size: 1 }, { state: 'rejected', size: 1 }])), '1 of 2 ready · 1 rejected');
  assert.equal(summaryLine(uploadSummary([])), 'No images yet.');
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});

test('requests for upload URLs start small and double, so the first PUTs start while the rest are presigned', () => {
  const files = Array.from({ length: 40 }, (_, i) => i);
  assert.deepEqual(rampedChunks(files, 3, 10).map((c) => c.length), [3, 6, 10, 10, 10, 1]);
  assert.deepEqual(rampedChunks(files, 3, 10).flat(), files, 'every file once, in order');
  assert.deepEqual(rampedChunks([1, 2], 6, 4), [[1, 2]]);
  assert.deepEqual(rampedChunks([], 6, 4), []);
});

test('a progress event changes the percentage and text of a row, not its badge or buttons', () => {
  const row = { name: 'a.png', size: 1000, loaded: 0, state: 'queued' };
  const waiting = rowView(row);
  assert.equal(waiting.word, 'Waiting');
  assert.equal(waiting.progress, null);
  assert.deepEqual(changedParts(waiting), Object.keys(waiting));
  Object.assign(row, { state: 'uploading', imageId: 'img-1' });
  const started = rowView(row);
  assert.deepEqual(changedParts(started, waiting), ['state', 'word', 'tone', 'meta', 'progress', 'removeTitle', 'removeLabel']);
  row.loaded = 420;
  const moved = rowView(row);
  assert.equal(moved.meta, '42% of 1000 B');
  assert.deepEqual(changedParts(moved, started), ['meta', 'progress']);
  assert.deepEqual(changedParts(rowView(row), moved), []);
  Object.assign(row, { state: 'ready', image: { width: 64, height: 48 } });
  const ready = rowView(row, { perImagePrompts: true });
  assert.equal(ready.meta, '64 × 48 · 1000 B');
  assert.equal(ready.prompt, true);
  assert.equal(ready.progress, null);
  assert.equal(rowView({ ...row, state: 'failed', reason: 'No.' }).metaTone, 'bad');
  assert.equal(rowView({ ...row, state: 'duplicate', reason: 'Same.' }).metaTone, 'warn');
});

test('the counts of the job form change with ready, rejected, failed and total only', () => {
  const rows = [{ state: 'uploading', size: 10, loaded: 2 }, { state: 'queued', size: 10 }];
  const before = countsKey(uploadSummary(rows));
  rows[0].loaded = 8;
  assert.equal(countsKey(uploadSummary(rows)), before);
  rows[0].state = 'ready';
  assert.notEqual(countsKey(uploadSummary(rows)), before);
});

test('a throttle runs at most once per interval, on a frame, however often it is asked', async () => {
  const timers = new FakeTimers();
  const frames = [];
  let runs = 0;
  const throttle = new Throttle(() => { runs += 1; }, { interval: 100, timers, frame: (fn) => frames.push(fn),
    clock: () => timers.now });
  const frame = () => frames.splice(0).forEach((fn) => fn());
  throttle.request();
  throttle.request();
  assert.equal(frames.length, 1); // the first request waits for no timer
  frame();
  assert.equal(runs, 1);
  for (let i = 0; i < 50; i++) throttle.request(); // within the interval: one run, when it is over
  await timers.advance(99);
  assert.equal(frames.length, 0);
  await timers.advance(1);
  frame();
  assert.equal(runs, 2);
  await timers.advance(500);
  throttle.request();
  frame();
  assert.equal(runs, 3);
});
