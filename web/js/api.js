// The Atelier API: JSON in and out, bearer token, problem details turned into messages a person can act on.

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

/** One sentence (or a few) from an RFC 9457 problem: its detail, then each field's message. */
export function problemMessage(status, problem = {}) {
  if (status === 0) return 'The API could not be reached. Check the connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  const head = problem.detail || problem.title || problem.message || defaultMessage(status);
  const fields = (Array.isArray(problem.errors) ? problem.errors : [])
    .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
    .filter(Boolean);
  return fields.length && !fields.every((f) => head.includes(f)) ? `${head} ${fields.join('; ')}.`.replace('..', '.') : head;
}

function defaultMessage(status) {
  if (status === 404) return 'Not found: it may have been deleted or expired.';
  if (status === 429) return 'Too many requests; wait a moment and try again.';
  if (status >= 500) return `The API had a problem (HTTP ${status}). Try again in a moment.`;
  return `The request failed (HTTP ${status}).`;
}

export class Api {
  /**
   * @param {{baseUrl: string, token: () => Promise<string|null>, onUnauthorized?: () => void, fetchImpl?: typeof fetch}} o
   */
  constructor({ baseUrl, token, onUnauthorized = () => {}, fetchImpl = globalThis.fetch.bind(globalThis) }) {
    Object.assign(this, { baseUrl: baseUrl.replace(/\/+$/, ''), token, onUnauthorized, fetchImpl });
  }

  /** @returns {Promise<{status: number, etag: string|null, data: any, headers: Headers}>} */
  async request(method, path, { body, headers = {}, etag = null } = {}) {
    const token = await this.token();
    const all = { Accept: 'application/json', ...headers };
    if (token) all.Authorization = `Bearer ${token}`;
    if (body !== undefined) all['Content-Type'] = 'application/json';
    if (etag) all['If-None-Match'] = etag;
    let response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: all,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0);
    }
    if (response.status === 304) return { status: 304, etag, data: null, headers: response.headers };
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = { detail: text.slice(0, 200) };
      }
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(response.status, data ?? {});
    }
    return { status: response.status, etag: response.headers.get('ETag'), data, headers: response.headers };
  }

  async get(path) {
    return (await this.request('GET', path)).data;
  }

  async post(path, body, headers) {
    return (await this.request('POST', path, { body, headers })).data;
  }

  providers() {
    return this.get('/providers');
  }

  /** The caller's plan, what it includes and the usage of its quotas (GET /me). */
  me() {
    return this.get('/me');
  }

  /** The marketplace presets with their rules: [{name, title, description, rules, …}]. */
  async presets() {
    return (await this.get('/presets')).presets ?? [];
  }

  requestUploads(files) {
    return this.post('/uploads', { files });
  }

  /** Where each file would be filed (project, SKU, role by the name pattern), creating nothing. */
  placeUploads({ project, namePattern, files }) {
    return this.post('/uploads', { dryRun: true, project: project || undefined, namePattern, files });
  }

  /** An uploaded manifest, with its first rows as the server reads them. */
  manifest(manifestId) {
    return this.get(`/manifests/${encodeURIComponent(manifestId)}`);
  }

  image(imageId) {
    return this.get(`/images/${encodeURIComponent(imageId)}`);
  }

  async images(limit = 50) {
    return (await this.imagePage({ limit })).images ?? [];
  }

  /** One page of the caller's images, newest first: {images, nextCursor}. */
  imagePage({ limit = 50, cursor } = {}) {
    const query = new URLSearchParams({ limit: String(Math.min(200, Math.max(1, limit))) });
    if (cursor) query.set('cursor', cursor);
    return this.get(`/images?${query}`);
  }

  deleteImage(imageId) {
    return this.request('DELETE', `/images/${encodeURIComponent(imageId)}`);
  }

  submitJob(body, idempotencyKey) {
    return this.post('/jobs', body, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {});
  }

  /** A dry run (`dryRun: true`): the job's estimated cost, per step and per provider, and what would be refused. */
  estimateJob(body) {
    return this.post('/jobs', { ...body, dryRun: true });
  }

  jobs({ limit = 50, cursor, status } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    if (status) query.set('status', status);
    return this.get(`/jobs?${query}`);
  }

  /** GET /jobs/{id} with If-None-Match: {status: 304} while unchanged. */
  job(jobId, etag = null) {
    return this.request('GET', `/jobs/${encodeURIComponent(jobId)}`, { etag });
  }

  /** Every task of a job, following nextCursor. */
  async tasks(jobId) {
    const all = [];
    let cursor = null;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const page = await this.get(`/jobs/${encodeURIComponent(jobId)}/tasks?${query}`);
      all.push(...(page.tasks ?? []));
      cursor = page.nextCursor ?? null;
    } while (cursor);
    return all;
  }

  /** One page of the job's log from `since` on (GET /jobs/{id}/events?since=). */
  events(jobId, { since, cursor = null, limit = 200 } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (since) query.set('since', since);
    if (cursor) query.set('cursor', cursor);
    return this.get(`/jobs/${encodeURIComponent(jobId)}/events?${query}`);
  }

  /** The named tasks of a job (at most 100 ids). */
  tasksById(jobId, ids) {
    return this.get(`/jobs/${encodeURIComponent(jobId)}/tasks?ids=${ids.map(encodeURIComponent).join(',')}`);
  }

  cancel(jobId) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/cancel`);
  }

  /** A job awaiting approval after its pilot: the rest runs. */
  continueJob(jobId) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/continue`);
  }

  retry(jobId) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/retry`);
  }

  review(jobId, taskId, decision) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/tasks/${encodeURIComponent(taskId)}/review`, { decision });
  }

  /** Marks every succeeded result `filter` picks ({checks, sku, taskIds, review}); answers {matched, changed, job}. */
  reviewAll(jobId, decision, filter = {}) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/review`, { decision, filter });
  }

  /** Runs the rejected results again as a new attempt, with `prompt` and `params` changed (each optional). */
  rerun(jobId, { prompt, params, taskIds } = {}) {
    const body = {};
    if (prompt) body.prompt = prompt;
    if (params && Object.keys(params).length) body.params = params;
    if (taskIds?.length) body.taskIds = taskIds;
    return this.post(`/jobs/${encodeURIComponent(jobId)}/rerun`, body);
  }

  /** The caller's prompt templates: {templates: [{templateId, name, text, group, variables}], favouriteGroup}. */
  templates() {
    return this.get('/templates');
  }

  createTemplate(template) {
    return this.post('/templates', template);
  }

  async updateTemplate(templateId, template) {
    return (await this.request('PUT', `/templates/${encodeURIComponent(templateId)}`, { body: template })).data;
  }

  deleteTemplate(templateId) {
    return this.request('DELETE', `/templates/${encodeURIComponent(templateId)}`);
  }

  /** Templates a browser kept in localStorage; names the account has already are skipped. */
  importTemplates(templates) {
    return this.post('/templates/import', { templates });
  }

  /** The caller's own presets (saved job settings): [{presetId, name, settings}]. */
  async jobPresets() {
    return (await this.get('/job-presets')).presets ?? [];
  }

  createJobPreset(name, settings) {
    return this.post('/job-presets', { name, settings });
  }

  archive(jobId, onlyApproved = false) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/archive`, onlyApproved ? { only: 'approved' } : undefined);
  }

  /**
   * The zip, however large: a small one is answered at once; a large one is built in the background (status
   * BUILDING), so this polls until it is READY (or says why it FAILED).
   */
  async archiveReady(jobId, onlyApproved = false, { pollMs = 2000, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
    let archive = await this.archive(jobId, onlyApproved);
    while (archive.status === 'BUILDING') {
      await sleep(pollMs);
      archive = await this.get(`/jobs/${encodeURIComponent(jobId)}/archives/${encodeURIComponent(archive.archiveId)}`);
    }
    if (archive.status === 'FAILED') throw new Error(archive.error || 'The zip could not be made.');
    return archive;
  }

  webhooks() {
    return this.get('/webhooks');
  }

  createWebhook(body) {
    return this.post('/webhooks', body);
  }

  async deleteWebhook(webhookId) {
    return (await this.request('DELETE', `/webhooks/${encodeURIComponent(webhookId)}`)).data;
  }

  /** Enables an endpoint again (after a 410 Gone disabled it), or disables it. */
  async setWebhookEnabled(webhookId, enabled) {
    return (await this.request('PATCH', `/webhooks/${encodeURIComponent(webhookId)}`, { body: { enabled } })).data;
  }

  rotateWebhook(webhookId) {
    return this.post(`/webhooks/${encodeURIComponent(webhookId)}/rotate`, {});
  }

  pingWebhook(webhookId) {
    return this.post(`/webhooks/${encodeURIComponent(webhookId)}/ping`, {});
  }

  webhookDeliveries(webhookId, { limit = 50, cursor } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.get(`/webhooks/${encodeURIComponent(webhookId)}/deliveries?${query}`);
  }

  redeliver(webhookId, deliveryId) {
    return this.post(`/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, {});
  }

  /** POST /imports {source, project?, namePattern?}: 202, the import to poll. */
  importPrefix(body) {
    return this.post('/imports', typeof body === 'string' ? { source: body } : body);
  }

  /** POST /jobs with a source instead of images: 202, the import that will submit the job. */
  /** A job over an S3 prefix; a repeated Idempotency-Key answers the first request's import. */
  jobFromPrefix(body, idempotencyKey) {
    return this.post('/jobs', body, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {});
  }

  importStatus(importId) {
    return this.get(`/imports/${encodeURIComponent(importId)}`);
  }

  exportJob(jobId, body) {
    return this.post(`/jobs/${encodeURIComponent(jobId)}/export`, body);
  }

  exportStatus(jobId, exportId) {
    return this.get(`/jobs/${encodeURIComponent(jobId)}/exports/${encodeURIComponent(exportId)}`);
  }
}
