import { html, nothing } from 'lit';
import { api } from '../api.js';
import { navigate, query, withQuery } from '../router.js';
import { DOC_TYPES, Page, docHref, errorBox, loading, pager, snippet, statusBadge } from '../ui.js';

const PER_PAGE = 20;

class SlSearch extends Page {
  static properties = { search: {}, state: { state: true }, projects: { state: true } };

  constructor() {
    super();
    this.state = {};
    this.projects = [];
  }

  connectedCallback() {
    super.connectedCallback();
    api('/projects')
      .then((projects) => {
        this.projects = projects;
      })
      .catch(() => {});
  }

  willUpdate(changed) {
    if (changed.has('search')) this.load();
  }

  async load() {
    const q = query();
    const text = (q.get('q') || '').trim();
    document.title = text ? `“${text}” · Search · SDLC Lens` : 'Search · SDLC Lens';
    // Only the answer for the latest URL is shown: an older one that arrives later (back, back) is dropped.
    const seq = (this.loads = (this.loads || 0) + 1);
    if (!text) {
      this.state = {};
      return;
    }
    const request = new URLSearchParams({ q: text, per_page: PER_PAGE, page: Math.max(1, Number(q.get('page')) || 1) });
    if (q.get('project')) request.set('project', q.get('project'));
    if (q.get('type')) request.set('type', q.get('type'));
    this.state = { loading: true };
    try {
      const result = await api(`/search?${request}`);
      if (seq === this.loads) this.state = { result };
    } catch (error) {
      if (seq === this.loads) this.state = { error };
    }
  }

  render() {
    const q = query();
    const { loading: busy, error, result } = this.state;
    return html`<section class="page">
      <h1>Search</h1>
      <form class="filters" @submit=${(e) => e.preventDefault()}>
        <label>Project
          <select name="project" @change=${(e) => navigate(withQuery({ project: e.target.value, page: null }))}>
            <option value="" ?selected=${!q.get('project')}>All projects</option>
            ${this.projects.map((p) => html`<option value=${p.slug} ?selected=${q.get('project') === p.slug}>${p.name}</option>`)}
          </select>
        </label>
        <label>Type
          <select name="type" @change=${(e) => navigate(withQuery({ type: e.target.value, page: null }))}>
            <option value="" ?selected=${!q.get('type')}>All types</option>
            ${DOC_TYPES.map((t) => html`<option value=${t} ?selected=${q.get('type') === t}>${t}</option>`)}
          </select>
        </label>
      </form>
      ${!q.get('q') ? html`<p class="muted">Type in the search box at the top (press <kbd>/</kbd>) to search every
        document's title and text. Use quotes for a phrase, <code>or</code> for either word, <code>-word</code> to
        exclude.</p>` : nothing}
      ${busy ? loading('Searching') : nothing}
      ${errorBox(error)}
      ${result ? this.results(result) : nothing}
    </section>`;
  }

  results(result) {
    if (result.total === 0) return html`<p class="muted" role="status">Nothing matches “${result.query}”.</p>`;
    const pages = Math.ceil(result.total / result.per_page);
    return html`<p class="muted" role="status">${result.total} result${result.total === 1 ? '' : 's'} for “${result.query}”</p>
      <ol class="results">${result.items.map((item) => html`<li class="result">
        <h2><a href=${docHref(item.project_slug, item.type, item.doc_id)}>${item.title}</a></h2>
        <p class="muted small">${item.project_name} · <span class="type">${item.type}</span> · ${statusBadge(item.status)}</p>
        <p class="snippet">${snippet(item.snippet)}</p>
      </li>`)}</ol>
      ${pager(result.page, pages, (page) => withQuery({ page }))}`;
  }
}

customElements.define('sl-search', SlSearch);
