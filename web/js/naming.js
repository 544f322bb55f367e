// Naming patterns in the browser, for a live example while the user types: how a file name is filed by SKU
// ({sku}-{role}.jpg) and what a result will be called (outputName). The server's rules (core/NamePattern,
// core/OutputNames) decide; these mirror them so the example matches what the server will do.

const FILE_VARIABLES = { sku: '([A-Za-z0-9][A-Za-z0-9._-]*)', role: '([A-Za-z0-9]+)', n: '([0-9]{1,4})' };
const OUTPUT_VARIABLES = ['sku', 'role', 'name', 'ext', 'customId', 'n'];
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const withoutExtension = (name) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 && !name.slice(dot).includes('}') ? name.slice(0, dot) : name;
};
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The SKU and role a file name carries under `pattern`, or { error } saying why the pattern or name does not work. */
export function matchFileName(pattern, fileName) {
  const base = withoutExtension(pattern.trim());
  const order = [];
  let regex = '';
  let last = 0;
  for (const found of base.matchAll(/\{([a-z]+)\}/g)) {
    const variable = found[1];
    if (!FILE_VARIABLES[variable]) return { error: `unknown variable {${variable}}; use {sku}, {role} or {n}` };
    regex += escapeRegExp(base.slice(last, found.index)) + FILE_VARIABLES[variable];
    order.push(variable);
    last = found.index + found[0].length;
  }
  regex += escapeRegExp(base.slice(last));
  if (!order.includes('sku')) return { error: 'the pattern needs {sku}' };
  const matched = new RegExp(`^${regex}$`, 'i').exec(withoutExtension(fileName.trim()));
  if (!matched) return { error: `"${fileName}" does not follow the pattern ${pattern.trim()}` };
  const values = Object.fromEntries(order.map((variable, i) => [variable, matched[i + 1]]));
  let role = values.role ? values.role.toLowerCase() : null;
  if (values.n) role = Number(values.n) <= 1 ? 'main' : `extra-${Number(values.n) - 1}`;
  return { sku: values.sku, role };
}

/** One folder or file name made safe on Windows and macOS, as the server does. */
function safePart(text) {
  let out = text.normalize('NFC').replace(UNSAFE, '_').trim().replace(/^[. ]+|[. ]+$/g, '');
  if ([...out].length > 120) out = [...out].slice(0, 120).join('').trim();
  return RESERVED.test(out) ? `_${out}` : out;
}

/** The result name `template` gives an item, or { error } for an unknown variable. */
export function exampleOutputName(template, values) {
  let error = null;
  const filled = template.replace(/\{([A-Za-z]*)\}/g, (whole, variable) => {
    if (!OUTPUT_VARIABLES.includes(variable)) {
      error = `unknown variable {${variable}}; use {${OUTPUT_VARIABLES.join('}, {')}}`;
      return '';
    }
    let value = values[variable] == null ? '' : String(values[variable]);
    if (variable === 'name') value = withoutExtension(value.split(/[\\/]/).pop());
    if (variable === 'ext') value = value.toLowerCase().replace(/[^a-z0-9]/g, '');
    return value.replace(/[\\/]/g, '_');
  });
  if (error) return { error };
  // As the server: {ext} is the result's own extension and may only end the template.
  if (template.replace(/\.\{ext\}$/, '').includes('{ext}')) return { error: '{ext} may only end the template, as .{ext}' };
  return { name: filled.split('/').map(safePart).filter(Boolean).join('/') };
}
