// The "Job" panel: operation, provider, prompt (with saved templates), the operation's parameters, and submit.

import { exampleOutputName } from '../naming.js';
import { announce, h, notify, replace, uid } from '../dom.js';
import { plural } from '../format.js';
import {
  REMEMBERED, buildJobRequest, catalogue, defaultValues, fieldsFor, operationInfo, promptRule, visibleFields,
} from '../params.js';
import { EstimateRequester, budgetValue, describeEstimate } from '../estimate.js';
import { pilotValue } from '../pilot.js';
import { CUSTOM, checksChoices, checksValue, presetJobRequest, rulesInWords } from '../presets.js';
import { planRules, usageInWords } from '../plan.js';
import { jobName } from '../status.js';
import { PromptTemplates, ServerTemplates, suggestName } from '../templates.js';

export class JobForm {
  constructor({ api, uploader, onSubmitted, templates = new PromptTemplates(), storage = globalThis.localStorage }) {
    // Templates live on the server (every device); the browser's older list is only offered for import, once.
    Object.assign(this, { api, uploader, onSubmitted, localTemplates: templates, storage });
    this.templates = new ServerTemplates(api);
    this.values = {};
    this.idempotencyKey = crypto.randomUUID();
    this.ready = { ready: 0 };
    this.estimates = new EstimateRequester({ fetchEstimate: (body) => this.api.estimateJob(body),
      onState: (state) => this.showEstimate(state) });
    this.body = h('div', { class: 'stack' });
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'job-heading' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'job-heading' }, 'Job'),
        this.usageLine = h('p', { class: 'small muted plan-usage', id: 'plan-usage' })),
      this.body);
    this.load();
  }

  async load() {
    replace(this.body,
      h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading providers…'));
    try {
      // An API without presets (or a failed look-up) leaves the form as it was: operations only.
      // The plan decides which options are on; an API without GET /me (or a failed look-up) leaves them all on.
      const [providers, presets, me] = await Promise.all([this.api.providers(), this.api.presets().catch(() => []),
        this.api.me?.().catch(() => null)]);
      this.catalogue = catalogue(providers);
      this.presets = this.catalogue.providersFor('frame').some((p) => p.id === 'local') ? presets : [];
      this.showPlan(me);
    } catch (error) {
      replace(this.body, h('div', { class: 'error-state', role: 'alert' },
        h('p', {}, `The providers could not be loaded. ${error.message}`),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.load() }, 'Try again')));
      return;
    }
    if (this.catalogue.operations.length === 0) {
      replace(this.body, h('div', { class: 'empty' },
        h('div', { class: 'empty-art', 'aria-hidden': 'true' }, '⚙'),
        h('h3', {}, 'No provider is configured'),
        h('p', {}, 'Ask whoever runs Atelier to configure a provider; the built-in local one needs no key.')));
      return;
    }
    this.renderForm();
    if (this.pendingSettings) this.applySettings(this.pendingSettings);
  }

  renderForm() {
    this.nameInput = h('input', { id: 'job-name', class: 'input', type: 'text', maxlength: 200, autocomplete: 'off' });
    this.budgetInput = h('input', { id: 'job-budget', class: 'input', type: 'text', inputmode: 'decimal', autocomplete: 'off',
      placeholder: 'No limit', 'aria-describedby': 'job-budget-hint' });
    this.pilotInput = h('input', { id: 'job-pilot', class: 'input', type: 'text', inputmode: 'numeric', autocomplete: 'off',
      placeholder: 'All at once', 'aria-describedby': 'job-pilot-hint' });
    // What the plan lacks stays in view, off, with the reason: the person sees what another plan would give.
    const plan = this.plan;
    this.operation = h('select', { id: 'operation', class: 'input', 'aria-describedby': 'operation-hint plan-note' },
      this.catalogue.operations.map((op) => offOption(op, operationInfo(op).label, !plan.operation(op))));
    this.operation.value = this.catalogue.operations.find((op) => plan.operation(op)) ?? this.catalogue.operations[0];
    this.operationHint = h('span', { class: 'hint', id: 'operation-hint' });
    const lacked = this.catalogue.operations.filter((op) => !plan.operation(op)).map((op) => operationInfo(op).label.toLowerCase());
    const presetsOff = !plan.operation('remove-background') || !plan.operation('frame') || !plan.provider('local');
    if (presetsOff && this.presets.length) lacked.push('the marketplace presets');
    this.planNote = h('span', { class: 'hint plan-note', id: 'plan-note', hidden: lacked.length === 0 },
      lacked.length ? plan.reason(listInWords(lacked)) : '');
    this.preset = h('select', { id: 'preset', class: 'input', 'aria-describedby': 'preset-rules plan-note' },
      h('option', { value: '' }, 'None: choose an operation'), this.presets.map((p) => offOption(p.name, p.title, presetsOff)));
    this.presetRules = h('div', { class: 'preset-rules', id: 'preset-rules', hidden: true });
    this.checks = h('select', { id: 'checks', class: 'input', 'aria-describedby': 'checks-hint' },
      checksChoices(this.presets).map(([value, label]) => h('option', { value }, label)));
    this.checksField = h('div', { class: 'field', hidden: this.presets.length === 0 },
      h('label', { for: 'checks' }, 'Check results against'), this.checks,
      h('span', { class: 'hint', id: 'checks-hint' }, 'Each result is measured against these rules; failures are flagged on the job page.'));
    this.provider = h('select', { id: 'provider', class: 'input' });
    this.model = h('select', { id: 'model', class: 'input' });
    this.modelField = h('div', { class: 'field', hidden: true }, h('label', { for: 'model' }, 'Model'), this.model);
    this.prompt = h('textarea', { id: 'prompt', class: 'input', rows: 4, maxlength: 4000, 'aria-describedby': 'prompt-hint' });
    this.promptHint = h('span', { class: 'hint', id: 'prompt-hint' });
    this.templateSelect = h('select', { id: 'prompt-template', class: 'input' });
    this.params = h('div', { class: 'form-grid' });
    this.paramsBox = h('fieldset', { class: 'stack', style: { border: '0', padding: '0', margin: '0' } },
      h('legend', { class: 'label', style: { marginBottom: 'var(--sp-3)' } }, 'Parameters'), this.params);
    this.perImage = h('input', { type: 'checkbox', id: 'per-image-prompts' });
    this.perImageBox = h('label', { class: 'check', for: 'per-image-prompts' }, this.perImage, 'Per-image prompts (a prompt field on each ready image)');
    // What the results are called: folders per SKU with {sku}/…, checked and shown on an example as it is typed.
    this.outputName = h('input', { id: 'output-name', class: 'input', type: 'text', maxlength: 500, autocomplete: 'off',
      placeholder: '{sku}/{sku}_{role}.{ext}', 'aria-describedby': 'output-name-example' });
    this.outputExample = h('span', { class: 'hint', id: 'output-name-example' }, 'Empty: results are named after their originals.');
    this.outputName.addEventListener('input', () => this.showOutputExample());
    this.errors = h('div', { class: 'field-error', role: 'alert', id: 'job-errors' });
    this.readyLine = h('p', { class: 'small muted', id: 'ready-line' });
    this.estimateBox = h('div', { class: 'estimate', id: 'job-estimate', 'aria-live': 'polite', hidden: true });
    this.submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'aria-describedby': 'ready-line job-estimate' }, 'Submit job');

    const form = h('form', { class: 'stack', novalidate: true },
      h('div', { class: 'form-grid' },
        this.presets.length ? h('div', { class: 'field' }, h('label', { for: 'preset' }, 'Preset'), this.preset) : '',
        this.operationField = h('div', { class: 'field' }, h('label', { for: 'operation' }, 'Operation'), this.operation),
        this.providerField = h('div', { class: 'field' }, h('label', { for: 'provider' }, 'Provider'), this.provider),
        this.modelField),
      this.operationHint,
      this.planNote,
      this.presetRules,
      this.promptField = h('div', { class: 'field' },
        h('label', { for: 'prompt' }, 'Prompt'),
        this.prompt,
        this.promptHint,
        h('label', { class: 'visually-hidden', for: 'prompt-template' }, 'Saved prompts'),
        this.templateRow = h('div', { class: 'template-row' },
          this.templateSelect,
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => this.saveTemplate() }, 'Save prompt'),
          h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => this.deleteTemplate() }, 'Delete')),
        this.saveRow = this.templateSaveRow()),
      // Outside the prompt field, which operations without a prompt hide.
      this.importOffer = h('div', { class: 'import-offer', role: 'group', 'aria-label': 'Prompts saved in this browser', hidden: true }),
      this.paramsBox,
      this.perImageBox,
      this.checksField,
      h('div', { class: 'field' }, h('label', { for: 'output-name' }, 'Result names (optional)'), this.outputName, this.outputExample),
      h('div', { class: 'field' }, h('label', { for: 'job-name' }, 'Job name (optional)'), this.nameInput),
      h('div', { class: 'field' }, h('label', { for: 'job-budget' }, 'Budget (optional)'), this.budgetInput,
        h('span', { class: 'hint', id: 'job-budget-hint' }, 'The most this job may spend; tasks over it stop until you raise it.')),
      h('div', { class: 'field' }, h('label', { for: 'job-pilot' }, 'Pilot (first N)'), this.pilotInput,
        h('span', { class: 'hint', id: 'job-pilot-hint' }, 'Runs the first N images, then waits for you to check them and continue.')),
      this.errors,
      this.readyLine,
      this.estimateBox,
      this.submit);
    replace(this.body, form);

    this.operation.addEventListener('change', () => this.operationChanged());
    this.preset.addEventListener('change', () => this.presetChanged());
    this.provider.addEventListener('change', () => this.providerChanged());
    this.templateSelect.addEventListener('change', () => this.useTemplate());
    this.perImage.addEventListener('change', () => this.uploader.setPerImagePrompts(this.perImage.checked));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    form.addEventListener('input', () => {
      this.idempotencyKey = crypto.randomUUID();
      this.refreshEstimate();
    });
    form.addEventListener('change', () => this.refreshEstimate());
    this.fillTemplates();
    this.operationChanged();
    this.loadTemplates();
  }

  /**
   * "Copy settings to a new job": a single-step job's operation, provider, model, prompt and parameters into the form
   * (the images are chosen anew). False for a workflow, which the form cannot show.
   */
  applySettings(job) {
    if (job.steps) return false;
    if (!this.catalogue) {
      this.pendingSettings = job; // the form is still loading: applied once it is drawn
      return true;
    }
    this.pendingSettings = null;
    if (this.chosenPreset) {
      this.preset.value = '';
      this.presetChanged();
    }
    if (![...this.operation.options].some((o) => o.value === job.operation)) return false;
    this.operation.value = job.operation;
    this.operationChanged();
    if ([...this.provider.options].some((o) => o.value === job.provider)) {
      this.provider.value = job.provider;
      this.providerChanged();
    }
    if (job.model && [...this.model.options].some((o) => o.value === job.model)) this.model.value = job.model;
    this.values[this.valuesKey] = { ...defaultValues(this.fields, this.storage, this.provider.value), ...(job.params ?? {}) };
    this.renderParams();
    if (!this.prompt.disabled) this.prompt.value = job.prompt ?? '';
    this.outputName.value = job.outputName ?? '';
    this.showOutputExample();
    this.nameInput.value = '';
    announce(`Settings of "${jobName(job)}" copied: choose images and submit.`);
    return true;
  }

  async loadTemplates() {
    // Signed out meanwhile (the form outlives a session): nothing to load, and no request bound to fail with a 401.
    if (!(await this.api.token?.())) return;
    try {
      await this.templates.load();
      this.fillTemplates();
      this.offerImport();
    } catch (error) {
      notify(`Your saved prompts could not be loaded. ${error.message}`, { tone: 'error' });
    }
  }

  /** Prompts an earlier version kept in this browser only: offered once for the account, where every device sees them. */
  offerImport() {
    const local = ServerTemplates.pendingImport(this.localTemplates, this.storage);
    this.importOffer.hidden = local.length === 0;
    if (!local.length) return;
    const done = (message) => {
      ServerTemplates.markOffered(this.storage);
      this.importOffer.hidden = true;
      if (message) announce(message);
    };
    replace(this.importOffer,
      h('p', { class: 'small' }, `${plural(local.length, 'prompt')} saved in this browser only. Keep ${local.length === 1 ? 'it' : 'them'} in your account, on every device?`),
      h('div', { class: 'btn-group' },
        h('button', { type: 'button', class: 'btn btn-small btn-primary', onclick: async () => {
          try {
            const answer = await this.templates.importLocal(this.localTemplates);
            this.fillTemplates();
            done(`${plural(answer.created?.length ?? 0, 'prompt')} imported.`);
          } catch (error) {
            notify(`The prompts were not imported. ${error.message}`, { tone: 'error' });
          }
        } }, local.length === 1 ? 'Import it' : 'Import them'),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => done('Not imported; they stay in this browser.') }, 'Not now')));
  }

  /** Naming a prompt to save: a row of the form (no browser prompt() dialog). */
  templateSaveRow() {
    this.templateName = h('input', { id: 'template-name', class: 'input', type: 'text', maxlength: 100, autocomplete: 'off' });
    this.templateGroup = h('input', { id: 'template-group', class: 'input', type: 'text', maxlength: 64, autocomplete: 'off', list: 'template-groups' });
    this.groupList = h('datalist', { id: 'template-groups' });
    return h('div', { class: 'template-save form-grid', hidden: true },
      h('div', { class: 'field' }, h('label', { for: 'template-name' }, 'Prompt name'), this.templateName),
      h('div', { class: 'field' }, h('label', { for: 'template-group' }, 'Group (optional)'), this.templateGroup, this.groupList),
      h('div', { class: 'btn-group' },
        h('button', { type: 'button', class: 'btn btn-small btn-primary', onclick: () => this.confirmSave() }, 'Save'),
        h('button', { type: 'button', class: 'btn btn-small', onclick: () => { this.saveRow.hidden = true; } }, 'Cancel')));
  }

  get op() {
    return this.operation.value;
  }

  operationChanged() {
    const info = operationInfo(this.op);
    this.operationHint.textContent = info.hint;
    const current = this.provider.value;
    const providers = this.catalogue.providersFor(this.op);
    replace(this.provider, providers.map((p) => offOption(p.id, p.label ?? p.id, !this.plan.provider(p.id))));
    const allowed = providers.filter((p) => this.plan.provider(p.id));
    this.provider.value = allowed.some((p) => p.id === current) ? current : (allowed[0] ?? providers[0])?.id ?? '';
    this.providerChanged();
    this.updateReady(this.ready);
  }

  providerChanged() {
    const provider = this.catalogue.providers.find((p) => p.id === this.provider.value);
    const models = provider?.models ?? [];
    this.modelField.hidden = models.length === 0;
    replace(this.model, h('option', { value: '' }, 'Default'), models.map((m) => {
      const id = typeof m === 'string' ? m : m.id;
      return offOption(id, typeof m === 'string' ? m : m.label ?? m.id, !this.plan.model(this.provider.value, id));
    }));
    this.schema = this.catalogue.schemaFor(this.provider.value, this.op);
    this.fields = fieldsFor(this.schema, this.provider.value, this.op);
    this.values[this.valuesKey] ??= defaultValues(this.fields, this.storage, this.provider.value);
    this.renderParams();
  }

  /** Values are kept per provider and operation: each has its own parameters. */
  get valuesKey() {
    return `${this.provider.value}/${this.op}`;
  }

  /** The prompt control follows the schema (and, for some providers, a parameter such as the upscale mode). */
  refreshPrompt() {
    const info = operationInfo(this.op);
    const use = promptRule(this.schema, this.provider.value, this.op, this.values[this.valuesKey]);
    const promptless = use === 'unused';
    this.prompt.disabled = promptless;
    this.promptField.hidden = promptless;
    this.templateRow.hidden = promptless;
    this.prompt.required = use === 'required';
    const max = this.schema?.['x-prompt']?.maxLength;
    if (max) this.prompt.maxLength = max;
    else this.prompt.removeAttribute('maxlength');
    this.promptHint.textContent = promptless ? `${info.label} on ${this.provider.value} does not use a prompt.`
      : use === 'required' ? 'Needed: describe what you want.' : 'Optional.';
    this.perImageBox.hidden = promptless || !info.images;
    if (this.perImageBox.hidden && this.perImage.checked) {
      this.perImage.checked = false;
      this.uploader.setPerImagePrompts(false);
    }
    this.applyPreset();
  }

  /** The chosen preset, or null for an ordinary job. */
  get chosenPreset() {
    return this.presets.find((p) => p.name === this.preset?.value) ?? null;
  }

  /** A preset is its own workflow (cut-out, then frame): custom shows the frame's parameters, the others none. */
  presetChanged() {
    if (this.chosenPreset?.name === CUSTOM) {
      this.operation.value = 'frame';
      this.operationChanged();
      this.provider.value = 'local';
    }
    this.providerChanged();
    this.updateReady(this.ready);
  }

  /** Called last whenever the form redraws: a preset hides what it decides itself. */
  applyPreset() {
    const preset = this.chosenPreset;
    this.presetRules.hidden = !preset;
    replace(this.presetRules, preset ? [h('strong', {}, rulesInWords(preset.rules)), h('p', { class: 'small muted' }, preset.description)] : '');
    for (const part of [this.operationField, this.providerField, this.operationHint]) part.hidden = Boolean(preset);
    this.checksField.hidden = Boolean(preset) || this.presets.length === 0;
    if (!preset) return;
    for (const part of [this.modelField, this.promptField, this.perImageBox]) part.hidden = true;
    this.paramsBox.hidden = preset.name !== CUSTOM;
    if (this.perImage.checked) {
      this.perImage.checked = false;
      this.uploader.setPerImagePrompts(false);
    }
  }

  renderParams() {
    const values = this.values[this.valuesKey];
    const fields = this.fields;
    const provider = this.provider.value;
    this.paramsBox.hidden = fields.length === 0;
    this.controls = {};
    replace(this.params, fields.map((field) => {
      const id = uid(`param-${field.name}`);
      const control = paramControl(field, id, values[field.name], (value) => {
        values[field.name] = value;
        if (field.type === 'json') this.storage?.setItem(REMEMBERED + provider + '.' + field.name, value);
        this.refreshVisibility();
      });
      const wrapper = h('div', { class: 'field', dataset: { field: field.name } },
        h('label', { for: id }, field.label + (field.required ? ' *' : '')), control,
        field.hint ? h('span', { class: 'hint' }, field.hint) : '');
      this.controls[field.name] = wrapper;
      return wrapper;
    }));
    this.refreshVisibility();
  }

  refreshVisibility() {
    const visible = new Set(visibleFields(this.fields, this.values[this.valuesKey]).map((f) => f.name));
    for (const [name, wrapper] of Object.entries(this.controls)) wrapper.hidden = !visible.has(name);
    this.refreshPrompt();
  }

  fillTemplates(selected = '') {
    const list = this.templates.list();
    const groups = [...new Set(list.map((t) => t.group ?? ''))];
    const favourite = this.templates.favouriteGroup;
    replace(this.templateSelect,
      h('option', { value: '' }, list.length ? `Saved prompts (${list.length})` : 'Saved prompts (none yet)'),
      groups.map((group) => {
        const options = list.filter((t) => (t.group ?? '') === group).map((t) => h('option', { value: t.name }, t.name));
        return group ? h('optgroup', { label: group === favourite ? `★ ${group}` : group }, options) : options;
      }));
    if (this.groupList) replace(this.groupList, groups.filter(Boolean).map((group) => h('option', { value: group })));
    this.templateSelect.value = selected;
  }

  useTemplate() {
    const template = this.templates.find(this.templateSelect.value);
    if (!template) return;
    if (this.prompt.disabled) {
      notify(`${operationInfo(this.op).label} does not use a prompt.`);
      return;
    }
    this.prompt.value = template.text;
    announce(`Prompt "${template.name}" inserted.`);
  }

  saveTemplate() {
    const text = this.prompt.value;
    if (!text.trim()) {
      notify('Write a prompt first, then save it.');
      this.prompt.focus();
      return;
    }
    const current = this.templates.find(this.templateSelect.value);
    this.templateName.value = current?.name ?? suggestName(text);
    this.templateGroup.value = current?.group ?? '';
    this.saveRow.hidden = false;
    this.templateName.focus();
    this.templateName.select();
  }

  async confirmSave() {
    try {
      const saved = await this.templates.save(this.templateName.value, this.prompt.value, this.templateGroup.value);
      this.saveRow.hidden = true;
      this.fillTemplates(saved.name);
      announce(`Prompt saved as "${saved.name}".`);
    } catch (error) {
      notify(error.message, { tone: 'error' });
    }
  }

  async deleteTemplate() {
    const name = this.templateSelect.value;
    if (!name) {
      notify('Choose a saved prompt to delete.');
      return;
    }
    try {
      await this.templates.remove(name);
      this.fillTemplates();
      announce(`Prompt "${name}" deleted.`);
    } catch (error) {
      notify(`The prompt was not deleted. ${error.message}`, { tone: 'error' });
    }
  }

  /** Called by the uploader as rows change. */
  updateReady(summary) {
    this.ready = summary;
    if (!this.readyLine) return;
    const info = operationInfo(this.chosenPreset ? 'frame' : this.op);
    if (!info.images) {
      this.readyLine.textContent = 'Makes new images from the prompt; uploads are not used.';
    } else if (summary.ready === 0) {
      this.readyLine.textContent = summary.total ? 'Waiting for images to be ready…' : 'Add or choose images first.';
    } else {
      const waiting = summary.total - summary.ready - summary.rejected - summary.failed;
      this.readyLine.textContent = `${plural(summary.ready, 'ready image')} will be processed${waiting ? ` (${waiting} still on the way)` : ''}.`;
    }
    // The API's own name for an unnamed job, so jobs made here and through the API read alike.
    const count = info.images ? summary.ready : Number(this.values[this.op]?.count ?? 1);
    const steps = this.chosenPreset?.steps?.map((operation) => ({ operation }));
    this.nameInput.placeholder = count ? jobName({ operation: this.op, steps, counts: { total: count } }) : '';
    this.refreshEstimate();
  }

  showOutputExample() {
    const template = this.outputName.value.trim();
    if (!template) {
      this.outputExample.textContent = 'Empty: results are named after their originals.';
      return;
    }
    const example = exampleOutputName(template, { sku: 'sku-101', role: 'main', name: 'sku-101-main.jpg', ext: 'png', customId: 'A17', n: 1 });
    this.outputExample.textContent = example.error ? `Not valid: ${example.error}.` : `For example: ${example.name}`;
  }

  /** The job as the form stands: {body, errors, images}; body is null while something is missing. */
  jobRequest(images = this.uploader.readyImages()) {
    const preset = this.chosenPreset?.name;
    const { body, errors } = preset
      ? presetJobRequest({ name: this.nameInput.value, preset, values: this.values['local/frame'],
        schema: this.catalogue.schemaFor('local', 'frame'), images })
      : buildJobRequest({
        name: this.nameInput.value, operation: this.op, provider: this.provider.value, model: this.model.value,
        prompt: this.prompt.disabled ? '' : this.prompt.value, values: this.values[this.valuesKey], schema: this.schema, images,
      });
    if (body && !preset && checksValue(this.checks.value) !== undefined) body.checks = checksValue(this.checks.value);
    if (body && this.outputName.value.trim()) body.outputName = this.outputName.value.trim();
    const budget = budgetValue(this.budgetInput.value, this.currency);
    if (budget.error) return { body: null, errors: [...errors, budget.error], images };
    if (body && budget.value) body.budget = budget.value;
    // A pilot's size counts the job's items: the ready images, or a text-to-image job's count.
    const pilot = pilotValue(this.pilotInput.value, body?.items?.length ?? body?.count ?? images.length);
    if (pilot.error) return { body: null, errors: [...errors, pilot.error], images };
    if (body && pilot.value) body.pilot = pilot.value;
    return { body, errors, images };
  }

  /**
   * The job as the form stands with its inputs left out ({body, errors}): what a manifest's rows or an import from S3
   * are run with.
   */
  jobSettings() {
    const { body, errors } = this.jobRequest([{ imageId: 'from-elsewhere', name: 'from-elsewhere', prompt: '' }]);
    if (body) {
      delete body.items;
      delete body.images;
    }
    return { body, errors };
  }

  /** A dry run of the job as it stands, a moment after the form stops changing. */
  refreshEstimate() {
    if (!this.estimateBox) return;
    this.estimates.changed(this.jobRequest().body);
  }

  showEstimate({ state, estimate, message }) {
    this.estimateBox.hidden = state === 'idle';
    this.estimateBox.dataset.state = state;
    if (state === 'waiting' && this.estimateBox.childElementCount) return; // keep the last figures until the new ones
    if (state === 'waiting') replace(this.estimateBox, h('p', { class: 'small muted' }, 'Estimating the cost…'));
    else if (state === 'error') replace(this.estimateBox, h('p', { class: 'small muted' }, `No estimate: ${message}`));
    else if (state === 'ready') {
      this.currency = estimate.estimatedCost?.currency ?? this.currency;
      const words = describeEstimate(estimate);
      const list = (label, lines) => (lines.length ? h('details', {}, h('summary', {}, label),
        h('ul', {}, lines.map((line) => h('li', {}, line)))) : '');
      replace(this.estimateBox,
        h('strong', { id: 'estimate-total' }, words.total),
        list(`Per step (${words.steps.length})`, words.steps),
        list(`Per provider (${words.providers.length})`, words.providers),
        words.refused.length ? h('ul', { class: 'estimate-refused', id: 'estimate-refused' }, words.refused.map((line) => h('li', {}, line))) : '');
    }
  }

  async send() {
    const { body, errors, images } = this.jobRequest();
    this.showErrors(errors);
    if (!body) return;
    this.submit.disabled = true;
    this.submit.textContent = 'Submitting…';
    try {
      const job = await this.api.submitJob(body, this.idempotencyKey);
      this.idempotencyKey = crypto.randomUUID();
      announce(`Job submitted: ${plural(job.counts?.total ?? images.length, 'image')}.`);
      this.refreshUsage();
      this.onSubmitted(job);
    } catch (error) {
      this.showErrors([{ message: error.message }]);
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = 'Submit job';
    }
  }

  /** The plan's rules for the form, and its usage in the panel's head. */
  showPlan(me) {
    this.plan = planRules(me);
    this.usageLine.textContent = usageInWords(me);
    this.usageLine.hidden = !me;
  }

  async refreshUsage() {
    try {
      const me = await this.api.me?.();
      if (me) this.usageLine.textContent = usageInWords(me);
    } catch {
      // The usage line keeps its last figures: a failed look-up is no reason to bother anyone.
    }
  }

  showErrors(errors) {
    replace(this.errors, errors.length === 1 ? errors[0].message : errors.length
      ? h('ul', { style: { margin: 0, paddingLeft: '1.2rem' } }, errors.map((e) => h('li', {}, e.message))) : '');
    for (const wrapper of Object.values(this.controls ?? {})) {
      wrapper.querySelector('input,select,textarea')?.removeAttribute('aria-invalid');
    }
    for (const error of errors) {
      this.controls?.[error.field]?.querySelector('input,select,textarea')?.setAttribute('aria-invalid', 'true');
      if (error.field === 'prompt') this.prompt.setAttribute('aria-invalid', 'true');
    }
    if (!errors.some((e) => e.field === 'prompt')) this.prompt.removeAttribute('aria-invalid');
  }
}

/** An option, off with the plan's reason in its text when the plan lacks it (a disabled option shows no tooltip). */
function offOption(value, label, off) {
  return off ? h('option', { value, disabled: true }, `${label} (not in your plan)`) : h('option', { value }, label);
}

/** "a, b and c". */
function listInWords(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The control for one schema field; `onValue(string)` on every change. */
function paramControl(field, id, value, onValue) {
  const emit = (event) => onValue(event.target.value);
  if (field.type === 'select') {
    const select = h('select', { id, class: 'input', onchange: emit },
      field.options.map(([v, label]) => h('option', { value: v }, label)));
    select.value = value;
    return select;
  }
  if (field.type === 'range') {
    const output = h('output', { for: id, 'aria-hidden': 'true' }, value);
    const input = h('input', { id, type: 'range', min: field.min, max: field.max, step: field.step, value,
      oninput: (event) => {
        output.textContent = event.target.value;
        emit(event);
      } });
    input.value = value;
    input.setAttribute('aria-valuetext', `${value} (from ${field.min} to ${field.max})`);
    input.addEventListener('input', () => input.setAttribute('aria-valuetext', `${input.value} (from ${field.min} to ${field.max})`));
    return h('div', { class: 'range-row' }, h('span', { class: 'range-end' }, field.min), input,
      h('span', { class: 'range-end' }, field.max), output);
  }
  if (field.type === 'json') return jsonControl(id, value, onValue);
  if (field.type === 'color') return colorControl(id, value, onValue);
  if (field.type === 'textarea') {
    const area = h('textarea', { id, class: 'input', rows: 3, maxlength: field.maxLength, oninput: emit });
    area.value = value;
    return area;
  }
  const attrs = { id, class: 'input', value, oninput: emit };
  if (field.type === 'number') Object.assign(attrs, { type: 'number', min: field.min, max: field.max, step: field.integer ? 1 : 'any', inputmode: 'numeric' });
  else Object.assign(attrs, { type: 'text', maxlength: field.maxLength ?? 200 });
  const input = h('input', attrs);
  input.value = value;
  return input;
}

/** A JSON document (a ComfyUI workflow in API format): pasted or read from a file. */
function jsonControl(id, value, onValue) {
  const area = h('textarea', { id, class: 'input', rows: 6, spellcheck: 'false', placeholder: 'Paste the API-format JSON, or choose a file',
    oninput: (event) => onValue(event.target.value) });
  area.value = value;
  const file = h('input', { type: 'file', accept: 'application/json,.json', 'aria-label': 'Workflow file',
    onchange: async (event) => {
      const chosen = event.target.files?.[0];
      if (!chosen) return;
      area.value = await chosen.text();
      onValue(area.value);
    } });
  return h('div', { class: 'stack' }, area, file);
}

/** A colour, "none" (transparent) or the provider's default. */
function colorControl(id, value, onValue) {
  const custom = /^#?[0-9a-fA-F]{6}$/.test(value);
  const picker = h('input', { type: 'color', class: 'input', 'aria-label': 'Colour', value: custom ? value : '#ffffff',
    oninput: (event) => onValue(event.target.value) });
  picker.hidden = !custom;
  const choice = h('select', { id, class: 'input', onchange: (event) => {
    picker.hidden = event.target.value !== 'colour';
    onValue(event.target.value === 'colour' ? picker.value : event.target.value);
  } }, h('option', { value: '' }, 'Default'), h('option', { value: 'none' }, 'None (transparent)'), h('option', { value: 'colour' }, 'Colour…'));
  choice.value = custom ? 'colour' : value;
  return h('div', { class: 'range-row' }, choice, picker);
}
