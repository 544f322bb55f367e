// Projects: the caller's projects (GET /projects) and, for one, its SKU grid (GET /projects/{id}/skus): each SKU's
// main-image thumbnail, how many images it has and how far their work is; and one of the person's presets run on the
// chosen SKUs (or all of them).

import { announce, badge, h, notify, replace } from '../dom.js';
import { plural } from '../format.js';

const STATUS = {
  new: ['Not processed', 'idle'],
  partial: ['In progress', 'busy'],
  processed: ['Processed', 'warn'],
  approved: ['Approved', 'good'],
  failed: ['Failed', 'bad'],
};

export class ProjectsView {
  constructor({ api, projectId = null }) {
    Object.assign(this, { api, projectId });
    this.body = h('div', { class: 'projects-body' }, h('p', { class: 'muted' }, 'Loading…'));
    this.element = h('section', { class: 'page projects', 'aria-labelledby': 'projects-title' },
      h('div', { class: 'page-head' },
        h('h1', { id: 'projects-title' }, projectId ? `Project ${projectId}` : 'Projects'),
        projectId ? h('a', { href: '#/projects', class: 'small' }, 'All projects') : null),
      this.body);
  }

  async mount() {
    try {
      if (this.projectId) {
        const [skus, presets] = await Promise.all([this.api.get(`/projects/${encodeURIComponent(this.projectId)}/skus`),
          this.api.jobPresets().catch(() => [])]);
        this.showSkus(skus, presets);
      }
      else this.showProjects(await this.api.get('/projects'));
    } catch (error) {
      replace(this.body, h('p', { class: 'error-state', role: 'alert' }, error.message));
    }
  }

  showProjects({ projects = [] }) {
    if (!projects.length) {
      replace(this.body, h('p', { class: 'muted' },
        'No projects yet. Upload images with a project and a naming pattern such as {sku}-{role}.jpg to file them by SKU.'));
      return;
    }
    replace(this.body, h('ul', { class: 'project-list' }, ...projects.map((project) =>
      h('li', {}, h('a', { href: `#/projects/${encodeURIComponent(project.projectId)}` }, project.projectId),
        h('span', { class: 'muted small' }, ` ${plural(project.images, 'image')}`)))));
  }

  showSkus({ skus = [] }, presets = []) {
    this.chosen = new Set();
    const cards = skus.map((sku) => {
      const main = sku.images.find((image) => image.imageId === sku.mainImageId) ?? sku.images[0];
      const [label, tone] = STATUS[sku.status] ?? [sku.status, 'idle'];
      const thumb = main?.thumbnailUrl
        ? h('img', { src: main.thumbnailUrl, alt: `${sku.sku || 'No SKU'} main image`, loading: 'lazy' })
        : h('div', { class: 'sku-thumb-empty muted small' }, 'No preview');
      const pick = h('input', { type: 'checkbox', id: `pick-${sku.sku}`, onchange: (event) => {
        if (event.target.checked) this.chosen.add(sku.sku);
        else this.chosen.delete(sku.sku);
        this.paintRun();
      } });
      return h('li', { class: 'sku-card', 'data-sku': sku.sku },
        h('div', { class: 'sku-thumb' }, thumb),
        sku.sku ? h('label', { class: 'check small', for: `pick-${sku.sku}` }, pick, `Select ${sku.sku}`) : '',
        h('div', { class: 'sku-meta' },
          h('strong', {}, sku.sku || 'No SKU'),
          badge(label, tone),
          h('span', { class: 'muted small' },
            `${plural(sku.counts.images, 'image')} · ${sku.counts.processed} processed · ${sku.counts.approved} approved`
            + (sku.counts.failed ? ` · ${sku.counts.failed} failed` : ''))));
    });
    this.allSkus = skus.map((sku) => sku.sku).filter(Boolean);
    replace(this.body, h('p', { class: 'muted small', id: 'sku-count' }, plural(skus.length, 'SKU')),
      this.runBar(presets),
      h('ul', { class: 'sku-grid', 'aria-label': 'SKUs' }, ...cards));
  }

  /** "Run a preset": one of the person's own presets on the chosen SKUs, or on all of them. */
  runBar(presets) {
    if (!presets.length) {
      return h('p', { class: 'muted small' }, 'Save a job\'s settings as a preset (on its page) to run it on SKUs here.');
    }
    this.presetSelect = h('select', { id: 'run-preset' }, presets.map((p) => h('option', { value: p.presetId }, p.name)));
    this.runButton = h('button', { type: 'button', class: 'btn btn-primary btn-small', onclick: () => this.run() });
    this.paintRun();
    return h('div', { class: 'run-preset row', role: 'group', 'aria-label': 'Run a preset' },
      h('label', { for: 'run-preset', class: 'small' }, 'Run preset'), this.presetSelect, this.runButton);
  }

  paintRun() {
    if (!this.runButton) return;
    this.runButton.textContent = this.chosen.size ? `Run on ${plural(this.chosen.size, 'selected SKU')}` : `Run on all ${plural(this.allSkus.length, 'SKU')}`;
  }

  async run() {
    const skus = this.chosen.size ? [...this.chosen] : this.allSkus;
    this.runButton.disabled = true;
    try {
      const job = await this.api.submitJob({ jobPreset: this.presetSelect.value, project: this.projectId, skus }, crypto.randomUUID());
      announce(`Job submitted on ${plural(skus.length, 'SKU')}.`);
      window.location.hash = `#/jobs/${encodeURIComponent(job.jobId)}`;
    } catch (error) {
      notify(`The preset did not run. ${error.message}`, { tone: 'error' });
      this.runButton.disabled = false;
    }
  }
}
