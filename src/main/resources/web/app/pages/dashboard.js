import { html, nothing } from 'lit';
import { api, enc } from '../api.js';
import { filesDone, live } from '../live.js';
import { Page, ago, errorBox, loading, percent, scoreTone, syncBadge } from '../ui.js';

const HEALTH_CONCURRENCY = 3;
/** slug -> { key, score }: kept while the app runs, so coming back to the dashboard asks nothing again. */
const scores = new Map();

class SlDashboard extends Page {
  static properties = { state: { state: true } };

  constructor() {
    super();
    this.state = { loading: true };
    this.healthQueue = [];
    this.healthRunning = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Dashboard · SDLC Lens';
    this.load();
    this.onLive({
      project: (e) => this.projectChanged(e.detail),
      'project-deleted': () => this.load(),
      'sync-progress': () => this.requestUpdate(),
      refresh: () => this.load(),
    });
  }

  async load() {
    try {
      const [projects, stats] = await Promise.all([api('/projects'), api('/stats')]);
      this.state = { projects, stats };
      this.loadHealth(projects);
    } catch (error) {
      this.state = { error };
    }
  }

  /**
   * Health scores arrive card by card. The API has no list of scores, so each is its own health check: at most
   * HEALTH_CONCURRENCY at a time (the browser's few connections stay free for navigation and the event stream), and
   * asked again only when the project's documents can have changed, i.e. after a sync.
   */
  loadHealth(projects) {
    const wanted = new Set();
    for (const p of projects) {
      const key = `${p.last_synced_at}|${p.document_count}`;
      wanted.add(p.slug);
      const known = scores.get(p.slug);
      if (known && known.key === key) continue;
      scores.set(p.slug, { key, score: known ? known.score : undefined });
      if (!this.healthQueue.includes(p.slug)) this.healthQueue.push(p.slug);
    }
    for (const slug of scores.keys()) if (!wanted.has(slug)) scores.delete(slug);
    this.healthQueue = this.healthQueue.filter((slug) => wanted.has(slug));
    this.nextHealth();
  }

  nextHealth() {
    while (this.healthRunning < HEALTH_CONCURRENCY && this.healthQueue.length > 0 && this.isConnected) {
      const slug = this.healthQueue.shift();
      this.healthRunning++;
      api(`/projects/${enc(slug)}/health-check`)
        .then((report) => {
          const entry = scores.get(slug);
          if (entry) entry.score = report.score;
          this.requestUpdate();
        })
        .catch(() => {
          const entry = scores.get(slug);
          if (entry) entry.key = null; // asked again on the next load
        })
        .finally(() => {
          this.healthRunning--;
          this.nextHealth();
        });
    }
  }

  projectChanged(project) {
    if (!this.state.projects) return;
    const index = this.state.projects.findIndex((p) => p.slug === project.slug);
    if (index < 0) {
      this.load();
      return;
    }
    const previous = this.state.projects[index];
    const projects = [...this.state.projects];
    projects[index] = project;
    this.state = { ...this.state, projects };
    // A finished sync changes counts, completion and health.
    if (previous.sync_status === 'syncing' && project.sync_status !== 'syncing') this.load();
  }

  card(project) {
    const stats = this.state.stats.projects.find((s) => s.slug === project.slug) || {};
    const score = scores.get(project.slug)?.score;
    const progress = project.sync_status === 'syncing' ? live.progress.get(project.slug) : null;
    const done = filesDone(progress);
    return html`<article class="card project-card" data-slug=${project.slug}>
      <h2><a href="/projects/${enc(project.slug)}">${project.name}</a></h2>
      <p class="source muted">${project.source_type === 'local' ? project.sdlc_path : project.repo_url}</p>
      <div class="card-state">${syncBadge(project.sync_status)}
        ${done === null ? nothing : html`<progress max=${progress.total} value=${done} aria-label="Sync progress"></progress>`}
      </div>
      <dl class="facts">
        <div><dt>Documents</dt><dd>${project.document_count}</dd></div>
        <div><dt>Stories done</dt><dd>${percent(stats.completion_percentage)}</dd></div>
        <div><dt>Health</dt><dd><span class="score ${scoreTone(score)}">${score ?? '…'}</span></dd></div>
        <div><dt>Last synced</dt><dd>${ago(project.last_synced_at)}</dd></div>
      </dl>
      ${project.sync_error ? html`<p class="error-text">${project.sync_error}</p>` : nothing}
    </article>`;
  }

  render() {
    const { loading: busy, error, projects, stats } = this.state;
    if (busy) return loading('Loading projects');
    if (error) return html`<section class="page">${errorBox(error, () => this.load())}</section>`;
    if (projects.length === 0) {
      return html`<section class="page empty">
        <h1>Welcome to SDLC Lens</h1>
        <p>No projects yet. Register a folder of sdlc-studio documents, or a git or GitHub repository, and sync it
          to browse its epics, stories, plans and their health.</p>
        <p><a class="button primary" href="/settings?add=1">Register your first project</a></p>
      </section>`;
    }
    return html`<section class="page">
      <h1>Dashboard</h1>
      <dl class="totals">
        <div><dt>Projects</dt><dd>${stats.total_projects}</dd></div>
        <div><dt>Documents</dt><dd>${stats.total_documents}</dd></div>
        <div><dt>Stories done</dt><dd>${percent(stats.completion_percentage)}</dd></div>
        <div><dt>Syncing now</dt><dd>${projects.filter((p) => p.sync_status === 'syncing').length}</dd></div>
      </dl>
      <div class="cards">${projects.map((p) => this.card(p))}</div>
    </section>`;
  }
}

customElements.define('sl-dashboard', SlDashboard);
