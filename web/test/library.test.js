import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { findDuplicate, hashAll, orderRows, sha256Hex, summaryLine, uploadSummary } from '../js/uploads.js';

test('a file is hashed in the browser as the API hashes it (SHA-256, lowercase hex)', async () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 255]);
  const expected = createHash('sha256').update(bytes).digest('hex');
  assert.equal(await sha256Hex(new Blob([bytes])), expected);
  assert.equal(await sha256Hex(new Blob([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('the same file is found in the library first, then earlier in the list, never as itself', () => {
  const library = [{ imageId: 'img_1', sha256: 'aa', status: 'READY' }, { imageId: 'img_2', sha256: 'bb', status: 'REJECTED' }];
  const first = { name: 'a.png', sha256: 'cc', state: 'uploading' };
  const second = { name: 'b.png', sha256: 'cc', state: 'hashing' };
  const rows = [first, second];
  assert.deepEqual(findDuplicate('aa', { library, rows }), { where: 'library', image: library[0] });
  assert.equal(findDuplicate('bb', { library, rows }), null, 'a rejected copy is no reason to skip');
  assert.deepEqual(findDuplicate('cc', { library, rows, self: second }), { where: 'list', row: first });
  assert.equal(findDuplicate('cc', { library, rows: [second], self: second }), null);
  assert.equal(findDuplicate('cc', { rows: [{ sha256: 'cc', state: 'failed' }] }), null, 'a failed upload is no copy');
  assert.equal(findDuplicate(null, { library, rows }), null);
});

test('rows needing attention come first, the rest keep their order', () => {
  const rows = ['ready', 'invalid', 'uploading', 'rejected', 'duplicate', 'queued', 'failed'].map((state, i) => ({ state, i }));
  assert.deepEqual(orderRows(rows).map((r) => r.state), ['invalid', 'rejected', 'duplicate', 'failed', 'ready', 'uploading', 'queued']);
  assert.deepEqual(orderRows([]), []);
});

test('a file uploaded before is settled, counted apart and sends no bytes', () => {
  const s = uploadSummary([{ state: 'ready', size: 100 }, { state: 'duplicate', size: 50 }]);
  assert.equal(s.settled, true);
  assert.equal(s.totalBytes, 100);
  assert.equal(summaryLine(s), '1 of 2 ready · 1 already uploaded');
  assert.equal(uploadSummary([{ state: 'hashing', size: 5 }]).settled, false);
});

test('files are hashed a few at a time, each hash in its file\'s place, an unreadable file as null', async () => {
  let reading = 0;
  let most = 0;
  const hash = async (file) => {
    reading += 1;
    most = Math.max(most, reading);
    await new Promise((resolve) => setTimeout(resolve, file.delay));
    reading -= 1;
    if (file.bad) throw new Error('unreadable');
    return `h${file.n}`;
  };
  const files = [5, 1, 4, 1, 3, 2, 1].map((delay, n) => ({ n, delay, bad: n === 3 }));
  assert.deepEqual(await hashAll(files, { concurrency: 3, hash }), ['h0', 'h1', 'h2', null, 'h4', 'h5', 'h6']);
  assert.equal(most, 3);
  assert.deepEqual(await hashAll([], { hash }), []);
});
