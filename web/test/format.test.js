import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, formatAge, formatBytes, formatDuration, formatElapsed, plural } from '../js/format.js';

test('bytes, ages, durations and plurals', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(50 * 1024 * 1024), '50.0 MB');
  assert.equal(formatBytes(150 * 1024 * 1024), '150 MB');
  const now = Date.parse('2026-11-22T20:00:00Z');
  assert.equal(formatAge('2026-11-22T19:59:50Z', now), 'just now');
  assert.equal(formatAge('2026-11-22T19:55:00Z', now), '5 min ago');
  assert.equal(formatAge('2026-11-22T17:00:00Z', now), '3 h ago');
  assert.equal(formatAge('2026-11-21T19:00:00Z', now), 'yesterday');
  assert.equal(formatAge('nonsense', now), '');
  assert.equal(formatDuration(412), '412 ms');
  assert.equal(formatDuration(184000), '3 min 4 s');
  assert.equal(formatElapsed(0), 'under 1 s');
  assert.equal(formatElapsed(3000), '3 s');
  assert.equal(plural(1, 'image'), '1 image');
  assert.equal(plural(3, 'image'), '3 images');
  assert.equal(baseName('sku-1041-front.jpg'), 'sku-1041-front');
  assert.equal(baseName('.hidden'), '.hidden');
});
