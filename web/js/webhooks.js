// Webhook endpoints in the browser: the create request checked as the API checks it, and a delivery in words.

export const WEBHOOK_EVENTS = [
  ['job.completed', 'Job completed'],
  ['job.partial', 'Job partly done'],
  ['job.failed', 'Job failed'],
  ['job.awaiting_approval', 'Pilot done, awaiting approval'],
  ['task.succeeded', 'Image done'],
  ['task.failed', 'Image failed'],
];

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The body of POST /webhooks from the form's values, or {errors} naming the fields. https only, except to this
 * machine (the local stack allows http to loopback; the server decides in the end, after resolving the name).
 */
export function webhookRequest({ url, description = '', events = [], makeDefault = false }) {
  const errors = [];
  let parsed = null;
  try {
    parsed = new URL(String(url).trim());
  } catch {
    errors.push({ field: 'url', message: 'Enter the full address, starting with https://' });
  }
  if (parsed && parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname))) {
    errors.push({ field: 'url', message: 'The address must start with https://' });
  }
  if (parsed && (parsed.username || parsed.password)) errors.push({ field: 'url', message: 'Leave the user name and password out of the address' });
  if (events.length === 0) errors.push({ field: 'events', message: 'Choose at least one event' });
  if (description.length > 200) errors.push({ field: 'description', message: 'At most 200 characters' });
  if (errors.length) return { errors };
  const body = { url: parsed.href, events: [...events] };
  if (description.trim()) body.description = description.trim();
  if (makeDefault) body.default = true;
  return { body };
}

/** A delivery's status as a label and tone, and one line on its last attempt. */
export function describeDelivery(delivery) {
  const [label, tone] = {
    SUCCEEDED: ['Delivered', 'good'],
    FAILED: ['Gave up', 'bad'],
    PENDING: [delivery.attempts ? 'Retrying' : 'Sending', 'busy'],
  }[delivery.status] ?? [delivery.status, 'idle'];
  const parts = [`${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`];
  if (delivery.responseCode != null) parts.push(`answered ${delivery.responseCode}`);
  if (delivery.latencyMs != null) parts.push(`${delivery.latencyMs} ms`);
  if (delivery.error && delivery.status !== 'SUCCEEDED') parts.push(delivery.error);
  return { label, tone, detail: parts.join(' · ') };
}

/** An endpoint's state: Active, or Disabled with why (a 410 Gone from the receiver, or its owner). */
export function describeEndpoint(endpoint) {
  if (endpoint.enabled !== false) return { label: 'Active', tone: 'good', detail: '' };
  const since = endpoint.disabledAt ? ` since ${endpoint.disabledAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  return { label: 'Disabled', tone: 'bad', detail: `Nothing is sent${since}. ${endpoint.disabledReason ?? ''}`.trim() };
}
