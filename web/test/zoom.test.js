import assert from 'node:assert/strict';
import { test } from 'node:test';
import { centreOn, panTo, stepWithin } from '../js/zoom.js';

test('previous and next stop at the ends instead of wrapping', () => {
  assert.deepEqual(stepWithin(0, -1, 3), { index: 0, first: true, last: false });
  assert.deepEqual(stepWithin(2, 1, 3), { index: 2, first: false, last: true });
  assert.deepEqual(stepWithin(1, 1, 3), { index: 2, first: false, last: true });
  assert.deepEqual(stepWithin(0, 0, 1), { index: 0, first: true, last: true });
  assert.deepEqual(stepWithin(0, 1, 0), { index: 0, first: true, last: true });
});

test('panning moves the picture with the pointer and stays within it', () => {
  const size = { contentWidth: 1600, contentHeight: 1200, viewWidth: 800, viewHeight: 600 };
  assert.deepEqual(panTo({ left: 400, top: 300 }, { dx: 100, dy: -50 }, size), { left: 300, top: 350 });
  assert.deepEqual(panTo({ left: 10, top: 10 }, { dx: 100, dy: 100 }, size), { left: 0, top: 0 });
  assert.deepEqual(panTo({ left: 790, top: 590 }, { dx: -100, dy: -100 }, size), { left: 800, top: 600 });
  // A picture smaller than the view does not scroll at all.
  assert.deepEqual(panTo({ left: 0, top: 0 }, { dx: -50, dy: -50 }, { ...size, contentWidth: 400, contentHeight: 300 }), { left: 0, top: 0 });
});

test('zooming in centres the picture', () => {
  assert.deepEqual(centreOn({ fx: 0.5, fy: 0.5 }, { contentWidth: 1600, contentHeight: 1200, viewWidth: 800, viewHeight: 600 }),
    { left: 400, top: 300 });
  assert.deepEqual(centreOn({ fx: 0, fy: 1 }, { contentWidth: 1600, contentHeight: 1200, viewWidth: 800, viewHeight: 600 }),
    { left: 0, top: 600 });
});
