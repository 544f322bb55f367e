// One job: live progress (polled with If-None-Match until it ends), Cancel, Retry failed, Download all, and the
// task grid with thumbnails, errors in words, compare, review and per-result download.

import { ExportPanel } from './storage.js';
import { announce, badge, h, notify, replace } from '../dom.js';
import { baseName, formatAge, formatBytes, formatElapsed, plural } from '../format.js';
import { operationInfo } from '../params.js';
import { EtagPoller } from '../poller.js';
import { checkInWords, failedChecks } from '../presets.js';
import { describePilot } from '../pilot.js';
import { retryReason, stallNotice } from '../stall.js';
import { canCancel, canRetry, countsSummary, errorInWords, isTerminalJob, isTerminalTask, jobName, jobProgress, statusLabel, statusTone } from '../status.js';
import { TaskFollower } from '../tasksync.js';
import { CompareDialog } from './compare.js';
import { RerunDialog } from './rerun.js';
import { TaskGrid } from './taskgrid.js';

const FILTERS = [
  ['all', 'All', () => true],
  ['succeeded', 'Succeeded', (t) => t.status === 'SUCCEEDED'],
  ['failed', 'Failed or canceled', (t) => t.status === 'FAILED' || t.status === 'CANCELED'],
  ['approved', 'Approved', (t) => t.review?.decision === 'approve'],
  ['rejected', 'Rejected', (t) => t.review?.decision === 'reject'],
  // Offered only when some task was checked (a preset, or a job with `checks`).
  ['checks', 'Failed checks', (t) => failedChecks(t).length > 0, (tasks) => tasks.some((t) => t.checks?.length)],
];

export class JobView {
  constructor({ api, jobId, onCopySettings = () => false }) {
    this.api = api;
    this.onCopySettings = onCopySettings;
    this.jobId = jobId;
    this.job = null;
    this.tasks = [];
    this.follower = new TaskFollower({ api, jobId });
    this.byId = new Map(); // the tasks as last read, by id
    this.filter = 'all';
    this.lastTasksLoad = 0;
    this.tasksTimer = null;
    this.head = h('div', { class: 'job-head', 'aria-busy': 'true' }, h('div', { class: 'skeleton', style: { height: '7rem' } }));
    this.toolbar = h('div', { class: 'toolbar', hidden: true });
    this.stallLine = h('p', { class: 'small task-error', id: 'job-stall', role: 'status', hidden: true });
    this.grid = h('ul', { class: 'task-grid', 'aria-label': 'Tasks' });
    this.taskGrid = new TaskGrid({ element: this.grid, card: (task) => this.taskCard(task), signature: taskSignature,
      covered: () => document.getElementById('topbar')?.getBoundingClientRect().bottom ?? 0 });
    this.gridState = h('div', {}, h('div', { class: 'loading', role: 'status' },
      h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading tasks…'));
    this.element = h('section', { 'aria-labelledby': 'job-title' },
      h('p', { style: { marginBottom: 'var(--sp-3)' } }, h('a', { href: '#/jobs', class: 'small' }, '← All jobs')),
      this.head, this.toolbar, this.gridState, this.grid);
    this.compare = new CompareDialog({
      onReview: (task, decision) => this.review(task, decision),
      onDownload: (task) => this.downloadResult(task),
      onClose: (task) => this.focusCard(task),
    });
    this.rerunDialog = new RerunDialog({ onSubmit: (change) => this.rerun(change) });
    this.poller = new EtagPoller({
      fetch: (etag) => this.api.job(this.jobId, etag),
      onChange: (job) => this.jobChanged(job),
      isDone: (job) => isTerminalJob(job.status),
      onError: (error) => this.pollFailed(error),
    });
  }

  mount() {
    this.poller.start();
    this.taskGrid.mount();
    // An unchanged job answers 304 and draws nothing, so the "no progress" line is looked at on its own clock too.
    this.stallTimer = setInterval(() => this.drawStall(), 30000);
  }

  unmount() {
    this.poller.stop();
    this.taskGrid.unmount();
    clearInterval(this.stallTimer);
    clearTimeout(this.tasksTimer);
    this.compare.close();
    this.compare.element.remove();
    this.rerunDialog.element.remove();
  }

  pollFailed(error) {
    if (this.job) {
      if (!this.warned) notify(`Lost touch with the API; still trying. ${error.message}`, { tone: 'error' });
      this.warned = true;
      return;
    }
    this.poller.stop();
    this.head.setAttribute('aria-busy', 'false');
    replace(this.head, h('div', { class: 'error-state', role: 'alert' },
      h('p', {}, error.status === 404 ? 'This job does not exist, or it belongs to someone else.' : `The job could not be loaded. ${error.message}`),
      error.status === 404 ? h('a', { class: 'btn btn-small', href: '#/jobs' }, 'Back to jobs')
        : h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.poller.poke() }, 'Try again')));
    this.gridState.hidden = true;
  }

  jobChanged(job) {
    const previous = this.job;
    this.warned = false;
    this.job = job;
    this.drawHead();
    if (previous && previous.status !== job.status) {
      const p = jobProgress(job.counts);
      announce(isTerminalJob(job.status)
        ? `Job ${statusLabel(job.status).toLowerCase()}: ${p.succeeded} succeeded${p.failed ? `, ${p.failed} failed` : ''}.`
        : `Job ${statusLabel(job.status).toLowerCase()}.`);
    }
    this.scheduleTasks(isTerminalJob(job.status));
  }

  /** Reloads the tasks: at once when the job has ended, else at most every 1.5 s. */
  scheduleTasks(now) {
    clearTimeout(this.tasksTimer);
    const wait = now ? 0 : Math.max(0, 1500 - (Date.now() - this.lastTasksLoad));
    this.tasksTimer = setTimeout(() => this.loadTasks(), wait);
  }

  async loadTasks() {
    this.lastTasksLoad = Date.now();
    try {
      // One full listing, then only what the job's log says changed: a 5,000-task job costs a few requests a refresh.
      await this.follower.refresh(this.job);
      this.tasks = this.follower.list();
      this.drawTasks();
      this.drawStall();
      // The task listing can trail the job's counts for a moment after it ends: look again until they agree.
      const behind = isTerminalJob(this.job?.status) && this.tasks.some((t) => !isTerminalTask(t.status));
      this.settleTries = behind ? (this.settleTries ?? 0) + 1 : 0;
      if (behind && this.settleTries <= 5) this.scheduleTasks(false);
    } catch (error) {
      if (!this.tasks.length) {
        replace(this.gridState, h('div', { class: 'error-state', role: 'alert' },
          h('p', {}, `The tasks could not be loaded. ${error.message}`),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.scheduleTasks(true) }, 'Try again')));
      }
    }
  }

  drawHead() {
    const job = this.job;
    const p = jobProgress(job.counts);
    this.head.setAttribute('aria-busy', 'false');
    const bar = h('progress', { max: 100, value: p.percent, 'aria-label': 'Job progress' });
    if (isTerminalJob(job.status)) bar.classList.add(job.status === 'SUCCEEDED' ? 'done' : 'partial');
    const steps = job.steps ?? [{ operation: job.operation, provider: job.provider, params: job.params, prompt: job.prompt }];
    const facts = steps.map((s) => h('span', {},
      h('strong', {}, operationInfo(s.operation).label), ` on ${s.provider}`,
      s.params && Object.keys(s.params).length ? ` · ${Object.entries(s.params).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''));
    const cancel = this.cancelControls(job);
    const pilot = this.pilotPanel(job, cancel);
    const retry = h('button', { type: 'button', class: 'btn', onclick: () => this.retryFailed() }, 'Retry failed');
    this.retryButton = retry;
    this.refreshRetry();
    this.onlyApproved ??= h('input', { type: 'checkbox', id: 'only-approved' });
    const download = h('button', { type: 'button', class: 'btn btn-primary', onclick: (e) => this.downloadAll(e.currentTarget) }, 'Download all');
    this.exportPanel ??= new ExportPanel({ api: this.api, jobId: this.jobId });
    const exporting = h('button', { type: 'button', class: 'btn', onclick: () => this.exportPanel.toggle() }, 'Export to S3');
    exporting.disabled = p.succeeded === 0;
    download.disabled = p.succeeded === 0;
    replace(this.head,
      h('div', { class: 'job-head-top' },
        h('div', { class: 'stack', style: { gap: 'var(--sp-2)', minWidth: 0 } },
          h('h1', { id: 'job-title' }, jobName(job), badge(statusLabel(job.status), statusTone(job.status))),
          h('div', { class: 'job-facts' }, facts,
            h('span', {}, 'Started ', h('time', { datetime: job.createdAt }, formatAge(job.createdAt))),
            job.completedAt ? h('span', {}, 'took ', formatElapsed(Date.parse(job.completedAt) - Date.parse(job.createdAt))) : '')),
        h('div', { class: 'btn-group' }, pilot?.awaiting ? '' : cancel, retry,
          h('button', { type: 'button', class: 'btn', id: 'copy-settings', onclick: () => {
            if (!this.onCopySettings(this.job)) notify('This job\'s steps cannot be set in the form; save them as a preset and run that instead.');
          } }, 'Copy settings to a new job'),
          h('button', { type: 'button', class: 'btn', id: 'save-preset', onclick: () => this.askPresetName() }, 'Save as preset'),
          h('label', { class: 'check', for: 'only-approved' }, this.onlyApproved, 'Only approved'),
          download, exporting)),
      h('div', { class: 'job-bar' }, bar,
        h('p', { class: 'small', id: 'job-counts', dataset: { status: job.status } }, countsSummary(job.counts))),
      pilot?.element ?? '',
      reviewLine(job),
      this.presetRow ?? '', this.archiveNote ?? '', this.exportPanel.element, this.stallLine);
    this.drawStall();
  }

  /**
   * The job's head again after a mark (its review progress), without reloading the tasks: a reload racing the marks
   * still in flight could draw a card from before its mark. A running job's poller sees the change by itself.
   */
  async refreshHead() {
    if (!isTerminalJob(this.job?.status)) return;
    try {
      const answer = await this.api.job(this.jobId);
      if (answer.data?.jobId) {
        this.job = answer.data;
        this.drawHead();
      }
    } catch {
      // The progress line catches up on the next change; the mark itself was saved.
    }
  }

  /** "Save as preset": this job's settings under a name, to run again on other images or whole SKUs. */
  askPresetName() {
    const name = h('input', { id: 'preset-name', class: 'input', type: 'text', maxlength: 100, value: jobName(this.job) });
    const save = async () => {
      try {
        const preset = await this.api.createJobPreset(name.value.trim(), jobSettings(this.job));
        this.presetRow = null;
        this.drawHead();
        announce(`Saved as preset "${preset.name}".`);
        notify(`Saved as preset "${preset.name}": run it on SKUs from a project's page.`);
      } catch (error) {
        notify(`The preset was not saved. ${error.message}`, { tone: 'error' });
      }
    };
    this.presetRow = h('div', { class: 'preset-save row', role: 'group', 'aria-label': 'Save as preset' },
      h('label', { for: 'preset-name', class: 'small' }, 'Preset name'), name,
      h('button', { type: 'button', class: 'btn btn-small btn-primary', onclick: save }, 'Save preset'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => { this.presetRow = null; this.drawHead(); } }, 'Cancel'));
    this.drawHead();
    name.focus();
    name.select();
  }

  /** Flags a job whose unfinished tasks have shown no event for a while, with the latest reason one gave. */
  drawStall() {
    const notice = stallNotice(this.job, this.tasks);
    this.stallLine.hidden = !notice;
    this.stallLine.textContent = notice ?? '';
  }

  /** Hidden when every failure needs another input or other parameters: a retry would fail the same way. */
  refreshRetry() {
    const retry = this.retryButton;
    if (!retry || !this.job) return;
    retry.disabled = !canRetry(this.job);
    retry.hidden = !retry.disabled && !canRetry(this.job, this.tasks);
    retry.title = retry.disabled ? 'Nothing failed, or the job is still running.' : '';
  }

  drawTasks() {
    this.refreshRetry();
    this.gridState.hidden = this.tasks.length > 0;
    if (!this.tasks.length) {
      replace(this.gridState, h('div', { class: 'panel empty' }, h('h2', {}, 'No tasks'),
        h('p', {}, 'This job has no tasks yet.')));
    }
    this.byId = new Map(this.tasks.map((task) => [task.taskId, task]));
    this.drawToolbar();
    this.applyFilter();
  }

  /**
   * The filters with their counts and the review controls. Drawn again only when something they show changed: a
   * refresh of a 5,000-task job that moved a few tasks rebuilds nothing, and a focused filter button keeps its focus.
   */
  drawToolbar() {
    const tasks = this.tasks;
    this.toolbar.hidden = tasks.length === 0;
    const counts = FILTERS.map(() => 0);
    let reviewed = 0;
    let succeeded = 0;
    let rejected = 0;
    let checked = false;
    const skus = new Set();
    for (const task of tasks) {
      FILTERS.forEach(([, , test], i) => { if (test(task)) counts[i] += 1; });
      if (task.review?.decision) reviewed += 1;
      if (task.status === 'SUCCEEDED') {
        succeeded += 1;
        if (task.review?.decision === 'reject') rejected += 1;
      }
      if (task.checks?.length) checked = true;
      if (task.sku) skus.add(task.sku);
    }
    const facts = { reviewed, succeeded, rejected, checked, skus: [...skus].sort(), ended: isTerminalJob(this.job?.status) };
    const shown = FILTERS.map(([key, label, , offered], i) => [key, label, counts[i], !offered || offered(tasks) || this.filter === key])
      .filter(([, , , show]) => show);
    const drawn = JSON.stringify([this.filter, shown, facts]);
    if (drawn === this.toolbarDrawn) return;
    this.toolbarDrawn = drawn;
    const buttons = shown.map(([key, label, count]) => h('button', { type: 'button', class: 'btn btn-small',
      'aria-pressed': String(this.filter === key),
      onclick: () => {
        this.filter = key;
        this.drawToolbar();
        this.applyFilter();
      } }, `${label} (${count})`));
    replace(this.toolbar,
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Show tasks' }, buttons),
      h('p', { class: 'small muted' }, succeeded ? `${reviewed} of ${succeeded} results reviewed` : ''),
      succeeded ? this.bulkControls(facts) : '');
  }

  /** Approve or reject many results in one call: what is shown, what is unreviewed, by checks or by SKU; and re-run. */
  bulkControls({ checked, skus, rejected, ended }) {
    const scopes = [['shown', 'Results shown'], ['unreviewed', 'Unreviewed results']];
    if (checked) scopes.push(['passed', 'Results that passed their checks'], ['failed', 'Results that failed a check']);
    for (const sku of skus) scopes.push([`sku:${sku}`, `SKU ${sku}`]);
    const previous = this.bulkScope?.value;
    this.bulkScope = h('select', { id: 'bulk-scope' }, scopes.map(([value, label]) => h('option', { value }, label)));
    if (scopes.some(([value]) => value === previous)) this.bulkScope.value = previous;
    const rerun = h('button', { type: 'button', class: 'btn btn-small', id: 'rerun-rejected', onclick: () => this.rerunDialog.open(this.job, rejected) },
      `Re-run rejected (${rejected})`);
    rerun.disabled = rejected === 0 || !ended;
    return h('div', { class: 'bulk-review row', role: 'group', 'aria-label': 'Review by filter' },
      h('label', { for: 'bulk-scope', class: 'small' }, 'Review by filter'), this.bulkScope,
      h('button', { type: 'button', class: 'btn btn-small toggle approve', onclick: () => this.reviewAll('approve') }, 'Approve all'),
      h('button', { type: 'button', class: 'btn btn-small toggle reject', onclick: () => this.reviewAll('reject') }, 'Reject all'),
      rerun);
  }

  /** The filter the scope picker stands for, as `POST /jobs/{id}/review` takes it. */
  bulkFilter() {
    const scope = this.bulkScope?.value ?? 'shown';
    if (scope === 'unreviewed') return { review: 'unreviewed' };
    if (scope === 'passed' || scope === 'failed') return { checks: scope };
    if (scope.startsWith('sku:')) return { sku: scope.slice(4) };
    const test = FILTERS.find(([key]) => key === this.filter)[2];
    return { taskIds: this.tasks.filter((t) => t.status === 'SUCCEEDED' && test(t)).map((t) => t.taskId) };
  }

  async reviewAll(decision) {
    const filter = this.bulkFilter();
    if (filter.taskIds && !filter.taskIds.length) {
      notify('No results are shown to review.', { tone: 'error' });
      return;
    }
    try {
      const done = await this.api.reviewAll(this.jobId, decision, filter);
      if (done.job) this.jobChanged(done.job);
      this.follower.invalidate(); // reviews write no log entries: read every task again
      this.scheduleTasks(true);
      announce(`${plural(done.changed ?? 0, 'result')} ${decision === 'approve' ? 'approved' : 'rejected'}.`);
    } catch (error) {
      notify(`The review was not saved. ${error.message}`, { tone: 'error' });
    }
  }

  /** Re-runs the rejected results with the dialog's prompt and parameters; answers an error message, or null. */
  async rerun(change) {
    try {
      const job = await this.api.rerun(this.jobId, change);
      if (job?.jobId) this.jobChanged(job);
      this.follower.invalidate();
      this.poller.poke();
      announce('The rejected results run again as a new attempt.');
      return null;
    } catch (error) {
      return error.message;
    }
  }

  /** Only the tasks the filter keeps are in the grid, which draws those near the viewport. */
  applyFilter() {
    const test = FILTERS.find(([key]) => key === this.filter)[2];
    this.taskGrid.setTasks(this.tasks.filter(test));
  }

  taskCard(task) {
    const name = task.input?.name ?? task.customId ?? task.taskId;
    const done = task.status === 'SUCCEEDED' && task.output?.url;
    const image = done
      ? h('img', { src: task.output.thumbnailUrl ?? task.output.url, alt: `Result: ${name}`, loading: 'lazy', decoding: 'async', class: 'task-result' })
      : task.input?.url
        ? h('img', { src: task.input.thumbnailUrl ?? task.input.url, alt: `Original: ${name}`, loading: 'lazy', decoding: 'async',
          style: { opacity: task.status === 'FAILED' || task.status === 'CANCELED' ? '.45' : '.7' } })
        : h('span', { class: 'placeholder' }, 'No preview');
    // A click on the picture opens the compare view too; keyboard and screen reader users have the Compare button.
    const media = h('div', { class: `task-media${done ? ' clickable' : ''}` }, image,
      ['QUEUED', 'RUNNING', 'WAITING'].includes(task.status)
        ? h('span', { class: 'task-overlay', 'aria-hidden': 'true' },
          task.status === 'QUEUED' ? '' : h('span', { class: 'spinner' }), statusLabel(task.status)) : '');
    if (done) media.addEventListener('click', () => this.openCompare(task.taskId));
    const dims = done && task.input?.width
      ? `${task.input.width}×${task.input.height} → ${task.output.width}×${task.output.height}` : '';
    const decision = task.review?.decision ?? null;
    const actions = done ? h('div', { class: 'task-actions' },
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.openCompare(task.taskId),
        'aria-label': `Compare ${name}` }, 'Compare'),
      h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Download the result of ${name}`,
        onclick: () => this.downloadResult(this.byId.get(task.taskId) ?? task) }, 'Download'),
      h('button', { type: 'button', class: 'btn btn-small toggle approve', 'aria-pressed': String(decision === 'approve'),
        'aria-label': `Approve ${name}`, onclick: () => this.toggleReview(task.taskId, 'approve') }, 'Approve'),
      h('button', { type: 'button', class: 'btn btn-small toggle reject', 'aria-pressed': String(decision === 'reject'),
        'aria-label': `Reject ${name}`, onclick: () => this.toggleReview(task.taskId, 'reject') }, 'Reject')) : '';
    return h('li', { class: `task-card${decision === 'approve' ? ' approved' : decision === 'reject' ? ' rejected' : ''}`,
      dataset: { taskId: task.taskId, status: task.status } },
    media,
    h('div', { class: 'task-body' },
      h('div', { class: 'task-name', title: name }, name),
      h('div', { class: 'task-meta' }, badge(statusLabel(task.status), statusTone(task.status)),
        dims ? h('span', {}, dims) : '',
        task.attempts > 1 ? h('span', {}, `attempt ${task.attempts}`) : ''),
      task.status === 'FAILED' && task.error ? h('p', { class: 'task-error' }, errorInWords(task.error)) : '',
      retryReason(task) ? h('p', { class: 'small muted task-retry' }, `Retrying: ${retryReason(task)}`) : '',
      checksLine(task),
      actions));
  }

  succeededTasks() {
    return this.tasks.filter((t) => t.status === 'SUCCEEDED' && t.output?.url);
  }

  /** Back on the card's Compare button after the dialog (the card may have been redrawn, or scrolled away, meanwhile). */
  focusCard(task) {
    const card = task && this.taskGrid.reveal(task.taskId);
    const target = card?.querySelector('.task-actions button') ?? card;
    if (!target?.isConnected) return false;
    target.focus();
    return true;
  }

  openCompare(taskId) {
    this.compare.open(this.succeededTasks(), taskId);
  }

  toggleReview(taskId, decision) {
    const task = this.byId.get(taskId);
    if (!task) return;
    this.review(task, task.review?.decision === decision ? null : decision);
  }

  async review(task, decision) {
    try {
      const updated = await this.api.review(this.jobId, task.taskId, decision);
      const merged = { ...updated, review: updated.review ?? (decision ? { decision } : null) };
      this.follower.put(merged); // a review writes no log entry: the follower keeps it
      this.refreshHead(); // the job's review progress moved
      const name = task.input?.name ?? task.taskId;
      const known = this.byId.get(task.taskId);
      // The card keeps the presigned URLs it has: the answer's are new ones for the same objects.
      const kept = known ? { ...merged, input: known.input, output: known.output } : merged;
      this.tasks = this.tasks.map((t) => (t.taskId === task.taskId ? kept : t));
      this.byId.set(task.taskId, kept);
      this.drawToolbar();
      this.applyFilter();
      this.taskGrid.cardFor(task.taskId)?.querySelector(`.toggle.${decision ?? 'approve'}`)?.focus();
      announce(decision ? `${name} ${decision === 'approve' ? 'approved' : 'rejected'}.` : `Review of ${name} cleared.`);
      return this.byId.get(task.taskId) ?? merged;
    } catch (error) {
      notify(`The review was not saved. ${error.message}`, { tone: 'error' });
      return null;
    }
  }

  /**
   * A pilot job's word on its pilot: while it runs, a line; once it ended, its results' summary with the rest's
   * estimate, and Continue beside the Cancel controls (moved here from the head's buttons).
   */
  pilotPanel(job, cancel) {
    const words = describePilot(job);
    if (!words) return null;
    if (!words.awaiting)
      return { awaiting: false, element: h('p', { class: 'small pilot-note', id: 'pilot-note' }, h('strong', {}, words.title), ` · ${words.text}`) };
    const go = h('button', { type: 'button', class: 'btn btn-primary', id: 'continue-job', onclick: () => this.continueJob(go) }, 'Continue');
    return {
      awaiting: true,
      element: h('section', { class: 'pilot-panel', id: 'pilot-panel', 'aria-labelledby': 'pilot-title' },
        h('h2', { id: 'pilot-title' }, words.title),
        h('p', { id: 'pilot-summary' }, words.text),
        h('div', { class: 'btn-group' }, go, cancel)),
    };
  }

  async continueJob(button) {
    button.disabled = true;
    try {
      const job = await this.api.continueJob(this.jobId);
      if (job?.jobId) this.jobChanged(job);
      announce('Continuing: the rest of the job runs now.');
      this.poller.poke();
    } catch (error) {
      button.disabled = false;
      notify(`The job could not continue. ${error.message}`, { tone: 'error' });
    }
  }

  /** Cancel, then "Cancel N tasks not started? [Yes, cancel] [Keep running]", then "Canceling…" until the job ends. */
  cancelControls(job) {
    if (!canCancel(job)) {
      this.canceling = false;
      return '';
    }
    if (this.canceling) {
      return h('button', { type: 'button', class: 'btn btn-danger', 'aria-disabled': 'true', id: 'cancel-state' },
        h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Canceling…');
    }
    if (this.confirmingCancel) {
      const queued = job.counts?.queued ?? 0;
      const started = (job.counts?.running ?? 0) + (job.counts?.waiting ?? 0);
      const yes = h('button', { type: 'button', class: 'btn btn-danger', onclick: () => this.cancel() }, 'Yes, cancel');
      queueMicrotask(() => yes.focus());
      return h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'cancel-question' },
        h('span', { id: 'cancel-question', class: 'small' },
          `Cancel the ${plural(queued, 'queued task')}?${started ? ` The ${plural(started, 'task')} already started will finish and keep ${started === 1 ? 'its result' : 'their results'}.` : ''} Results already made are kept.`),
        yes,
        h('button', { type: 'button', class: 'btn', onclick: () => this.askCancel(false) }, 'Keep running'));
    }
    return h('button', { type: 'button', class: 'btn btn-danger', onclick: () => this.askCancel(true) }, 'Cancel');
  }

  askCancel(on) {
    this.confirmingCancel = on;
    this.drawHead();
    if (!on) this.head.querySelector('.btn-danger')?.focus();
  }

  async cancel() {
    this.confirmingCancel = false;
    this.canceling = true;
    this.drawHead();
    this.head.querySelector('#cancel-state')?.focus();
    try {
      const job = await this.api.cancel(this.jobId);
      if (job?.jobId) this.jobChanged(job);
      announce('Canceling: tasks not started will not run.');
      this.poller.poke();
    } catch (error) {
      this.canceling = false;
      this.drawHead();
      notify(`The job could not be canceled. ${error.message}`, { tone: 'error' });
    }
  }

  async retryFailed() {
    try {
      const job = await this.api.retry(this.jobId);
      if (job?.jobId) this.jobChanged(job);
      announce('Failed tasks queued again.');
      this.poller.poke();
    } catch (error) {
      notify(`The retry did not start. ${error.message}`, { tone: 'error' });
    }
  }

  async downloadAll(button) {
    const only = this.onlyApproved.checked;
    button.disabled = true;
    button.textContent = 'Preparing zip…';
    try {
      const archive = await this.api.archiveReady(this.jobId, only);
      this.archiveNote = h('div', { class: 'archive-note', role: 'status' },
        h('span', {}, `Zip ready: ${plural(archive.count ?? 0, 'image')}${archive.size ? `, ${formatBytes(archive.size)}` : ''}.`),
        h('a', { href: archive.url, id: 'archive-link', download: archive.name ?? '' }, `Download ${archive.name ?? 'the zip'} again`),
        archive.expiresAt ? h('span', { class: 'muted' }, `(link valid until ${new Date(archive.expiresAt).toLocaleTimeString()})`) : '');
      this.drawHead();
      announce(`Zip of ${plural(archive.count ?? 0, 'image')} ready; the download starts.`);
      window.location.assign(archive.url);
    } catch (error) {
      notify(error.status === 404 && only ? 'No approved results to download yet.' : `The zip could not be made. ${error.message}`,
        { tone: 'error' });
      button.disabled = false;
      button.textContent = 'Download all';
    }
  }

  /**
   * One result, saved under its original's name: fetched as a blob (a cross-origin link would ignore the name), never
   * from the HTTP cache, whose copy (loaded by an <img> without CORS) would fail the CORS check.
   */
  async downloadResult(task) {
    const name = task.input?.name ?? task.taskId;
    const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[task.output?.contentType] ?? 'png';
    // The server's name for the result (the job's outputName, made safe), without its folders; else the original's.
    const fileName = task.output?.name ? task.output.name.split('/').pop() : `${baseName(name)}.${ext}`;
    try {
      const response = await fetch(task.output.url, { mode: 'cors', cache: 'no-store', credentials: 'omit' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = h('a', { href: url, download: fileName, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      announce(`Downloading the result of ${name}.`);
    } catch (error) {
      notify(`The result of ${name} could not be downloaded (${error.message}). Try again.`, { tone: 'error' });
    }
  }
}

/** What a preset keeps of a job: its step (or steps) as submitted, and its result names, without empty fields. */
export function jobSettings(job) {
  const clean = (step) => Object.fromEntries(Object.entries({ operation: step.operation, provider: step.provider, model: step.model,
    prompt: step.prompt, params: step.params && Object.keys(step.params).length ? step.params : null }).filter(([, v]) => v != null && v !== ''));
  const settings = job.steps ? { steps: job.steps.map(clean) } : clean(job);
  return job.outputName ? { ...settings, outputName: job.outputName } : settings;
}

/** The job's review progress, as the server keeps it. */
function reviewLine(job) {
  const review = job.review;
  if (!review || !job.counts?.succeeded) return '';
  return h('p', { class: 'small', id: 'review-progress' },
    `Review: ${review.approved} approved · ${review.rejected} rejected · ${review.unreviewed} to review`);
}

function taskSignature(task) {
  return [task.status, task.attempt ?? 1, task.previousAttempts?.length ?? 0, task.attempts, task.review?.decision ?? '', task.output?.size ?? '', task.error?.code ?? '',
    task.error?.message ?? '', failedChecks(task).length, task.checks?.length ?? 0].join('|');
}

/** "All 7 checks passed", or each failed rule with what the result measured against its limit. */
function checksLine(task) {
  if (!task.checks?.length) return '';
  const failed = failedChecks(task);
  if (!failed.length) return h('p', { class: 'small task-checks passed' }, `✓ All ${task.checks.length} checks passed`);
  return h('div', { class: 'task-checks failed', role: 'group', 'aria-label': 'Failed checks' },
    h('p', { class: 'small' }, `✗ ${failed.length} of ${task.checks.length} checks failed`),
    h('ul', {}, failed.map((check) => {
      const words = checkInWords(check);
      return h('li', { dataset: { rule: check.rule } }, h('strong', {}, words.label), `: ${words.value} (needs ${words.limit})`);
    })));
}
