import { html, nothing } from 'lit';
import { api, apiToken, enc, setApiToken } from '../api.js';
import { navigate, query } from '../router.js';
import { Page, ago, errorBox, loading, syncBadge } from '../ui.js';

const SOURCES = [
  ['local', 'Local folder'],
  ['git', 'Git repository'],
  ['github', 'GitHub'],
];

function emptyForm() {
  return {
    name: '', source_type: 'local', sdlc_path: '', repo_url: '', repo_branch: 'main', repo_path: 'sdlc-studio',
    connection_id: '', access_token: '', remove_token: false, auto_sync: false, sync_now: true,
  };
}

function formOf(project) {
  return {
    name: project.name, source_type: project.source_type, sdlc_path: project.sdlc_path || '',
    repo_url: project.repo_url || '', repo_branch: project.repo_branch || 'main', repo_path: project.repo_path ?? '',
    connection_id: project.connection_id ? String(project.connection_id) : '', access_token: '', remove_token: false,
    auto_sync: project.auto_sync, masked_token: project.masked_token,
  };
}

class SlSettings extends Page {
  static properties = {
    search: {},
    state: { state: true },
    editing: { state: true },
    form: { state: true },
    formError: { state: true },
    notice: { state: true },
    busy: { state: true },
    browser: { state: true },
    confirm: { state: true },
    rotating: { state: true },
    connError: { state: true },
  };

  constructor() {
    super();
    this.state = { loading: true };
    this.editing = null; // null: closed, 'new', or a slug
    this.form = emptyForm();
    this.formError = null;
    this.notice = '';
    this.busy = false;
    this.browser = null;
    this.confirm = null;
    this.rotating = null;
    this.connError = null;
  }

  connectedCallback() {
    super.connectedCallback();
    document.title = 'Settings · SDLC Lens';
    this.onLive({
      project: (e) => this.projectChanged(e.detail),
      'project-deleted': () => this.load(),
      refresh: () => this.load(),
    });
  }

  willUpdate(changed) {
    if (changed.has('search')) {
      if (query().get('add') && this.editing === null) this.openNew();
      if (!this.state.projects) this.load();
    }
  }

  updated() {
    super.updated();
    const dialog = this.querySelector('#confirm-dialog');
    if (dialog && this.confirm && !dialog.open) dialog.showModal();
    if (dialog && !this.confirm && dialog.open) dialog.close();
  }

  async load() {
    try {
      const [projects, connections] = await Promise.all([api('/projects'), api('/connections')]);
      this.state = { projects, connections };
    } catch (error) {
      this.state = { ...this.state, loading: false, error };
    }
  }

  projectChanged(project) {
    if (!this.state.projects) return;
    const projects = this.state.projects.map((p) => (p.slug === project.slug ? project : p));
    if (!projects.some((p) => p.slug === project.slug)) projects.push(project);
    this.state = { ...this.state, projects };
  }

  openNew() {
    this.editing = 'new';
    this.form = emptyForm();
    this.formError = null;
    this.browser = null;
  }

  openEdit(project) {
    this.editing = project.slug;
    this.form = formOf(project);
    this.formError = null;
    this.browser = null;
  }

  close() {
    this.editing = null;
    this.formError = null;
    this.browser = null;
    if (query().get('add')) navigate('/settings', { replace: true });
  }

  set(field, value) {
    this.form = { ...this.form, [field]: value };
  }

  /** The request body: a create sends what its source needs; an edit sends only what changed. */
  body() {
    const f = this.form;
    const all = { name: f.name.trim(), source_type: f.source_type, auto_sync: f.auto_sync };
    if (f.source_type === 'local') {
      all.sdlc_path = f.sdlc_path.trim();
    } else {
      all.repo_url = f.repo_url.trim();
      all.repo_branch = f.repo_branch.trim() || 'main';
      all.repo_path = f.repo_path.trim();
      if (f.source_type === 'github') all.connection_id = f.connection_id ? Number(f.connection_id) : null;
      if (f.access_token) all.access_token = f.access_token;
    }
    if (this.editing === 'new') {
      if (all.connection_id === null) delete all.connection_id;
      return all;
    }
    const before = formOf(this.state.projects.find((p) => p.slug === this.editing));
    const changed = {};
    for (const [k, v] of Object.entries(all)) {
      const old = k === 'connection_id' ? (before.connection_id ? Number(before.connection_id) : null) : before[k];
      if (k === 'access_token' || v !== old) changed[k] = v;
    }
    if (f.remove_token && !f.access_token) changed.access_token = null;
    return changed;
  }

  async save(event) {
    event.preventDefault();
    this.busy = true;
    this.formError = null;
    const creating = this.editing === 'new';
    try {
      const body = this.body();
      if (!creating && Object.keys(body).length === 0) {
        this.close();
        return;
      }
      const project = creating
        ? await api('/projects', { method: 'POST', body })
        : await api(`/projects/${enc(this.editing)}`, { method: 'PUT', body });
      if (creating && this.form.sync_now) await api(`/projects/${enc(project.slug)}/sync`, { method: 'POST' }).catch(() => {});
      this.notice = creating ? `Project “${project.name}” registered.` : `Project “${project.name}” saved.`;
      this.close();
      await this.load();
    } catch (error) {
      this.formError = error;
    } finally {
      this.busy = false;
    }
  }

  async toggleAutoSync(project, on) {
    try {
      const saved = await api(`/projects/${enc(project.slug)}`, { method: 'PUT', body: { auto_sync: on } });
      this.projectChanged(saved);
      this.notice = `Auto-sync ${on ? 'on' : 'off'} for “${saved.name}”.`;
    } catch (error) {
      this.state = { ...this.state, error };
    }
  }

  ask(kind, target) {
    this.confirm = { kind, target, error: null };
  }

  async confirmed() {
    const { kind, target } = this.confirm;
    try {
      if (kind === 'project') await api(`/projects/${enc(target.slug)}`, { method: 'DELETE' });
      else await api(`/connections/${target.id}`, { method: 'DELETE' });
      this.notice = kind === 'project' ? `Project “${target.name}” deleted.` : `Connection “${target.label}” deleted.`;
      this.confirm = null;
      if (kind === 'project' && this.editing === target.slug) this.close();
      await this.load();
    } catch (error) {
      this.confirm = { ...this.confirm, error };
    }
  }

  async browse(event) {
    event.preventDefault();
    const f = this.form;
    const credential = f.connection_id ? { connection_id: Number(f.connection_id) } : { access_token: f.access_token };
    if (!f.connection_id && !f.access_token) {
      this.browser = { error: { message: 'Choose a connection or enter an access token to browse repositories.' } };
      return;
    }
    const search = this.querySelector('#repo-search').value.trim();
    this.browser = { loading: true };
    try {
      const found = await api('/projects/github/repos', { method: 'POST', body: { ...credential, ...(search ? { search } : {}) } });
      this.browser = { repos: found.repositories, credential };
    } catch (error) {
      this.browser = { error };
    }
  }

  async pick(repo) {
    this.form = {
      ...this.form,
      repo_url: `https://github.com/${repo.full_name}`,
      repo_branch: repo.default_branch || 'main',
      name: this.form.name || repo.name,
    };
    const credential = this.browser.credential;
    this.browser = { ...this.browser, picked: repo.full_name, check: 'checking' };
    try {
      const answer = await api(`/projects/github/repos/${enc(repo.owner)}/${enc(repo.name)}/has-sdlc-studio`, {
        method: 'POST',
        body: { ...credential, branch: repo.default_branch || 'main' },
      });
      this.browser = { ...this.browser, check: answer.has_sdlc_studio ? 'yes' : 'no' };
    } catch {
      this.browser = { ...this.browser, check: 'unknown' };
    }
  }

  field(id, label, value, onInput, { type = 'text', required = false, hint, placeholder } = {}) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type=${type} .value=${value} ?required=${required} placeholder=${placeholder || ''}
        @input=${(e) => onInput(e.target.value)} aria-describedby=${hint ? `${id}-hint` : ''}
        autocomplete=${type === 'password' ? 'new-password' : 'off'}>
      ${hint ? html`<small id="${id}-hint" class="muted">${hint}</small>` : nothing}
    </div>`;
  }

  projectForm() {
    const f = this.form;
    const creating = this.editing === 'new';
    const connections = this.state.connections || [];
    return html`<form class="card project-form" id="project-form" @submit=${this.save} aria-labelledby="project-form-title">
      <h3 id="project-form-title">${creating ? 'Register a project' : `Edit “${f.name}”`}</h3>
      ${this.field('project-name', 'Name', f.name, (v) => this.set('name', v), { required: true })}
      <fieldset class="sources">
        <legend>Source</legend>
        ${SOURCES.map(([value, label]) => html`<label class="inline">
          <input type="radio" name="source_type" value=${value} .checked=${f.source_type === value}
            @change=${() => this.set('source_type', value)}> ${label}</label>`)}
      </fieldset>
      ${f.source_type === 'local'
        ? this.field('project-path', 'Folder on the server', f.sdlc_path, (v) => this.set('sdlc_path', v), {
            required: true, placeholder: '/data/projects/app/sdlc-studio',
            hint: 'The absolute path of the sdlc-studio folder, as the service sees it.',
          })
        : this.repoFields(f, connections)}
      <label class="inline"><input type="checkbox" name="auto_sync" .checked=${f.auto_sync}
        @change=${(e) => this.set('auto_sync', e.target.checked)}> Keep in sync automatically
        <small class="muted">(${f.source_type === 'local' ? 'watch the folder' : 'poll the branch'})</small></label>
      ${creating ? html`<label class="inline"><input type="checkbox" name="sync_now" .checked=${f.sync_now}
        @change=${(e) => this.set('sync_now', e.target.checked)}> Sync right away</label>` : nothing}
      ${errorBox(this.formError)}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${creating ? 'Register' : 'Save'}</button>
        <button type="button" @click=${() => this.close()}>Cancel</button>
      </div>
    </form>`;
  }

  repoFields(f, connections) {
    const github = f.source_type === 'github';
    return html`
      ${github ? html`<div class="field">
        <label for="project-connection">Connection</label>
        <select id="project-connection" @change=${(e) => this.set('connection_id', e.target.value)}>
          <option value="" ?selected=${!f.connection_id}>None: use the token below</option>
          ${connections.map((c) => html`<option value=${String(c.id)} ?selected=${f.connection_id === String(c.id)}>${c.label} (${c.login})</option>`)}
        </select>
      </div>` : nothing}
      ${!github || !f.connection_id
        ? this.field('project-token', 'Access token', f.access_token, (v) => this.set('access_token', v), {
            type: 'password',
            hint: f.masked_token ? `Stored: ${f.masked_token}. Leave empty to keep it.` : 'Optional for public repositories; stored encrypted.',
          })
        : nothing}
      ${f.masked_token ? html`<label class="inline"><input type="checkbox" .checked=${f.remove_token}
        @change=${(e) => this.set('remove_token', e.target.checked)}> Remove the stored token</label>` : nothing}
      ${github ? this.repoBrowser() : nothing}
      ${this.field('project-repo', 'Repository URL', f.repo_url, (v) => this.set('repo_url', v), {
        required: true, placeholder: github ? 'https://github.com/owner/repo' : 'https://git.example.com/team/repo.git',
      })}
      <div class="field-row">
        ${this.field('project-branch', 'Branch', f.repo_branch, (v) => this.set('repo_branch', v))}
        ${this.field('project-repo-path', 'Folder in the repository', f.repo_path, (v) => this.set('repo_path', v), {
          hint: 'Empty or . for the repository root.',
        })}
      </div>`;
  }

  repoBrowser() {
    const b = this.browser;
    return html`<div class="repo-browser">
      <div class="field-row">
        <div class="field"><label for="repo-search">Find a repository</label>
          <input id="repo-search" type="search" placeholder="name contains…"></div>
        <button type="button" @click=${this.browse}>Browse repositories</button>
      </div>
      ${b && b.loading ? loading('Asking GitHub') : nothing}
      ${b && b.error ? errorBox(b.error) : nothing}
      ${b && b.repos
        ? b.repos.length
          ? html`<ul class="repos" aria-label="Repositories">${b.repos.map((r) => html`<li>
              <button type="button" class="link" @click=${() => this.pick(r)} aria-pressed=${b.picked === r.full_name}>
                ${r.full_name}</button>
              ${r.private ? html`<span class="badge muted">private</span>` : nothing}
              <span class="muted small">${r.description || ''}</span>
              ${b.picked === r.full_name ? html`<span class="small">${{
                checking: 'checking for sdlc-studio…', yes: '✓ has an sdlc-studio folder', no: 'no sdlc-studio folder on the default branch', unknown: '',
              }[b.check]}</span>` : nothing}
            </li>`)}</ul>`
          : html`<p class="muted">No repositories found.</p>`
        : nothing}
    </div>`;
  }

  projects() {
    const projects = this.state.projects || [];
    return html`<section class="settings-projects" aria-labelledby="projects-title">
      <div class="section-head">
        <h2 id="projects-title">Projects</h2>
        ${this.editing === 'new' ? nothing : html`<button type="button" class="primary" id="add-project" @click=${() => this.openNew()}>Add project</button>`}
      </div>
      ${this.editing === 'new' ? this.projectForm() : nothing}
      ${projects.length === 0 ? html`<p class="muted">No projects registered yet.</p>` : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">Project</th><th scope="col">Source</th><th scope="col">State</th>
          <th scope="col">Auto-sync</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${projects.map((p) => html`<tr data-slug=${p.slug}>
          <td><a href="/projects/${enc(p.slug)}">${p.name}</a><div class="muted small">${p.slug}</div></td>
          <td><span class="type">${p.source_type}</span> <span class="small">${p.source_type === 'local' ? p.sdlc_path : p.repo_url}</span></td>
          <td>${syncBadge(p.sync_status)}</td>
          <td><label class="switch"><input type="checkbox" .checked=${p.auto_sync}
            @change=${(e) => this.toggleAutoSync(p, e.target.checked)}><span class="visually-hidden">Auto-sync ${p.name}</span></label></td>
          <td class="row-actions">
            <button type="button" @click=${() => this.openEdit(p)} aria-label="Edit ${p.name}">Edit</button>
            <button type="button" class="danger" @click=${() => this.ask('project', p)} aria-label="Delete ${p.name}">Delete</button>
          </td>
        </tr>${this.editing === p.slug ? html`<tr class="edit-row"><td colspan="5">${this.projectForm()}</td></tr>` : nothing}`)}
        </tbody></table></div>`}
    </section>`;
  }

  async addConnection(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    this.connError = null;
    this.busy = true;
    try {
      const c = await api('/connections', { method: 'POST', body: { label: data.get('label').trim(), access_token: data.get('token') } });
      form.reset();
      this.notice = `Connection “${c.label}” added for ${c.login}.`;
      await this.load();
    } catch (error) {
      this.connError = error;
    } finally {
      this.busy = false;
    }
  }

  async validate(c) {
    this.connError = null;
    try {
      await api(`/connections/${c.id}/validate`, { method: 'POST' });
      this.notice = `Connection “${c.label}” is valid.`;
      await this.load();
    } catch (error) {
      this.connError = error;
    }
  }

  async rotate(event, c) {
    event.preventDefault();
    const token = new FormData(event.target).get('token');
    this.connError = null;
    try {
      await api(`/connections/${c.id}`, { method: 'PUT', body: { access_token: token } });
      this.rotating = null;
      this.notice = `Token of “${c.label}” replaced.`;
      await this.load();
    } catch (error) {
      this.connError = error;
    }
  }

  connections() {
    const connections = this.state.connections || [];
    return html`<section aria-labelledby="connections-title">
      <h2 id="connections-title">GitHub connections</h2>
      <p class="muted small">A connection stores a GitHub token once (encrypted) for every project that names it.</p>
      ${errorBox(this.connError)}
      ${connections.length ? html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">Label</th><th scope="col">Login</th><th scope="col">Token</th>
          <th scope="col">Validated</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${connections.map((c) => html`<tr>
          <td>${c.label}</td><td>${c.login}</td><td><code>${c.masked_token}</code></td><td>${ago(c.last_validated_at)}</td>
          <td class="row-actions">
            <button type="button" @click=${() => this.validate(c)}>Validate</button>
            <button type="button" @click=${() => (this.rotating = this.rotating === c.id ? null : c.id)}>Rotate</button>
            <button type="button" class="danger" @click=${() => this.ask('connection', c)} aria-label="Delete ${c.label}">Delete</button>
            ${this.rotating === c.id ? html`<form class="inline-form" @submit=${(e) => this.rotate(e, c)}>
              <label for="rotate-${c.id}" class="visually-hidden">New token for ${c.label}</label>
              <input id="rotate-${c.id}" name="token" type="password" required placeholder="new token" autocomplete="new-password">
              <button type="submit" class="primary">Replace</button></form>` : nothing}
          </td></tr>`)}</tbody></table></div>` : html`<p class="muted">No connections.</p>`}
      <form class="card inline-form" @submit=${this.addConnection} aria-label="Add a connection">
        <div class="field"><label for="conn-label">Label</label><input id="conn-label" name="label" required maxlength="100"></div>
        <div class="field"><label for="conn-token">Token</label><input id="conn-token" name="token" type="password" required autocomplete="new-password"></div>
        <button type="submit" class="primary" ?disabled=${this.busy}>Add connection</button>
      </form>
    </section>`;
  }

  access() {
    return html`<section aria-labelledby="access-title">
      <h2 id="access-title">API token of this browser</h2>
      <form class="inline-form" @submit=${(e) => {
        e.preventDefault();
        setApiToken(new FormData(e.target).get('token').trim());
        this.notice = apiToken() ? 'API token saved in this browser.' : 'API token removed from this browser.';
      }}>
        <div class="field"><label for="api-token">Bearer token for changes</label>
          <input id="api-token" name="token" type="password" .value=${apiToken()} autocomplete="off"
            aria-describedby="api-token-hint">
          <small id="api-token-hint" class="muted">Only needed when the service sets SDLC_LENS_API_TOKEN.</small></div>
        <button type="submit">Save</button>
      </form>
    </section>`;
  }

  dialog() {
    const c = this.confirm;
    const what = c ? (c.kind === 'project' ? `the project “${c.target.name}”` : `the connection “${c.target.label}”`) : '';
    return html`<dialog id="confirm-dialog" aria-labelledby="confirm-title" @close=${() => (this.confirm = null)}>
      ${c ? html`<h2 id="confirm-title">Delete ${what}?</h2>
        <p>${c.kind === 'project' ? 'Its documents and sync history are removed from SDLC Lens; the source itself is not touched.' : 'Projects can no longer use its token.'}</p>
        ${errorBox(c.error)}
        <div class="actions">
          <button type="button" class="danger" id="confirm-delete" @click=${() => this.confirmed()}>Delete</button>
          <button type="button" @click=${() => (this.confirm = null)} autofocus>Cancel</button>
        </div>` : nothing}
    </dialog>`;
  }

  render() {
    if (this.state.loading && !this.state.error) return loading('Loading settings');
    return html`<section class="page settings">
      <h1>Settings</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${errorBox(this.state.error, () => this.load())}
      ${this.projects()}
      ${this.connections()}
      ${this.access()}
      ${this.dialog()}
    </section>`;
  }
}

customElements.define('sl-settings', SlSettings);
