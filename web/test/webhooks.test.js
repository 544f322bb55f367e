import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api } from '../js/api.js';
import { describeDelivery, describeEndpoint, webhookRequest } from '../js/webhooks.js';
import { scriptedFetch } from './fakes.js';

test('a webhook request is https (http only to this machine), with events, naming each wrong field', () => {
  assert.deepEqual(webhookRequest({ url: 'https://shop.example.com/hook', events: ['job.completed'] }).body,
    { url: 'https://shop.example.com/hook', events: ['job.completed'] });
  assert.deepEqual(webhookRequest({ url: 'http://127.0.0.1:9000/h', events: ['task.failed'], description: ' back office ', makeDefault: true }).body,
    { url: 'http://127.0.0.1:9000/h', events: ['task.failed'], description: 'back office', default: true });
  assert.deepEqual(webhookRequest({ url: 'http://shop.example.com/', events: ['job.failed'] }).errors.map((e) => e.field), ['url']);
  assert.deepEqual(webhookRequest({ url: 'not a url', events: [] }).errors.map((e) => e.field), ['url', 'events']);
  assert.deepEqual(webhookRequest({ url: 'https://u:p@shop.example.com/', events: ['job.failed'] }).errors.map((e) => e.field), ['url']);
});

test('a delivery reads as its state and its last attempt', () => {
  assert.deepEqual(describeDelivery({ status: 'SUCCEEDED', attempts: 6, responseCode: 200, latencyMs: 12, error: null }),
    { label: 'Delivered', tone: 'good', detail: '6 attempts · answered 200 · 12 ms' });
  assert.deepEqual(describeDelivery({ status: 'PENDING', attempts: 1, responseCode: 500, latencyMs: 30, error: 'The receiver answered 500.' }),
    { label: 'Retrying', tone: 'busy', detail: '1 attempt · answered 500 · 30 ms · The receiver answered 500.' });
  assert.equal(describeDelivery({ status: 'PENDING', attempts: 0 }).label, 'Sending');
  assert.equal(describeDelivery({ status: 'FAILED', attempts: 20, responseCode: null, latencyMs: 15000, error: 'No answer within 15 s.' }).detail,
    '20 attempts · 15000 ms · No answer within 15 s.');
});

test('webhook calls use the documented routes', async () => {
  const fetchImpl = scriptedFetch(() => ({ status: 200, body: {} }));
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  await api.createWebhook({ url: 'https://x.example/' });
  await api.pingWebhook('whk_1');
  await api.webhookDeliveries('whk_1', { cursor: 'c2' });
  await api.redeliver('whk_1', 'msg_1');
  await api.rotateWebhook('whk_1');
  await api.deleteWebhook('whk_1');
  await api.setWebhookEnabled('whk_1', true);
  assert.deepEqual(fetchImpl.calls.map((c) => `${c.method} ${c.url}`), [
    'POST http://api/webhooks', 'POST http://api/webhooks/whk_1/ping', 'GET http://api/webhooks/whk_1/deliveries?limit=50&cursor=c2',
    'POST http://api/webhooks/whk_1/deliveries/msg_1/redeliver', 'POST http://api/webhooks/whk_1/rotate', 'DELETE http://api/webhooks/whk_1',
    'PATCH http://api/webhooks/whk_1']);
  assert.deepEqual(JSON.parse(fetchImpl.calls.at(-1).body), { enabled: true });
});

test('an endpoint a 410 Gone disabled says so, with when and why', () => {
  assert.deepEqual(describeEndpoint({ enabled: true }), { label: 'Active', tone: 'good', detail: '' });
  assert.deepEqual(describeEndpoint({ enabled: false, disabledAt: '2026-12-02T15:04:05Z', disabledReason: 'The receiver answered 410 Gone to task.succeeded msg_1.' }),
    { label: 'Disabled', tone: 'bad', detail: 'Nothing is sent since 2026-12-02 15:04 UTC. The receiver answered 410 Gone to task.succeeded msg_1.' });
});

test('a large zip is polled until it is ready; a failed one says why', async () => {
  let polls = 0;
  const fetchImpl = scriptedFetch((url, init) => {
    if (init.method === 'POST') return { status: 202, body: { archiveId: 'arc_1', status: 'BUILDING', name: 'a.zip', count: 3, size: 9 } };
    polls += 1;
    return { body: polls < 3 ? { archiveId: 'arc_1', status: 'BUILDING' } : { archiveId: 'arc_1', status: 'READY', url: 'https://s3/a.zip', name: 'a.zip', count: 3 } };
  });
  const api = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl });
  const ready = await api.archiveReady('job_1', false, { sleep: async () => {} });
  assert.equal(ready.url, 'https://s3/a.zip');
  assert.equal(polls, 3);
  assert.equal(fetchImpl.calls[1].url, 'http://api/jobs/job_1/archives/arc_1');

  const failing = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl: scriptedFetch((url, init) => (init.method === 'POST'
    ? { status: 202, body: { archiveId: 'arc_2', status: 'BUILDING' } } : { body: { archiveId: 'arc_2', status: 'FAILED', error: 'The zip could not be written; ask for it again.' } })) });
  await assert.rejects(failing.archiveReady('job_1', false, { sleep: async () => {} }), /could not be written/);

  const small = new Api({ baseUrl: 'http://api', token: async () => 't', fetchImpl: scriptedFetch(() => ({ status: 201, body: { url: 'https://s3/b.zip', count: 1 } })) });
  assert.equal((await small.archiveReady('job_1')).url, 'https://s3/b.zip');
});
