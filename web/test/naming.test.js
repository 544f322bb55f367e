import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleOutputName } from '../js/naming.js';

test('an output name example is safe and keeps the template folders', () => {
  const item = { sku: 'A1', role: 'main', name: 'shoe front.JPG', ext: 'PNG', customId: 'CON', n: 1 };
  assert.deepEqual(exampleOutputName('{sku}/{sku}_{role}.{ext}', item), { name: 'A1/A1_main.png' });
  assert.deepEqual(exampleOutputName('{name}_white.{ext}', item), { name: 'shoe front_white.png' });
  assert.deepEqual(exampleOutputName('{customId}', item), { name: '_CON' });
  assert.deepEqual(exampleOutputName('{customId}', { customId: 'a<b>:c. ' }), { name: 'a_b__c' });
  assert.match(exampleOutputName('{colour}', item).error, /unknown variable \{colour\}/);
});

test('{ext} may only end an output name, as the server requires', () => {
  assert.deepEqual(exampleOutputName('{sku}/{sku}_{role}.{ext}', { sku: 'A1', role: 'main', ext: 'png' }), { name: 'A1/A1_main.png' });
  assert.match(exampleOutputName('{ext}/{name}', { name: 'a.jpg', ext: 'png' }).error, /may only end/);
});
