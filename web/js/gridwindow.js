// The windowing maths of the task grid: which cards a scrolled viewport needs, where each card goes, and how tall the
// whole grid is. Rows have one fixed height, so none of it needs the cards themselves.

/** Columns of at least `minWidth` px that fit in `width` with `gap` between them (CSS repeat(auto-fill, minmax(…)) does the same). */
export function columnsFor(width, minWidth, gap) {
  if (!(width > 0) || !(minWidth > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

/** The grid's geometry: columns, each column's width, the distance from one row's top to the next, the total height. */
export function gridLayout({ count, width, minWidth, gap, rowHeight }) {
  const columns = columnsFor(width, minWidth, gap);
  const columnWidth = Math.max(0, (width - gap * (columns - 1)) / columns);
  const rows = Math.ceil(count / columns);
  const pitch = rowHeight + gap;
  return { columns, columnWidth, rows, pitch, rowHeight, gap, height: rows ? rows * pitch - gap : 0 };
}

/** Where card `index` goes: its row and column, and its offset from the grid's top-left corner. */
export function cardPosition(layout, index) {
  const row = Math.floor(index / layout.columns);
  const column = index % layout.columns;
  return { row, column, top: row * layout.pitch, left: column * (layout.columnWidth + layout.gap) };
}

/**
 * The cards to draw: those of the rows the viewport shows, plus `overscan` rows either side, so that scrolling and
 * tabbing find the next cards already there. `viewportTop` is how far the viewport's top is below the grid's top
 * (negative while the grid starts lower down the page). Grids of at most `renderAll` cards are drawn whole.
 * Answers the half-open range [start, end) of card indexes.
 */
export function visibleRange(layout, count, { viewportTop, viewportHeight, overscan = 2, renderAll = 0 }) {
  if (count <= renderAll) return { start: 0, end: count };
  if (!layout.rows || !(layout.pitch > 0)) return { start: 0, end: 0 };
  const firstRow = Math.floor(viewportTop / layout.pitch) - overscan;
  const lastRow = Math.ceil((viewportTop + viewportHeight) / layout.pitch) + overscan; // exclusive
  const from = Math.min(layout.rows, Math.max(0, firstRow));
  const to = Math.min(layout.rows, Math.max(from, lastRow));
  return { start: from * layout.columns, end: Math.min(count, to * layout.columns) };
}

/** The scroll offset (from the grid's top) that brings card `index` fully into a viewport of `viewportHeight`, or null if it is. */
export function revealOffset(layout, index, { viewportTop, viewportHeight }) {
  const { top } = cardPosition(layout, index);
  if (top >= viewportTop && top + layout.rowHeight <= viewportTop + viewportHeight) return null;
  return top < viewportTop ? top : top + layout.rowHeight - viewportHeight;
}
