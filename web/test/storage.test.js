import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api } from '../js/api.js';
import { s3Location } from '../js/views/storage.js';
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
  await api.importPrefix('s3://b/p/');
  await api.exportJob('job_1', { destination: 's3://b/p/', only: 'approved' });
  await api.exportStatus('job_1', 'exp_1');
  assert.deepEqual(fetchImpl.calls.map((c) => `${c.method} ${c.url}`),
    ['POST http://api/imports', 'POST http://api/jobs/job_1/export', 'GET http://api/jobs/job_1/exports/exp_1']);
  assert.equal(fetchImpl.calls[1].body, '{"destination":"s3://b/p/","only":"approved"}');
});
