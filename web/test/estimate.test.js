import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EstimateRequester, budgetValue, describeEstimate, formatMoney } from '../js/estimate.js';
import { FakeTimers } from './fakes.js';

test('money is shown from its decimal text, never through a float', () => {
  assert.equal(formatMoney({ amount: '0.0400', currency: 'USD' }), '$0.04');
  assert.equal(formatMoney({ amount: '0.0012', currency: 'USD' }), '$0.0012');
  assert.equal(formatMoney({ amount: '0.000599253', currency: 'USD' }), '$0.0006');
  assert.equal(formatMoney({ amount: '0.00014999', currency: 'USD' }), '$0.00015');
  assert.equal(formatMoney({ amount: '12.345', currency: 'USD' }), '$12.35');
  assert.equal(formatMoney({ amount: '1234.5', currency: 'USD' }), '$1,234.50');
  assert.equal(formatMoney({ amount: '9007199254740993.125', currency: 'EUR' }), '€9,007,199,254,740,993.13', 'beyond a float');
  assert.equal(formatMoney({ amount: '0', currency: 'USD' }), '$0.00');
  assert.equal(formatMoney({ amount: '3', currency: 'CHF' }), '3.00 CHF');
  assert.equal(formatMoney({ amount: 0.1, currency: 'USD' }), '', 'a number is not money text');
});

test('an estimate reads as a total, per step, per provider and what would be refused', () => {
  const words = describeEstimate({
    dryRun: true, tasks: 3, estimatedCost: { amount: '0.1200', currency: 'USD', basis: 'estimate: 3 tasks' },
    steps: [
      { step: 0, operation: 'cutout', provider: 'local', estimatedCost: { amount: '0.0003', currency: 'USD', basis: '' } },
      { step: 1, operation: 'edit', provider: 'openai', estimatedCost: { amount: '0.1197', currency: 'USD', basis: '' } },
    ],
    providers: { local: { amount: '0.0003', currency: 'USD', basis: '' }, openai: { amount: '0.1197', currency: 'USD', basis: '' } },
    refused: [{ field: 'items[3].imageId', message: 'no such image' }],
  });
  assert.equal(words.total, 'Estimated cost: $0.12 for 3 tasks');
  assert.deepEqual(words.steps, ['Step 1: cutout on local: $0.0003', 'Step 2: edit on openai: $0.12']);
  assert.deepEqual(words.providers, ['local: $0.0003', 'openai: $0.12']);
  assert.deepEqual(words.refused, ['1 item would be refused:', 'items[3].imageId: no such image']);
});

test('asks once the form has been still for the delay, with dryRun, and only for a changed job', async () => {
  const timers = new FakeTimers();
  const asked = [];
  const states = [];
  const requester = new EstimateRequester({ timers, delayMs: 400, onState: (s) => states.push(s.state),
    fetchEstimate: async (body) => { asked.push(body); return { tasks: 1 }; } });
  requester.changed({ operation: 'upscale', params: { factor: 2 } });
  await timers.advance(200);
  requester.changed({ operation: 'upscale', params: { factor: 3 } });
  await timers.advance(399);
  assert.equal(asked.length, 0, 'nothing asked while the form keeps changing');
  await timers.advance(1);
  assert.deepEqual(asked, [{ operation: 'upscale', params: { factor: 3 }, dryRun: true }]);
  requester.changed({ operation: 'upscale', params: { factor: 3 } });
  await timers.advance(1000);
  assert.equal(asked.length, 1, 'the same job is not asked for again');
  requester.changed(null);
  assert.deepEqual(states, ['waiting', 'waiting', 'ready', 'idle']);
});

test('a slow answer to an earlier form is dropped once a newer one was asked for', async () => {
  const timers = new FakeTimers();
  const pending = [];
  const shown = [];
  const requester = new EstimateRequester({ timers, delayMs: 10,
    onState: (s) => shown.push(s.state === 'ready' ? s.estimate.tasks : s.state),
    fetchEstimate: (body) => new Promise((resolve) => pending.push(() => resolve({ tasks: body.count }))) });
  requester.changed({ count: 1 });
  await timers.advance(10);
  requester.changed({ count: 2 });
  await timers.advance(10);
  pending[1]();
  await timers.advance(0);
  pending[0]();
  await timers.advance(0);
  assert.deepEqual(shown, ['waiting', 'waiting', 2]);
});

test('a refused dry run shows its reason instead of figures', async () => {
  const timers = new FakeTimers();
  const shown = [];
  const requester = new EstimateRequester({ timers, delayMs: 0, onState: (s) => shown.push(s),
    fetchEstimate: async () => { throw new Error('params.factor: must be 2, 3 or 4.'); } });
  requester.changed({ count: 1 });
  await timers.advance(0);
  assert.deepEqual(shown.at(-1), { state: 'error', message: 'params.factor: must be 2, 3 or 4.' });
});

test('the budget field: empty is none, an amount becomes Money, anything else names budget', () => {
  assert.deepEqual(budgetValue(''), { value: null });
  assert.deepEqual(budgetValue(' 25.50 ', 'USD'), { value: { amount: '25.50', currency: 'USD' } });
  assert.deepEqual(budgetValue('$3'), { value: { amount: '3', currency: 'USD' } });
  for (const bad of ['0', '0.00', '-1', 'ten', '1e3', '0.0000001']) assert.equal(budgetValue(bad).error?.field, 'budget', bad);
});

test('a budget the estimate does not fit in is said first, in words', () => {
  const words = describeEstimate({ tasks: 3, estimatedCost: { amount: '0.6', currency: 'USD' }, steps: [], providers: {},
    refused: [{ field: 'budget', message: 'the budget of 0.5 USD holds the estimates of 2 of 3 tasks' }] });
  assert.deepEqual(words.refused, ['Over budget: the budget of 0.5 USD holds the estimates of 2 of 3 tasks.']);
});
