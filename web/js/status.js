// Job and task states: what is finished, how far along a job is, and errors in words.

const TERMINAL_JOB = new Set(['SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELED']);
const TERMINAL_TASK = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

const LABELS = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  AWAITING_APPROVAL: 'Awaiting approval',
  WAITING: 'Waiting',
  SUCCEEDED: 'Succeeded',
  PARTIAL: 'Partly done',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  PENDING: 'Checking',
  READY: 'Ready',
  REJECTED: 'Rejected',
};

/** The tone a status is drawn in: neutral, busy, good, warn or bad. */
const TONES = {
  QUEUED: 'neutral', RUNNING: 'busy', WAITING: 'busy', AWAITING_APPROVAL: 'warn', SUCCEEDED: 'good', PARTIAL: 'warn',
  FAILED: 'bad', CANCELED: 'neutral', PENDING: 'busy', READY: 'good', REJECTED: 'bad',
};

export function isTerminalJob(status) {
  return TERMINAL_JOB.has(status);
}

export function isTerminalTask(status) {
  return TERMINAL_TASK.has(status);
}

export function statusLabel(status) {
  return LABELS[status] ?? (status ? status.charAt(0) + status.slice(1).toLowerCase() : 'Unknown');
}

export function statusTone(status) {
  return TONES[status] ?? 'neutral';
}

/**
 * A job's progress from its counts. `done` is what was processed (succeeded or failed); canceled tasks are not done,
 * so `percent` (of processed tasks) stays short of 100 for a job canceled part way, and is 0 for one canceled whole.
 * It only reaches 100 when every task was processed.
 */
export function jobProgress(counts = {}) {
  const n = (key) => (Number.isFinite(counts[key]) ? counts[key] : 0);
  const total = n('total');
  const succeeded = n('succeeded');
  const failed = n('failed');
  const canceled = n('canceled');
  const active = n('running') + n('waiting');
  const queued = n('queued');
  const done = succeeded + failed;
  const finished = done + canceled;
  const percent = total === 0 ? 0 : done >= total ? 100 : Math.min(99, Math.floor((done * 100) / total));
  return { total, done, finished, succeeded, failed, canceled, active, queued, percent };
}

/** "28 of 120 done · 10 running · 2 failed"; canceled tasks are counted on their own, never as done. */
export function countsSummary(counts) {
  const p = jobProgress(counts);
  const parts = [`${p.done} of ${p.total} done`];
  if (p.active) parts.push(`${p.active} running`);
  if (p.queued && p.finished < p.total && p.finished + p.active > 0) parts.push(`${p.queued} queued`);
  if (p.failed) parts.push(`${p.failed} failed`);
  if (p.canceled) parts.push(`${p.canceled} canceled`);
  return parts.join(' · ');
}

/** What a job's list row and page call a job: its name, or the API's own default for an unnamed one. */
export function jobName(job) {
  const name = (job?.name ?? '').trim();
  if (name) return name;
  const operations = job?.steps ? job.steps.map((s) => s.operation) : [job?.operation ?? 'job'];
  const count = job?.counts?.total ?? 0;
  return `${operations.join(' → ')} · ${count} ${count === 1 ? 'image' : 'images'}`;
}

/** Whether the Cancel button makes sense: something has not finished yet. */
export function canCancel(job) {
  return !!job && !isTerminalJob(job.status);
}

/** Errors a retry cannot fix: the same input and parameters fail the same way (the API skips them too). */
const PERMANENT_ERRORS = new Set(['invalid_input', 'provider_invalid_request']);

/** Whether a retry could make this task succeed: canceled, or failed for a reason that may pass. */
export function retryCanHelp(task) {
  return task.status === 'CANCELED' || (task.status === 'FAILED' && !PERMANENT_ERRORS.has(task.error?.code));
}

/**
 * Whether "Retry failed" makes sense: the job has stopped with failed or canceled tasks and, when its tasks are
 * known, at least one of them could succeed on retry.
 */
export function canRetry(job, tasks = null) {
  if (!job || !isTerminalJob(job.status)) return false;
  const p = jobProgress(job.counts);
  if (p.failed + p.canceled === 0) return false;
  return !tasks?.length || tasks.some(retryCanHelp);
}

const ERROR_WORDS = {
  invalid_input: 'The image could not be used for this operation.',
  provider_refused: 'The provider refused this image or prompt (content policy).',
  provider_throttled: 'The provider was busy and asked us to slow down; retry later.',
  provider_unavailable: 'The provider could not be reached.',
  provider_auth: 'The provider did not accept the configured key.',
  provider_invalid_request: 'The provider did not accept these parameters.',
  timeout: 'The provider took too long to answer.',
  exhausted: 'It failed after every retry.',
  internal: 'Something went wrong on our side.',
  budget_exceeded: 'Not started: it would have gone over the job\'s budget. Raise the budget to run it.',
};

/** A failed task's error as a sentence: the code's meaning, then the provider's own message if it adds anything. */
export function errorInWords(error) {
  if (!error) return '';
  const general = ERROR_WORDS[error.code] ?? 'The task failed.';
  const message = (error.message ?? '').trim();
  if (!message) return general;
  return `${general} ${message.endsWith('.') ? message : `${message}.`}`;
}

/** Whether a job's name (or its fallback) holds every word of a search, in any case. */
export function jobMatches(job, query) {
  const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const name = jobName(job).toLowerCase();
  return words.every((word) => name.includes(word));
}
