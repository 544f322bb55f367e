import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { catalogue, defaultValues, fieldsFor } from '../js/params.js';
import { aspectInWords, checkInWords, checksChoices, checksValue, failedChecks, presetJobRequest, rulesInWords } from '../js/presets.js';

// The rules as GET /presets describes them (io.atelier.presets.Presets).
const AMAZON = { background: '#ffffff', minFill: 0.85, minLongSide: 1600, aspect: 1.0, format: 'jpeg', maxBytes: 10485760, colourSpace: 'sRGB' };
const PRESETS = [
  { name: 'amazon-main', title: 'Amazon main image', rules: AMAZON },
  { name: 'etsy', title: 'Etsy listing', rules: {} },
  { name: 'custom', title: 'Custom', rules: { colourSpace: 'sRGB' } },
];
const images = [{ imageId: 'img_1', name: 'a.png' }, { imageId: 'img_2', name: 'b.png' }];

test('a preset\'s rules read as one line a seller understands', () => {
  assert.equal(rulesInWords(AMAZON), 'Pure white background, product ≥ 85 % of the frame, ≥ 1,600 px long side, square, JPEG, ≤ 10 MB, sRGB');
  assert.equal(rulesInWords({ background: '#f2f2f2', minFill: 0.8, minLongSide: 2000, width: 1500, height: 2000, aspect: 0.75, format: 'jpeg' }),
    '#f2f2f2 background, product ≥ 80 % of the frame, 1,500 × 2,000 px, JPEG');
  assert.equal(rulesInWords({ minFill: 0.75, maxFill: 0.9 }), 'Product 75–90 % of the frame');
  assert.equal(rulesInWords({ minLongSide: 2000, aspect: 4 / 3 }), '≥ 2,000 px long side, 4:3');
  assert.equal(rulesInWords({ colourSpace: 'sRGB' }), 'sRGB');
});

test('aspect ratios read as people write them', () => {
  assert.equal(aspectInWords(1), 'square');
  assert.equal(aspectInWords(0.75), '3:4');
  assert.equal(aspectInWords(1.333), '4:3');
  assert.equal(aspectInWords(16 / 9), '16:9');
});

test('a check reads as rule, measured value and limit', () => {
  assert.deepEqual(checkInWords({ rule: 'minFill', passed: false, value: 0.72, limit: '>= 0.85' }),
    { label: 'Product fill', value: '72 %', limit: '≥ 85 %', passed: false });
  assert.deepEqual(checkInWords({ rule: 'longSide', passed: false, value: 1200, limit: '>= 1600' }),
    { label: 'Long side', value: '1,200 px', limit: '≥ 1,600 px', passed: false });
  assert.deepEqual(checkInWords({ rule: 'background', passed: false, value: 0.5, limit: '>= 0.99 of the border is #ffffff' }),
    { label: 'Background', value: '50 % of the border is #ffffff', limit: '≥ 99 %', passed: false });
  assert.deepEqual(checkInWords({ rule: 'size', passed: true, value: '2000x2000', limit: '2000x2000' }),
    { label: 'Size', value: '2000 × 2000', limit: '2000 × 2000', passed: true });
  assert.equal(checkInWords({ rule: 'bytes', passed: false, value: 2097152, limit: '<= 1048576' }).limit, '≤ 1.0 MB');
  assert.equal(checkInWords({ rule: 'format', passed: false, value: 'png', limit: 'jpeg' }).value, 'PNG');
  assert.equal(checkInWords({ rule: 'novel', passed: true, value: 3, limit: 4 }).label, 'novel');
});

test('only failed checks are flagged; tasks without checks have none', () => {
  const task = { checks: [{ rule: 'format', passed: true }, { rule: 'minFill', passed: false }] };
  assert.deepEqual(failedChecks(task).map((c) => c.rule), ['minFill']);
  assert.deepEqual(failedChecks({ checks: null }), []);
  assert.deepEqual(failedChecks(undefined), []);
});

test('"Check results against" offers none, the colour space, and every preset but custom', () => {
  assert.deepEqual(checksChoices(PRESETS).map(([v]) => v), ['', 'true', 'amazon-main', 'etsy']);
  assert.equal(checksValue(''), undefined);
  assert.equal(checksValue('true'), true);
  assert.equal(checksValue('etsy'), 'etsy');
});

test('a preset job sends the preset and the images, not operation, provider or params', () => {
  const { body, errors } = presetJobRequest({ name: '', preset: 'amazon-main', images });
  assert.deepEqual(errors, []);
  assert.deepEqual(body, { preset: 'amazon-main', items: [{ imageId: 'img_1' }, { imageId: 'img_2' }] });
  assert.equal(presetJobRequest({ name: ' Spring ', preset: 'etsy', images }).body.name, 'Spring');
  assert.equal(presetJobRequest({ preset: 'etsy', images: [] }).errors[0].field, 'images');
});

test('custom takes the frame parameters, checked against the frame schema', () => {
  const answer = JSON.parse(readFileSync(new URL('./fixtures/providers.json', import.meta.url), 'utf8'));
  const schema = catalogue(answer).schemaFor('local', 'frame');
  const values = { ...defaultValues(fieldsFor(schema, 'local', 'frame')), width: '1200', height: '900', format: 'webp' };
  const { body } = presetJobRequest({ preset: 'custom', values, schema, images });
  assert.deepEqual(body, { preset: 'custom', items: [{ imageId: 'img_1' }, { imageId: 'img_2' }],
    params: { margin: 5, width: 1200, height: 900, format: 'webp', quality: 90 } });
  const bad = presetJobRequest({ preset: 'custom', values: { ...values, width: '0' }, schema, images });
  assert.equal(bad.body, null);
  assert.equal(bad.errors[0].field, 'width');
});
