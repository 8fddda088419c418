// The one way the app talks to the service: JSON in and out, errors as the API's envelope.

const TOKEN_KEY = 'sdlc-lens.api-token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function apiToken() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

export function setApiToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = apiToken();
  if (token && method !== 'GET') headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The service cannot be reached: check that it is running.');
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data && data.error;
    throw new ApiError(
      response.status,
      (error && error.code) || `HTTP_${response.status}`,
      (error && error.message) || `The request failed (HTTP ${response.status}).`,
    );
  }
  return data;
}

/** Every document of a project, a page of 100 at a time (the first page says how many there are). */
export async function allDocuments(slug, signal) {
  const base = `/projects/${encodeURIComponent(slug)}/documents?per_page=100&sort=title&order=asc`;
  const first = await api(`${base}&page=1`, { signal });
  const rest = [];
  for (let page = 2; page <= first.pages; page++) rest.push(api(`${base}&page=${page}`, { signal }));
  const pages = await Promise.all(rest);
  return first.items.concat(...pages.map((p) => p.items));
}

export const enc = encodeURIComponent;
