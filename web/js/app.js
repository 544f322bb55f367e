// Atelier's web app: loads the settings, signs in, and routes between New job, Jobs and one job.

import { Api } from './api.js';
import { createAuth } from './auth.js';
import { loadConfig } from './config.js';
import { announce, h, notify, replace } from './dom.js';
import { JobForm } from './views/jobform.js';
import { JobList } from './views/joblist.js';
import { JobView } from './views/jobview.js';
import { ProjectsView } from './views/projects.js';
import { signInView } from './views/signin.js';
import { ManifestPanel } from './views/manifest.js';
import { Uploader } from './views/uploader.js';
import { WebhooksView } from './views/webhooks.js';
import { ImportPanel } from './views/storage.js';

const EXPIRED = 'Your session has expired. Sign in again to carry on.';
const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
let auth;
let api;
let studio = null;
let current = null;

async function start() {
  const config = await loadConfig();
  auth = createAuth(config);
  api = new Api({ baseUrl: config.apiUrl, token: () => auth.token(), onUnauthorized: () => signedOut('Your session has ended. Sign in again.') });
  document.getElementById('sign-out').addEventListener('click', () => {
    auth.signOut();
    signedOut();
    announce('Signed out.');
  });
  let error = '';
  try {
    await auth.completeRedirect();
  } catch (e) {
    error = e.message;
  }
  window.addEventListener('hashchange', route);
  if (auth.user()) signedIn(auth.user());
  else showSignIn(error || (auth.expired?.() ? EXPIRED : ''));
}

function showSignIn(error = '') {
  unmountCurrent();
  topbar.hidden = true;
  replace(main, signInView(auth, { error, onSignedIn: signedIn }));
  document.title = 'Sign in · Atelier';
}

function signedIn(user) {
  topbar.hidden = false;
  document.getElementById('account-name').textContent = user.name;
  route();
}

let signingOut = false;
function signedOut(message = '') {
  if (signingOut) return;
  signingOut = true;
  if (message) notify(message, { tone: 'error' });
  auth.forget();
  studio?.uploader.clear();
  studio = null;
  showSignIn(message);
  signingOut = false;
}

function unmountCurrent() {
  current?.unmount?.();
  current = null;
}

/** The studio (images + job form) lives for the whole session, so uploads go on while you look at jobs. */
function getStudio() {
  if (studio) return studio;
  const uploader = new Uploader({ api, onChange: (summary) => form?.updateReady(summary) });
  const form = new JobForm({
    api,
    uploader,
    onSubmitted: (job) => {
      notify(`Job "${job.name}" submitted.`, { tone: 'good' });
      location.hash = `#/jobs/${encodeURIComponent(job.jobId)}`;
    },
  });
  const manifests = new ManifestPanel({
    api,
    formSettings: () => form.jobSettings(),
    onSubmitted: (job) => {
      notify(`Job "${job.name}" submitted.`, { tone: 'good' });
      location.hash = `#/jobs/${encodeURIComponent(job.jobId)}`;
    },
  });
  const element = h('section', { 'aria-labelledby': 'studio-title' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', { id: 'studio-title' }, 'New job'),
        h('p', {}, 'Upload images straight to storage, choose what to do with them, and submit one job for all.'))),
    h('div', { class: 'studio' }, uploader.element, form.element), manifests.element,
    new ImportPanel({ api, jobSettings: () => form.jobSettings() }).element);
  studio = { element, uploader, form };
  return studio;
}

function route() {
  if (!auth.user()) {
    // Signed in a moment ago: the session ran out, which deserves a word rather than a silent sign-in page.
    if (topbar.hidden) showSignIn();
    else signedOut(EXPIRED);
    return;
  }
  const hash = location.hash || '#/new';
  const jobMatch = hash.match(/^#\/jobs\/([^/?#]+)$/);
  unmountCurrent();
  let name;
  if (jobMatch) {
    current = new JobView({
      api,
      jobId: decodeURIComponent(jobMatch[1]),
      // "Copy settings to a new job": the studio's form takes the job's step, then shows it.
      onCopySettings: (job) => {
        const copied = getStudio().form.applySettings(job);
        if (copied) location.hash = '#/new';
        return copied;
      },
    });
    replace(main, current.element);
    name = 'jobs';
    document.title = 'Job · Atelier';
  } else if (hash === '#/projects' || hash.startsWith('#/projects/')) {
    const projectId = hash.startsWith('#/projects/') ? decodeURIComponent(hash.slice('#/projects/'.length)) : null;
    current = new ProjectsView({ api, projectId });
    replace(main, current.element);
    name = 'projects';
    document.title = 'Projects · Atelier';
  } else if (hash === '#/webhooks' || hash.startsWith('#/webhooks/')) {
    const webhookId = hash.startsWith('#/webhooks/') ? decodeURIComponent(hash.slice('#/webhooks/'.length)) : null;
    current = new WebhooksView({ api, webhookId });
    replace(main, current.element);
    name = 'webhooks';
    document.title = 'Webhooks · Atelier';
  } else if (hash === '#/jobs') {
    current = new JobList({ api });
    replace(main, current.element);
    name = 'jobs';
    document.title = 'Jobs · Atelier';
  } else {
    replace(main, getStudio().element);
    name = 'new';
    document.title = 'New job · Atelier';
  }
  current?.mount?.();
  for (const link of topbar.querySelectorAll('[data-route]')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Keyboard and screen reader users land on the new page, not on whatever was removed.
  if (!topbar.contains(document.activeElement)) main.focus({ preventScroll: true });
}

start().catch((error) => {
  replace(main, h('div', { class: 'error-state', role: 'alert' },
    h('p', {}, `Atelier could not start: ${error.message}`),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => location.reload() }, 'Reload')));
});
