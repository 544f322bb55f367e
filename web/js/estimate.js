// The New job form's cost estimate: a debounced dry run of the job as it stands, and its answer in words.

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£' };

/**
 * Money as text without going through a float: "0.0400" USD → "$0.04", "12.345" → "$12.35"; an amount below a cent
 * keeps two significant digits ("0.000599253" → "$0.0006"), since a per-image price is often a fraction of one.
 */
export function formatMoney(money) {
  if (!money || typeof money.amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(money.amount)) return '';
  const negative = money.amount.startsWith('-');
  const plain = money.amount.replace(/^-/, '');
  const [whole, fraction = ''] = plain.split('.');
  const leadingZeros = /^0*$/.test(whole) ? (fraction.match(/^0*/)[0].length) : 0;
  const places = whole.replace(/^0+/, '') === '' && leadingZeros >= 2 && /[1-9]/.test(fraction) ? leadingZeros + 2 : 2;
  const rounded = roundDecimal(whole, fraction, places);
  const [w, f] = rounded.split('.');
  const digits = f.length > 2 ? f.replace(/0+$/, '').padEnd(2, '0') : f;
  const text = `${w.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits}`;
  const sign = negative && /[1-9]/.test(rounded) ? '-' : '';
  const symbol = SYMBOLS[money.currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${money.currency}`;
}

/** Rounds a non-negative decimal, given as its whole and fraction digits, half up to `places` decimals. */
function roundDecimal(whole, fraction, places) {
  const padded = fraction.padEnd(places + 1, '0');
  let units = BigInt((whole || '0') + padded.slice(0, places));
  if (Number(padded[places]) >= 5) units += 1n;
  const text = units.toString().padStart(places + 1, '0');
  return `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
}

/** A dry run's answer as lines a person reads: the total, each step, each provider and what would be refused. */
export function describeEstimate(estimate) {
  const tasks = estimate.tasks ?? 0;
  const steps = (estimate.steps ?? []).map((step) =>
    `Step ${step.step + 1}: ${step.operation} on ${step.provider}: ${formatMoney(step.estimatedCost)}`);
  const providers = Object.entries(estimate.providers ?? {}).map(([provider, money]) => `${provider}: ${formatMoney(money)}`);
  const budget = (estimate.refused ?? []).filter((r) => r.field === 'budget').map((r) => `Over budget: ${r.message}.`);
  const refused = (estimate.refused ?? []).filter((r) => r.field !== 'budget').map((r) => `${r.field}: ${r.message}`);
  return {
    total: `Estimated cost: ${formatMoney(estimate.estimatedCost)} for ${tasks} ${tasks === 1 ? 'task' : 'tasks'}`,
    steps,
    providers,
    refused: [...budget, ...(refused.length ? [`${refused.length} ${refused.length === 1 ? 'item' : 'items'} would be refused:`, ...refused] : [])],
  };
}

/** The Budget field: empty is no budget; else Money in the price table's currency, checked as the API does. */
export function budgetValue(text, currency = 'USD') {
  const amount = (text ?? '').trim().replace(/^\$/, '');
  if (!amount) return { value: null };
  if (!/^\d{1,12}(\.\d{1,6})?$/.test(amount) || !/[1-9]/.test(amount))
    return { error: { field: 'budget', message: 'The budget must be an amount above 0 with at most 6 decimals, such as 25.00.' } };
  return { value: { amount, currency } };
}

/**
 * Asks for the estimate a moment after the form stops changing, and shows only the answer to the latest request
 * (an earlier, slower answer arriving late is dropped). `onState` receives
 * {state: 'idle'|'waiting'|'ready'|'error', estimate?, message?}.
 */
export class EstimateRequester {
  constructor({ fetchEstimate, onState, delayMs = 400, timers = globalThis }) {
    Object.assign(this, { fetchEstimate, onState, delayMs, timers });
    this.timer = null;
    this.sequence = 0;
    this.lastKey = null;
  }

  /** The job body as it stands, or null when the form cannot make one yet. */
  changed(body) {
    const key = body ? JSON.stringify(body) : null;
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const mine = ++this.sequence;
    if (!body) {
      this.onState({ state: 'idle' });
      return;
    }
    this.onState({ state: 'waiting' });
    this.timer = this.timers.setTimeout(() => this.ask(body, mine), this.delayMs);
  }

  async ask(body, mine) {
    this.timer = null;
    try {
      const estimate = await this.fetchEstimate({ ...body, dryRun: true });
      if (mine === this.sequence) this.onState({ state: 'ready', estimate });
    } catch (error) {
      if (mine === this.sequence) this.onState({ state: 'error', message: error.message });
    }
  }
}
