// Projects: the caller's projects (GET /projects) and, for one, its SKU grid (GET /projects/{id}/skus): each SKU's
// main-image thumbnail, how many images it has and how far their work is.

import { badge, h, replace } from '../dom.js';
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
      if (this.projectId) this.showSkus(await this.api.get(`/projects/${encodeURIComponent(this.projectId)}/skus`));
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

  showSkus({ skus = [] }) {
    const cards = skus.map((sku) => {
      const main = sku.images.find((image) => image.imageId === sku.mainImageId) ?? sku.images[0];
      const [label, tone] = STATUS[sku.status] ?? [sku.status, 'idle'];
      const thumb = main?.thumbnailUrl
        ? h('img', { src: main.thumbnailUrl, alt: `${sku.sku || 'No SKU'} main image`, loading: 'lazy' })
        : h('div', { class: 'sku-thumb-empty muted small' }, 'No preview');
      return h('li', { class: 'sku-card', 'data-sku': sku.sku },
        h('div', { class: 'sku-thumb' }, thumb),
        h('div', { class: 'sku-meta' },
          h('strong', {}, sku.sku || 'No SKU'),
          badge(label, tone),
          h('span', { class: 'muted small' },
            `${plural(sku.counts.images, 'image')} · ${sku.counts.processed} processed · ${sku.counts.approved} approved`
            + (sku.counts.failed ? ` · ${sku.counts.failed} failed` : ''))));
    });
    replace(this.body, h('p', { class: 'muted small', id: 'sku-count' }, plural(skus.length, 'SKU')),
      h('ul', { class: 'sku-grid', 'aria-label': 'SKUs' }, ...cards));
  }
}
