// The job list: a thumbnail, name, status, progress, counts and age; a search by name and status filters;
// refreshed while something is still running.

import { badge, h, replace } from '../dom.js';
import { formatAge, plural } from '../format.js';
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
    this.list = h('div', { 'aria-busy': 'true' }, skeletonRows());
    this.search = h('input', { type: 'search', id: 'job-search', class: 'input', placeholder: 'Search by name',
      autocomplete: 'off', oninput: () => {
        this.query = this.search.value;
        this.drawRows();
      } });
    this.chips = h('div', { class: 'filters', role: 'group', 'aria-label': 'Show jobs' });
    this.found = h('p', { class: 'small muted', id: 'jobs-found', 'aria-live': 'polite' });
    this.element = h('section', { 'aria-labelledby': 'jobs-title' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'jobs-title' }, 'Jobs'), h('p', {}, 'Your batch jobs, newest first.')),
        h('a', { class: 'btn btn-primary', href: '#/new' }, 'New job')),
      h('div', { class: 'job-tools' },
        h('div', { class: 'field job-search' }, h('label', { for: 'job-search', class: 'visually-hidden' }, 'Search jobs by name'),
          this.search),
        this.chips),
      this.found,
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
  }

  drawChips() {
    replace(this.chips, STATUS_FILTERS.map(([status, label]) => h('button', { type: 'button', class: 'btn btn-small',
      'aria-pressed': String(this.status === status), onclick: () => {
        this.status = status;
        this.signature = null;
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
      if ((page.jobs ?? []).some((job) => !isTerminalJob(job.status))) this.timer = setTimeout(() => this.refresh(), 3000);
    } catch (error) {
      this.list.setAttribute('aria-busy', 'false');
      replace(this.list, h('div', { class: 'error-state', role: 'alert' },
        h('p', {}, `The jobs could not be loaded. ${error.message}`),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.refresh() }, 'Try again')));
    }
  }

  draw(jobs, nextCursor) {
    this.list.setAttribute('aria-busy', 'false');
    // Unchanged since the last refresh: keep the DOM (and the keyboard focus in it) as it is.
    const signature = JSON.stringify(jobs.map((j) => [j.jobId, j.status, j.counts, j.name])) + (nextCursor ?? '');
    if (signature === this.signature && this.list.querySelector('.job-list')) {
      this.list.querySelectorAll('time.job-age').forEach((t) => { t.textContent = formatAge(t.dateTime); });
      return;
    }
    this.signature = signature;
    this.jobs = jobs;
    this.nextCursor = nextCursor;
    this.drawRows();
  }

  drawRows() {
    if (this.jobs.length === 0 && !this.nextCursor) {
      this.found.textContent = '';
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
    const list = h('ul', { class: 'job-list', 'aria-label': 'Jobs' }, shown.map((job) => h('li', {}, this.row(job))));
    replace(this.list, list);
    if (this.nextCursor) {
      const more = h('button', { type: 'button', class: 'btn', style: { marginTop: 'var(--sp-4)' } }, 'Show older jobs');
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          const page = await this.api.jobs({ limit: 50, cursor: this.nextCursor, status: this.status });
          this.jobs = [...this.jobs, ...(page.jobs ?? [])];
          this.nextCursor = page.nextCursor;
          this.drawRows();
        } finally {
          more.disabled = false;
        }
      });
      this.list.append(more);
    }
  }

  row(job) {
    const thumb = h('img', { class: 'job-thumb', alt: '', decoding: 'async' });
    const known = this.thumbs.get(job.jobId);
    if (known) thumb.src = known;
    else if (known === undefined) this.loadThumb(job, thumb);
    return jobRow(job, Date.now(), thumb);
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
