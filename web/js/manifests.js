// Manifests in the browser: which content type a chosen file is uploaded as, and the preview table's rows — the rows
// the server read (GET /manifests/{id}) joined with the problems its dry run named ("row 17, image: …"). The rules
// live on the server; nothing here parses CSV or JSONL.

/** The content type a manifest file is uploaded as, from its name (browsers leave .jsonl untyped), or null. */
export function manifestContentType(name) {
  const lower = (name ?? '').toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'application/x-ndjson';
  return null;
}

/** "row 17, image" → {row: 17, column: 'image'}; "row 3" → {row: 3, column: null}; anything else → null. */
export function rowOfField(field) {
  const matched = /^row (\d+)(?:, (.+))?$/.exec(field ?? '');
  return matched ? { row: Number(matched[1]), column: matched[2] ?? null } : null;
}

/**
 * The preview table: every row read plus any row only the problems name (a row with the wrong number of cells is not
 * read), in row order, each with its problems; and the problems that name no row (the job's settings, the header).
 */
export function previewTable(rows = [], errors = []) {
  const byRow = new Map(rows.map((row) => [row.row, { ...row, problems: [] }]));
  const general = [];
  for (const error of errors) {
    const at = rowOfField(error.field);
    if (!at || at.row === 1 && !byRow.has(1)) {
      general.push(error);
      continue;
    }
    if (!byRow.has(at.row)) byRow.set(at.row, { row: at.row, problems: [], unread: true });
    byRow.get(at.row).problems.push({ column: at.column, message: error.message });
  }
  return { rows: [...byRow.values()].sort((a, b) => a.row - b.row), general };
}

/** A row's parameter overrides and template values in a few words: "factor 4 · colour red". */
export function overridesInWords(row) {
  return [...Object.entries(row.params ?? {}), ...Object.entries(row.vars ?? {})]
    .map(([name, value]) => `${name} ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(' · ');
}
