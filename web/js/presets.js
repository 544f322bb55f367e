// Marketplace presets (GET /presets) in words, the job body a preset makes, and a task's compliance checks in words.
// The rules themselves live in the API; this only says them the way a seller reads them.

import { buildJobRequest } from './params.js';
import { formatBytes } from './format.js';

export const CUSTOM = 'custom';

const number = (n) => Number(n).toLocaleString('en-US');
const percent = (share) => `${Math.round(Number(share) * 1000) / 10} %`;
const colour = (hex) => (/^#ffffff$/i.test(hex) ? 'Pure white' : hex);

/** 1 → "square", 0.75 → "3:4": an aspect ratio as people write it (small whole numbers when there are some). */
export function aspectInWords(aspect) {
  if (Math.abs(aspect - 1) < 0.005) return 'square';
  for (let h = 1; h <= 20; h++) {
    const w = aspect * h;
    if (Math.abs(w - Math.round(w)) < 0.01) return `${Math.round(w)}:${h}`;
  }
  return String(Math.round(aspect * 100) / 100);
}

/** A preset's rules as one line: "Pure white background, product ≥ 85 % of the frame, ≥ 1,600 px long side, …". */
export function rulesInWords(rules = {}) {
  const words = [];
  if (rules.background) words.push(`${colour(rules.background)} background`);
  if (rules.minFill !== undefined && rules.maxFill !== undefined) {
    words.push(`product ${Math.round(rules.minFill * 100)}–${percent(rules.maxFill)} of the frame`);
  } else if (rules.minFill !== undefined) words.push(`product ≥ ${percent(rules.minFill)} of the frame`);
  else if (rules.maxFill !== undefined) words.push(`product ≤ ${percent(rules.maxFill)} of the frame`);
  const sized = rules.width !== undefined && rules.height !== undefined;
  if (sized) words.push(`${number(rules.width)} × ${number(rules.height)} px`);
  if (rules.minLongSide !== undefined && !(sized && Math.max(rules.width, rules.height) >= rules.minLongSide)) {
    words.push(`≥ ${number(rules.minLongSide)} px long side`);
  }
  if (rules.aspect !== undefined && !sized) words.push(aspectInWords(rules.aspect));
  if (rules.format) words.push(rules.format.toUpperCase());
  if (rules.maxBytes !== undefined) words.push(`≤ ${formatBytes(rules.maxBytes).replace('.0 ', ' ')}`);
  if (rules.colourSpace) words.push(rules.colourSpace);
  return words.join(', ').replace(/^product/, 'Product');
}

/** How each rule's value and limit read; `value` formats the numbers on both sides. */
const RULES = {
  // ">= 0.99 of the border is #ffffff": the colour goes with the measured share, the limit keeps the number.
  background: { label: 'Background', value: percent, limitTail: true },
  minFill: { label: 'Product fill', value: percent },
  maxFill: { label: 'Product fill', value: percent },
  longSide: { label: 'Long side', value: (n) => `${number(n)} px` },
  size: { label: 'Size', value: (s) => String(s).replace('x', ' × ') },
  aspect: { label: 'Aspect ratio', value: (n) => aspectInWords(Number(n)) },
  format: { label: 'Format', value: (s) => String(s).toUpperCase() },
  bytes: { label: 'File size', value: (n) => formatBytes(Number(n)) },
  colourSpace: { label: 'Colour space', value: String },
  decodable: { label: 'Readable', value: String },
};

/** One check as {label, value, limit} in words: {Product fill, "72 %", "≥ 85 %"}. */
export function checkInWords(check) {
  const rule = RULES[check.rule] ?? { label: check.rule, value: String };
  const bound = typeof check.limit === 'string' ? /^(>=|<=)\s*(-?[\d.]+)(.*)$/.exec(check.limit) : null;
  const tail = bound?.[3] ?? '';
  const limit = bound ? `${bound[1] === '>=' ? '≥' : '≤'} ${rule.value(Number(bound[2]))}${rule.limitTail ? '' : tail}` : rule.value(check.limit);
  return { label: rule.label, value: rule.value(check.value) + (rule.limitTail ? tail : ''), limit, passed: check.passed };
}

/** The checks a task's result failed ([] when it passed them all or had none). */
export function failedChecks(task) {
  return (task?.checks ?? []).filter((check) => !check.passed);
}

/** The "Check results against" choices for an ordinary job: none, the colour space alone, or a preset's rules. */
export function checksChoices(presets = []) {
  return [['', 'Nothing (no checks)'], ['true', 'Colour space only (sRGB)'],
    ...presets.filter((p) => p.name !== CUSTOM).map((p) => [p.name, p.title])];
}

/** A choice's value for the request's `checks`: true, a preset name, or undefined for none. */
export function checksValue(choice) {
  return choice === 'true' ? true : choice || undefined;
}

/**
 * The POST /jobs body for a preset on these images: {preset, items} (and the frame's params for custom, whose
 * `schema` and control `values` are the local frame operation's).
 */
export function presetJobRequest({ name, preset, values = {}, schema = null, images = [] }) {
  const custom = preset === CUSTOM;
  const { body, errors } = buildJobRequest({ name, operation: 'frame', provider: 'local', values: custom ? values : {},
    schema: custom ? schema : null, images });
  if (!body) return { body: null, errors };
  const out = { ...(body.name ? { name: body.name } : {}), preset, items: body.items };
  if (custom && Object.keys(body.params).length) out.params = body.params;
  return { body: out, errors: [] };
}
