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

test('review by filter and re-run rejected send only what was chosen', async () => {
  const fetchImpl = scriptedFetch(() => ({ status: 200, body: { ok: true } }));
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  await api.reviewAll('job_1', 'approve', { sku: 'sku-101' });
  assert.equal(fetchImpl.calls[0].url, 'http://api/jobs/job_1/review');
  assert.equal(fetchImpl.calls[0].body, '{"decision":"approve","filter":{"sku":"sku-101"}}');
  await api.rerun('job_1', { prompt: 'softer shadow', params: {} });
  assert.equal(fetchImpl.calls[1].url, 'http://api/jobs/job_1/rerun');
  assert.equal(fetchImpl.calls[1].body, '{"prompt":"softer shadow"}');
  await api.rerun('job_1', { params: { factor: 4 }, taskIds: ['tsk_1'] });
  assert.equal(fetchImpl.calls[2].body, '{"params":{"factor":4},"taskIds":["tsk_1"]}');
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

test('server templates: the favourite group first, save replaces by name, the browser list is offered for import once', async () => {
  const { ServerTemplates } = await import('../js/templates.js');
  const calls = [];
  let next = 3;
  const api = {
    templates: async () => ({ favouriteGroup: 'Catalogue', templates: [
      { templateId: 'tpl_1', name: 'Kitchen', text: 'in a kitchen', group: null },
      { templateId: 'tpl_2', name: 'White', text: '{sku} on white', group: 'Catalogue' }] }),
    createTemplate: async (body) => { calls.push(['create', body]); return { templateId: `tpl_${next++}`, ...body }; },
    updateTemplate: async (id, body) => { calls.push(['update', id, body]); return { templateId: id, ...body }; },
    deleteTemplate: async (id) => { calls.push(['delete', id]); },
    importTemplates: async (list) => { calls.push(['import', list]); return { created: list, skipped: [] }; },
  };
  const server = new ServerTemplates(api);
  await server.load();
  assert.deepEqual(server.list().map((t) => t.name), ['White', 'Kitchen']);
  await server.save('White', '{sku} on pure white', 'Catalogue');
  assert.deepEqual(calls[0], ['update', 'tpl_2', { name: 'White', text: '{sku} on pure white', group: 'Catalogue' }]);
  await server.save(' Flat lay ', 'top view');
  assert.deepEqual(calls[1], ['create', { name: 'Flat lay', text: 'top view', group: null }]);
  await server.remove('Kitchen');
  assert.deepEqual(calls[2], ['delete', 'tpl_1']);
  assert.equal(server.find('Kitchen'), null);

  const storage = new MemoryStorage();
  const local = new PromptTemplates(storage);
  local.save('Old one', 'from this browser');
  assert.deepEqual(ServerTemplates.pendingImport(local, storage).map((t) => t.name), ['Old one']);
  await server.importLocal(local);
  assert.deepEqual(calls[3], ['import', [{ name: 'Old one', text: 'from this browser' }]]);
  ServerTemplates.markOffered(storage);
  assert.deepEqual(ServerTemplates.pendingImport(local, storage), []);
});
