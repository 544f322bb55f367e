// The job form's parameters, drawn from the JSON Schema that GET /providers publishes for each provider and
// operation: no ranges or allowed values live here, only how to present them (labels, hints, which field shows when).

import { paramsProblems, promptReason, promptUse } from './schema.js';

/** Labels and hints per operation; `images`: whether the job runs over uploaded images (generate makes new ones). */
export const OPERATIONS = {
  upscale: { label: 'Upscale', hint: 'Enlarge each image with sharp detail.', images: true },
  resize: { label: 'Resize', hint: 'Fit every image to one size.', images: true },
  convert: { label: 'Convert', hint: 'Change the file format.', images: true },
  watermark: { label: 'Watermark', hint: 'Stamp a line of text on every image.', images: true },
  adjust: { label: 'Adjust colours', hint: '1 keeps a value as it is.', images: true },
  generate: { label: 'Generate from text', hint: 'New images from the prompt; no uploads needed.', images: false },
  edit: { label: 'Edit with a prompt', hint: 'Describe the change to make to every image.', images: true },
  'remove-background': { label: 'Remove background', hint: 'Cut the subject out onto transparency.', images: true },
  'replace-background': { label: 'Replace background', hint: 'AI providers: describe the new background. Local: a colour, a gradient or one of your images, with an optional contact shadow.', images: true },
  frame: { label: 'Frame', hint: 'Trim to the product, centre it with a margin, at a fixed size or aspect ratio.', images: true },
  outpaint: { label: 'Outpaint', hint: 'Extend each image to a wider or taller frame.', images: true },
  style: { label: 'Style transfer', hint: 'Describe the style to apply.', images: true },
};

/** Fields that only matter for some values of another (per provider): hidden ones are not sent. */
const SHOW_WHEN = {
  'local:quality': (v) => ['jpeg', 'jpg', 'webp', 'avif'].includes(v.format),
  'local:background': (v) => (v.fit || 'contain') === 'contain',
  'openai:output_compression': (v) => v.output_format === 'jpeg' || v.output_format === 'webp',
  // An alias of output_format that the API accepts; the form offers one of the two.
  'stability:format': () => false,
};

/** How some values read in a list (the API's values stay as they are). */
const OPTION_LABELS = { factor: (v) => `×${v}` };

/** Parameters whose value is kept in the browser for the next job (a ComfyUI workflow is long to paste again). */
export const REMEMBERED = 'atelier.param.';

export function operationInfo(operation) {
  return OPERATIONS[operation] ?? { label: operation, hint: '', images: true };
}

const humanize = (name) => {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A step for a slider over [min, max]: a round number giving about a hundred positions. */
const sliderStep = (min, max) => 10 ** Math.floor(Math.log10((max - min) / 100));

/** One control description per schema property, in the schema's order. */
export function fieldsFor(schema, provider = '', operation = '') {
  const required = new Set(schema?.required ?? []);
  const fields = Object.entries(schema?.properties ?? {}).map(([name, prop]) => {
    const types = [prop.type].flat();
    const field = {
      name, label: humanize(name) + (prop['x-unit'] ? ` (${prop['x-unit']})` : ''), hint: prop.description ?? '',
      required: required.has(name), default: prop.default, showWhen: SHOW_WHEN[`${provider}:${name}`],
      integer: types.includes('integer'), min: prop.minimum, max: prop.maximum, maxLength: prop.maxLength,
    };
    const keepDefault = field.required || prop.default !== undefined;
    if (types.includes('object') && prop.contentMediaType === 'application/json') field.type = 'json';
    else if (prop.format === 'color') field.type = 'color';
    else if (prop.enum) {
      field.type = 'select';
      field.options = [...(keepDefault ? [] : [['', 'Default']]), ...prop.enum.map((v) => [String(v), OPTION_LABELS[name]?.(v) ?? String(v)])];
    } else if (types.includes('boolean')) {
      field.type = 'select';
      field.boolean = true;
      field.options = [['', 'Default'], ['true', 'Yes'], ['false', 'No']];
    } else if (types.includes('number') && prop.default !== undefined && prop.minimum !== undefined && prop.maximum !== undefined) {
      Object.assign(field, { type: 'range', step: sliderStep(prop.minimum, prop.maximum) });
    } else if (field.integer || types.includes('number')) field.type = 'number';
    else field.type = (prop.maxLength ?? 0) > 200 ? 'textarea' : 'text';
    return field;
  });
  if (!operationInfo(operation).images) {
    fields.unshift({ name: 'count', label: 'Number of images', type: 'number', integer: true, min: 1, default: 4, top: true });
  }
  return fields;
}

/** The form's starting values, as strings (what controls hold); remembered ones from `storage`. */
export function defaultValues(fields, storage = null, provider = '') {
  const values = {};
  for (const field of fields) {
    const remembered = field.type === 'json' ? storage?.getItem(REMEMBERED + provider + '.' + field.name) : null;
    values[field.name] = remembered ?? (field.default === undefined ? '' : String(field.default));
  }
  return values;
}

/** The fields shown for these values (some depend on others, such as JPEG quality on the format). */
export function visibleFields(fields, values) {
  return fields.filter((field) => !field.showWhen || field.showWhen(values));
}

/**
 * 'required', 'optional' or 'unused' for this provider's operation with these values, from the schema's x-prompt
 * (Stability's conservative and creative upscales need one: its requiredIf says so).
 */
export function promptRule(schema, provider, operation, values = {}) {
  return promptUse(schema, given(values));
}

/** The controls' values that are filled in (as text: the schema's rules about the prompt read them so). */
const given = (values) => Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => String(v ?? '').trim() !== ''));

/** One control's string value as the request's value, or an error sentence. */
function convert(field, text) {
  if (field.boolean) return { value: text === 'true' };
  if (field.type === 'json') {
    try {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { value: parsed };
    } catch { /* reported below */ }
    return { error: `${field.label} must be a JSON object.` };
  }
  if (field.integer || field.type === 'number' || field.type === 'range') {
    const number = Number(text);
    if (!Number.isFinite(number) || (field.integer && !Number.isInteger(number))) {
      return { error: `${field.label} must be a ${field.integer ? 'whole ' : ''}number.` };
    }
    return { value: number };
  }
  return { value: text };
}

/**
 * Turns the controls' string values into the request's params and checks them against the schema.
 * @returns {{params: object, errors: {field: string, message: string}[]}}
 */
export function buildParams(schema, fields, values) {
  const params = {};
  const errors = [];
  for (const field of visibleFields(fields, values)) {
    const text = String(values[field.name] ?? '').trim();
    if (text === '') {
      if (field.required) errors.push({ field: field.name, message: `${field.label} is needed.` });
      continue;
    }
    const { value, error } = convert(field, text);
    if (error) errors.push({ field: field.name, message: error });
    else params[field.name] = value;
  }
  const count = params.count;
  delete params.count;
  const named = new Set(errors.map((e) => e.field));
  const label = (name) => fields.find((f) => f.name === name)?.label ?? name;
  for (const problem of paramsProblems(schema, params)) {
    if (named.has(problem.field)) continue;
    named.add(problem.field);
    const { field, message } = problem;
    errors.push({ field, message: message.startsWith(field) ? label(field) + message.slice(field.length) : message });
  }
  if (count !== undefined) params.count = count;
  return { params, errors };
}

/**
 * The POST /jobs body.
 * @param {{name?: string, operation: string, provider: string, model?: string, prompt?: string, values: object,
 *   schema: object, images: {imageId: string, name?: string, prompt?: string}[]}} form
 * @returns {{body: object|null, errors: {field: string, message: string}[]}}
 */
export function buildJobRequest({ name, operation, provider, model = null, prompt = '', values, schema, images = [] }) {
  const info = operationInfo(operation);
  const fields = fieldsFor(schema, provider, operation);
  const { params, errors } = buildParams(schema, fields, values);
  const promptText = (prompt ?? '').trim();
  const use = promptRule(schema, provider, operation, values);
  if (!operation) errors.push({ field: 'operation', message: 'Choose an operation.' });
  if (!provider) errors.push({ field: 'provider', message: 'Choose a provider.' });
  const itemsWithPrompts = images.filter((image) => (image.prompt ?? '').trim() !== '');
  if (use === 'required' && !promptText && (!info.images || itemsWithPrompts.length < images.length)) {
    errors.push({ field: 'prompt', message: promptReason(schema, given(values)) ?? 'This operation needs a prompt.' });
  }
  const maxPrompt = schema?.['x-prompt']?.maxLength;
  if (maxPrompt && promptText.length > maxPrompt) errors.push({ field: 'prompt', message: `The prompt can be at most ${maxPrompt} characters.` });
  if (info.images && images.length === 0) errors.push({ field: 'images', message: 'Add at least one ready image.' });
  if (errors.length) return { body: null, errors };

  // No name of its own: the API names the job ("upscale · 2 images"), the same for jobs made by scripts.
  const body = {
    ...((name ?? '').trim() ? { name: name.trim() } : {}),
    operation,
    provider,
    model: model || null,
    prompt: use === 'unused' ? null : promptText || null,
    params,
  };
  if (info.images) {
    body.items = images.map((image) => {
      const item = { imageId: image.imageId };
      const own = (image.prompt ?? '').trim();
      if (own && use !== 'unused') item.prompt = own;
      return item;
    });
  } else {
    body.count = params.count ?? 1;
    delete body.params.count;
  }
  return { body, errors: [] };
}

/**
 * From GET /providers: the operations any configured provider offers (in OPERATIONS order, then the rest), for an
 * operation the configured providers that offer it, and a provider's schema for an operation.
 */
export function catalogue(providersAnswer) {
  const configured = (providersAnswer?.providers ?? []).filter((p) => p.configured);
  const offered = new Set(configured.flatMap((p) => p.operations ?? []));
  const known = Object.keys(OPERATIONS).filter((op) => offered.has(op));
  const others = [...offered].filter((op) => !OPERATIONS[op]).sort();
  return {
    providers: configured,
    operations: [...known, ...others],
    providersFor: (operation) => configured.filter((p) => (p.operations ?? []).includes(operation)),
    schemaFor: (providerId, operation) => configured.find((p) => p.id === providerId)?.parameters?.[operation] ?? null,
  };
}
