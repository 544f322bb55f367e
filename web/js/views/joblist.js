// The job list: a thumbnail, name, status, progress, counts and age; a search by name and status filters;
// refreshed while something is still running.

import { badge, h, notify, replace } from '../dom.js';
import { formatAge, plural } from '../format.js';
import { mergeFirstPage, syncChildren } from '../listsync.js';
import { operationInfo } from '../params.js';
import { countsSummary, isTerminalJob, jobMatches, jobName, jobProgress, statusLabel, statusTone } from '../status.js';

const STATUS_FILTERS = [['', 'All'], ['RUNNING', 'Running'], ['AWAITING_APPROVAL', 'Awaiting approval'], ['SUCCEEDED', 'Succeeded'], ['PARTIAL', 'Partly done'],
  ['FAILED', 'Failed'], ['CANCELED', 'Canceled']];
const THUMB_LOADS = 4;

export class JobList {
  constructor({ api }) {
    this.api = api;
    this.timer = null;
    this.status = '';
    this.query = '';
    this.jobs = [];
    this.thumbs = new Map();
    this.thumbQueue = [];
    this.thumbLoading = 0;
    this.rows = new Map(); // jobId → { li, signature }
    this.pages = 1;
    this.seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.seen.unobserve(entry.target);
        const thumb = entry.target.thumb;
        const job = thumb?.pending;
        if (job) {
          thumb.pending = null;
          this.loadThumb(job, thumb);
        }
      }
    }, { rootMargin: '400px 0px' });
    this.list = h('div', { 'aria-busy': 'true' }, skeletonRows());
    this.search = h('input', { type: 'search', id: 'job-search', class: 'input', placeholder: 'Search by name',
      autocomplete: 'off', oninput: () => {
        this.query = this.search.value;
        this.drawRows();
      } });
    this.chips = h('div', { class: 'filters', role: 'group', 'aria-label': 'Show jobs' });
    this.found = h('p', { class: 'small muted', id: 'jobs-found', 'aria-live': 'polite' });
    this.stale = h('p', { class: 'small muted', id: 'jobs-stale', role: 'status', hidden: true });
    this.element = h('section', { 'aria-labelledby': 'jobs-title' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'jobs-title' }, 'Jobs'), h('p', {}, 'Your batch jobs, newest first.')),
        h('a', { class: 'btn btn-primary', href: '#/new' }, 'New job')),
      h('div', { class: 'job-tools' },
        h('div', { class: 'field job-search' }, h('label', { for: 'job-search', class: 'visually-hidden' }, 'Search jobs by name'),
          this.search),
        this.chips),
      this.found,
      this.stale,
      this.list);
    this.drawChips();
  }

  mount() {
    this.refresh();
  }

  unmount() {
    clearTimeout(this.timer);
    this.timer = null;
    this.thumbQueue = [];
    this.seen.disconnect();
  }

  drawChips() {
    replace(this.chips, STATUS_FILTERS.map(([status, label]) => h('button', { type: 'button', class: 'btn btn-small',
      'aria-pressed': String(this.status === status), onclick: () => {
        this.status = status;
        this.pages = 1;
        this.drawChips();
        this.refresh();
      } }, label)));
  }

  async refresh() {
    clearTimeout(this.timer);
    const status = this.status;
    try {
      const page = await this.api.jobs({ limit: 50, status });
      if (status !== this.status) return;
      this.draw(page.jobs ?? [], page.nextCursor);
      this.refreshAges();
      if ((page.jobs ?? []).some((job) => !isTerminalJob(job.status))) this.timer = setTimeout(() => this.refresh(), 3000);
    } catch (error) {
      if (status !== this.status) return;
      if (this.ul?.isConnected) {
        // A refresh that fails keeps the rows (and the older pages) loaded; it is tried again a little later.
        this.stale.hidden = false;
        this.stale.textContent = `The list could not be refreshed (${error.message}); trying again.`;
        this.timer = setTimeout(() => this.refresh(), 10000);
        return;
      }
      this.list.setAttribute('aria-busy', 'false');
      replace(this.list, h('div', { class: 'error-state', role: 'alert' },
        h('p', {}, `The jobs could not be loaded. ${error.message}`),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.refresh() }, 'Try again')));
    }
  }

  draw(jobs, nextCursor) {
    this.list.setAttribute('aria-busy', 'false');
    this.stale.hidden = true;
    // Pages loaded with "Show older jobs" stay: the refresh's first page is merged over them.
    const merged = this.pages > 1 ? mergeFirstPage(this.jobs, jobs, (job) => job.jobId) : jobs;
    if (merged.length === jobs.length) {
      this.pages = 1; // nothing older was kept: paging starts again after this page
      this.nextCursor = nextCursor;
    }
    this.jobs = merged;
    this.drawRows();
  }

  /**
   * The rows, kept by job: a row is built again only when its job changed, and put in place without touching the
   * others, so a refresh of 500 jobs moves a few rows (and the focus stays where it was).
   */
  drawRows() {
    if (this.jobs.length === 0 && !this.nextCursor) {
      this.found.textContent = '';
      this.ul = null;
      this.rows.clear();
      replace(this.list, this.status ? h('div', { class: 'panel empty' }, h('h2', {}, `No ${statusLabel(this.status).toLowerCase()} jobs`),
        h('p', {}, 'Choose another filter to see the rest.'))
        : h('div', { class: 'panel empty' },
          h('div', { class: 'empty-art', 'aria-hidden': 'true' }, '▦'),
          h('h2', {}, 'No jobs yet'),
          h('p', {}, 'Upload a few images and submit a job: it will show up here with its progress.'),
          h('a', { class: 'btn btn-primary', href: '#/new' }, 'Start a job')));
      return;
    }
    const shown = this.jobs.filter((job) => jobMatches(job, this.query));
    this.found.textContent = this.query.trim()
      ? `${plural(shown.length, 'job')} of the ${plural(this.jobs.length, 'job')} loaded match "${this.query.trim()}".` : '';
    if (!this.ul?.isConnected) {
      this.ul = h('ul', { class: 'job-list', 'aria-label': 'Jobs' });
      this.more = h('button', { type: 'button', class: 'btn', style: { marginTop: 'var(--sp-4)' }, onclick: () => this.showOlder() },
        'Show older jobs');
      this.rows.clear();
      replace(this.list, this.ul, this.more);
    }
    const now = Date.now();
    const wanted = shown.map((job) => {
      const signature = JSON.stringify([job.status, job.counts, job.name, job.updatedAt]);
      let entry = this.rows.get(job.jobId);
      if (!entry || entry.signature !== signature) {
        const li = h('li', {}, this.row(job, now));
        li.thumb = li.querySelector('img.job-thumb');
        if (li.thumb?.pending) this.seen.observe(li);
        entry?.li.replaceWith(li);
        entry = { li, signature };
        this.rows.set(job.jobId, entry);
      }
      return entry.li;
    });
    syncChildren(this.ul, wanted);
    const listed = new Set(this.jobs.map((job) => job.jobId));
    for (const id of this.rows.keys()) if (!listed.has(id)) this.rows.delete(id);
    this.more.hidden = !this.nextCursor;
  }

  async showOlder() {
    this.more.disabled = true;
    try {
      const page = await this.api.jobs({ limit: 50, cursor: this.nextCursor, status: this.status });
      const known = new Set(this.jobs.map((job) => job.jobId));
      this.jobs = [...this.jobs, ...(page.jobs ?? []).filter((job) => !known.has(job.jobId))];
      this.nextCursor = page.nextCursor;
      this.pages += 1;
      this.drawRows();
    } catch (error) {
      notify(`Older jobs could not be loaded. ${error.message}`, { tone: 'error' });
    } finally {
      this.more.disabled = false;
    }
  }

  /** Ages move on: written only where the text changes, and never read back from the layout (500 rows). */
  refreshAges() {
    const now = Date.now();
    for (const time of this.list.querySelectorAll('time.job-age')) {
      const text = formatAge(time.dateTime, now);
      if (time.textContent !== text) time.textContent = text;
    }
  }


  row(job, now) {
    const thumb = h('img', { class: 'job-thumb', alt: '', decoding: 'async' });
    const known = this.thumbs.get(job.jobId);
    if (known) thumb.src = known;
    else if (known === undefined) {
      // Asked for only once its row comes near the screen (drawRows): 500 rows are not 1,000 requests.
      thumb.pending = job;
    }
    return jobRow(job, now, thumb);
  }

  /** A job's picture: its first result, else its first original; a few at a time. */
  loadThumb(job, img) {
    this.thumbQueue.push([job, img]);
    this.pumpThumbs();
  }

  pumpThumbs() {
    while (this.thumbLoading < THUMB_LOADS && this.thumbQueue.length) {
      const [job, img] = this.thumbQueue.shift();
      this.thumbLoading += 1;
      this.firstPicture(job).then((url) => {
        // Results are final; an original may be replaced by a result later, so only those are remembered.
        if (url?.result) this.thumbs.set(job.jobId, url.src);
        if (url?.src) img.src = url.src;
      }).catch(() => {}).finally(() => {
        this.thumbLoading -= 1;
        this.pumpThumbs();
      });
    }
  }

  async firstPicture(job) {
    const id = encodeURIComponent(job.jobId);
    if (jobProgress(job.counts).succeeded > 0) {
      const done = (await this.api.get(`/jobs/${id}/tasks?limit=1&status=SUCCEEDED`)).tasks?.[0];
      const src = done?.output?.thumbnailUrl ?? done?.output?.url;
      if (src) return { src, result: true };
    }
    const first = (await this.api.get(`/jobs/${id}/tasks?limit=1`)).tasks?.[0];
    return { src: first?.input?.thumbnailUrl ?? first?.input?.url ?? null, result: false };
  }
}

export function jobRow(job, now = Date.now(), thumb = h('img', { class: 'job-thumb', alt: '' })) {
  const p = jobProgress(job.counts);
  const name = jobName(job);
  const bar = h('progress', { max: 100, value: p.percent, 'aria-label': `Progress of ${name}` });
  if (isTerminalJob(job.status)) bar.classList.add(job.status === 'SUCCEEDED' ? 'done' : 'partial');
  const what = job.steps ? `Workflow of ${job.steps.length} steps` : `${operationInfo(job.operation).label} · ${job.provider}`;
  return h('a', { class: 'job-row', href: `#/jobs/${encodeURIComponent(job.jobId)}`, dataset: { jobId: job.jobId } },
    h('span', { class: 'job-thumb-box', 'aria-hidden': 'true' }, thumb),
    h('div', { style: { minWidth: 0 } },
      h('div', { class: 'job-title' }, name),
      h('div', { class: 'job-sub' }, what)),
    badge(statusLabel(job.status), statusTone(job.status)),
    h('div', { class: 'job-progress' }, bar, h('span', {}, countsSummary(job.counts))),
    h('time', { class: 'job-age', datetime: job.createdAt, title: new Date(job.createdAt).toLocaleString() }, formatAge(job.createdAt, now)));
}

function skeletonRows() {
  return h('div', { class: 'job-list', role: 'status', 'aria-label': 'Loading jobs' },
    [0, 1, 2].map(() => h('div', { class: 'skeleton', style: { height: '4.5rem' } })));
}
