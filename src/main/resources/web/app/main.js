// The app shell: header (navigation, search box, live state), the unhealthy banner and the current page.
import { LitElement, html, nothing } from 'lit';
import { api } from './api.js';
import { live } from './live.js';
import { interceptLinks, match, navigate, query } from './router.js';
import './pages/dashboard.js';
import './pages/project.js';
import './pages/documents.js';
import './pages/tree.js';
import { loadRenderer } from './pages/document.js';
import './pages/search.js';
import './pages/health.js';
import './pages/settings.js';

const HEALTH_EVERY_MS = 15000;

class SlApp extends LitElement {
  static properties = {
    route: { state: true },
    health: { state: true },
    liveMode: { state: true },
  };

  constructor() {
    super();
    this.route = match(location.pathname);
    this.health = null;
    this.liveMode = live.mode;
  }

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    interceptLinks(this);
    window.addEventListener('sl-navigate', () => {
      this.route = match(location.pathname);
      window.scrollTo(0, 0);
    });
    document.addEventListener('keydown', (event) => this.shortcut(event));
    live.addEventListener('mode', () => {
      this.liveMode = live.mode;
    });
    live.addEventListener('refresh', () => this.checkHealth());
    live.start();
    this.checkHealth();
    // Once the first page is up, the document renderer is fetched while the browser has nothing else to do.
    const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
    window.addEventListener('sl-usable', () => idle(() => loadRenderer().catch(() => {})), { once: true });
    setInterval(() => this.checkHealth(), HEALTH_EVERY_MS);
  }

  async checkHealth() {
    try {
      const response = await fetch('/api/v1/system/health', { headers: { Accept: 'application/json' } });
      const body = await response.json().catch(() => ({}));
      this.health = { ok: response.ok && body.status === 'healthy', ...body };
    } catch {
      this.health = { ok: false, status: 'unreachable' };
    }
  }

  /** "/" focuses the search box, unless the user is typing somewhere. */
  shortcut(event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    const box = this.querySelector('#global-search');
    box.focus();
    box.select();
  }

  search(event) {
    event.preventDefault();
    const q = new FormData(event.target).get('q').trim();
    if (!q) return;
    const params = new URLSearchParams({ q });
    // Searching from a project's pages searches that project first; a new search keeps the search page's filters.
    if (this.route.params.slug) params.set('project', this.route.params.slug);
    if (this.route.page === 'search') {
      for (const key of ['project', 'type']) if (query().get(key)) params.set(key, query().get(key));
    }
    navigate(`/search?${params}`);
  }

  banner() {
    if (!this.health || this.health.ok) return nothing;
    const db = this.health.database === 'disconnected' ? ' The database cannot be reached.' : '';
    const reason = this.health.status === 'unreachable' ? ' The service does not answer.' : db;
    return html`<div class="banner" role="alert" id="unhealthy-banner">
      <strong>The service is unhealthy.</strong>${reason} What you see may be out of date; this clears by itself when
      it recovers.
    </div>`;
  }

  page() {
    const { page, params } = this.route;
    switch (page) {
      case 'dashboard':
        return html`<sl-dashboard></sl-dashboard>`;
      case 'project':
        return html`<sl-project .slug=${params.slug}></sl-project>`;
      case 'documents':
        return html`<sl-documents .slug=${params.slug} .search=${location.search}></sl-documents>`;
      case 'tree':
        return html`<sl-tree .slug=${params.slug}></sl-tree>`;
      case 'document':
        return html`<sl-document .slug=${params.slug} .type=${params.type} .docId=${params.docId}></sl-document>`;
      case 'search':
        return html`<sl-search .search=${location.search}></sl-search>`;
      case 'health':
        return html`<sl-health .slug=${params.slug}></sl-health>`;
      case 'settings':
        return html`<sl-settings .search=${location.search}></sl-settings>`;
      default:
        return html`<section class="page"><h1>Page not found</h1><p>There is nothing at ${location.pathname}.
          <a href="/">Go to the dashboard</a>.</p></section>`;
    }
  }

  render() {
    const q = this.route.page === 'search' ? query().get('q') || '' : '';
    const liveText = { live: 'Live', connecting: 'Connecting', reconnecting: 'Reconnecting', polling: 'Refreshing every 5 s' }[this.liveMode];
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href="/" aria-label="SDLC Lens dashboard"><span class="logo" aria-hidden="true">◎</span> SDLC Lens</a>
        <nav class="main-nav" aria-label="Main">
          <a href="/" aria-current=${this.route.page === 'dashboard' ? 'page' : 'false'}>Dashboard</a>
          <a href="/settings" aria-current=${this.route.page === 'settings' ? 'page' : 'false'}>Settings</a>
        </nav>
        <form class="search-box" role="search" @submit=${this.search}>
          <label for="global-search" class="visually-hidden">Search documents</label>
          <input id="global-search" name="q" type="search" placeholder="Search documents  ( / )" .value=${q}
            autocomplete="off" maxlength="500">
        </form>
        <span class="live-state ${this.liveMode}" title="Updates: ${liveText}" role="status">${liveText}</span>
      </header>
      ${this.banner()}
      <main id="main" tabindex="-1">${this.page()}</main>
    `;
  }
}

customElements.define('sl-app', SlApp);
