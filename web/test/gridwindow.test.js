import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cardPosition, columnsFor, gridLayout, revealOffset, visibleRange } from '../js/gridwindow.js';

// 5,000 cards of at least 224 px in a 1,000 px wide grid with 16 px gaps: 4 columns, rows of 300 px.
const layout = gridLayout({ count: 5000, width: 1000, minWidth: 224, gap: 16, rowHeight: 300 });

test('columns follow CSS auto-fill: as many minimum widths (with their gaps) as fit, never fewer than one', () => {
  assert.equal(columnsFor(1000, 224, 16), 4);
  assert.equal(columnsFor(944, 224, 16), 4); // 4 × 224 + 3 × 16 = 944: four fit exactly
  assert.equal(columnsFor(943, 224, 16), 3);
  assert.equal(columnsFor(100, 224, 16), 1);
  assert.equal(columnsFor(0, 224, 16), 1);
});

test('the layout spreads the width over the columns and is as tall as its rows', () => {
  assert.equal(layout.columns, 4);
  assert.equal(layout.columnWidth, (1000 - 3 * 16) / 4);
  assert.equal(layout.rows, 1250);
  assert.equal(layout.pitch, 316);
  assert.equal(layout.height, 1250 * 316 - 16);
  assert.equal(gridLayout({ count: 0, width: 1000, minWidth: 224, gap: 16, rowHeight: 300 }).height, 0);
  assert.equal(gridLayout({ count: 5, width: 1000, minWidth: 224, gap: 16, rowHeight: 300 }).rows, 2);
});

test('each card has its row, column and offset', () => {
  assert.deepEqual(cardPosition(layout, 0), { row: 0, column: 0, top: 0, left: 0 });
  assert.deepEqual(cardPosition(layout, 6), { row: 1, column: 2, top: 316, left: 2 * (238 + 16) });
  assert.equal(cardPosition(layout, 4999).top, 1249 * 316);
});

test('only the rows in view and two either side are drawn, wherever the viewport is', () => {
  const view = { viewportHeight: 900 };
  // Grid below the top of the page: rows 0..2 show (900 / 316), plus two below.
  assert.deepEqual(visibleRange(layout, 5000, { ...view, viewportTop: -200 }), { start: 0, end: 4 * 5 });
  // Scrolled to row 100 exactly: rows 98..102 plus the overscan, so 98 to 105 (exclusive).
  assert.deepEqual(visibleRange(layout, 5000, { ...view, viewportTop: 100 * 316 }), { start: 98 * 4, end: 105 * 4 });
  // Half-way into row 100: row 100 is still partly visible, so nothing of it is dropped.
  assert.deepEqual(visibleRange(layout, 5000, { ...view, viewportTop: 100 * 316 + 150 }), { start: 98 * 4, end: 106 * 4 });
  // At the very end: the last row, short of the end of the list, ends the range.
  const end = visibleRange(layout, 5000, { ...view, viewportTop: layout.height - 900 });
  assert.equal(end.end, 5000);
  assert.ok(end.end - end.start <= 4 * 8, 'a window, not the whole list');
  // Far past the end (a filter just shortened the list): nothing, rather than a range beyond it.
  assert.deepEqual(visibleRange(layout, 5000, { ...view, viewportTop: layout.height + 10000 }), { start: 5000, end: 5000 });
});

test('a short list is drawn whole, and a window never holds more than its rows', () => {
  const few = gridLayout({ count: 30, width: 1000, minWidth: 224, gap: 16, rowHeight: 300 });
  assert.deepEqual(visibleRange(few, 30, { viewportTop: 5000, viewportHeight: 900, renderAll: 60 }), { start: 0, end: 30 });
  const many = visibleRange(layout, 5000, { viewportTop: 20000, viewportHeight: 900, renderAll: 60 });
  assert.equal(many.end - many.start, 4 * 8);
  assert.deepEqual(visibleRange(gridLayout({ count: 0, width: 1000, minWidth: 224, gap: 16, rowHeight: 300 }), 0,
    { viewportTop: 0, viewportHeight: 900 }), { start: 0, end: 0 });
});

test('revealing a card scrolls just enough, and not at all when it is in view', () => {
  const view = { viewportTop: 100 * 316, viewportHeight: 900 };
  assert.equal(revealOffset(layout, 100 * 4 + 1, view), null);
  assert.equal(revealOffset(layout, 10, view), 2 * 316);
  assert.equal(revealOffset(layout, 200 * 4, view), 200 * 316 + 300 - 900);
});
