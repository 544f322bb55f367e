// "Your images": the images uploaded earlier (GET /images, page by page), to select for a job or delete for good.

import { announce, badge, h, notify, replace, uid } from '../dom.js';
import { formatBytes, plural } from '../format.js';
import { statusLabel, statusTone } from '../status.js';

const PAGE = 50;

export class Library {
  /** `isListed(imageId)`: shown in the upload list already (so not twice); `onChange()` when the selection changes. */
  constructor({ api, isListed = () => false, onChange = () => {} }) {
    Object.assign(this, { api, isListed, onChange });
    this.images = [];
    this.selected = new Set();
    this.cursor = null;
    this.count = h('span', { class: 'muted small', id: 'library-count' });
    this.toggle = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => this.toggleAll() }, 'Select all');
    this.list = h('ul', { class: 'library-list', 'aria-label': 'Your images' });
    this.more = h('button', { type: 'button', class: 'btn btn-small', hidden: true, onclick: () => this.load() }, 'Show more images');
    this.state = h('p', { class: 'small muted' });
    this.element = h('section', { class: 'library', 'aria-labelledby': 'library-heading', hidden: true },
      h('div', { class: 'panel-head' },
        h('h3', { id: 'library-heading' }, 'Your images ', this.count),
        this.toggle),
      h('p', { class: 'hint' }, 'Uploaded earlier and kept for later jobs: tick the ones to process.'),
      this.state, this.list, this.more);
    this.ready = this.load();
  }

  /** The next page (the first when nothing is loaded). Resolves when it is on screen, even after an error. */
  async load() {
    this.more.disabled = true;
    try {
      const page = await this.api.imagePage({ limit: PAGE, cursor: this.cursor ?? undefined });
      const known = new Set(this.images.map((i) => i.imageId));
      for (const image of page.images ?? []) {
        if (known.has(image.imageId) || this.isListed(image.imageId)) continue;
        this.images.push(image);
        this.list.append(this.rowElement(image));
      }
      this.cursor = page.nextCursor ?? null;
      this.state.textContent = '';
    } catch (error) {
      this.state.textContent = `Your earlier images could not be listed. ${error.message}`;
    } finally {
      this.more.disabled = false;
      this.paint();
    }
  }

  /** An image from the upload list that leaves it (removed or cleared) but stays on the server. */
  add(image) {
    if (!image || this.images.some((i) => i.imageId === image.imageId)) return;
    this.images.unshift(image);
    this.list.prepend(this.rowElement(image));
    this.paint();
  }

  select(imageId, on = true) {
    if (on) this.selected.add(imageId);
    else this.selected.delete(imageId);
    const box = this.list.querySelector(`[data-image-id="${CSS.escape(imageId)}"] input[type="checkbox"]`);
    if (box) box.checked = on;
    this.paint();
    this.onChange();
  }

  /** The selected images a job can use. */
  chosen() {
    return this.images.filter((i) => this.selected.has(i.imageId) && i.status === 'READY');
  }

  usable() {
    return this.images.filter((i) => i.status === 'READY');
  }

  toggleAll() {
    const all = this.chosen().length < this.usable().length;
    for (const image of this.usable()) this.select(image.imageId, all);
    announce(all ? `${plural(this.usable().length, 'earlier image')} selected.` : 'No earlier image selected.');
  }

  paint() {
    this.element.hidden = this.images.length === 0 && !this.state.textContent;
    this.count.textContent = this.images.length ? `(${this.images.length}${this.cursor ? '+' : ''}, ${this.chosen().length} selected)` : '';
    this.toggle.hidden = this.usable().length === 0;
    this.toggle.textContent = this.chosen().length < this.usable().length ? 'Select all' : 'Select none';
    this.more.hidden = !this.cursor;
  }

  rowElement(image) {
    const id = uid('library');
    const box = h('input', { type: 'checkbox', id, disabled: image.status !== 'READY', checked: this.selected.has(image.imageId),
      onchange: (event) => this.select(image.imageId, event.target.checked) });
    const thumb = h('img', { class: 'upload-thumb', alt: '', loading: 'lazy', decoding: 'async' });
    if (image.thumbnailUrl) thumb.src = image.thumbnailUrl;
    const meta = image.status === 'READY' && image.width
      ? `${image.width} × ${image.height} · ${formatBytes(image.size)}` : image.reason || formatBytes(image.size);
    const remove = h('button', { type: 'button', class: 'btn btn-ghost btn-small', title: 'Delete the image on the server',
      'aria-label': `Delete ${image.name} from the server` }, 'Delete');
    remove.addEventListener('click', () => this.remove(image, remove));
    return h('li', { class: 'upload-row library-row', dataset: { imageId: image.imageId, name: image.name } },
      thumb,
      h('div', { class: 'upload-main' },
        h('label', { class: 'check upload-name', for: id, title: image.name }, box, image.name),
        h('span', { class: `upload-meta${image.status === 'REJECTED' ? ' bad' : ''}` }, meta)),
      h('div', { class: 'upload-side' }, badge(statusLabel(image.status), statusTone(image.status)), remove));
  }

  /** Deleting is for good, so the first click asks and the second (within a few seconds) deletes. */
  async remove(image, button) {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = 'Delete for good?';
      button.classList.add('btn-danger');
      setTimeout(() => {
        if (!button.isConnected) return;
        button.dataset.armed = 'false';
        button.textContent = 'Delete';
        button.classList.remove('btn-danger');
      }, 4000);
      return;
    }
    button.disabled = true;
    try {
      await this.api.deleteImage(image.imageId);
      this.images = this.images.filter((i) => i !== image);
      this.selected.delete(image.imageId);
      const row = button.closest('li');
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      (next?.querySelector('button') ?? this.toggle).focus();
      announce(`${image.name} deleted from the server.`);
      this.paint();
      this.onChange();
    } catch (error) {
      button.disabled = false;
      notify(`${image.name} was not deleted. ${error.message}`, { tone: 'error' });
    }
  }
}
