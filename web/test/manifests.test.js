import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api } from '../js/api.js';
import { manifestContentType, overridesInWords, previewTable, rowOfField } from '../js/manifests.js';
import { jobSettings } from '../js/views/jobview.js';
import { scriptedFetch } from './fakes.js';

test('a manifest is uploaded as CSV or JSONL by its extension', () => {
  assert.equal(manifestContentType('Spring.CSV'), 'text/csv');
  assert.equal(manifestContentType('rows.jsonl'), 'application/x-ndjson');
  assert.equal(manifestContentType('rows.ndjson'), 'application/x-ndjson');
  assert.equal(manifestContentType('rows.xlsx'), null);
});

test('the server\'s field names point at a row and a column', () => {
  assert.deepEqual(rowOfField('row 17, image'), { row: 17, column: 'image' });
  assert.deepEqual(rowOfField('row 3'), { row: 3, column: null });
  assert.equal(rowOfField('outputName'), null);
});

test('each problem lands on its row; rows only the problems name are added; the rest stay general', () => {
  const rows = [{ row: 2, image: 'a.png' }, { row: 4, image: 'c.png', params: { factor: 4 } }];
  const errors = [
    { field: 'row 4, image', message: 'no image named "c.png"' },
    { field: 'row 3', message: 'has 2 cells; the header has 3' },
    { field: 'prompt', message: 'This operation needs a prompt.' },
  ];
  const table = previewTable(rows, errors);
  assert.deepEqual(table.rows.map((row) => row.row), [2, 3, 4]);
  assert.deepEqual(table.rows[0].problems, []);
  assert.equal(table.rows[1].unread, true);
  assert.deepEqual(table.rows[2].problems, [{ column: 'image', message: 'no image named "c.png"' }]);
  assert.deepEqual(table.general, [errors[2]]);
});

test('the header\'s problems are general when no row 1 was read', () => {
  const table = previewTable([], [{ field: 'row 1, column 3', message: 'unknown column "colour"' }]);
  assert.deepEqual(table.rows, []);
  assert.equal(table.general.length, 1);
});

test('overrides read as name and value', () => {
  assert.equal(overridesInWords({ params: { factor: 4 }, vars: { colour: 'red' } }), 'factor 4 · colour red');
  assert.equal(overridesInWords({}), '');
});

test('the manifest and naming-pattern calls use the documented routes', async () => {
  const fetchImpl = scriptedFetch(() => ({ status: 200, body: {} }));
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  await api.manifest('man_1');
  await api.placeUploads({ project: 'spring', namePattern: '{sku}-{role}.jpg', files: [{ name: 'a-b.jpg', contentType: 'image/jpeg', size: 1 }] });
  assert.deepEqual(fetchImpl.calls.map((c) => `${c.method} ${c.url}`), ['GET http://api/manifests/man_1', 'POST http://api/uploads']);
  assert.deepEqual(JSON.parse(fetchImpl.calls[1].body), { dryRun: true, project: 'spring', namePattern: '{sku}-{role}.jpg',
    files: [{ name: 'a-b.jpg', contentType: 'image/jpeg', size: 1 }] });
});

test('a preset saved from a job keeps its result names', () => {
  const job = { operation: 'upscale', provider: 'local', model: null, prompt: null, params: { factor: 2 }, outputName: '{sku}/{sku}_{role}.{ext}' };
  assert.deepEqual(jobSettings(job), { operation: 'upscale', provider: 'local', params: { factor: 2 }, outputName: '{sku}/{sku}_{role}.{ext}' });
  assert.equal('outputName' in jobSettings({ ...job, outputName: undefined }), false);
});
