import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildJobRequest, buildParams, catalogue, defaultValues, fieldsFor, promptRule, visibleFields } from '../js/params.js';
import { paramsProblems } from '../js/schema.js';

// GET /providers as the catalogue code answers it (CatalogueFixtureTest keeps this file current).
const answer = JSON.parse(readFileSync(new URL('./fixtures/providers.json', import.meta.url), 'utf8'));
const shop = catalogue(answer);
const schemaOf = (provider, operation) => shop.schemaFor(provider, operation);
const local = (operation) => {
  const schema = schemaOf('local', operation);
  const fields = fieldsFor(schema, 'local', operation);
  return { schema, fields, values: defaultValues(fields) };
};

test('upscale ×2 on local becomes exactly the documented request', () => {
  const { schema, values } = local('upscale');
  const { body, errors } = buildJobRequest({
    name: '', operation: 'upscale', provider: 'local', prompt: 'ignored', values, schema,
    images: [{ imageId: 'img_1', name: 'a.png' }, { imageId: 'img_2', name: 'b.png', prompt: 'ignored too' }],
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(body, {
    operation: 'upscale', provider: 'local', model: null, prompt: null,
    params: { factor: 2 }, items: [{ imageId: 'img_1' }, { imageId: 'img_2' }],
  });
});

test('controls give numbers where the API wants numbers and leave hidden fields out', () => {
  const { schema, fields, values } = local('resize');
  const chosen = { ...values, width: '1200', height: '', fit: 'cover', background: 'none', format: 'jpeg', quality: '80' };
  assert.deepEqual(buildParams(schema, fields, chosen), { params: { width: 1200, fit: 'cover', format: 'jpeg', quality: 80 }, errors: [] });
  // The padding colour only shows for "contain", JPEG quality only for JPEG; "none" pads with transparency.
  assert.deepEqual(visibleFields(fields, { ...chosen, fit: 'contain', format: 'png' }).map((f) => f.name),
    ['width', 'height', 'fit', 'background', 'format']);
  assert.deepEqual(buildParams(schema, fields, { ...chosen, fit: 'contain', format: 'png' }).params,
    { width: 1200, fit: 'contain', background: 'none', format: 'png' });
  const adjust = local('adjust');
  assert.deepEqual(buildParams(adjust.schema, adjust.fields, { ...adjust.values, brightness: '1.25' }).params,
    { brightness: 1.25, contrast: 1, saturation: 1 });
});

test('out-of-range and missing values are reported per field, before anything is sent', () => {
  const resize = local('resize');
  assert.deepEqual(buildParams(resize.schema, resize.fields, { ...resize.values, width: '', height: '' }).errors,
    [{ field: 'width', message: 'Give at least one of width, height.' }]);
  assert.deepEqual(buildParams(resize.schema, resize.fields, { ...resize.values, width: '2.5' }).errors,
    [{ field: 'width', message: 'Width (px) must be a whole number.' }]);
  assert.deepEqual(buildParams(resize.schema, resize.fields, { ...resize.values, width: '40000' }).errors,
    [{ field: 'width', message: 'Width (px) must be at most 30000.' }]);
  const watermark = local('watermark');
  assert.deepEqual(buildParams(watermark.schema, watermark.fields, { ...watermark.values, opacity: '2' }).errors.map((e) => e.field),
    ['text', 'opacity']);
  assert.deepEqual(buildParams(watermark.schema, watermark.fields, { ...watermark.values, text: '© Atelier' }),
    { params: { text: '© Atelier', position: 'bottom-right', opacity: 0.5 }, errors: [] });
});

test('prompt rules come from the schema: required operations need one (per-image prompts count)', () => {
  const schema = schemaOf('gemini', 'edit');
  const base = { operation: 'edit', provider: 'gemini', schema, values: defaultValues(fieldsFor(schema, 'gemini', 'edit')) };
  assert.deepEqual(buildJobRequest({ ...base, images: [{ imageId: 'img_1' }] }).errors.map((e) => e.field), ['prompt']);
  const perImage = buildJobRequest({ ...base, images: [{ imageId: 'img_1', prompt: 'make it blue' }] });
  assert.deepEqual(perImage.errors, []);
  assert.deepEqual(perImage.body.items, [{ imageId: 'img_1', prompt: 'make it blue' }]);
  assert.equal(perImage.body.params.aspectRatio, undefined);
  const upscale = local('upscale');
  assert.deepEqual(buildJobRequest({ operation: 'upscale', provider: 'local', ...upscale, images: [] }).errors.map((e) => e.field), ['images']);
  // Stability's conservative upscale needs a prompt; its fast one does not.
  const stability = schemaOf('stability', 'upscale');
  assert.equal(promptRule(stability, 'stability', 'upscale', { mode: 'fast' }), 'optional');
  assert.equal(promptRule(stability, 'stability', 'upscale', { mode: 'conservative' }), 'required');
});

test('generate sends a count instead of items', () => {
  const schema = schemaOf('gemini', 'generate');
  const { body } = buildJobRequest({ operation: 'generate', provider: 'gemini', prompt: ' a red chair ', schema,
    values: { count: '3', aspectRatio: '16:9' } });
  assert.deepEqual(body, { operation: 'generate', provider: 'gemini', model: null,
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

/** What a person would type into a required control the form draws. */
const WORKFLOW = JSON.stringify({ 1: { class_type: 'LoadImage', inputs: { image: '{{image}}' } },
  2: { class_type: 'SaveImage', inputs: { images: ['1', 0] } } });
const typical = (field) => (field.type === 'json' ? WORKFLOW : field.options ? field.options.find(([v]) => v !== '')[0]
  : field.integer || field.type === 'number' ? String(Math.max(field.min ?? 1, 1) === 1 && field.min === 0 ? 64 : field.min ?? 1)
    : 'Atelier');

/** Required fields, and the first of each "at least one of" group, filled as a person would. */
function fillRequired(schema, fields, values) {
  const groups = schema.allOf ?? (schema.anyOf ? [{ anyOf: schema.anyOf }] : []);
  const wanted = new Set(groups.map((group) => group.anyOf?.[0]?.required?.[0]).filter(Boolean));
  for (const field of fields) {
    if ((field.required || wanted.has(field.name)) && values[field.name] === '') values[field.name] = typical(field);
  }
  return values;
}

/** Every value each control offers (each option of a list, both ends of a range), one at a time. */
function offered(field) {
  if (field.options) return field.options.map(([value]) => value).filter((v) => v !== '');
  if (field.type === 'number' || field.type === 'range') return [field.min, field.max].filter((v) => v !== undefined).map(String);
  return [];
}

test('for every provider and operation, the form drawn from GET /providers submits what the schema accepts', () => {
  let checked = 0;
  for (const provider of shop.providers) {
    for (const operation of provider.operations) {
      const schema = schemaOf(provider.id, operation);
      assert.ok(schema, `${provider.id} publishes no schema for ${operation}`);
      const fields = fieldsFor(schema, provider.id, operation);
      const start = fillRequired(schema, fields, defaultValues(fields));
      const variants = [start, ...fields.flatMap((field) => offered(field).map((value) => ({ ...start, [field.name]: value })))];
      for (const values of variants) {
        const images = [{ imageId: 'img_1' }];
        const prompt = promptRule(schema, provider.id, operation, values) === 'unused' ? '' : 'a quiet harbour at dawn';
        const { body, errors } = buildJobRequest({ operation, provider: provider.id, prompt, values, schema, images });
        const what = `${provider.id} ${operation} ${JSON.stringify(values)}`;
        // One value at a time may break a rule between fields (outpaint's left at 0): the form says so, as the API would.
        const byRule = (e) => (schema.allOf ?? []).some((g) => g['x-message'] && e.message.toLowerCase().startsWith(g['x-message'].toLowerCase()));
        if (errors.length && errors.every(byRule) && values !== start) continue;
        assert.deepEqual(errors, [], what);
        // Checked again here against the schema itself, independently of the form's own checks.
        for (const [name, value] of Object.entries(body.params)) {
          const prop = schema.properties[name];
          assert.ok(prop, `${what}: ${name} is not a parameter`);
          if (prop.enum) assert.ok(prop.enum.includes(value), `${what}: ${name}=${value}`);
          if (prop.type === 'integer') assert.ok(Number.isInteger(value), `${what}: ${name} is not whole`);
        }
        for (const name of schema.required ?? []) assert.ok(name in body.params, `${what}: ${name} missing`);
        assert.deepEqual(paramsProblems(schema, body.params), [], what);
        if (schema['x-prompt'].use === 'required') assert.ok(body.prompt || body.items.every((i) => i.prompt), what);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} forms checked`);
});
