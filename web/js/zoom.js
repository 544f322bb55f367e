// Pure helpers of the compare view: walking a list without wrapping, and panning a zoomed picture.

/** The index `delta` away, kept within the list (no silent wrap), and whether it sits at either end. */
export function stepWithin(index, delta, length) {
  const next = length === 0 ? 0 : Math.min(length - 1, Math.max(0, index + delta));
  return { index: next, first: next === 0, last: next >= length - 1 };
}

/**
 * Where a viewport scrolls to when the content under it is dragged by (dx, dy): the content follows the pointer,
 * and the scroll stays within [0, content − viewport].
 */
export function panTo({ left, top }, { dx, dy }, { contentWidth, contentHeight, viewWidth, viewHeight }) {
  const clamp = (value, max) => Math.round(Math.min(Math.max(0, max), Math.max(0, value)));
  return { left: clamp(left - dx, contentWidth - viewWidth), top: clamp(top - dy, contentHeight - viewHeight) };
}

/** The scroll that centres a point of the content (given as fractions 0..1 of its size) in the viewport. */
export function centreOn({ fx, fy }, { contentWidth, contentHeight, viewWidth, viewHeight }) {
  return panTo({ left: fx * contentWidth - viewWidth / 2, top: fy * contentHeight - viewHeight / 2 }, { dx: 0, dy: 0 },
    { contentWidth, contentHeight, viewWidth, viewHeight });
}
