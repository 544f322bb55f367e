// The caller's plan (GET /me) in the form's terms: what it includes, why an option is off, and the usage in words.

import { formatMoney } from './estimate.js';

const ANY = '*';


/** What a plan includes, from GET /me's answer (null: everything). */
export function planRules(me) {
  const includes = me?.includes;
  const has = (list, value) => !list || list.includes(ANY) || list.includes(value);
  return {
    name: me?.plan ?? null,
    operation: (op) => has(includes?.operations, op),
    provider: (id) => has(includes?.providers, id),
    model: (provider, model) => !model || has(includes?.models, model) || has(includes?.models, `${provider}/${model}`),
    /** Why an option is off: "Your plan (basic) does not include remove background." */
    reason: (what) => `Your plan (${me?.plan}) does not include ${what}.`,
  };
}

/** One line of usage: "basic plan · 12 of 500 images today · 1 of 2 jobs running · $0.42 of $10.00 this month". */
export function usageInWords(me) {
  if (!me?.quotas) return '';
  const q = me.quotas;
  const parts = [`${me.plan} plan`];
  const number = (n) => Number(n ?? 0).toLocaleString('en');
  const count = (quota, noun) => (quota?.limit == null ? `${number(quota?.used)} ${noun}`
    : `${number(quota.used)} of ${number(quota.limit)} ${noun}`);
  parts.push(`${count(q.imagesPerDay, 'images')} today`);
  parts.push(`${count(q.concurrentJobs, 'jobs')} running`);
  const spend = q.monthlySpend;
  if (spend) {
    const used = formatMoney({ amount: spend.used, currency: spend.currency });
    parts.push(spend.limit == null ? `${used} this month`
      : `${used} of ${formatMoney({ amount: spend.limit, currency: spend.currency })} this month`);
  }
  return parts.join(' · ');
}
