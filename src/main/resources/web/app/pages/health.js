import { html, nothing } from 'lit';
import { api, enc } from '../api.js';
import { ProjectPage, docHref, errorBox, loading, projectTabs, ring, scoreTone, severityBadge, when } from '../ui.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

class SlHealth extends ProjectPage {
  static properties = { slug: {}, state: { state: true } };

  willUpdate(changed) {
    if (changed.has('slug')) this.load();
  }

  async load() {
    try {
      const [project, report] = await Promise.all([
        api(`/projects/${enc(this.slug)}`),
        api(`/projects/${enc(this.slug)}/health-check`),
      ]);
      document.title = `Health check · ${project.name} · SDLC Lens`;
      this.state = { project, report };
    } catch (error) {
      this.state = { error };
    }
  }

  render() {
    const { loading: busy, error, project, report } = this.state;
    return html`<section class="page">
      <header class="page-head"><h1>${project ? project.name : this.slug}: health check</h1></header>
      ${projectTabs(this.slug, 'health')}
      ${busy ? loading('Checking') : nothing}
      ${errorBox(error, () => this.load())}
      ${report ? this.body(report) : nothing}
    </section>`;
  }

  body(report) {
    const categories = new Map();
    for (const f of report.findings) {
      if (!categories.has(f.category)) categories.set(f.category, []);
      categories.get(f.category).push(f);
    }
    for (const list of categories.values()) list.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    return html`<div class="grid">
        <article class="card metric">
          <h2>Score</h2>
          ${ring(report.score, { label: 'Health score', tone: scoreTone(report.score), text: String(report.score) })}
          <p class="muted small">Checked ${when(report.checked_at)}, ${report.total_documents} documents</p>
        </article>
        <article class="card wide">
          <h2>Findings by severity</h2>
          <dl class="counts severities">
            ${SEVERITIES.map((s) => html`<div><dt>${severityBadge(s)}</dt><dd>${report.summary[s]}</dd></div>`)}
          </dl>
          <p class="muted small">Score = 100 − 15 × critical − 5 × high − 2 × medium − 1 × low.</p>
        </article>
      </div>
      ${report.findings.length === 0 ? html`<p class="ok-text">No findings: every rule passes.</p>` : nothing}
      ${[...categories].map(([category, findings]) => html`<section class="category">
        <h2>${category} <span class="muted small">(${findings.length})</span></h2>
        <ul class="findings">${findings.map((f) => html`<li class="card finding">
          <p>${severityBadge(f.severity)} <strong>${f.message}</strong> <span class="muted small">${f.rule_id}</span></p>
          ${f.affected_documents.length
            ? html`<p class="small">Affects: ${f.affected_documents.map((d, i) => html`${i ? ', ' : ''}<a
                href=${docHref(this.slug, d.doc_type, d.doc_id)}>${d.title || d.doc_id}</a>`)}</p>`
            : nothing}
          ${f.suggested_fix ? html`<p class="fix small"><span class="muted">Fix:</span> ${f.suggested_fix}</p>` : nothing}
        </li>`)}</ul>
      </section>`)}`;
  }
}

customElements.define('sl-health', SlHealth);
