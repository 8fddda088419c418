import { html, nothing } from 'lit';
import { ApiError, api, enc } from '../api.js';
import { filesDone, live } from '../live.js';
import {
  Page, ago, barChart, duration, errorBox, loading, percent, projectTabs, ring, scoreTone, syncBadge, when,
} from '../ui.js';

const FAST_POLL_MS = 1000;

class SlProject extends Page {
  static properties = {
    slug: {},
    state: { state: true },
    progress: { state: true },
    starting: { state: true },
    actionError: { state: true },
  };

  constructor() {
    super();
    this.state = { loading: true };
    this.progress = null;
    this.starting = false;
    this.actionError = null;
    this.poll = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.onLive({
      project: (e) => e.detail.slug === this.slug && this.projectChanged(e.detail),
      'project-deleted': (e) => e.detail.slug === this.slug && this.load(),
      'sync-progress': (e) => {
        if (e.detail.slug === this.slug) this.progress = e.detail;
      },
      refresh: () => this.load(),
      mode: () => this.pollWhileSyncing(),
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.poll);
  }

  willUpdate(changed) {
    if (changed.has('slug')) {
      this.state = { loading: true };
      this.progress = live.progress.get(this.slug) || null;
      this.load();
    }
  }

  async load() {
    const base = `/projects/${enc(this.slug)}`;
    try {
      const [project, stats, health, runs] = await Promise.all([
        api(base),
        api(`${base}/stats`),
        api(`${base}/health-check`),
        api(`${base}/sync-runs?limit=10`),
      ]);
      document.title = `${project.name} · SDLC Lens`;
      this.state = { project, stats, health, runs };
      this.pollWhileSyncing();
    } catch (error) {
      this.state = { error };
    }
  }

  projectChanged(project) {
    if (!this.state.project) return;
    const was = this.state.project.sync_status;
    this.state = { ...this.state, project };
    if (was === 'syncing' && project.sync_status !== 'syncing') {
      this.progress = null;
      this.load();
    } else if (project.sync_status === 'syncing' && was !== 'syncing') {
      this.refreshRuns();
    }
    this.pollWhileSyncing();
  }

  async refreshRuns() {
    try {
      const runs = await api(`/projects/${enc(this.slug)}/sync-runs?limit=10`);
      this.state = { ...this.state, runs };
    } catch {
      // the next event or poll tries again
    }
  }

  /** Without the event stream, a running sync is followed by reading the project every second. */
  pollWhileSyncing() {
    const syncing = this.state.project && this.state.project.sync_status === 'syncing';
    if (syncing && live.mode !== 'live') {
      if (!this.poll) {
        this.poll = setInterval(async () => {
          try {
            const project = await api(`/projects/${enc(this.slug)}`);
            this.projectChanged(project);
          } catch {
            // keep polling
          }
        }, FAST_POLL_MS);
      }
    } else {
      clearInterval(this.poll);
      this.poll = null;
    }
  }

  async syncNow() {
    this.starting = true;
    this.actionError = null;
    try {
      const started = await api(`/projects/${enc(this.slug)}/sync`, { method: 'POST' });
      // The stream may already have told of this run before the answer came back: keep that.
      if (!this.progress || this.progress.run_id !== started.run_id) this.progress = null;
      this.projectChanged({ ...this.state.project, sync_status: 'syncing', sync_error: null });
    } catch (error) {
      this.actionError = error;
      if (error instanceof ApiError && error.code === 'SYNC_IN_PROGRESS') this.load();
    } finally {
      this.starting = false;
    }
  }

  syncPanel(project) {
    const syncing = project.sync_status === 'syncing';
    const p = this.progress;
    const done = filesDone(p);
    const files = done === null ? 'Reading the source…' : `${done} of ${p.total} files`;
    return html`<div class="sync-panel">
      <button type="button" class="primary" id="sync-now" ?disabled=${syncing || this.starting} @click=${this.syncNow}
        aria-describedby="sync-state">${syncing ? 'Syncing…' : 'Sync now'}</button>
      <span id="sync-state">${syncBadge(project.sync_status)}</span>
      ${syncing
        ? html`<div class="progress" role="status" aria-live="polite">
            <progress id="sync-progress" max=${done === null ? nothing : p.total} value=${done === null ? nothing : done}
              aria-label="Sync progress"></progress>
            <span class="muted" id="sync-files">${files}</span>
          </div>`
        : nothing}
      ${project.sync_error ? html`<p class="error-text" role="alert">${project.sync_error}</p>` : nothing}
      ${errorBox(this.actionError)}
    </div>`;
  }

  lastSync(run) {
    if (!run) return html`<p class="muted">Not synced yet. Press <em>Sync now</em> to read the documents.</p>`;
    return html`<dl class="counts">
        <div><dt>Added</dt><dd>${run.added}</dd></div>
        <div><dt>Updated</dt><dd>${run.updated}</dd></div>
        <div><dt>Unchanged</dt><dd>${run.skipped}</dd></div>
        <div><dt>Deleted</dt><dd>${run.deleted}</dd></div>
        <div><dt>File errors</dt><dd class=${run.errors ? 'error-text' : ''}>${run.errors}</dd></div>
      </dl>
      <p class="muted">${run.status === 'syncing' ? 'Started' : 'Finished'} ${ago(run.finished_at || run.started_at)}
        ${run.finished_at ? html`in ${duration(run.started_at, run.finished_at)}` : nothing}</p>`;
  }

  history(runs) {
    if (runs.length === 0) return html`<p class="muted">No sync runs yet.</p>`;
    return html`<div class="table-wrap"><table class="runs">
      <thead><tr><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Took</th>
        <th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Unchanged</th><th scope="col">Deleted</th>
        <th scope="col">Errors</th></tr></thead>
      <tbody>${runs.map((run) => html`<tr>
          <td>${when(run.started_at)}</td>
          <td>${syncBadge(run.status)}${run.error ? html`<div class="error-text small">${run.error}</div>` : nothing}</td>
          <td>${duration(run.started_at, run.finished_at)}</td>
          <td>${run.added}</td><td>${run.updated}</td><td>${run.skipped}</td><td>${run.deleted}</td>
          <td>${run.errors
            ? html`<details><summary>${run.errors} file${run.errors === 1 ? '' : 's'}</summary>
                <ul class="file-errors">${(run.errors_detail || []).map((e) => html`<li><code>${e.file_path}</code>: ${e.reason}</li>`)}</ul>
              </details>`
            : '0'}</td>
        </tr>`)}</tbody>
    </table></div>`;
  }

  render() {
    const { loading: busy, error, project, stats, health, runs } = this.state;
    if (busy) return loading('Loading project');
    if (error) return html`<section class="page">${errorBox(error, () => this.load())}</section>`;
    const docs = `/projects/${enc(project.slug)}/documents`;
    const byStatus = Object.entries(stats.by_status).map(([k, n]) => [k === 'null' ? 'no status' : k, n]);
    return html`<section class="page">
      <header class="page-head">
        <h1>${project.name}</h1>
        <p class="source muted">${project.source_type}: ${project.source_type === 'local' ? project.sdlc_path : html`${project.repo_url}
          (${project.repo_branch}${project.repo_path ? `, ${project.repo_path}` : ''})`}</p>
      </header>
      ${projectTabs(project.slug, 'overview')}
      ${this.syncPanel(project)}
      <div class="grid">
        <article class="card metric">
          <h2>Stories done</h2>
          ${ring(stats.completion_percentage, { label: 'Stories done' })}
          <p class="muted">${(stats.by_type.story || 0)} stories</p>
        </article>
        <article class="card metric">
          <h2>Health score</h2>
          ${ring(health.score, { label: 'Health score', tone: scoreTone(health.score), text: String(health.score) })}
          <p><a href="/projects/${enc(project.slug)}/health">${health.findings.length} finding${health.findings.length === 1 ? '' : 's'}</a></p>
        </article>
        <article class="card metric">
          <h2>Documents</h2>
          <p class="big">${stats.total_documents}</p>
          <p class="muted">Last synced ${ago(project.last_synced_at)}</p>
        </article>
        <article class="card last-sync">
          <h2>Last sync</h2>
          ${this.lastSync(project.last_sync)}
        </article>
        <article class="card wide">
          <h2>Documents by type</h2>
          ${barChart(Object.entries(stats.by_type), { label: 'Documents by type', href: (t) => `${docs}?type=${enc(t)}` })}
        </article>
        <article class="card wide">
          <h2>Documents by status</h2>
          ${barChart(byStatus, { label: 'Documents by status', href: (s) => `${docs}?status=${enc(s === 'no status' ? 'none' : s)}` })}
        </article>
      </div>
      <h2>Sync history</h2>
      ${this.history(runs)}
    </section>`;
  }
}

customElements.define('sl-project', SlProject);
