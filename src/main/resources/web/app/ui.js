// Shared pieces of every page: the page base class, badges, times, charts, pager, messages.
import { LitElement, html, nothing, svg } from 'lit';
import { live } from './live.js';

/** Pages render into the light DOM so that one style sheet styles the whole app. */
export class Page extends LitElement {
  constructor() {
    super();
    this._live = [];
  }

  createRenderRoot() {
    return this;
  }

  /** Live listeners for as long as the page is shown. */
  onLive(listeners) {
    for (const [type, fn] of Object.entries(listeners)) {
      live.addEventListener(type, fn);
      this._live.push([type, fn]);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const [type, fn] of this._live) live.removeEventListener(type, fn);
    this._live = [];
  }

  /** The first page shown with its data marks the moment the app became usable (read by the budget test). */
  updated() {
    if (window.slUsableAt === undefined && this.state && !this.state.loading && !this.state.error) {
      window.slUsableAt = performance.now();
      performance.mark('sl-usable');
      window.dispatchEvent(new Event('sl-usable'));
    }
  }
}

/** A page of one project (`slug`): reloads when that project's sync ends, or when the live stream asks for a refresh. */
export class ProjectPage extends Page {
  constructor() {
    super();
    this.state = { loading: true };
  }

  connectedCallback() {
    super.connectedCallback();
    this.onLive({
      project: (e) => e.detail.slug === this.slug && e.detail.sync_status !== 'syncing' && this.load(),
      refresh: () => this.load(),
    });
  }
}

const FINISHED = /^(done|complete|fixed|verified|closed|accepted)$/i;
const STOPPED = /^(won't implement|won't fix|rejected|withdrawn|superseded|deferred|paused)$/i;
const WORKING = /(progress|review|testing|implementing|verifying|reviewing|checking|planning)/i;
const BLOCKED = /^(blocked|error|open)$/i;

export function statusBadge(status) {
  if (!status) return html`<span class="badge muted">no status</span>`;
  let tone = 'neutral';
  if (FINISHED.test(status)) tone = 'ok';
  else if (STOPPED.test(status)) tone = 'muted';
  else if (WORKING.test(status)) tone = 'info';
  else if (BLOCKED.test(status)) tone = 'bad';
  return html`<span class="badge ${tone}">${status}</span>`;
}

const SYNC_LABEL = { never_synced: 'never synced', syncing: 'syncing', synced: 'synced', error: 'sync error' };
const SYNC_TONE = { never_synced: 'muted', syncing: 'info', synced: 'ok', error: 'bad' };

export function syncBadge(state) {
  return html`<span class="badge ${SYNC_TONE[state] || 'neutral'}" data-sync-status=${state}>${SYNC_LABEL[state] || state}</span>`;
}

export function severityBadge(severity) {
  return html`<span class="badge sev-${severity}">${severity}</span>`;
}

export function scoreTone(score) {
  if (score === null || score === undefined) return 'muted';
  if (score >= 80) return 'ok';
  if (score >= 50) return 'warn';
  return 'bad';
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const ABSOLUTE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ago(timestamp) {
  if (!timestamp) return html`<span class="muted">never</span>`;
  const date = new Date(timestamp);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const abs = Math.abs(seconds);
  let text;
  if (abs < 45) text = RELATIVE.format(0, 'second');
  else if (abs < 3600) text = RELATIVE.format(Math.round(seconds / 60), 'minute');
  else if (abs < 86400) text = RELATIVE.format(Math.round(seconds / 3600), 'hour');
  else if (abs < 86400 * 45) text = RELATIVE.format(Math.round(seconds / 86400), 'day');
  else text = ABSOLUTE.format(date);
  return html`<time datetime=${timestamp} title=${ABSOLUTE.format(date)}>${text}</time>`;
}

export function when(timestamp) {
  if (!timestamp) return '';
  return html`<time datetime=${timestamp}>${ABSOLUTE.format(new Date(timestamp))}</time>`;
}

export function duration(start, end) {
  if (!start || !end) return '';
  const ms = new Date(end) - new Date(start);
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60000)} min`;
}

export function percent(value) {
  return `${Number(value || 0).toFixed(1).replace(/\.0$/, '')}%`;
}

export function loading(what = 'Loading') {
  return html`<p class="loading" role="status" aria-live="polite">${what}…</p>`;
}

export function errorBox(error, retry) {
  if (!error) return nothing;
  return html`<div class="error-box" role="alert">
    <strong>${error.code && error.code !== 'NETWORK' ? error.code.replaceAll('_', ' ').toLowerCase() : 'error'}:</strong>
    ${error.message}
    ${retry ? html`<button type="button" class="link" @click=${retry}>Try again</button>` : nothing}
  </div>`;
}

/** A horizontal bar chart in SVG, one labelled bar per entry; sized by its container. */
export function barChart(entries, { label, href } = {}) {
  const rows = entries.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return html`<p class="muted">No documents.</p>`;
  const max = Math.max(...rows.map(([, n]) => n));
  const rowHeight = 26;
  const labelWidth = 130;
  const width = 420;
  const barSpace = width - labelWidth - 40;
  const height = rows.length * rowHeight;
  const summary = rows.map(([k, n]) => `${k}: ${n}`).join(', ');
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}: ${summary}">
    ${rows.map(([key, n], i) => {
      const y = i * rowHeight;
      const w = Math.max(2, Math.round((n / max) * barSpace));
      const bar = svg`<rect x=${labelWidth} y=${y + 4} width=${w} height=${rowHeight - 8} rx="3" class="bar"></rect>
        <text x=${labelWidth - 8} y=${y + rowHeight / 2 + 4} text-anchor="end" class="chart-label">${key}</text>
        <text x=${labelWidth + w + 6} y=${y + rowHeight / 2 + 4} class="chart-value">${n}</text>`;
      return href ? svg`<a href=${href(key)}>${bar}</a>` : bar;
    })}
  </svg>`;
}

/** A ring showing a percentage. */
export function ring(value, { label, tone = 'ok', text } = {}) {
  const r = 36;
  const c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(100, Number(value) || 0));
  return html`<svg class="ring ${tone}" viewBox="0 0 90 90" role="img" aria-label="${label}: ${text ?? percent(v)}">
    <circle cx="45" cy="45" r=${r} class="ring-track"></circle>
    <circle cx="45" cy="45" r=${r} class="ring-value" stroke-dasharray="${(v / 100) * c} ${c}" transform="rotate(-90 45 45)"></circle>
    <text x="45" y="50" text-anchor="middle" class="ring-text">${text ?? percent(v)}</text>
  </svg>`;
}

/** Previous / next links for a paged list; the page lives in the URL. */
export function pager(page, pages, hrefFor) {
  if (!pages || pages <= 1) return nothing;
  return html`<nav class="pager" aria-label="Pages">
    ${page > 1 ? html`<a href=${hrefFor(page - 1)} rel="prev">← Previous</a>` : html`<span class="muted">← Previous</span>`}
    <span>Page ${page} of ${pages}</span>
    ${page < pages ? html`<a href=${hrefFor(page + 1)} rel="next">Next →</a>` : html`<span class="muted">Next →</span>`}
  </nav>`;
}

/** A search snippet: plain text whose only markup is <mark>…</mark>; everything else stays text. */
export function snippet(text) {
  if (!text) return nothing;
  const parts = text.split(/(<mark>|<\/mark>)/);
  const out = [];
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) out.push(marked ? html`<mark>${part}</mark>` : part);
  }
  return out;
}

export function docHref(slug, type, docId) {
  return `/projects/${encodeURIComponent(slug)}/documents/${encodeURIComponent(type)}/${encodeURIComponent(docId)}`;
}

export const DOC_TYPES = [
  'prd', 'trd', 'tsd', 'pvd', 'epic', 'story', 'plan', 'test-spec', 'bug', 'cr', 'rfc', 'workflow', 'retro',
  'review', 'decision', 'persona', 'other',
];

export function projectTabs(slug, current) {
  const tabs = [
    ['overview', 'Overview', `/projects/${encodeURIComponent(slug)}`],
    ['documents', 'Documents', `/projects/${encodeURIComponent(slug)}/documents`],
    ['tree', 'Tree', `/projects/${encodeURIComponent(slug)}/tree`],
    ['health', 'Health check', `/projects/${encodeURIComponent(slug)}/health`],
  ];
  return html`<nav class="tabs" aria-label="Project">
    ${tabs.map(([key, text, href]) => html`<a href=${href} aria-current=${key === current ? 'page' : 'false'}>${text}</a>`)}
  </nav>`;
}
