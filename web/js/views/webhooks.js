// Webhooks: the caller's endpoints (GET /webhooks), adding one (its secret shown once), a test ping, and one
// endpoint's delivery log with redelivery (#/webhooks/<id>).

import { announce, badge, h, notify, replace, uid } from '../dom.js';
import { formatAge } from '../format.js';
import { WEBHOOK_EVENTS, describeDelivery, describeEndpoint, webhookRequest } from '../webhooks.js';

export class WebhooksView {
  constructor({ api, webhookId = null }) {
    Object.assign(this, { api, webhookId });
    this.body = h('div', { class: 'webhooks-body' }, h('p', { class: 'muted' }, 'Loading…'));
    this.element = h('section', { class: 'page webhooks', 'aria-labelledby': 'webhooks-title' },
      h('div', { class: 'page-head' },
        h('div', {}, h('h1', { id: 'webhooks-title' }, webhookId ? 'Deliveries' : 'Webhooks'),
          h('p', {}, webhookId ? `What was sent to endpoint ${webhookId}, newest first.`
            : 'Atelier calls your endpoints when jobs and images finish, signed as Standard Webhooks describes.')),
        webhookId ? h('a', { href: '#/webhooks', class: 'small' }, 'All endpoints') : null),
      this.body);
  }

  async mount() {
    try {
      if (this.webhookId) await this.showDeliveries();
      else await this.showEndpoints();
    } catch (error) {
      replace(this.body, h('p', { class: 'error-state', role: 'alert' }, error.message));
    }
  }

  async showEndpoints() {
    const { webhooks = [] } = await this.api.webhooks();
    this.secretBox = h('div', { class: 'webhook-secret', role: 'status' });
    const list = webhooks.length
      ? h('ul', { class: 'project-list webhook-list', 'aria-label': 'Webhook endpoints' }, ...webhooks.map((endpoint) => this.endpointRow(endpoint)))
      : h('p', { class: 'muted' }, 'No endpoints yet.');
    replace(this.body, this.secretBox, list, this.createForm());
  }

  endpointRow(endpoint) {
    const state = describeEndpoint(endpoint);
    const enabled = endpoint.enabled !== false;
    return h('li', { class: 'panel webhook-row', 'data-webhook': endpoint.webhookId, 'data-enabled': String(enabled) },
      h('div', { class: 'row' },
        h('strong', {}, endpoint.url),
        badge(state.label, state.tone),
        endpoint.default ? badge('Default', 'good') : null,
        endpoint.description ? h('span', { class: 'muted small' }, endpoint.description) : null),
      state.detail ? h('p', { class: 'small webhook-disabled', role: 'note' }, state.detail) : null,
      h('p', { class: 'muted small' }, `Events: ${endpoint.events.join(', ')}`),
      h('div', { class: 'btn-group' },
        enabled
          ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.ping(endpoint) }, 'Send test ping')
          : h('button', { type: 'button', class: 'btn btn-small btn-primary', onclick: () => this.setEnabled(endpoint, true) }, 'Enable again'),
        h('a', { class: 'btn btn-small', href: `#/webhooks/${encodeURIComponent(endpoint.webhookId)}` }, 'Delivery log'),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.rotate(endpoint) }, 'New secret'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => this.remove(endpoint) }, 'Delete')));
  }

  createForm() {
    const urlId = uid('webhook-url');
    const descriptionId = uid('webhook-description');
    const url = h('input', { id: urlId, class: 'input', type: 'url', required: true, placeholder: 'https://shop.example.com/hooks/atelier', autocomplete: 'off' });
    const description = h('input', { id: descriptionId, class: 'input', type: 'text', maxlength: 200, autocomplete: 'off' });
    const boxes = WEBHOOK_EVENTS.map(([value, label]) => {
      const id = uid('webhook-event');
      return { value, input: h('input', { id, type: 'checkbox', value, checked: value.startsWith('job.') }), label: h('label', { for: id }, label) };
    });
    const defaultId = uid('webhook-default');
    const makeDefault = h('input', { id: defaultId, type: 'checkbox' });
    const errors = h('div', { class: 'field-error', role: 'alert', id: 'webhook-errors' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Add endpoint');
    const form = h('form', { class: 'panel webhook-form', 'aria-labelledby': 'webhook-form-title', novalidate: true },
      h('h2', { id: 'webhook-form-title' }, 'Add an endpoint'),
      h('div', { class: 'field' }, h('label', { for: urlId }, 'URL'), url),
      h('div', { class: 'field' }, h('label', { for: descriptionId }, 'Description (optional)'), description),
      h('fieldset', { class: 'field' }, h('legend', { class: 'label' }, 'Events'),
        h('div', { class: 'row' }, ...boxes.map((box) => h('span', { class: 'row' }, box.input, box.label)))),
      h('div', { class: 'row' }, makeDefault, h('label', { for: defaultId }, 'Default for jobs that name no endpoint')),
      errors, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const request = webhookRequest({
        url: url.value, description: description.value, makeDefault: makeDefault.checked,
        events: boxes.filter((box) => box.input.checked).map((box) => box.value),
      });
      url.removeAttribute('aria-invalid');
      if (request.errors) {
        errors.textContent = request.errors.map((e) => e.message).join('. ');
        if (request.errors.some((e) => e.field === 'url')) url.setAttribute('aria-invalid', 'true');
        return;
      }
      submit.disabled = true;
      try {
        const created = await this.api.createWebhook(request.body);
        await this.showEndpoints();
        this.showSecret(created, 'Endpoint added.');
      } catch (error) {
        errors.textContent = error.message;
        if (error.fieldErrors?.some((e) => e.field === 'url')) url.setAttribute('aria-invalid', 'true');
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  /** The secret is in this answer only: shown once, with a way to copy it. */
  showSecret(endpoint, heading) {
    const secret = h('code', { class: 'secret-value', id: 'webhook-secret-value' }, endpoint.secret);
    replace(this.secretBox, h('div', { class: 'panel' },
      h('p', {}, h('strong', {}, heading), ' Its signing secret is shown only now: store it with your receiver.'),
      h('div', { class: 'row' }, secret,
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => navigator.clipboard?.writeText(endpoint.secret).then(() => announce('Secret copied.')) }, 'Copy'),
        h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => replace(this.secretBox) }, 'Done'))));
    announce(`${heading} The signing secret is shown once.`);
  }

  async ping(endpoint) {
    try {
      await this.api.pingWebhook(endpoint.webhookId);
      notify('Test ping sent: see the delivery log for the answer.', { tone: 'good' });
    } catch (error) {
      notify(error.message, { tone: 'error' });
    }
  }

  async setEnabled(endpoint, enabled) {
    try {
      await this.api.setWebhookEnabled(endpoint.webhookId, enabled);
      notify(enabled ? 'Endpoint enabled: events are sent to it again.' : 'Endpoint disabled.', { tone: 'good' });
      await this.showEndpoints();
    } catch (error) {
      notify(error.message, { tone: 'error' });
    }
  }

  async rotate(endpoint) {
    if (!window.confirm('Make a new secret? The current one keeps signing for 24 hours beside it.')) return;
    try {
      this.showSecret(await this.api.rotateWebhook(endpoint.webhookId), 'New secret made.');
    } catch (error) {
      notify(error.message, { tone: 'error' });
    }
  }

  async remove(endpoint) {
    if (!window.confirm(`Delete the endpoint ${endpoint.url}? Nothing more is sent to it.`)) return;
    try {
      await this.api.deleteWebhook(endpoint.webhookId);
      notify('Endpoint deleted.', { tone: 'good' });
      await this.showEndpoints();
    } catch (error) {
      notify(error.message, { tone: 'error' });
    }
  }

  async showDeliveries() {
    const { deliveries = [] } = await this.api.webhookDeliveries(this.webhookId);
    const refresh = h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.mount() }, 'Refresh');
    const ping = h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
      await this.ping({ webhookId: this.webhookId });
      await this.mount();
    } }, 'Send test ping');
    if (!deliveries.length) {
      replace(this.body, h('div', { class: 'btn-group' }, ping, refresh), h('p', { class: 'muted' }, 'Nothing sent yet.'));
      return;
    }
    replace(this.body, h('div', { class: 'btn-group' }, ping, refresh),
      h('ul', { class: 'project-list delivery-list', 'aria-label': 'Deliveries' }, ...deliveries.map((delivery) => {
        const { label, tone, detail } = describeDelivery(delivery);
        return h('li', { class: 'panel', 'data-delivery': delivery.deliveryId },
          h('div', { class: 'row' }, h('strong', {}, delivery.eventType), badge(label, tone),
            h('span', { class: 'muted small' }, formatAge(delivery.createdAt))),
          h('p', { class: 'small' }, detail),
          h('p', { class: 'muted small' }, `webhook-id ${delivery.deliveryId}`),
          h('div', { class: 'btn-group' }, h('button', { type: 'button', class: 'btn btn-small', onclick: async () => {
            try {
              await this.api.redeliver(this.webhookId, delivery.deliveryId);
              notify('Sent again.', { tone: 'good' });
              await this.mount();
            } catch (error) {
              notify(error.message, { tone: 'error' });
            }
          } }, 'Redeliver')));
      })));
  }
}
