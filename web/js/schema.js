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
    const names = group.anyOf.flatMap((g) => g.required);
    if (!names.some((name) => params[name] !== undefined)) {
      problems.push({ field: names[0], message: `Give at least one of ${names.join(', ')}.` });
    }
  }
  return problems;
}

/** 'required', 'optional' or 'unused': whether the operation reads the prompt (Atelier's x-prompt annotation). */
export function promptUse(schema) {
  return schema?.['x-prompt']?.use ?? 'optional';
}
