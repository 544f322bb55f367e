import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api } from '../js/api.js';
import { describeImport, describeSourceEstimate, ImportPanel, s3Location } from '../js/views/storage.js';
import { scriptedFetch } from './fakes.js';

test('an S3 location is s3://bucket/prefix/', () => {
  assert.equal(s3Location(' s3://team-photos/spring/ '), 's3://team-photos/spring/');
  assert.equal(s3Location('s3://team-photos/'), 's3://team-photos/');
  assert.equal(s3Location('https://team-photos.s3.amazonaws.com/x/'), null);
  assert.equal(s3Location('s3://Team_Photos/x/'), null);
  assert.equal(s3Location(''), null);
});

test('import and export use the documented routes', async () => {
  const fetchImpl = scriptedFetch(() => ({ status: 200, body: {} }));
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  await api.importPrefix({ source: 's3://b/p/', project: 'spring' });
  await api.exportJob('job_1', { destination: 's3://b/p/', only: 'approved' });
  await api.exportStatus('job_1', 'exp_1');
  await api.jobFromPrefix({ operation: 'upscale', source: { s3: 's3://b/p/' } });
  await api.importStatus('imp_1');
  assert.deepEqual(fetchImpl.calls.map((c) => `${c.method} ${c.url}`),
    ['POST http://api/imports', 'POST http://api/jobs/job_1/export', 'GET http://api/jobs/job_1/exports/exp_1',
      'POST http://api/jobs', 'GET http://api/imports/imp_1']);
  assert.equal(fetchImpl.calls[0].body, '{"source":"s3://b/p/","project":"spring"}');
  assert.equal(fetchImpl.calls[1].body, '{"destination":"s3://b/p/","only":"approved"}');
  assert.equal(fetchImpl.calls[3].body, '{"operation":"upscale","source":{"s3":"s3://b/p/"}}');
  await api.jobFromPrefix({ operation: 'upscale', source: { s3: 's3://b/p/' } }, 'key-1');
  assert.equal(new Headers(fetchImpl.calls[5].headers).get('Idempotency-Key'), 'key-1');
});

test('a job over a prefix tried again before it was answered keeps its Idempotency-Key; a new request gets a new one', () => {
  const panel = Object.create(ImportPanel.prototype);
  const body = { operation: 'upscale', source: { s3: 's3://b/p/' } };
  const first = panel.keyFor(body);
  assert.equal(panel.keyFor({ ...body }), first);
  assert.notEqual(panel.keyFor({ ...body, source: { s3: 's3://b/q/' } }), first);
  panel.pendingJob = null; // what a started job does
  assert.notEqual(panel.keyFor(body), first);
});

test('an import reads as its progress, then as what it imported and refused', () => {
  const running = { status: 'RUNNING', listingComplete: false, listed: 100, imported: 40, refused: 2 };
  assert.deepEqual(describeImport(running),
    { headline: 'Importing… 100 objects listed · 40 imported · 2 refused', tone: 'busy', fraction: null });
  assert.equal(describeImport({ ...running, listingComplete: true, listed: 84 }).fraction, 0.5);
  assert.equal(describeImport({ status: 'SUCCEEDED', listed: 50, imported: 45, refused: 5, startsJob: true, jobId: 'job_1' }).headline,
    'Imported 45 of 50 objects, 5 refused; the job runs over them.');
  assert.equal(describeImport({ status: 'SUCCEEDED', listed: 4, imported: 3, refused: 1 }).headline,
    'Imported 3 of 4 objects, 1 refused; they show under your images.');
  assert.deepEqual(describeImport({ status: 'FAILED', listed: 0, imported: 0, refused: 0, error: 'No objects under s3://b/p/.' }),
    { headline: 'The import failed: No objects under s3://b/p/.', tone: 'bad', fraction: null });
});

test('a dry run over a prefix reads as what the listing found, then the estimate', () => {
  const estimate = { tasks: 45, estimatedCost: { amount: '0.45', currency: 'USD' }, steps: [], providers: {}, refused: [],
    source: { s3: 's3://b/p/', listed: 50, importable: 45, complete: true, limit: 1000 } };
  assert.deepEqual(describeSourceEstimate(estimate),
    ['50 objects under the prefix, 45 importable.', 'Estimated cost: $0.45 for 45 tasks']);
  const partial = { ...estimate, source: { ...estimate.source, listed: 1000, importable: 990, complete: false } };
  assert.deepEqual(describeSourceEstimate(partial).slice(0, 2),
    ['The first 1,000 objects listed (of more), 990 importable.', 'Estimated cost: $0.45 for 45 tasks for those']);
});
