// Result names in the browser, for a live example while the user types what a result will be called (outputName).
// The server's rules (core/OutputNames) decide; this mirrors them so the example matches what the server will do.
// How file names are filed by SKU is not mirrored: the uploader shows the server's own answer (POST /uploads dryRun).

const OUTPUT_VARIABLES = ['sku', 'role', 'name', 'ext', 'customId', 'n'];
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const withoutExtension = (name) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 && !name.slice(dot).includes('}') ? name.slice(0, dot) : name;
};

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
