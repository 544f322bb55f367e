import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildJobRequest, buildParams, catalogue, defaultValues, visibleFields } from '../js/params.js';

test('upscale ×2 on local becomes exactly the documented request', () => {
  const { body, errors } = buildJobRequest({
    name: '', operation: 'upscale', provider: 'local', prompt: 'ignored', values: defaultValues('upscale'),
    images: [{ imageId: 'img_1', name: 'a.png' }, { imageId: 'img_2', name: 'b.png', prompt: 'ignored too' }],
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(body, {
    name: 'Upscale · 2 images', operation: 'upscale', provider: 'local', model: null, prompt: null,
    params: { factor: 2 }, items: [{ imageId: 'img_1' }, { imageId: 'img_2' }],
  });
});

test('controls give numbers where the API wants numbers and leave hidden fields out', () => {
  const values = { ...defaultValues('resize'), width: '1200', height: '', fit: 'cover', format: 'jpeg', quality: '80' };
  assert.deepEqual(buildParams('resize', values), { params: { width: 1200, fit: 'cover', format: 'jpeg', quality: 80 }, errors: [] });
  // The padding colour only shows for "contain", JPEG quality only for JPEG.
  assert.deepEqual(visibleFields('resize', { ...values, fit: 'contain', format: 'png' }).map((f) => f.name),
    ['width', 'height', 'fit', 'background', 'format']);
  const adjust = buildParams('adjust', { ...defaultValues('adjust'), brightness: '1.25' });
  assert.deepEqual(adjust.params, { brightness: 1.25, contrast: 1, saturation: 1 });
});

test('out-of-range and missing values are reported per field, before anything is sent', () => {
  assert.deepEqual(buildParams('resize', { ...defaultValues('resize'), width: '', height: '' }).errors,
    [{ field: 'width', message: 'Give a width, a height or both.' }]);
  assert.deepEqual(buildParams('resize', { ...defaultValues('resize'), width: '2.5' }).errors,
    [{ field: 'width', message: 'Width (px) must be a whole number.' }]);
  assert.deepEqual(buildParams('watermark', { ...defaultValues('watermark'), opacity: '2' }).errors.map((e) => e.field),
    ['text', 'opacity']);
  const w = buildParams('watermark', { ...defaultValues('watermark'), text: '© Atelier', fontSize: '' });
  assert.deepEqual(w, { params: { text: '© Atelier', position: 'bottom-right', opacity: 0.5 }, errors: [] });
});

test('prompt rules: required operations need one (per-image prompts count), images are needed', () => {
  const base = { operation: 'edit', provider: 'gemini', values: defaultValues('edit') };
  assert.deepEqual(buildJobRequest({ ...base, images: [{ imageId: 'img_1' }] }).errors.map((e) => e.field), ['prompt']);
  const perImage = buildJobRequest({ ...base, images: [{ imageId: 'img_1', prompt: 'make it blue' }] });
  assert.deepEqual(perImage.errors, []);
  assert.deepEqual(perImage.body.items, [{ imageId: 'img_1', prompt: 'make it blue' }]);
  assert.equal(perImage.body.params.aspectRatio, undefined);
  assert.deepEqual(buildJobRequest({ operation: 'upscale', provider: 'local', values: defaultValues('upscale'), images: [] })
    .errors.map((e) => e.field), ['images']);
});

test('generate sends a count instead of items', () => {
  const { body } = buildJobRequest({ operation: 'generate', provider: 'gemini', prompt: ' a red chair ', values: { count: '3', aspectRatio: '16:9' } });
  assert.deepEqual(body, { name: 'Generate from text', operation: 'generate', provider: 'gemini', model: null,
    prompt: 'a red chair', params: { aspectRatio: '16:9' }, count: 3 });
});

test('the catalogue offers only configured providers and only their operations', () => {
  const c = catalogue({ providers: [
    { id: 'local', configured: true, operations: ['resize', 'upscale', 'convert', 'teleport'] },
    { id: 'gemini', configured: false, operations: ['edit', 'generate', 'upscale'] },
    { id: 'seedream', configured: true, operations: ['edit', 'upscale'] },
  ] });
  assert.deepEqual(c.operations, ['upscale', 'resize', 'convert', 'edit', 'teleport']);
  assert.deepEqual(c.providersFor('upscale').map((p) => p.id), ['local', 'seedream']);
  assert.deepEqual(c.providersFor('generate').map((p) => p.id), []);
  assert.deepEqual(catalogue({}).operations, []);
});

test('frame and local replace-background give the numbers and booleans the API checks', () => {
  assert.deepEqual(buildParams('frame', defaultValues('frame')).params,
    { aspect: '1:1', margin: 5, minLongSide: 2000, background: '#ffffff' });
  const replace = buildParams('replace-background', { ...defaultValues('replace-background'), shadow: 'true', gradientTo: '#dddddd' });
  assert.deepEqual(replace.params, { background: '#ffffff', gradientTo: '#dddddd', shadow: true });
  assert.equal(buildParams('replace-background', defaultValues('replace-background')).params.shadow, false);
});
