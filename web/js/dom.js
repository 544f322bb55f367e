// A few DOM helpers: element creation, polite announcements and notices.

/**
 * h('button', {class: 'btn', onclick: fn}, 'Text', child) → an element. Attributes named on* become listeners,
 * `dataset`/`style` objects are merged, false/null attributes are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let announceTimer = null;

/** Says a status change to screen readers, politely (the live region is in index.html). */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  clearTimeout(announceTimer);
  region.textContent = '';
  // A fresh text node after a tick, so the same message twice is still announced.
  announceTimer = setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** A short notice in the corner (also announced); errors stay until dismissed. */
export function notify(message, { tone = 'info', timeout = 5000 } = {}) {
  const area = document.getElementById('notices');
  if (!area) return;
  const close = h('button', { class: 'notice-close', type: 'button', 'aria-label': 'Dismiss notice' }, '×');
  const notice = h('div', { class: `notice notice-${tone}` }, h('p', {}, message), close);
  close.addEventListener('click', () => notice.remove());
  area.append(notice);
  if (tone !== 'error') setTimeout(() => notice.remove(), timeout);
  while (area.children.length > 4) area.firstElementChild.remove();
}

/** A status badge. */
export function badge(label, tone) {
  return h('span', { class: `badge badge-${tone}` }, label);
}

/** A unique id for label/control pairs. */
let nextId = 0;
export function uid(prefix = 'el') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
