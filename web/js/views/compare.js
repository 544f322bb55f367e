// The compare dialog: the result over its original with a slider, fit or 100 % with panning (sharpness is judged at
// 100 %), review marks, download, previous and next (which stop at the ends). Reviewing from the keyboard: A approves,
// R rejects (each moves on to the next pair), the arrow keys move; the next pair is loaded ahead. A re-run task shows
// its earlier attempts, each viewable in place of the current result.

import { announce, h, replace } from '../dom.js';
import { centreOn, panTo, stepWithin } from '../zoom.js';

const BACKDROPS = [['checker', 'Checkerboard'], ['white', 'White'], ['black', 'Black']];

export class CompareDialog {
  /** `onClose(task)` puts the focus back on the page (on the card last shown) when the dialog closes. */
  constructor({ onReview, onDownload, onClose = () => false }) {
    this.onReview = onReview;
    this.onDownload = onDownload;
    this.onClose = onClose;
    this.zoomed = false;
    this.tasks = [];
    this.index = 0;
    this.title = h('h2', { id: 'compare-title' });
    this.original = h('img', { class: 'compare-original', alt: '', draggable: false });
    this.result = h('img', { class: 'compare-result', alt: '', draggable: false });
    this.frame = h('div', { class: 'compare-frame' }, this.original, this.result,
      h('div', { class: 'compare-divider', 'aria-hidden': 'true' }),
      h('span', { class: 'compare-tag left', 'aria-hidden': 'true' }, 'Original'),
      h('span', { class: 'compare-tag right', 'aria-hidden': 'true' }, 'Result'));
    this.stage = h('div', { class: 'compare-stage', 'aria-label': 'Picture; drag or use the arrow keys to pan at 100 %' }, this.frame);
    this.zoom = h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', id: 'compare-zoom',
      onclick: () => this.setZoom(!this.zoomed) }, '100 %');
    // What shows through a transparent result: a cut-out is judged on the background it will get.
    this.backdrops = BACKDROPS.map(([key, label]) => h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': 'false',
      dataset: { backdrop: key }, onclick: () => this.setBackdrop(key) }, label));
    this.slider = h('input', { type: 'range', id: 'compare-slider', min: 0, max: 100, step: 1, value: 50,
      'aria-valuetext': 'Half original, half result' });
    this.slider.addEventListener('input', () => this.split(Number(this.slider.value)));
    this.stage.addEventListener('pointerdown', (event) => this.drag(event));
    this.details = h('p', { class: 'small muted', id: 'compare-details' });
    this.approve = h('button', { type: 'button', class: 'btn btn-small toggle approve', 'aria-pressed': 'false',
      onclick: () => this.review('approve') }, 'Approve');
    this.reject = h('button', { type: 'button', class: 'btn btn-small toggle reject', 'aria-pressed': 'false',
      onclick: () => this.review('reject') }, 'Reject');
    this.prev = h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.step(-1) }, '← Previous');
    this.next = h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.step(1) }, 'Next →');
    this.position = h('span', { class: 'small muted' });
    this.progress = h('p', { class: 'small', id: 'compare-progress', role: 'status' });
    this.attempts = h('div', { class: 'compare-attempts btn-group', role: 'group', 'aria-label': 'Attempts' });
    this.preloads = [];
    this.element = h('dialog', { class: 'compare', 'aria-labelledby': 'compare-title', 'aria-describedby': 'compare-details' },
      h('div', { class: 'compare-inner' },
        h('div', { class: 'compare-head' }, this.title,
          h('div', { class: 'btn-group' },
            h('div', { class: 'segmented', role: 'group', 'aria-label': 'Background behind transparent parts' }, this.backdrops),
            this.zoom,
            h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => this.close() }, 'Close'))),
        this.stage,
        h('div', { class: 'compare-foot' },
          h('div', { class: 'field' },
            h('label', { for: 'compare-slider', class: 'label' }, 'Compare position (left: original, right: result)'),
            this.slider),
          this.details,
          this.attempts,
          h('div', { class: 'row' }, this.progress,
            h('p', { class: 'small muted compare-keys' }, h('kbd', {}, 'A'), ' approve · ', h('kbd', {}, 'R'), ' reject · ',
              h('kbd', {}, '←'), ' ', h('kbd', {}, '→'), ' move')),
          h('div', { class: 'row' },
            h('div', { class: 'btn-group' }, this.prev, this.position, this.next),
            h('div', { class: 'btn-group' }, this.approve, this.reject,
              h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.onDownload(this.task) }, 'Download'))))));
    this.element.addEventListener('keydown', (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const key = event.key.toLowerCase();
      if (key === 'a' || key === 'r') {
        event.preventDefault();
        this.keyReview(key === 'a' ? 'approve' : 'reject');
        return;
      }
      if (event.target === this.slider || (this.zoomed && event.target === this.stage)) return;
      if (event.key === 'ArrowLeft') this.step(-1);
      if (event.key === 'ArrowRight') this.step(1);
    });
    this.element.addEventListener('close', () => {
      if (!this.onClose(this.task)) this.returnFocus?.focus();
    });
    // The zoomed frame's size is the result's own, known once it has loaded.
    this.result.addEventListener('load', () => this.paintZoom(true));
    document.body.append(this.element);
    this.setBackdrop('checker');
  }

  setBackdrop(key) {
    this.element.dataset.backdrop = key;
    for (const button of this.backdrops) button.setAttribute('aria-pressed', String(button.dataset.backdrop === key));
  }

  get task() {
    return this.tasks[this.index];
  }

  /** Opens on one task of a list (previous/next walk the list). */
  open(tasks, taskId) {
    this.tasks = tasks;
    this.index = Math.max(0, tasks.findIndex((t) => t.taskId === taskId));
    this.returnFocus = document.activeElement;
    this.setZoom(false);
    this.show();
    if (!this.element.open) this.element.showModal();
    this.slider.focus();
  }

  close() {
    if (this.element.open) this.element.close();
  }

  step(delta) {
    if (!this.tasks.length) return;
    const next = stepWithin(this.index, delta, this.tasks.length).index;
    if (next === this.index) return;
    this.index = next;
    this.show();
  }

  /** Fit the picture in the dialog, or show it at 100 % (one image pixel per CSS pixel) to pan around. */
  setZoom(on) {
    this.zoomed = on;
    this.zoom.setAttribute('aria-pressed', String(on));
    this.zoom.textContent = on ? 'Fit' : '100 %';
    this.zoom.setAttribute('aria-label', on ? 'Fit the picture in the window' : 'Zoom to 100 %');
    this.stage.classList.toggle('zoomed', on);
    if (on) this.stage.setAttribute('tabindex', '0');
    else this.stage.removeAttribute('tabindex');
    this.paintZoom(true);
  }

  paintZoom(centre = false) {
    const width = this.result.naturalWidth;
    const height = this.result.naturalHeight;
    const sized = this.zoomed && width > 0;
    this.frame.style.width = sized ? `${width}px` : '';
    this.frame.style.height = sized ? `${height}px` : '';
    if (sized && centre) {
      const at = centreOn({ fx: 0.5, fy: 0.5 }, this.viewSize());
      this.stage.scrollTo(at.left, at.top);
    }
  }

  viewSize() {
    return { contentWidth: this.stage.scrollWidth, contentHeight: this.stage.scrollHeight,
      viewWidth: this.stage.clientWidth, viewHeight: this.stage.clientHeight };
  }

  /** Refreshes the shown task after a review or a poll. */
  update(task) {
    const i = this.tasks.findIndex((t) => t.taskId === task.taskId);
    if (i >= 0) this.tasks[i] = task;
    if (this.element.open && i === this.index) this.paintReview();
  }

  show() {
    const task = this.task;
    this.viewing = null;
    const name = task.input?.name ?? task.customId ?? task.taskId;
    this.title.textContent = name;
    if (this.original.dataset.src !== task.input?.url) {
      this.original.src = task.input?.url ?? '';
      this.original.dataset.src = task.input?.url ?? '';
    }
    if (this.result.dataset.src !== task.output?.url) {
      this.result.src = task.output?.url ?? '';
      this.result.dataset.src = task.output?.url ?? '';
    }
    this.original.alt = `Original: ${name}`;
    this.result.alt = `Result: ${name}`;
    const from = task.input?.width ? `${task.input.width} × ${task.input.height}` : '';
    const to = task.output?.width ? `${task.output.width} × ${task.output.height}` : '';
    this.details.textContent = [from && to ? `${from} → ${to}` : '', task.output?.name ? `saved as ${task.output.name}` : '',
      task.provider, task.durationMs ? `${task.durationMs} ms` : '']
      .filter(Boolean).join(' · ');
    replace(this.position, `${this.index + 1} of ${this.tasks.length}`);
    const ends = stepWithin(this.index, 0, this.tasks.length);
    this.prev.disabled = ends.first;
    this.next.disabled = ends.last;
    this.paintZoom(true);
    this.slider.value = 50;
    this.split(50);
    this.paintReview();
    this.paintAttempts();
    this.preloadNext();
  }

  /** The next pair's pictures, fetched while this one is looked at, so moving on shows them at once. */
  preloadNext() {
    const next = this.tasks[this.index + 1];
    this.preloads = next ? [next.input?.url, next.output?.url].filter(Boolean).map((url) => {
      const image = new Image();
      image.decoding = 'async';
      image.src = url;
      return image;
    }) : [];
    this.element.dataset.preloaded = next?.taskId ?? '';
  }

  /** "Attempt 2" with a button for each earlier attempt: its result shows in place of the current one. */
  paintAttempts() {
    const earlier = this.task?.previousAttempts ?? [];
    this.attempts.hidden = earlier.length === 0;
    if (!earlier.length) {
      replace(this.attempts);
      return;
    }
    const choose = (attempt) => {
      this.viewing = attempt;
      const url = attempt ? attempt.output?.url : this.task.output?.url;
      this.result.src = url ?? '';
      this.result.dataset.src = url ?? '';
      this.paintAttempts();
      announce(attempt ? `Showing attempt ${attempt.attempt}${attempt.prompt ? `: ${attempt.prompt}` : ''}.` : 'Showing the current result.');
    };
    const current = this.task.attempt ?? earlier.length + 1;
    replace(this.attempts,
      earlier.map((attempt) => h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': String(this.viewing === attempt),
        title: attempt.prompt ? `Prompt: ${attempt.prompt}` : '', onclick: () => choose(attempt) },
      `Attempt ${attempt.attempt}${attempt.review === 'reject' ? ' (rejected)' : ''}`)),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': String(!this.viewing), onclick: () => choose(null) },
        `Attempt ${current} (current)`));
  }

  paintReview() {
    const decision = this.task?.review?.decision ?? null;
    this.approve.setAttribute('aria-pressed', String(decision === 'approve'));
    this.reject.setAttribute('aria-pressed', String(decision === 'reject'));
    const approved = this.tasks.filter((t) => t.review?.decision === 'approve').length;
    const rejected = this.tasks.filter((t) => t.review?.decision === 'reject').length;
    this.progress.textContent = `${approved} approved · ${rejected} rejected · ${this.tasks.length - approved - rejected} to review`;
  }

  async review(decision) {
    const task = this.task;
    const next = task.review?.decision === decision ? null : decision;
    const updated = await this.onReview(task, next);
    if (updated) this.update(updated);
    return updated;
  }

  /** A or R: marks the result (a second press of the same key keeps it) and moves on to the next pair. */
  async keyReview(decision) {
    const task = this.task;
    if (!task || this.busy) return;
    this.busy = true;
    try {
      const updated = task.review?.decision === decision ? task : await this.onReview(task, decision);
      if (!updated) return;
      this.update(updated);
      this.step(1);
      // Off the slider, so that the arrow keys move between pairs from here on.
      if (document.activeElement === this.slider || !this.element.contains(document.activeElement)) this.approve.focus();
    } finally {
      this.busy = false;
    }
  }

  split(percent) {
    this.frame.style.setProperty('--split', `${percent}%`);
    this.slider.setAttribute('aria-valuetext', percent <= 0 ? 'All result' : percent >= 100 ? 'All original'
      : `${percent}% original, ${100 - percent}% result`);
  }

  drag(event) {
    if (this.zoomed) {
      this.pan(event);
      return;
    }
    const rect = this.frame.getBoundingClientRect();
    const move = (e) => {
      const percent = Math.round(Math.min(100, Math.max(0, ((e.clientX - rect.left) / rect.width) * 100)));
      this.slider.value = percent;
      this.split(percent);
    };
    move(event);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  /** At 100 % a drag moves the picture under the pointer; the slider still sets the split. */
  pan(event) {
    event.preventDefault();
    let last = { x: event.clientX, y: event.clientY };
    this.stage.classList.add('panning');
    const move = (e) => {
      const at = panTo({ left: this.stage.scrollLeft, top: this.stage.scrollTop }, { dx: e.clientX - last.x, dy: e.clientY - last.y },
        this.viewSize());
      last = { x: e.clientX, y: e.clientY };
      this.stage.scrollTo(at.left, at.top);
    };
    const up = () => {
      this.stage.classList.remove('panning');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }
}
