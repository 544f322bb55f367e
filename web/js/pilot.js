// A job's pilot: the form's "Pilot (first N)" field, and what a job awaiting approval says about it.

import { formatMoney } from './estimate.js';

/** The Pilot field: empty is no pilot; else a whole number from 1 to one less than the job's items, as the API checks. */
export function pilotValue(text, items) {
  const value = (text ?? '').trim();
  if (!value) return { value: null };
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n < items)) {
    const message = items > 1
      ? `The pilot must be a whole number from 1 to ${items - 1}: the first items to run before the rest waits for you.`
      : 'A pilot needs at least two images: it runs the first and holds the rest for your approval.';
    return { error: { field: 'pilot', message } };
  }
  return { value: n };
}

/**
 * What a job's page says of its pilot: null without one (or once continued); while the pilot runs, what it will do;
 * once it ended, what ran, what waits and what the rest is estimated to cost.
 */
export function describePilot(job) {
  const pilot = job?.pilot;
  if (!pilot?.held) return null;
  const counts = job.counts ?? {};
  const rest = (counts.total ?? 0) - pilot.size;
  const restCost = formatMoney(pilot.restEstimatedCost);
  const items = (n) => `${n} ${n === 1 ? 'item' : 'items'}`;
  if (job.status !== 'AWAITING_APPROVAL') {
    return { awaiting: false, title: `Pilot: the first ${items(pilot.size)} run first`,
      text: `The other ${items(rest)} wait for your approval once the pilot has finished.` };
  }
  const failed = (counts.failed ?? 0) + (counts.canceled ?? 0);
  return {
    awaiting: true,
    title: 'Pilot finished: check its results',
    text: `The first ${items(pilot.size)} ran (${counts.succeeded ?? 0} succeeded${failed ? `, ${failed} failed or canceled` : ''}). `
      + `The other ${items(rest)} are waiting${restCost ? `, estimated at ${restCost}` : ''}. Continue runs them; Cancel cancels them.`,
  };
}
