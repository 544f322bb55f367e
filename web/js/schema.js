// The subset of JSON Schema (draft 2020-12) that GET /providers uses for an operation's parameters: checks a params
// object the way the API will, so the form reports a problem before anything is sent.

const isWhole = (v) => typeof v === 'number' && Number.isFinite(v) && Number.isInteger(v);

/** Problems with one value against one property schema, as sentences; [] when it fits. */
export function valueProblems(name, prop, value) {
  const types = [prop.type].flat();
  const typeOk = types.some((t) => (t === 'integer' ? isWhole(value)
    : t === 'number' ? typeof value === 'number' && Number.isFinite(value)
      : t === 'object' ? value !== null && typeof value === 'object' && !Array.isArray(value)
        : typeof value === t));
  if (!typeOk) return [`${name} must be ${types.map((t) => (t === 'integer' ? 'a whole number' : `a ${t}`)).join(' or ')}.`];
  if (prop.enum && !prop.enum.includes(value)) return [`${name} must be one of ${prop.enum.join(', ')}.`];
  if (prop.minimum !== undefined && value < prop.minimum) return [`${name} must be at least ${prop.minimum}.`];
  if (prop.maximum !== undefined && value > prop.maximum) return [`${name} must be at most ${prop.maximum}.`];
  if (typeof value === 'string') {
    if (prop.minLength !== undefined && value.length < prop.minLength) return [`${name} must not be empty.`];
    if (prop.maxLength !== undefined && value.length > prop.maxLength) return [`${name} can be at most ${prop.maxLength} characters.`];
    if (prop.pattern && !new RegExp(prop.pattern).test(value)) return [`${name} is not in the expected form.`];
  }
  return [];
}

/** Problems with a whole params object: [{field, message}]. */
export function paramsProblems(schema, params) {
  const problems = [];
  const props = schema?.properties ?? {};
  for (const [name, value] of Object.entries(params)) {
    if (!props[name]) {
      if (schema?.additionalProperties === false) problems.push({ field: name, message: `${name} is not a parameter of this operation.` });
      continue;
    }
    for (const message of valueProblems(name, props[name], value)) problems.push({ field: name, message });
  }
  for (const name of schema?.required ?? []) {
    if (params[name] === undefined) problems.push({ field: name, message: `${name} is needed.` });
  }
  const groups = schema?.allOf ?? (schema?.anyOf ? [{ anyOf: schema.anyOf }] : []);
  for (const group of groups) {
    if (matches(group, params)) continue;
    // A rule between fields says which field to mark and what to say (x-field, x-message); a plain group names its fields.
    const names = (group.anyOf ?? []).flatMap((g) => g.required ?? []);
    problems.push(group['x-message'] ? { field: group['x-field'], message: sentence(group['x-message']) }
      : { field: names[0], message: `Give at least one of ${names.join(', ')}.` });
  }
  return problems;
}

const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');

/**
 * Whether a params object satisfies a schema, for the keywords the API's rules between fields use: properties
 * (const, enum, type, minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern), required, not, anyOf, allOf,
 * if/then/else.
 */
export function matches(schema, value) {
  if (!schema || typeof schema !== 'object') return true;
  if (schema.const !== undefined && value !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.type && valueProblems('', { type: schema.type }, value).length) return false;
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject) {
    if ((schema.required ?? []).some((name) => value[name] === undefined)) return false;
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (value[name] !== undefined && !matches(sub, value[name])) return false;
    }
  }
  if (schema.not && matches(schema.not, value)) return false;
  if (schema.anyOf && !schema.anyOf.some((sub) => matches(sub, value))) return false;
  if (schema.allOf && !schema.allOf.every((sub) => matches(sub, value))) return false;
  if (schema.if) {
    const branch = matches(schema.if, value) ? schema.then : schema.else;
    if (branch && !matches(branch, value)) return false;
  }
  return true;
}

/**
 * 'required', 'optional' or 'unused': whether the operation reads the prompt (Atelier's x-prompt annotation). An
 * optional prompt is required when the given params match x-prompt.requiredIf (Gemini's style without a style).
 */
export function promptUse(schema, params = {}) {
  const prompt = schema?.['x-prompt'] ?? {};
  const use = prompt.use ?? 'optional';
  return use === 'optional' && prompt.requiredIf && matches(prompt.requiredIf, params) ? 'required' : use;
}

/** Why the prompt is needed, when a rule says so (x-prompt.requiredIf's x-message). */
export function promptReason(schema, params = {}) {
  const rule = schema?.['x-prompt']?.requiredIf;
  return rule?.['x-message'] && promptUse(schema, params) === 'required' && schema['x-prompt'].use === 'optional'
    ? sentence(rule['x-message']) : null;
}
