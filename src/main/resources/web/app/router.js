// A small history router: the URL is the state (shareable, reloadable, the back button works).

const ROUTES = [
  ['/', 'dashboard'],
  ['/search', 'search'],
  ['/settings', 'settings'],
  ['/projects/:slug', 'project'],
  ['/projects/:slug/documents', 'documents'],
  ['/projects/:slug/tree', 'tree'],
  ['/projects/:slug/health', 'health'],
  ['/projects/:slug/documents/:type/:docId', 'document'],
];

const COMPILED = ROUTES.map(([pattern, page]) => {
  const names = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part;
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { page, names, regex: new RegExp(`^${source}/?$`) };
});

export function match(pathname) {
  for (const route of COMPILED) {
    const found = route.regex.exec(pathname);
    if (found) {
      const params = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]);
      });
      return { page: route.page, params };
    }
  }
  return { page: 'not-found', params: {} };
}

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('sl-navigate'));
}

export function query() {
  return new URLSearchParams(location.search);
}

/** The current URL with some query parameters changed (empty values removed). */
export function withQuery(changes) {
  const params = query();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const text = params.toString();
  return location.pathname + (text ? `?${text}` : '');
}

/** Same-origin links of the app are followed without a page load. */
export function interceptLinks(root) {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.composedPath().find((el) => el instanceof HTMLAnchorElement);
    if (!link || !link.href || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/q/')) return;
    event.preventDefault();
    if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => window.dispatchEvent(new Event('sl-navigate')));
}
