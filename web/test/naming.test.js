import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleOutputName, matchFileName } from '../js/naming.js';

test('a file name is filed by SKU and role as the server files it', () => {
  assert.deepEqual(matchFileName('{sku}-{role}.jpg', 'sku-104-front.png'), { sku: 'sku-104', role: 'front' });
  assert.deepEqual(matchFileName('{sku}_{n}.jpg', 'SHOE_42_1.jpg'), { sku: 'SHOE_42', role: 'main' });
  assert.deepEqual(matchFileName('{sku}_{n}.jpg', 'SHOE_42_3.jpg'), { sku: 'SHOE_42', role: 'extra-2' });
  assert.match(matchFileName('{sku}-{role}.jpg', 'nodash.jpg').error, /does not follow/);
  assert.match(matchFileName('{sku}-{shade}.jpg', 'a-b.jpg').error, /unknown variable \{shade\}/);
  assert.match(matchFileName('{role}.jpg', 'a.jpg').error, /needs \{sku\}/);
});

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
