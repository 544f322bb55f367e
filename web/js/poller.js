// Polls one resource with If-None-Match: cheap 304s while nothing changes, slower as it stays the same, and a stop
// once the resource says it is done.

/**
 * @param {object} o
 * @param {(etag: string|null) => Promise<{status: number, etag?: string|null, data?: any}>} o.fetch
 * @param {(data: any) => void} o.onChange called with each new version (200)
 * @param {(data: any) => boolean} o.isDone stop polling once this is true of the latest version
 * @param {(error: Error) => void} [o.onError]
 * @param {number[]} [o.delays] wait after each unchanged answer, in order; the last one repeats
 * @param {number} [o.errorDelay] wait after a failed request (doubles up to 8×)
 */
export class EtagPoller {
  constructor({ fetch, onChange, isDone, onError = () => {}, delays = [1000, 1000, 1500, 2000, 3000],
    errorDelay = 2000, timers = globalThis }) {
    Object.assign(this, { fetchFn: fetch, onChange, isDone, onError, delays, errorDelay, timers });
    this.etag = null;
    this.unchanged = 0;
    this.failures = 0;
    this.timer = null;
    this.stopped = true;
    this.done = false;
    this.inFlight = false;
    this.again = false;
  }

  start() {
    if (!this.stopped) return this;
    this.stopped = false;
    this.tick();
    return this;
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Poll now instead of waiting (after the user changed something); restarts a poller that had finished. */
  poke() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.unchanged = 0;
    this.failures = 0;
    this.stopped = false;
    this.done = false;
    if (this.inFlight) this.again = true;
    else this.tick();
  }

  /** The wait before the next request, given how the last one went. */
  nextDelay() {
    if (this.failures > 0) return this.errorDelay * Math.min(8, 2 ** (this.failures - 1));
    return this.delays[Math.min(this.unchanged, this.delays.length - 1)];
  }

  async tick() {
    this.timer = null;
    if (this.stopped) return;
    this.inFlight = true;
    try {
      const answer = await this.fetchFn(this.etag);
      this.failures = 0;
      if (answer.status === 304) {
        this.unchanged += 1;
      } else {
        this.etag = answer.etag ?? null;
        this.unchanged = 0;
        if (!this.stopped) this.onChange(answer.data);
        if (!this.again && this.isDone(answer.data)) {
          this.done = true;
          this.stop();
        }
      }
    } catch (error) {
      this.failures += 1;
      if (!this.stopped) this.onError(error);
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      this.tick();
    } else if (!this.stopped) {
      this.timer = this.timers.setTimeout(() => this.tick(), this.nextDelay());
    }
  }
}
