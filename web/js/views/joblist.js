// The job list: name, status, progress, counts and age; refreshed while something is still running.

import { badge, h, replace } from '../dom.js';
import { formatAge } from '../format.js';
import { operationInfo } from '../params.js';
import { countsSummary, isTerminalJob, jobProgress, statusLabel, statusTone } from '../status.js';

export class JobList {
  constructor({ api }) {
    this.api = api;
    this.timer = null;
    this.list = h('div', { 'aria-busy': 'true' }, skeletonRows());
    this.more = null;
    this.element = h('section', { 'aria-labelledby': 'jobs-title' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'jobs-title' }, 'Jobs'), h('p', {}, 'Your batch jobs, newest first.')),
        h('a', { class: 'btn btn-primary', href: '#/new' }, 'New job')),
      this.list);
  }

  mount() {
    this.refresh();
  }

  unmount() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  async refresh() {
    clearTimeout(this.timer);
    try {
      const page = await this.api.jobs({ limit: 50 });
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
    if (jobs.length === 0) {
      replace(this.list, h('div', { class: 'panel empty' },
        h('div', { class: 'empty-art', 'aria-hidden': 'true' }, '▦'),
        h('h2', {}, 'No jobs yet'),
        h('p', {}, 'Upload a few images and submit a job: it will show up here with its progress.'),
        h('a', { class: 'btn btn-primary', href: '#/new' }, 'Start a job')));
      return;
    }
    const rows = jobs.map((job) => jobRow(job));
    const list = h('ul', { class: 'job-list', 'aria-label': 'Jobs' }, rows.map((row) => h('li', {}, row)));
    replace(this.list, list);
    if (nextCursor) {
      let cursor = nextCursor;
      const more = h('button', { type: 'button', class: 'btn', style: { marginTop: 'var(--sp-4)' } }, 'Show older jobs');
      more.addEventListener('click', async () => {
        more.disabled = true;
        const page = await this.api.jobs({ limit: 50, cursor });
        (page.jobs ?? []).forEach((job) => list.append(h('li', {}, jobRow(job))));
        cursor = page.nextCursor;
        more.disabled = false;
        if (!cursor) more.remove();
      });
      this.list.append(more);
    }
  }
}

export function jobRow(job, now = Date.now()) {
  const p = jobProgress(job.counts);
  const bar = h('progress', { max: 100, value: p.percent, 'aria-label': `Progress of ${job.name}` });
  if (isTerminalJob(job.status)) bar.classList.add(job.status === 'SUCCEEDED' ? 'done' : 'partial');
  const what = job.steps ? `Workflow of ${job.steps.length} steps` : `${operationInfo(job.operation).label} · ${job.provider}`;
  return h('a', { class: 'job-row', href: `#/jobs/${encodeURIComponent(job.jobId)}`, dataset: { jobId: job.jobId } },
    h('div', { style: { minWidth: 0 } },
      h('div', { class: 'job-title' }, job.name),
      h('div', { class: 'job-sub' }, what)),
    badge(statusLabel(job.status), statusTone(job.status)),
    h('div', { class: 'job-progress' }, bar, h('span', {}, countsSummary(job.counts))),
    h('time', { class: 'job-age', datetime: job.createdAt, title: new Date(job.createdAt).toLocaleString() }, formatAge(job.createdAt, now)));
}

function skeletonRows() {
  return h('div', { class: 'job-list', role: 'status', 'aria-label': 'Loading jobs' },
    [0, 1, 2].map(() => h('div', { class: 'skeleton', style: { height: '4.5rem' } })));
}
