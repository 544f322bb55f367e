// The operations' parameters as a small schema: it draws the form's controls and turns their values into the
// request's `params`, with the same ranges the API checks.

const ASPECT_RATIOS = ['1:1', '3:2', '2:3', '4:3', '3:4', '4:5', '5:4', '16:9', '9:16', '21:9'];
const asOptions = (values) => values.map((v) => [v, v]);

/** Output format and quality: every pixel operation of the local provider takes them. */
const OUTPUT = [
  { name: 'format', label: 'Output format', type: 'select', options: [['', 'Keep'], ['png', 'PNG'], ['jpeg', 'JPEG']], default: '' },
  { name: 'quality', label: 'JPEG quality', type: 'range', min: 1, max: 100, step: 1, default: 90, integer: true,
    showWhen: (v) => v.format === 'jpeg' },
];

/**
 * prompt: 'none' (no prompt control), 'optional' or 'required'. images: whether the job runs over uploaded images
 * (`generate` makes new ones from the prompt instead).
 */
export const OPERATIONS = {
  upscale: {
    label: 'Upscale', hint: 'Enlarge each image ×2 or ×4 with sharp detail.', prompt: 'none', images: true,
    fields: [
      { name: 'factor', label: 'Factor', type: 'select', options: [['2', '×2'], ['4', '×4']], default: '2', integer: true },
      ...OUTPUT,
    ],
  },
  resize: {
    label: 'Resize', hint: 'Fit every image to one size.', prompt: 'none', images: true,
    fields: [
      { name: 'width', label: 'Width (px)', type: 'number', min: 1, max: 30000, integer: true, default: 2000 },
      { name: 'height', label: 'Height (px)', type: 'number', min: 1, max: 30000, integer: true, default: 2000 },
      { name: 'fit', label: 'Fit', type: 'select', default: 'contain',
        options: [['contain', 'Contain (pad)'], ['cover', 'Cover (crop)'], ['fill', 'Fill (stretch)']] },
      { name: 'background', label: 'Padding colour', type: 'color', default: '#ffffff', showWhen: (v) => v.fit === 'contain' },
      ...OUTPUT,
    ],
    check: (v) => (v.width === '' && v.height === '' ? [{ field: 'width', message: 'Give a width, a height or both.' }] : []),
  },
  convert: {
    label: 'Convert', hint: 'Change the file format.', prompt: 'none', images: true,
    fields: [
      { name: 'format', label: 'Format', type: 'select', options: [['png', 'PNG'], ['jpeg', 'JPEG']], default: 'jpeg' },
      { name: 'quality', label: 'JPEG quality', type: 'range', min: 1, max: 100, step: 1, default: 90, integer: true,
        showWhen: (v) => v.format === 'jpeg' },
    ],
  },
  watermark: {
    label: 'Watermark', hint: 'Stamp a line of text on every image.', prompt: 'none', images: true,
    fields: [
      { name: 'text', label: 'Watermark text', type: 'text', maxLength: 200, required: true, default: '' },
      { name: 'position', label: 'Position', type: 'select', default: 'bottom-right',
        options: [['bottom-right', 'Bottom right'], ['bottom-left', 'Bottom left'], ['top-right', 'Top right'],
          ['top-left', 'Top left'], ['center', 'Centre']] },
      { name: 'opacity', label: 'Opacity', type: 'range', min: 0, max: 1, step: 0.05, default: 0.5 },
      { name: 'fontSize', label: 'Font size (px, empty = automatic)', type: 'number', min: 6, max: 2000, integer: true, default: '', optional: true },
      ...OUTPUT,
    ],
  },
  adjust: {
    label: 'Adjust colours', hint: '1 keeps a value as it is.', prompt: 'none', images: true,
    fields: [
      { name: 'brightness', label: 'Brightness', type: 'range', min: 0, max: 3, step: 0.05, default: 1 },
      { name: 'contrast', label: 'Contrast', type: 'range', min: 0, max: 3, step: 0.05, default: 1 },
      { name: 'saturation', label: 'Saturation', type: 'range', min: 0, max: 3, step: 0.05, default: 1 },
      ...OUTPUT,
    ],
  },
  generate: {
    label: 'Generate from text', hint: 'New images from the prompt; no uploads needed.', prompt: 'required', images: false,
    fields: [
      { name: 'count', label: 'Number of images', type: 'number', min: 1, max: 100, integer: true, default: 4, top: true },
      { name: 'aspectRatio', label: 'Aspect ratio', type: 'select', options: asOptions(ASPECT_RATIOS), default: '1:1' },
    ],
  },
  edit: {
    label: 'Edit with a prompt', hint: 'Describe the change to make to every image.', prompt: 'required', images: true,
    fields: [
      { name: 'aspectRatio', label: 'Aspect ratio', type: 'select', options: [['', 'Keep the original'], ...asOptions(ASPECT_RATIOS)], default: '' },
    ],
  },
  'remove-background': { label: 'Remove background', hint: 'Cut the subject out onto transparency.', prompt: 'none', images: true, fields: [] },
  'replace-background': {
    label: 'Replace background',
    hint: 'AI providers: describe the new background. Local: a colour or gradient, with an optional contact shadow.',
    prompt: 'optional', images: true,
    fields: [
      { name: 'background', label: 'Background colour (local)', type: 'color', default: '#ffffff' },
      { name: 'gradientTo', label: 'Gradient to (local, empty = plain)', type: 'text', maxLength: 7, default: '', optional: true },
      { name: 'shadow', label: 'Contact shadow (local)', type: 'select', boolean: true, default: 'false',
        options: [['false', 'None'], ['true', 'Soft shadow']] },
    ],
  },
  frame: {
    label: 'Frame for a marketplace', hint: 'Trim to the product, centre it with a margin on a canvas of your size or shape.',
    prompt: 'none', images: true,
    fields: [
      { name: 'aspect', label: 'Aspect ratio', type: 'select', options: [['', 'The product\'s own'], ...asOptions(ASPECT_RATIOS)], default: '1:1' },
      { name: 'margin', label: 'Margin (% per side)', type: 'range', min: 0, max: 45, step: 0.5, default: 5 },
      { name: 'minLongSide', label: 'Long side at least (px)', type: 'number', min: 1, max: 12000, integer: true, default: 2000, optional: true },
      { name: 'background', label: 'Background colour', type: 'color', default: '#ffffff' },
      ...OUTPUT,
    ],
  },
  outpaint: {
    label: 'Outpaint', hint: 'Extend each image to a wider or taller frame.', prompt: 'optional', images: true,
    fields: [{ name: 'aspectRatio', label: 'Target aspect ratio', type: 'select', options: asOptions(ASPECT_RATIOS), default: '16:9' }],
  },
  style: {
    label: 'Style transfer', hint: 'Describe the style to apply.', prompt: 'required', images: true,
    fields: [{ name: 'strength', label: 'Strength', type: 'range', min: 0, max: 1, step: 0.05, default: 0.6 }],
  },
};

export function operationInfo(operation) {
  return OPERATIONS[operation] ?? { label: operation, hint: '', prompt: 'optional', images: true, fields: [] };
}

/** The form's starting values for an operation, as strings (what controls hold). */
export function defaultValues(operation) {
  const values = {};
  for (const field of operationInfo(operation).fields) values[field.name] = String(field.default ?? '');
  return values;
}

/** The fields shown for these values (some depend on others, such as JPEG quality on the format). */
export function visibleFields(operation, values) {
  return operationInfo(operation).fields.filter((field) => !field.showWhen || field.showWhen(values));
}

/**
 * Turns the controls' string values into the request's params.
 * @returns {{params: object, errors: {field: string, message: string}[]}}
 */
export function buildParams(operation, values) {
  const params = {};
  const errors = [];
  const info = operationInfo(operation);
  for (const field of visibleFields(operation, values)) {
    const raw = values[field.name] ?? '';
    const text = String(raw).trim();
    if (text === '') {
      if (field.required) errors.push({ field: field.name, message: `${field.label} is needed.` });
      continue;
    }
    if (field.type === 'number' || field.type === 'range' || field.integer) {
      const number = Number(text);
      if (!Number.isFinite(number) || (field.integer && !Number.isInteger(number))) {
        errors.push({ field: field.name, message: `${field.label} must be a ${field.integer ? 'whole ' : ''}number.` });
        continue;
      }
      if ((field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) {
        errors.push({ field: field.name, message: `${field.label} must be from ${field.min} to ${field.max}.` });
        continue;
      }
      params[field.name] = number;
    } else {
      if (field.maxLength && text.length > field.maxLength) {
        errors.push({ field: field.name, message: `${field.label} can be at most ${field.maxLength} characters.` });
        continue;
      }
      params[field.name] = field.boolean ? text === 'true' : text;
    }
  }
  if (info.check) errors.push(...info.check(values));
  return { params, errors };
}

/**
 * The POST /jobs body.
 * @param {{name?: string, operation: string, provider: string, model?: string, prompt?: string, values: object,
 *   images: {imageId: string, name?: string, prompt?: string}[]}} form
 * @returns {{body: object|null, errors: {field: string, message: string}[]}}
 */
export function buildJobRequest({ name, operation, provider, model = null, prompt = '', values, images = [] }) {
  const info = operationInfo(operation);
  const { params, errors } = buildParams(operation, values);
  const promptText = (prompt ?? '').trim();
  if (!operation) errors.push({ field: 'operation', message: 'Choose an operation.' });
  if (!provider) errors.push({ field: 'provider', message: 'Choose a provider.' });
  const itemsWithPrompts = images.filter((image) => (image.prompt ?? '').trim() !== '');
  if (info.prompt === 'required' && !promptText && (!info.images || itemsWithPrompts.length < images.length)) {
    errors.push({ field: 'prompt', message: 'This operation needs a prompt.' });
  }
  if (info.images && images.length === 0) errors.push({ field: 'images', message: 'Add at least one ready image.' });
  if (errors.length) return { body: null, errors };

  const body = {
    name: (name ?? '').trim() || defaultJobName(operation, images.length),
    operation,
    provider,
    model: model || null,
    prompt: info.prompt === 'none' ? null : promptText || null,
    params,
  };
  if (info.images) {
    body.items = images.map((image) => {
      const item = { imageId: image.imageId };
      const own = (image.prompt ?? '').trim();
      if (own && info.prompt !== 'none') item.prompt = own;
      return item;
    });
  } else {
    body.count = params.count ?? 1;
    delete body.params.count;
  }
  return { body, errors: [] };
}

export function defaultJobName(operation, count) {
  const label = operationInfo(operation).label;
  return count ? `${label} · ${count} image${count === 1 ? '' : 's'}` : label;
}

/**
 * From GET /providers: the operations any configured provider offers (in schema order, then the rest), and for
 * an operation the configured providers that offer it.
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
  };
}
