import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STALL_AFTER_MS, retryReason, stallNotice } from '../js/stall.js';

const counts = (o) => ({ total: 2, queued: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, canceled: 0, ...o });
const at = Date.parse('2026-12-02T10:00:00Z');
const job = (o) => ({ status: 'RUNNING', counts: counts({ queued: 1, succeeded: 1 }), createdAt: '2026-12-02T09:50:00Z',
  updatedAt: '2026-12-02T10:00:00Z', ...o });
const retrying = { status: 'QUEUED', error: { code: 'internal', message: 'Could not read the original: storage unavailable (try 2 of 3).' } };

test('a job with unfinished tasks and no event for five minutes is flagged, with the latest retry reason', () => {
  assert.equal(stallNotice(job(), [retrying], at + STALL_AFTER_MS - 1), null);
  assert.equal(stallNotice(job(), [{ status: 'SUCCEEDED' }, retrying], at + 6 * 60000),
    'No progress for 6 min: Could not read the original: storage unavailable (try 2 of 3).');
  assert.equal(stallNotice(job(), [], at + 5 * 60000), 'No progress for 5 min: 1 task is still queued, with no news from the worker');
  assert.equal(stallNotice(job({ counts: counts({ running: 2 }) }), [], at + 7 * 60000),
    'No progress for 7 min: 2 tasks are still running, with no news from the worker');
});

test('finished jobs and jobs that moved recently are not flagged', () => {
  assert.equal(stallNotice(job({ status: 'PARTIAL', counts: counts({ succeeded: 1, failed: 1 }) }), [], at + 60 * 60000), null);
  assert.equal(stallNotice(job({ status: 'CANCELED' }), [retrying], at + 60 * 60000), null);
  assert.equal(stallNotice(job({ updatedAt: undefined }), [], Date.parse('2026-12-02T09:54:00Z')), null);
  assert.equal(stallNotice(null, [], at), null);
});

test('only unfinished tasks give a retry reason; a final error is not one', () => {
  assert.equal(retryReason(retrying), retrying.error.message);
  assert.equal(retryReason({ status: 'FAILED', error: { code: 'internal', message: 'x' } }), null);
  assert.equal(retryReason({ status: 'RUNNING', error: { code: 'provider_unavailable', message: ' ' } }), 'provider_unavailable');
  assert.equal(retryReason({ status: 'QUEUED' }), null);
});
