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
