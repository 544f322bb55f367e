// A job's tasks kept current without listing them all on every refresh: one full listing, then only the log
// (GET /jobs/{id}/events?since=) and the tasks it names (GET /jobs/{id}/tasks?ids=). Requests per refresh follow
// what changed, not the size of the job.

/** Each read starts this long before the newest entry seen: an entry committed late still falls inside. */
export const OVERLAP_MS = 10000;
/** Presigned URLs age: the whole listing is read again this often (well within their lifetime). */
export const FULL_RELOAD_MS = 10 * 60 * 1000;
const IDS_PER_REQUEST = 100;

export class TaskFollower {
  constructor({ api, jobId, now = () => Date.now() }) {
    this.api = api;
    this.jobId = jobId;
    this.now = now;
    this.tasks = new Map();
    this.seen = new Set();
    this.newest = null;
    this.loadedAt = -Infinity;
  }

  /** Every task, in listing order. */
  list() {
    return [...this.tasks.values()];
  }

  /**
   * Brings the tasks up to date with `job` (the latest GET /jobs/{id}); answers the tasks that changed, or null when
   * everything was read again.
   */
  async refresh(job) {
    if (this.newest === null || this.now() - this.loadedAt > FULL_RELOAD_MS) {
      await this.loadAll(job);
      return null;
    }
    const changed = new Set();
    let cursor = null;
    const since = new Date(Date.parse(this.newest) - OVERLAP_MS).toISOString();
    do {
      const page = await this.api.events(this.jobId, { since, cursor });
      for (const event of page.events ?? []) {
        if (this.see(event) && event.taskId) changed.add(event.taskId);
      }
      cursor = page.nextCursor ?? null;
    } while (cursor);
    const ids = [...changed];
    const updated = [];
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
      const page = await this.api.tasksById(this.jobId, ids.slice(i, i + IDS_PER_REQUEST));
      for (const task of page.tasks ?? []) {
        this.tasks.set(task.taskId, task);
        updated.push(task);
      }
    }
    return updated;
  }

  /** The next refresh reads every task again (after a review by filter, which writes no log entries). */
  invalidate() {
    this.loadedAt = -Infinity;
  }

  /** A task changed here (a review): kept until the log says otherwise. */
  put(task) {
    this.tasks.set(task.taskId, task);
  }

  async loadAll(job) {
    // The job's updatedAt is the server's time of its latest change: everything before it is in the listing below.
    const from = job?.updatedAt ?? job?.createdAt ?? new Date(0).toISOString();
    const tasks = await this.api.tasks(this.jobId);
    this.tasks = new Map(tasks.map((task) => [task.taskId, task]));
    this.seen.clear();
    this.newest = from;
    this.loadedAt = this.now();
  }

  see(event) {
    if (!this.newest || Date.parse(event.at) > Date.parse(this.newest)) this.newest = event.at;
    if (this.seen.has(event.eventId)) return false;
    this.seen.add(event.eventId);
    return true;
  }
}
