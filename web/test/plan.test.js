import test from 'node:test';
import assert from 'node:assert/strict';
import { planRules, usageInWords } from '../js/plan.js';

const basic = {
  user: 'alice',
  plan: 'basic',
  includes: { providers: ['local'], operations: ['upscale', 'resize'], models: ['*'] },
  quotas: {
    imagesPerDay: { limit: 500, used: 12, remaining: 488 },
    concurrentJobs: { limit: 2, used: 1, remaining: 1 },
    itemsPerJob: { limit: 200 },
    monthlySpend: { limit: '10.00', used: '0.42', remaining: '9.58', currency: 'USD' },
  },
  plans: ['basic', 'advanced'],
};

test('a plan includes what it lists, "*" everything, and says why the rest is off', () => {
  const plan = planRules(basic);
  assert.equal(plan.operation('upscale'), true);
  assert.equal(plan.operation('remove-background'), false);
  assert.equal(plan.provider('local'), true);
  assert.equal(plan.provider('openai'), false);
  assert.equal(plan.model('local', 'anything'), true);
  assert.equal(plan.reason('remove background'), 'Your plan (basic) does not include remove background.');
  const strict = planRules({ ...basic, includes: { ...basic.includes, models: ['openai/gpt-image-1'] } });
  assert.equal(strict.model('openai', 'gpt-image-1'), true);
  assert.equal(strict.model('openai', 'dall-e-3'), false);
  assert.equal(strict.model('openai', ''), true, 'the default model comes with the provider');
});

test('without an answer from GET /me everything is on', () => {
  const plan = planRules(null);
  assert.equal(plan.operation('generate'), true);
  assert.equal(plan.provider('gemini'), true);
  assert.equal(usageInWords(null), '');
});

test('the usage in one line, limits where there are any', () => {
  assert.equal(usageInWords(basic), 'basic plan · 12 of 500 images today · 1 of 2 jobs running · $0.42 of $10.00 this month');
  const open = { plan: 'local', quotas: { imagesPerDay: { limit: null, used: 3 }, concurrentJobs: { limit: null, used: 0 },
    monthlySpend: { limit: null, used: '0.0000114', currency: 'USD' } } };
  assert.equal(usageInWords(open), 'local plan · 3 images today · 0 jobs running · $0.000011 this month');
  const advanced = { ...basic, plan: 'advanced', quotas: { ...basic.quotas, imagesPerDay: { limit: 20000, used: 1234 } } };
  assert.match(usageInWords(advanced), /^advanced plan · 1,234 of 20,000 images today/);
});
