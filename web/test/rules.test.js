// The rules between fields that GET /providers publishes (Java FieldRule), evaluated by the form: each combination
// the API refuses is refused here before anything is sent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildJobRequest, catalogue, defaultValues, fieldsFor, promptRule } from '../js/params.js';
import { matches } from '../js/schema.js';

const shop = catalogue(JSON.parse(readFileSync(new URL('./fixtures/providers.json', import.meta.url), 'utf8')));
const images = [{ imageId: 'img_1' }];
const form = (provider, operation, values, prompt = '') => {
  const schema = shop.schemaFor(provider, operation);
  const all = { ...defaultValues(fieldsFor(schema, provider, operation)), ...values };
  return { rule: promptRule(schema, provider, operation, all), ...buildJobRequest({ operation, provider, prompt, values: all, schema, images }) };
};

test('OpenAI: a transparent background with jpeg output is refused, png or an opaque one is fine', () => {
  const bad = form('openai', 'edit', { background: 'transparent', output_format: 'jpeg' }, 'make it blue');
  assert.deepEqual(bad.errors, [{ field: 'background', message: 'A transparent background needs output_format png or webp.' }]);
  assert.deepEqual(form('openai', 'edit', { background: 'transparent', output_format: 'png' }, 'make it blue').errors, []);
  assert.deepEqual(form('openai', 'generate', { background: 'opaque', output_format: 'jpeg' }, 'a harbour').errors, []);
});

test('Gemini style needs a style or a prompt', () => {
  const bad = form('gemini', 'style', {});
  assert.equal(bad.rule, 'required');
  assert.deepEqual(bad.errors, [{ field: 'prompt', message: 'Style needs params.style or a prompt describing the style.' }]);
  assert.equal(form('gemini', 'style', { style: 'woodcut' }).rule, 'optional');
  assert.deepEqual(form('gemini', 'style', { style: 'woodcut' }).errors, []);
  assert.deepEqual(form('gemini', 'style', {}, 'as a woodcut').errors, []);
});

test('Stability outpaint needs at least one side above 0', () => {
  const bad = form('stability', 'outpaint', { left: '0', right: '0' });
  assert.deepEqual(bad.errors.map((e) => e.field), ['left']);
  assert.match(bad.errors[0].message, /above 0/);
  assert.deepEqual(form('stability', 'outpaint', { left: '0', up: '200' }).errors, []);
});

test('a ComfyUI workflow with {{prompt}} needs a prompt; one without does not', () => {
  const withPrompt = JSON.stringify({ 1: { class_type: 'LoadImage', inputs: { image: '{{image}}' } }, 2: { class_type: 'CLIPTextEncode', inputs: { text: '{{prompt}}' } } });
  const without = JSON.stringify({ 1: { class_type: 'LoadImage', inputs: { image: '{{image}}' } } });
  const bad = form('comfyui', 'edit', { workflow: withPrompt });
  assert.equal(bad.rule, 'required');
  assert.deepEqual(bad.errors.map((e) => e.field), ['prompt']);
  assert.equal(form('comfyui', 'edit', { workflow: without }).rule, 'optional');
  assert.deepEqual(form('comfyui', 'edit', { workflow: withPrompt }, 'a red door').errors, []);
});

test('matches reads if/then, not, anyOf and exclusiveMinimum as JSON Schema does', () => {
  const rule = { if: { properties: { a: { const: 1 } }, required: ['a'] }, then: { not: { required: ['b'] } } };
  assert.equal(matches(rule, { a: 1, b: 2 }), false);
  assert.equal(matches(rule, { a: 2, b: 2 }), true);
  assert.equal(matches(rule, { b: 2 }), true);
  assert.equal(matches({ anyOf: [{ properties: { x: { exclusiveMinimum: 0 } }, required: ['x'] }] }, { x: 0 }), false);
  assert.equal(matches({ properties: { w: { type: 'string', pattern: '\\{\\{prompt\\}\\}' } } }, { w: { text: '{{prompt}}' } }), false);
});
