import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api, ApiError, problemMessage } from '../js/api.js';
import { MemoryStorage, scriptedFetch } from './fakes.js';
import { PromptTemplates, suggestName } from '../js/templates.js';

test('requests carry the token, JSON and If-None-Match; a 304 comes back as unchanged', async () => {
  const fetchImpl = scriptedFetch((url, init) => (init.headers['If-None-Match'] === '"e1"'
    ? { status: 304 } : { status: 200, headers: { ETag: '"e1"', 'Content-Type': 'application/json' }, body: { jobId: 'job_1' } }));
  const api = new Api({ baseUrl: 'http://api/', token: async () => 'tok', fetchImpl });
  const first = await api.job('job_1');
  assert.deepEqual([first.status, first.etag, first.data], [200, '"e1"', { jobId: 'job_1' }]);
  const second = await api.job('job_1', first.etag);
  assert.equal(second.status, 304);
  assert.equal(fetchImpl.calls[0].url, 'http://api/jobs/job_1');
  assert.equal(fetchImpl.calls[0].headers.Authorization, 'Bearer tok');
  await api.submitJob({ a: 1 }, 'key-1');
  assert.equal(fetchImpl.calls[2].headers['Idempotency-Key'], 'key-1');
  assert.equal(fetchImpl.calls[2].headers['Content-Type'], 'application/json');
  assert.equal(fetchImpl.calls[2].body, '{"a":1}');
  await api.estimateJob({ a: 1 });
  assert.equal(fetchImpl.calls[3].method, 'POST');
  assert.equal(fetchImpl.calls[3].body, '{"a":1,"dryRun":true}');
  assert.equal(fetchImpl.calls[3].headers['Idempotency-Key'], undefined, 'a dry run creates nothing: no key');
});

test('problem details become a message a person can act on; 401 signs out', async () => {
  let signedOut = 0;
  const fetchImpl = scriptedFetch((url) => (url.endsWith('/jobs')
    ? { status: 400, body: { title: 'Invalid request', status: 400, detail: 'The job is not valid.', errors: [{ field: 'items[3].imageId', message: 'unknown image' }] } }
    : { status: 401, body: { message: 'Unauthorized' } }));
  const api = new Api({ baseUrl: 'http://api', token: async () => null, fetchImpl, onUnauthorized: () => { signedOut += 1; } });
  await assert.rejects(api.submitJob({}), (e) => e instanceof ApiError && e.status === 400
    && e.message === 'The job is not valid. items[3].imageId: unknown image.' && e.fieldErrors.length === 1);
  await assert.rejects(api.providers(), (e) => e.status === 401 && /Sign in again/.test(e.message));
  assert.equal(signedOut, 1);
  assert.equal(problemMessage(404, {}), 'Not found: it may have been deleted or expired.');
  assert.equal(problemMessage(502, {}), 'The API had a problem (HTTP 502). Try again in a moment.');
});

test('a network failure is an ApiError with status 0', async () => {
  const api = new Api({ baseUrl: 'http://api', token: async () => null, fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(api.providers(), (e) => e.status === 0 && /could not be reached/.test(e.message));
});

test('tasks follow nextCursor to the end; review and archive use the documented routes', async () => {
  const fetchImpl = scriptedFetch((url, init) => {
    if (url.includes('/tasks?') && !url.includes('cursor')) return { body: { tasks: [{ taskId: 't1' }], nextCursor: 'c2' } };
    if (url.includes('cursor=c2')) return { body: { tasks: [{ taskId: 't2' }] } };
    return { status: init.method === 'POST' && url.endsWith('/archive') ? 201 : 200, body: { ok: true } };
  });
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  assert.deepEqual((await api.tasks('job_1')).map((t) => t.taskId), ['t1', 't2']);
  await api.review('job_1', 'tsk_1', 'approve');
  assert.equal(fetchImpl.calls[2].url, 'http://api/jobs/job_1/tasks/tsk_1/review');
  assert.equal(fetchImpl.calls[2].body, '{"decision":"approve"}');
  await api.archive('job_1', true);
  assert.equal(fetchImpl.calls[3].body, '{"only":"approved"}');
  await api.archive('job_1');
  assert.equal(fetchImpl.calls[4].body, undefined);
});

test('prompt templates are saved by name, newest first, and survive damaged storage', () => {
  const storage = new MemoryStorage();
  const templates = new PromptTemplates(storage);
  templates.save('white', 'on a pure white background', new Date('2026-01-01T00:00:00Z'));
  templates.save('studio', 'soft studio light');
  templates.save('white', 'on white, soft shadow');
  assert.deepEqual(templates.list().map((t) => [t.name, t.text]), [['white', 'on white, soft shadow'], ['studio', 'soft studio light']]);
  templates.remove('studio');
  assert.deepEqual(templates.list().map((t) => t.name), ['white']);
  assert.throws(() => templates.save(' ', 'x'), /needs a name/);
  storage.setItem('atelier.promptTemplates.v1', '{not json');
  assert.deepEqual(templates.list(), []);
  assert.equal(suggestName('  a product photo on a marble table with soft light '), 'a product photo on a');
});
