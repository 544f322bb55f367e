// Long lists kept in step with the server without drawing them again: the first page of a refresh merged into what
// was loaded, and a list's children put in order with as few moves as possible (kept rows keep their focus).

/**
 * The list after a refresh of its first page: the page's items (newest first), then the items loaded earlier from
 * older pages, those the page already holds left out. `key` names an item.
 */
export function mergeFirstPage(loaded, page, key) {
  const fresh = new Set(page.map(key));
  const last = page.length ? loaded.findIndex((item) => key(item) === key(page[page.length - 1])) : -1;
  // Items after the page's last one (as loaded before) are the older pages'; without it in the list, none are kept.
  const older = last < 0 ? [] : loaded.slice(last + 1).filter((item) => !fresh.has(key(item)));
  return [...page, ...older];
}

/** Makes `wanted` the parent's children, in order; other children are removed unless `keep` holds them. */
export function syncChildren(parent, wanted, keep = null) {
  const wantedSet = new Set(wanted);
  for (const child of [...parent.children]) if (!wantedSet.has(child) && !keep?.has(child)) child.remove();
  let previous = null;
  for (const element of wanted) {
    const next = previous ? previous.nextElementSibling : parent.firstElementChild;
    if (next !== element) parent.insertBefore(element, next);
    previous = element;
  }
}
