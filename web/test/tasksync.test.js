import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL_RELOAD_MS, OVERLAP_MS, TaskFollower } from '../js/tasksync.js';

/** A server-side job: tasks, a log whose entries may be committed late, and counters of the requests made. */
function fakeServer(count) {
  const tasks = new Map();
  for (let i = 0; i < count; i++) tasks.set(`tsk_${i}`, { taskId: `tsk_${i}`, status: 'QUEUED', attempts: 1 });
  const log = [];
  const calls = { list: 0, events: 0, ids: 0 };
  let seq = 0;
  return {
    tasks,
    calls,
    /** A change made at server time `at`; `visible` false holds its log entry back (a commit not yet seen). */
    change(taskId, status, at, visible = true) {
      tasks.set(taskId, { ...tasks.get(taskId), status });
      const entry = { eventId: `evt_${String(seq++).padStart(6, '0')}`, at: new Date(at).toISOString(), taskId, visible };
      log.push(entry);
      return entry;
    },
    api: {
      async tasks() { calls.list++; return [...tasks.values()].map((t) => ({ ...t })); },
      async events(jobId, { since, cursor }) {
        calls.events++;
        const from = Date.parse(since);
        const all = log.filter((e) => e.visible && Date.parse(e.at) >= from).sort((a, b) => a.at.localeCompare(b.at));
        const start = cursor ? Number(cursor) : 0;
        const page = all.slice(start, start + 2);
        return { events: page, nextCursor: start + 2 < all.length ? String(start + 2) : null };
      },
      async tasksById(jobId, ids) { calls.ids++; return { tasks: ids.filter((id) => tasks.has(id)).map((id) => ({ ...tasks.get(id) })) }; },
    },
  };
}

const T0 = Date.parse('2026-12-02T10:00:00Z');

test('after one listing, a refresh reads only the log and the tasks it names', async () => {
  const server = fakeServer(500);
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  assert.equal(await follower.refresh({ updatedAt: new Date(T0).toISOString() }), null);
  assert.equal(server.calls.list, 1);
  server.change('tsk_3', 'RUNNING', T0 + 1000);
  server.change('tsk_7', 'SUCCEEDED', T0 + 2000);
  const changed = await follower.refresh({});
  assert.deepEqual(changed.map((t) => t.taskId).sort(), ['tsk_3', 'tsk_7']);
  assert.equal(server.calls.list, 1, 'no second full listing');
  assert.equal(server.calls.ids, 1);
  assert.equal(follower.list().length, 500);
  assert.equal(follower.tasks.get('tsk_7').status, 'SUCCEEDED');
});

test('an entry committed late, inside the overlap, is still picked up; one already seen is not fetched again', async () => {
  const server = fakeServer(10);
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  const late = server.change('tsk_1', 'SUCCEEDED', T0 + 1000, false);
  server.change('tsk_2', 'SUCCEEDED', T0 + 3000);
  await follower.refresh({});
  assert.equal(follower.tasks.get('tsk_1').status, 'QUEUED', 'not visible yet');
  late.visible = true;
  const changed = await follower.refresh({});
  assert.deepEqual(changed.map((t) => t.taskId), ['tsk_1'], 'only the late one: tsk_2 was seen already');
  assert.equal(follower.tasks.get('tsk_1').status, 'SUCCEEDED');
  assert.ok(OVERLAP_MS > 2000);
});

test('many changed tasks are asked for in requests of at most 100 ids', async () => {
  const server = fakeServer(250);
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  for (let i = 0; i < 250; i++) server.change(`tsk_${i}`, 'SUCCEEDED', T0 + 10 + i);
  const changed = await follower.refresh({});
  assert.equal(changed.length, 250);
  assert.equal(server.calls.ids, 3);
  assert.ok(follower.list().every((t) => t.status === 'SUCCEEDED'));
});

test('the whole listing is read again once presigned URLs would be getting old', async () => {
  const server = fakeServer(3);
  let now = T0;
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => now });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  now += FULL_RELOAD_MS + 1;
  assert.equal(await follower.refresh({ updatedAt: new Date(now).toISOString() }), null);
  assert.equal(server.calls.list, 2);
});

test('two changes at the same millisecond, one committed after the poll that saw the other, are both picked up', async () => {
  const server = fakeServer(10);
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  server.change('tsk_1', 'SUCCEEDED', T0 + 500);
  const late = server.change('tsk_2', 'SUCCEEDED', T0 + 500, false);
  assert.deepEqual((await follower.refresh({})).map((t) => t.taskId), ['tsk_1']);
  late.visible = true;
  assert.deepEqual((await follower.refresh({})).map((t) => t.taskId), ['tsk_2']);
  assert.deepEqual((await follower.refresh({})), [], 'nothing new: nothing fetched');
  assert.ok(follower.list().filter((t) => t.status === 'SUCCEEDED').length === 2);
});

test('a change landing between two pages of the full listing is caught by the next refresh', async () => {
  const server = fakeServer(400);
  const listAll = server.api.tasks;
  // The listing is read page by page: tsk_0 (on the first page, already read) changes before the last page is read.
  server.api.tasks = async () => {
    const before = await listAll();
    server.change('tsk_0', 'RUNNING', T0 + 200);
    return before;
  };
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  assert.equal(follower.tasks.get('tsk_0').status, 'QUEUED');
  const changed = await follower.refresh({});
  assert.deepEqual(changed.map((t) => t.taskId), ['tsk_0']);
  assert.equal(follower.tasks.get('tsk_0').status, 'RUNNING');
});

test('a change committed while the log is paged through is read then or on the next refresh, never lost', async () => {
  const server = fakeServer(20);
  const follower = new TaskFollower({ api: server.api, jobId: 'job_1', now: () => T0 });
  await follower.refresh({ updatedAt: new Date(T0).toISOString() });
  for (let i = 0; i < 5; i++) server.change(`tsk_${i}`, 'SUCCEEDED', T0 + 100 * (i + 1));
  const events = server.api.events;
  let pages = 0;
  server.api.events = async (jobId, query) => {
    pages += 1;
    // Between the first and second page (two entries a page), a change lands at the time of an entry already read.
    if (pages === 2) server.change('tsk_9', 'FAILED', T0 + 100);
    return events(jobId, query);
  };
  await follower.refresh({});
  await follower.refresh({});
  for (let i = 0; i < 5; i++) assert.equal(follower.tasks.get(`tsk_${i}`).status, 'SUCCEEDED');
  assert.equal(follower.tasks.get('tsk_9').status, 'FAILED');
});
