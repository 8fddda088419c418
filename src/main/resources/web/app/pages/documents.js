import { html, nothing } from 'lit';
import { api, enc } from '../api.js';
import { navigate, query, withQuery } from '../router.js';
import { ProjectPage, ago, docHref, errorBox, loading, pager, projectTabs, statusBadge } from '../ui.js';

const SORTS = [
  ['title', 'Title'],
  ['type', 'Type'],
  ['status', 'Status'],
  ['updated_at', 'Updated'],
];
const PER_PAGE = 50;

class SlDocuments extends ProjectPage {
  static properties = { slug: {}, search: {}, state: { state: true }, stats: { state: true } };

  constructor() {
    super();
    this.stats = null;
  }

  willUpdate(changed) {
    if (changed.has('slug')) {
      this.stats = null;
      this.loadStats();
    }
    if (changed.has('slug') || changed.has('search')) this.load();
  }

  async loadStats() {
    try {
      this.stats = await api(`/projects/${enc(this.slug)}/stats`);
      document.title = `Documents · ${this.stats.name} · SDLC Lens`;
    } catch {
      this.stats = null;
    }
  }

  params() {
    const q = query();
    return {
      type: q.get('type') || '',
      status: q.get('status') || '',
      sort: q.get('sort') || 'updated_at',
      order: q.get('order') || 'desc',
      page: Math.max(1, Number(q.get('page')) || 1),
    };
  }

  async load() {
    const p = this.params();
    const request = new URLSearchParams({ sort: p.sort, order: p.order, page: p.page, per_page: PER_PAGE });
    if (p.type) request.set('type', p.type);
    if (p.status) request.set('status', p.status);
    // Only the answer for the latest URL is shown: an older one that arrives later (back, back) is dropped.
    const seq = (this.loads = (this.loads || 0) + 1);
    try {
      const list = await api(`/projects/${enc(this.slug)}/documents?${request}`);
      if (seq === this.loads) this.state = { list };
    } catch (error) {
      if (seq === this.loads) this.state = { error };
    }
  }

  filter(name, value) {
    navigate(withQuery({ [name]: value, page: null }));
  }

  sortHeader(key, label) {
    const p = this.params();
    const active = p.sort === key;
    const nextOrder = active && p.order === 'asc' ? 'desc' : 'asc';
    const aria = active ? (p.order === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort=${aria}>
      <a href=${withQuery({ sort: key, order: nextOrder, page: null })} class="sort">${label}
        <span aria-hidden="true">${active ? (p.order === 'asc' ? '▲' : '▼') : ''}</span></a>
    </th>`;
  }

  filters() {
    const p = this.params();
    const types = this.stats ? Object.keys(this.stats.by_type).sort() : [];
    const statuses = this.stats ? Object.keys(this.stats.by_status).sort() : [];
    if (p.type && !types.includes(p.type)) types.push(p.type);
    return html`<form class="filters" @submit=${(e) => e.preventDefault()}>
      <label>Type
        <select name="type" @change=${(e) => this.filter('type', e.target.value)}>
          <option value="" ?selected=${!p.type}>All types</option>
          ${types.map((t) => html`<option value=${t} ?selected=${p.type === t}>${t}</option>`)}
        </select>
      </label>
      <label>Status
        <select name="status" @change=${(e) => this.filter('status', e.target.value)}>
          <option value="" ?selected=${!p.status}>All statuses</option>
          ${statuses.map((s) => {
            const value = s === 'null' ? 'none' : s;
            return html`<option value=${value} ?selected=${p.status === value}>${s === 'null' ? 'no status' : s}</option>`;
          })}
        </select>
      </label>
      ${p.type || p.status ? html`<a href=${withQuery({ type: null, status: null, page: null })}>Clear filters</a>` : nothing}
    </form>`;
  }

  render() {
    const { loading: busy, error, list } = this.state;
    const title = this.stats ? this.stats.name : this.slug;
    return html`<section class="page">
      <header class="page-head"><h1>${title}: documents</h1></header>
      ${projectTabs(this.slug, 'documents')}
      ${this.filters()}
      ${busy ? loading('Loading documents') : nothing}
      ${errorBox(error, () => this.load())}
      ${list ? this.table(list) : nothing}
    </section>`;
  }

  table(list) {
    if (list.total === 0) return html`<p class="muted">No documents match.</p>`;
    return html`<p class="muted" role="status">${list.total} document${list.total === 1 ? '' : 's'}</p>
      <div class="table-wrap"><table class="documents">
        <thead><tr>
          <th scope="col">Id</th>
          ${SORTS.map(([key, label]) => this.sortHeader(key, label))}
          <th scope="col">Owner</th>
          <th scope="col">Priority</th>
        </tr></thead>
        <tbody>${list.items.map((d) => html`<tr>
          <td><code>${d.doc_id}</code></td>
          <td><a href=${docHref(this.slug, d.type, d.doc_id)}>${d.title}</a></td>
          <td>${d.type}</td>
          <td>${statusBadge(d.status)}</td>
          <td>${ago(d.updated_at)}</td>
          <td>${d.owner || ''}</td>
          <td>${d.priority || ''}</td>
        </tr>`)}</tbody>
      </table></div>
      ${pager(list.page, list.pages, (page) => withQuery({ page }))}`;
  }
}

customElements.define('sl-documents', SlDocuments);
