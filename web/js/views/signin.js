// The sign-in page: a user name locally, the hosted UI in AWS.

import { announce, h } from '../dom.js';

export function signInView(auth, { onSignedIn, error = '' }) {
  const message = h('p', { class: 'field-error', id: 'signin-error', role: 'alert' }, error);
  if (auth.mode === 'cognito') {
    const button = h('button', { type: 'button', class: 'btn btn-primary btn-block' }, 'Sign in');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await auth.signIn();
      } catch (e) {
        button.disabled = false;
        message.textContent = e.message;
      }
    });
    return page(h('p', {}, 'Sign in with your organisation account to upload images and run batch jobs.'), button, message);
  }

  const input = h('input', { id: 'user-name', class: 'input', name: 'user', autocomplete: 'username', required: true,
    spellcheck: 'false', autocapitalize: 'none', 'aria-describedby': 'user-hint signin-error' });
  const plan = h('input', { id: 'user-plan', class: 'input', name: 'plan', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'none', placeholder: 'local (everything)', 'aria-describedby': 'plan-hint' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, 'Sign in');
  const form = h('form', { class: 'stack', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'user-name' }, 'User name'),
      input,
      h('span', { class: 'hint', id: 'user-hint' }, 'Local stack: any name works; each name sees only its own images and jobs.')),
    h('div', { class: 'field' },
      h('label', { for: 'user-plan' }, 'Plan (optional)'),
      plan,
      h('span', { class: 'hint', id: 'plan-hint' }, 'Try a stricter plan, e.g. basic or advanced; empty allows everything.')),
    message,
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      message.textContent = 'Enter a user name.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const user = await auth.signIn(input.value, plan.value);
      announce(`Signed in as ${user.name}`);
      onSignedIn(user);
    } catch (e) {
      message.textContent = e.message || 'Sign-in failed.';
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });
  setTimeout(() => input.focus(), 0);
  return page(h('p', {}, 'Batch image work: upload, run one job over all of them, review and download.'), form);
}

function page(...content) {
  return h('section', { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('div', { class: 'panel' },
      h('h1', { id: 'signin-title' }, 'Sign in to Atelier'),
      ...content));
}
