import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canCancel, canRetry, countsSummary, errorInWords, isTerminalJob, jobMatches, jobName, jobProgress, statusLabel } from '../js/status.js';

const counts = (o) => ({ total: 0, queued: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, canceled: 0, ...o });

test('progress counts finished tasks and reaches 100 only when all have finished', () => {
  assert.equal(jobProgress(counts({ total: 120, queued: 80, running: 10, succeeded: 28, failed: 2 })).percent, 25);
  assert.equal(jobProgress(counts({ total: 1000, succeeded: 999, running: 1 })).percent, 99);
  assert.equal(jobProgress(counts({ total: 3, succeeded: 3 })).percent, 100);
  assert.equal(jobProgress(counts({ total: 0 })).percent, 0);
  assert.equal(jobProgress(undefined).total, 0);
  const p = jobProgress(counts({ total: 10, running: 2, waiting: 1, succeeded: 4, failed: 1, canceled: 1, queued: 1 }));
  assert.deepEqual([p.done, p.finished, p.active, p.queued], [5, 6, 3, 1]);
});

test('canceled tasks are not done: a job canceled whole shows no progress, one canceled part way falls short', () => {
  assert.equal(jobProgress(counts({ total: 4, canceled: 4 })).percent, 0);
  assert.equal(jobProgress(counts({ total: 4, succeeded: 1, canceled: 3 })).percent, 25);
  assert.equal(countsSummary(counts({ total: 4, canceled: 4 })), '0 of 4 done · 4 canceled');
  assert.equal(countsSummary(counts({ total: 12, succeeded: 2, running: 1, canceled: 9 })), '2 of 12 done · 1 running · 9 canceled');
});

test('a job without a name reads as the API names it, in the list, the page and the search', () => {
  assert.equal(jobName({ name: 'Spring catalogue', operation: 'upscale', counts: { total: 3 } }), 'Spring catalogue');
  assert.equal(jobName({ name: '', operation: 'upscale', counts: { total: 3 } }), 'upscale · 3 images');
  assert.equal(jobName({ operation: 'remove-background', counts: { total: 1 } }), 'remove-background · 1 image');
  assert.equal(jobName({ steps: [{ operation: 'upscale' }, { operation: 'edit' }], counts: { total: 2 } }), 'upscale → edit · 2 images');
  assert.ok(jobMatches({ name: 'Spring Catalogue 2026' }, 'catalogue spring'));
  assert.ok(!jobMatches({ name: 'Spring Catalogue 2026' }, 'autumn'));
  assert.ok(jobMatches({ operation: 'upscale', counts: { total: 3 } }, 'UPSCALE'));
  assert.ok(jobMatches({ name: 'x' }, '   '));
});

test('counts read as a line of words', () => {
  assert.equal(countsSummary(counts({ total: 120, queued: 80, running: 10, succeeded: 28, failed: 2 })),
    '30 of 120 done · 10 running · 80 queued · 2 failed');
  assert.equal(countsSummary(counts({ total: 3, queued: 3 })), '0 of 3 done');
  assert.equal(countsSummary(counts({ total: 3, succeeded: 3 })), '3 of 3 done');
});

test('terminal states, labels and which buttons make sense', () => {
  for (const s of ['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELED']) assert.ok(isTerminalJob(s), s);
  for (const s of ['QUEUED', 'RUNNING']) assert.ok(!isTerminalJob(s), s);
  assert.equal(statusLabel('PARTIAL'), 'Partly done');
  assert.equal(statusLabel('SOMETHING_NEW'), 'Something_new');
  assert.ok(canCancel({ status: 'RUNNING' }));
  assert.ok(!canCancel({ status: 'SUCCEEDED' }));
  assert.ok(canRetry({ status: 'PARTIAL', counts: counts({ total: 2, succeeded: 1, failed: 1 }) }));
  assert.ok(!canRetry({ status: 'SUCCEEDED', counts: counts({ total: 2, succeeded: 2 }) }));
  assert.ok(!canRetry({ status: 'RUNNING', counts: counts({ total: 2, running: 1, failed: 1 }) }));
});

test('errors are explained in words, with the provider message after', () => {
  assert.equal(errorInWords({ code: 'provider_refused', message: 'Blocked by safety filter' }),
    'The provider refused this image or prompt (content policy). Blocked by safety filter.');
  assert.equal(errorInWords({ code: 'timeout', message: '' }), 'The provider took too long to answer.');
  assert.equal(errorInWords({ code: 'brand_new', message: 'odd.' }), 'The task failed. odd.');
  assert.equal(errorInWords(null), '');
});
