// Why a job is not moving: the reason a task gave for coming back, and the "no progress" rule. Pure, for the job view.

import { isTerminalJob, jobProgress } from './status.js';

/** Unfinished tasks and no event (the job's updatedAt moves with every task transition) for this long: stalled. */
export const STALL_AFTER_MS = 5 * 60 * 1000;

const UNFINISHED_TASK = new Set(['QUEUED', 'RUNNING', 'WAITING']);

/** The reason an unfinished task last gave for going back to the queue (its error while it retries), or null. */
export function retryReason(task) {
  if (!task?.error || !UNFINISHED_TASK.has(task.status)) return null;
  return (task.error.message ?? '').trim() || task.error.code || null;
}

/**
 * "No progress for 6 min: <why>" when the job has unfinished tasks and nothing happened for STALL_AFTER_MS, else null.
 * The why is the latest retry reason of its tasks when one is known.
 */
export function stallNotice(job, tasks = [], now = Date.now()) {
  if (!job || isTerminalJob(job.status)) return null;
  const p = jobProgress(job.counts);
  if (p.done >= p.total && p.total > 0) return null;
  const last = Date.parse(job.updatedAt ?? job.createdAt);
  if (!Number.isFinite(last) || now - last < STALL_AFTER_MS) return null;
  const minutes = Math.floor((now - last) / 60000);
  const reason = tasks.map(retryReason).find(Boolean);
  const unfinished = p.total - p.done;
  return `No progress for ${minutes} min: ${reason
    ?? `${unfinished} ${unfinished === 1 ? 'task is' : 'tasks are'} still ${p.active ? 'running' : 'queued'}, with no news from the worker`}`;
}
