import { html, nothing } from 'lit';
import { allDocuments, api, enc } from '../api.js';
import { Page, ago, docHref, errorBox, loading, statusBadge, when } from '../ui.js';
import { shortId } from './tree.js';

// The renderer (markdown-it and DOMPurify, half of the app's script) is a chunk of its own, fetched when a
// document is first shown (in parallel with the document) or when the browser is idle: the first page of any
// other kind does not wait for it.
let renderer = null;

export function loadRenderer() {
  if (!renderer) {
    renderer = Promise.all([import('markdown-it'), import('dompurify')]).then(([md, purify]) => ({
      // Raw HTML in a document is allowed through markdown-it and then sanitised: <script>, event handlers and
      // javascript: URLs never reach the page.
      markdown: new md.default({ html: true, linkify: true, typographer: false }),
      DOMPurify: purify.default,
    }));
    renderer.catch(() => {
      renderer = null;
    });
  }
  return renderer;
}
const ID_IN_TEXT = /\b([A-Z]{2,5}[0-9]{3,5})\b/g;
const SKIP_TEXT_IN = new Set(['A', 'CODE', 'PRE', 'SCRIPT', 'STYLE']);

/** Documents of each project by short id and by doc id, for linking ids and .md links in a body. */
const indexes = new Map();

function projectIndex(slug) {
  if (!indexes.has(slug)) {
    const index = allDocuments(slug).then((documents) => {
      const byId = new Map();
      for (const d of documents) {
        byId.set(d.doc_id.toUpperCase(), d);
        const short = shortId(d.doc_id);
        if (!byId.has(short)) byId.set(short, d);
      }
      return byId;
    });
    index.catch(() => indexes.delete(slug));
    indexes.set(slug, index);
    setTimeout(() => indexes.delete(slug), 60000);
  }
  return indexes.get(slug);
}

function renderMarkdown({ markdown, DOMPurify }, source, slug, index) {
  const fragment = DOMPurify.sanitize(markdown.render(source || ''), {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  });
  taskLists(fragment);
  linkDocuments(fragment, slug, index);
  const container = document.createElement('div');
  container.className = 'markdown';
  container.append(fragment);
  return container;
}

/** "- [ ] x" and "- [x] x" items become (read-only) checkboxes. */
function taskLists(root) {
  for (const li of root.querySelectorAll('li')) {
    const first = li.firstChild && li.firstChild.nodeType === Node.ELEMENT_NODE && li.firstChild.tagName === 'P'
      ? li.firstChild.firstChild
      : li.firstChild;
    if (!first || first.nodeType !== Node.TEXT_NODE) continue;
    const found = /^\[([ xX])\]\s+/.exec(first.textContent);
    if (!found) continue;
    first.textContent = first.textContent.slice(found[0].length);
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.disabled = true;
    box.checked = found[1] !== ' ';
    box.setAttribute('aria-label', box.checked ? 'done' : 'not done');
    first.parentNode.insertBefore(box, first);
    li.classList.add('task');
    li.parentElement.classList.add('tasks');
  }
}

/** Relative .md links and document ids in the text point at the documents' pages. */
function linkDocuments(root, slug, index) {
  if (!index) return;
  for (const a of root.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (/^[a-z]+:/i.test(href) || href.startsWith('//')) {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      continue;
    }
    const file = /([^/]+)\.md(#.*)?$/i.exec(href);
    const doc = file && (index.get(file[1].toUpperCase()) || index.get(shortId(file[1])));
    if (doc) a.setAttribute('href', docHref(slug, doc.type, doc.doc_id));
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
  for (const text of texts) {
    if (hasAncestor(text, SKIP_TEXT_IN)) continue;
    const value = text.textContent;
    ID_IN_TEXT.lastIndex = 0;
    if (!ID_IN_TEXT.test(value)) continue;
    const parts = document.createDocumentFragment();
    let last = 0;
    value.replace(ID_IN_TEXT, (id, _g, offset) => {
      const doc = index.get(id);
      if (!doc) return id;
      parts.append(value.slice(last, offset));
      const a = document.createElement('a');
      a.href = docHref(slug, doc.type, doc.doc_id);
      a.textContent = id;
      a.className = 'doc-ref';
      parts.append(a);
      last = offset + id.length;
      return id;
    });
    if (last === 0) continue;
    parts.append(value.slice(last));
    text.replaceWith(parts);
  }
}

function hasAncestor(node, tags) {
  for (let el = node.parentElement; el; el = el.parentElement) if (tags.has(el.tagName)) return true;
  return false;
}

const FIELDS = [
  ['type', 'Type'],
  ['owner', 'Owner'],
  ['priority', 'Priority'],
  ['story_points', 'Story points'],
  ['epic', 'Epic'],
  ['story', 'Story'],
];

class SlDocument extends Page {
  static properties = { slug: {}, type: {}, docId: {}, state: { state: true }, body: { state: true } };

  constructor() {
    super();
    this.state = { loading: true };
    this.body = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.onLive({
      project: (e) => e.detail.slug === this.slug && e.detail.sync_status === 'synced' && this.load(),
      refresh: () => this.load(),
    });
  }

  willUpdate(changed) {
    if (changed.has('slug') || changed.has('type') || changed.has('docId')) {
      this.state = { loading: true };
      this.body = null;
      this.index = null;
      this.load();
    }
  }

  async load() {
    const path = `/projects/${enc(this.slug)}/documents/${enc(this.type)}/${enc(this.docId)}`;
    const index = projectIndex(this.slug).catch(() => null);
    try {
      const [doc, related, render] = await Promise.all([api(path), api(`${path}/related`), loadRenderer()]);
      document.title = `${doc.title} · SDLC Lens`;
      const shown = this.state.doc;
      this.state = { doc, related };
      // A refresh that finds the same file keeps the rendered body (and the reader's selection).
      if (shown && shown.file_hash === doc.file_hash && this.body) return;
      this.body = renderMarkdown(render, doc.content, this.slug, null);
      // Ids become links once the project's index is there (it was requested in parallel).
      const ready = await index;
      if (ready && this.state.doc === doc) {
        this.index = ready;
        this.body = renderMarkdown(render, doc.content, this.slug, ready);
      }
    } catch (error) {
      this.state = { error };
    }
  }

  link(entry) {
    return html`<li><a href=${docHref(this.slug, entry.type, entry.doc_id)}>${entry.title}</a>
      <span class="type">${entry.type}</span> ${statusBadge(entry.status)}</li>`;
  }

  relations(related) {
    const groups = [
      ['Parents', related.parents],
      ['Children', related.children],
      ['Depends on', related.depends_on],
      ['Dependents', related.dependents],
    ];
    return html`<article class="card relations">
      <h2>Relationships</h2>
      ${groups.map(([title, list]) => html`<h3>${title}</h3>
        ${list.length ? html`<ul class="plain">${list.map((e) => this.link(e))}</ul>` : html`<p class="muted small">None</p>`}`)}
    </article>`;
  }

  /** An Epic or Story field names a document: link it when the project has it. */
  reference(field, value) {
    const target = (field === 'epic' || field === 'story') && this.index && this.index.get(String(value).toUpperCase());
    return target ? html`<a href=${docHref(this.slug, target.type, target.doc_id)}>${value}</a>` : value;
  }

  metadata(doc) {
    const extra = doc.metadata ? Object.entries(doc.metadata) : [];
    return html`<article class="card meta">
      <h2>Details</h2>
      <dl>
        <div><dt>Status</dt><dd>${statusBadge(doc.status)}</dd></div>
        ${FIELDS.filter(([k]) => doc[k] !== null && doc[k] !== undefined && doc[k] !== '').map(
          ([k, label]) => html`<div><dt>${label}</dt><dd>${this.reference(k, doc[k])}</dd></div>`,
        )}
        ${extra.map(([k, v]) => html`<div><dt>${k}</dt><dd>${typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd></div>`)}
        <div><dt>Updated</dt><dd>${ago(doc.updated_at)}</dd></div>
      </dl>
    </article>`;
  }

  render() {
    const { loading: busy, error, doc, related } = this.state;
    if (busy) return loading('Loading document');
    if (error) return html`<section class="page">${errorBox(error, () => this.load())}
      <p><a href="/projects/${enc(this.slug)}/documents">Back to the documents</a></p></section>`;
    return html`<section class="page document">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/projects/${enc(this.slug)}">${this.slug}</a> ›
        <a href="/projects/${enc(this.slug)}/documents?type=${enc(doc.type)}">${doc.type}</a> ›
        <span>${doc.doc_id}</span>
      </nav>
      <header class="page-head"><h1>${doc.title}</h1> ${statusBadge(doc.status)}</header>
      <div class="doc-layout">
        <article class="card doc-body">${this.body}</article>
        <aside>
          ${this.metadata(doc)}
          ${this.relations(related)}
        </aside>
      </div>
      <footer class="doc-foot muted small">
        <span>File <code>${doc.file_path}</code></span>
        <span>synced ${when(doc.synced_at)}</span>
        <span title=${doc.file_hash}>sha256 ${doc.file_hash.slice(0, 12)}…</span>
      </footer>
    </section>`;
  }
}

customElements.define('sl-document', SlDocument);
