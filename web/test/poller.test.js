import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EtagPoller } from '../js/poller.js';
import { FakeTimers } from './fakes.js';

/** A job that changes at the given calls and is done at the last. */
function server(versions) {
  const seen = [];
  let version = 0;
  let call = 0;
  const fetch = async (etag) => {
    seen.push(etag);
    call += 1;
    if (versions[call] !== undefined) version = versions[call];
    const tag = `"v${version}"`;
    return etag === tag ? { status: 304, etag } : { status: 200, etag: tag, data: { version, status: version >= 3 ? 'SUCCEEDED' : 'RUNNING' } };
  };
  return { fetch, seen };
}

test('polls with the last ETag, slows down while unchanged and stops at a terminal state', async () => {
  const timers = new FakeTimers();
  const { fetch, seen } = server({ 1: 1, 4: 2, 6: 3 });
  const changes = [];
  const poller = new EtagPoller({ fetch, timers, delays: [100, 200, 400], onChange: (d) => changes.push(d.version),
    isDone: (d) => d.status === 'SUCCEEDED' });
  poller.start();
  await timers.advance(0);
  assert.deepEqual(seen, [null]);
  await timers.advance(100); // unchanged → 304
  await timers.advance(100); // waits 200 after one 304
  assert.deepEqual(seen, [null, '"v1"']);
  await timers.advance(100);
  assert.deepEqual(seen, [null, '"v1"', '"v1"']);
  await timers.advance(2000);
  assert.deepEqual(changes, [1, 2, 3]);
  assert.deepEqual(seen, [null, '"v1"', '"v1"', '"v1"', '"v2"', '"v2"']);
  assert.ok(poller.done);
  assert.equal(timers.pending, 0, 'no further requests after SUCCEEDED');
});

test('errors back off and polling carries on; poke restarts a finished poller', async () => {
  const timers = new FakeTimers();
  let fail = 2;
  let status = 'SUCCEEDED';
  const errors = [];
  const changes = [];
  const poller = new EtagPoller({ timers, delays: [100], errorDelay: 1000,
    fetch: async () => {
      if (fail-- > 0) throw new Error('offline');
      return { status: 200, etag: `"${status}"`, data: { status } };
    },
    onChange: (d) => changes.push(d.status), onError: (e) => errors.push(e.message), isDone: (d) => d.status !== 'RUNNING' });
  poller.start();
  await timers.advance(0);
  assert.equal(errors.length, 1);
  assert.equal(poller.nextDelay(), 1000);
  await timers.advance(1000);
  assert.equal(poller.nextDelay(), 2000);
  await timers.advance(2000);
  assert.deepEqual(changes, ['SUCCEEDED']);
  assert.ok(poller.done);
  status = 'RUNNING';
  poller.poke();
  await timers.advance(0);
  assert.deepEqual(changes, ['SUCCEEDED', 'RUNNING']);
  assert.equal(timers.pending, 1, 'polling again after a retry');
  poller.stop();
  assert.equal(timers.pending, 0);
});
