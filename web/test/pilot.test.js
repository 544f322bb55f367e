import test from 'node:test';
import assert from 'node:assert/strict';
import { describePilot, pilotValue } from '../js/pilot.js';

test('the pilot field takes a whole number from 1 to one less than the items, like the API', () => {
  assert.deepEqual(pilotValue('', 5), { value: null });
  assert.deepEqual(pilotValue('  ', 5), { value: null });
  assert.deepEqual(pilotValue('2', 5), { value: 2 });
  assert.deepEqual(pilotValue('4', 5), { value: 4 });
  for (const bad of ['0', '5', '9', '-1', '1.5', 'two', '2e0'])
    assert.equal(pilotValue(bad, 5).error.field, 'pilot', bad);
  assert.match(pilotValue('1', 1).error.message, /at least two images/);
});

const job = (status, o = {}) => ({
  status,
  counts: { total: 10, queued: 7, running: 0, waiting: 0, succeeded: 2, failed: 1, canceled: 0 },
  pilot: { size: 3, held: true, restEstimatedCost: { amount: '0.0700', currency: 'USD', basis: 'estimate' } },
  ...o,
});

test('a job awaiting approval says what ran, what waits and what the rest costs', () => {
  const words = describePilot(job('AWAITING_APPROVAL'));
  assert.equal(words.awaiting, true);
  assert.equal(words.text, 'The first 3 items ran (2 succeeded, 1 failed or canceled). The other 7 items are waiting, '
    + 'estimated at $0.07. Continue runs them; Cancel cancels them.');
});

test('a running pilot says the rest will wait; no pilot, or a continued one, says nothing', () => {
  assert.equal(describePilot(job('RUNNING')).awaiting, false);
  assert.match(describePilot(job('RUNNING')).text, /other 7 items wait/);
  assert.equal(describePilot(job('RUNNING', { pilot: null })), null);
  assert.equal(describePilot(job('RUNNING', { pilot: { size: 3, held: false } })), null);
});
