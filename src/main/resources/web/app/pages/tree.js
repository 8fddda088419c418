import { html, nothing } from 'lit';
import { allDocuments, api, enc } from '../api.js';
import { ProjectPage, docHref, errorBox, loading, projectTabs, statusBadge } from '../ui.js';

/** "US0001-book-a-locker" → "US0001": the id that other documents' Epic / Story fields name. */
export function shortId(docId) {
  const found = /^([A-Za-z]+[0-9]+)/.exec(docId || '');
  return found ? found[1].toUpperCase() : docId;
}

const ORDER = { story: 0, plan: 1, 'test-spec': 2, bug: 3, cr: 4 };
const byKind = (a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9) || a.doc_id.localeCompare(b.doc_id);

class SlTree extends ProjectPage {
  static properties = { slug: {}, state: { state: true } };

  willUpdate(changed) {
    if (changed.has('slug')) this.load();
  }

  async load() {
    try {
      const [project, documents] = await Promise.all([api(`/projects/${enc(this.slug)}`), allDocuments(this.slug)]);
      document.title = `Tree · ${project.name} · SDLC Lens`;
      this.state = { project, tree: this.build(documents) };
    } catch (error) {
      this.state = { error };
    }
  }

  /** Epics, their stories, and each story's plans, test specs, bugs and change requests. */
  build(documents) {
    const epics = documents.filter((d) => d.type === 'epic');
    const stories = documents.filter((d) => d.type === 'story');
    const epicIds = new Set(epics.map((e) => shortId(e.doc_id)));
    const storyIds = new Set(stories.map((s) => shortId(s.doc_id)));
    const underStory = new Map();
    const underEpic = new Map();
    for (const d of documents) {
      if (d.type === 'epic' || d.type === 'story') continue;
      if (d.story && storyIds.has(d.story.toUpperCase())) push(underStory, d.story.toUpperCase(), d);
      else if (d.epic && epicIds.has(d.epic.toUpperCase())) push(underEpic, d.epic.toUpperCase(), d);
    }
    const leaf = (doc) => ({ doc, children: [] });
    const storyNode = (s) => ({
      doc: s,
      children: (underStory.get(shortId(s.doc_id)) || []).sort(byKind).map(leaf),
    });
    const nodes = epics.map((e) => {
      const id = shortId(e.doc_id);
      const own = stories.filter((s) => s.epic && s.epic.toUpperCase() === id).map(storyNode);
      const direct = (underEpic.get(id) || []).map(leaf);
      return { doc: e, children: [...own, ...direct].sort((a, b) => byKind(a.doc, b.doc)) };
    });
    const orphans = stories.filter((s) => !s.epic || !epicIds.has(s.epic.toUpperCase())).map(storyNode);
    return { nodes, orphans };
  }

  setAll(open) {
    for (const details of this.querySelectorAll('details.node')) details.open = open;
  }

  node({ doc, children }, depth) {
    const label = html`<a href=${docHref(this.slug, doc.type, doc.doc_id)}>${doc.title}</a>
      <span class="type">${doc.type}</span> ${statusBadge(doc.status)}`;
    if (children.length === 0) return html`<li class="leaf">${label}</li>`;
    return html`<li>
      <details class="node" ?open=${depth < 2}>
        <summary>${label} <span class="muted small">(${children.length})</span></summary>
        <ul>${children.map((c) => this.node(c, depth + 1))}</ul>
      </details>
    </li>`;
  }

  render() {
    const { loading: busy, error, project, tree } = this.state;
    return html`<section class="page">
      <header class="page-head"><h1>${project ? project.name : this.slug}: tree</h1></header>
      ${projectTabs(this.slug, 'tree')}
      ${busy ? loading('Loading documents') : nothing}
      ${errorBox(error, () => this.load())}
      ${tree ? this.body(tree) : nothing}
    </section>`;
  }

  body(tree) {
    if (tree.nodes.length === 0 && tree.orphans.length === 0) {
      return html`<p class="muted">No epics or stories in this project yet.</p>`;
    }
    return html`<div class="toolbar">
        <button type="button" @click=${() => this.setAll(true)}>Expand all</button>
        <button type="button" @click=${() => this.setAll(false)}>Collapse all</button>
      </div>
      <ul class="tree" aria-label="Epics and their stories">${tree.nodes.map((n) => this.node(n, 0))}</ul>
      ${tree.orphans.length
        ? html`<h2>Stories without an epic</h2><ul class="tree">${tree.orphans.map((n) => this.node(n, 1))}</ul>`
        : nothing}`;
  }
}

function push(map, key, value) {
  if (!map.has(key)) map.set(key, []);
  map.get(key).push(value);
}

customElements.define('sl-tree', SlTree);
