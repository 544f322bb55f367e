// The job view's task grid, virtualised: rows of one fixed height, the grid as tall as all of them, and only the cards
// of the rows in (or near) the viewport in the document. Cards are kept by task and reused while their task is
// unchanged, so scrolling back and forth rebuilds nothing, and a 5,000-task job holds a few dozen cards at a time.

import { cardPosition, gridLayout, revealOffset, visibleRange } from '../gridwindow.js';
import { syncChildren } from '../listsync.js';

/** Lists this short are drawn whole (still in fixed rows): nothing to gain, and every card stays findable. */
const RENDER_ALL = 60;
/** Cards kept for reuse beyond those drawn: a few screens of scrolling back. */
const KEPT = 400;

export class TaskGrid {
  /**
   * @param element   the grid's <ul>
   * @param card      task → a new <li> card
   * @param signature task → a string that changes whenever its card must be drawn again
   * @param covered   → px at the top of the viewport that a sticky bar hides (a revealed card goes below it)
   */
  constructor({ element, card, signature, covered = () => 0 }) {
    this.covered = covered;
    this.element = element;
    this.card = card;
    this.signature = signature;
    this.tasks = [];
    this.kept = new Map(); // taskId → { element, signature }
    this.rowHeight = 0;
    this.frame = 0;
    this.element.classList.add('virtual');
    this.onScroll = () => this.schedule();
    this.onResize = () => this.schedule();
  }

  mount() {
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onResize);
  }

  unmount() {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onResize);
    cancelAnimationFrame(this.frame);
  }

  /** The tasks to show, in order (already filtered); draws the window at once. */
  setTasks(tasks) {
    this.tasks = tasks;
    this.render();
  }

  /** The drawn card of a task, if it is drawn. */
  cardFor(taskId) {
    const entry = this.kept.get(taskId);
    return entry?.element.isConnected ? entry.element : null;
  }

  /** Scrolls a task's card into view (drawing it) and answers it; null when the task is not in the list. */
  reveal(taskId) {
    const index = this.tasks.findIndex((t) => t.taskId === taskId);
    if (index < 0) return null;
    const layout = this.layout();
    const top = this.element.getBoundingClientRect().top;
    const hidden = Math.max(0, this.covered());
    const offset = revealOffset(layout, index, { viewportTop: hidden - top, viewportHeight: window.innerHeight - hidden });
    if (offset !== null) window.scrollTo({ top: window.scrollY + top + offset - hidden, behavior: 'instant' });
    this.render();
    return this.cardFor(taskId);
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  layout() {
    const style = getComputedStyle(this.element);
    const gap = parseFloat(style.rowGap) || 0;
    const min = style.getPropertyValue('--task-min').trim();
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const minWidth = min.endsWith('rem') ? parseFloat(min) * rem : parseFloat(min) || 14 * rem;
    const width = this.element.clientWidth;
    if (width !== this.width) {
      this.width = width; // new column widths: the rows are measured again
      this.rowHeight = 0;
      this.remeasure = true;
    }
    const estimate = gridLayout({ count: this.tasks.length, width, minWidth, gap, rowHeight: 1 });
    // Until cards are measured: the picture (4:3) and a body of about ten lines.
    if (!this.rowHeight) this.rowHeight = Math.round(estimate.columnWidth * 0.75 + 10 * rem);
    return gridLayout({ count: this.tasks.length, width, minWidth, gap, rowHeight: this.rowHeight });
  }

  render() {
    const layout = this.layout();
    this.element.style.height = `${layout.height}px`;
    const top = this.element.getBoundingClientRect().top;
    const { start, end } = visibleRange(layout, this.tasks.length,
      { viewportTop: -top, viewportHeight: window.innerHeight, renderAll: RENDER_ALL });
    const wanted = [];
    const fresh = [];
    for (let index = start; index < end; index += 1) {
      const task = this.tasks[index];
      const signature = this.signature(task);
      let entry = this.kept.get(task.taskId);
      if (!entry || entry.signature !== signature) {
        const element = this.card(task);
        if (entry?.element.isConnected) entry.element.replaceWith(element);
        entry = { element, signature };
        this.kept.set(task.taskId, entry);
        fresh.push(element);
      }
      place(entry.element, cardPosition(layout, index), layout);
      wanted.push(entry.element);
    }
    // The focused card stays, wherever it is, while its task is listed: focus is never dropped by a scroll.
    const focused = document.activeElement?.closest?.('.task-card');
    const keep = new Set(wanted);
    if (focused && this.element.contains(focused) && this.tasks.some((t) => this.kept.get(t.taskId)?.element === focused)) keep.add(focused);
    // In order, so that Tab walks the cards as they are seen.
    syncChildren(this.element, wanted, keep);
    this.forget(keep);
    const measured = this.remeasure ? wanted : fresh;
    this.remeasure = false;
    if (measured.length && this.measure(measured)) this.schedule();
  }

  /**
   * Grows the rows to the tallest new card's own height; true when they grew (the grid is laid out again). All
   * writes, then all reads, then all writes: one layout for every card, not one per card.
   */
  measure(cards) {
    for (const card of cards) card.style.height = 'auto';
    let tallest = 0;
    for (const card of cards) tallest = Math.max(tallest, card.offsetHeight);
    for (const card of cards) card.style.height = `${this.rowHeight}px`;
    if (tallest <= this.rowHeight) return false;
    this.rowHeight = Math.ceil(tallest);
    return true;
  }

  /** Keeps at most KEPT cards that are not drawn, and none of tasks no longer listed. */
  forget(drawn) {
    if (this.kept.size <= KEPT + drawn.size) return;
    const listed = new Set(this.tasks.map((t) => t.taskId));
    for (const [taskId, entry] of this.kept) {
      if (this.kept.size <= KEPT + drawn.size) break;
      if (!drawn.has(entry.element) || !listed.has(taskId)) this.kept.delete(taskId);
    }
  }
}

function place(element, position, layout) {
  const style = element.style;
  style.top = `${position.top}px`;
  style.left = `${position.left}px`;
  style.width = `${layout.columnWidth}px`;
  style.height = `${layout.rowHeight}px`;
}
