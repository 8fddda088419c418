// Live changes from GET /api/v1/events (Server-Sent Events). Events are hints: listeners refresh with GET.
// When the stream is unavailable (an older service answers 404, a proxy cuts it) the app falls back to
// polling and keeps trying the stream with a growing pause.

const TYPES = ['project', 'project-deleted', 'sync-progress'];
const POLL_MS = 5000;

class Live extends EventTarget {
  constructor() {
    super();
    this.mode = 'connecting';
    this.retryMs = 2000;
    this.pollTimer = null;
    this.source = null;
    this.retryTimer = null;
    this.progress = new Map(); // slug -> latest sync-progress
  }

  start() {
    if (this.source || typeof EventSource === 'undefined') {
      if (typeof EventSource === 'undefined') this.fallBack();
      return;
    }
    // A page kept in the back/forward cache would keep its stream open, and hold one of the service's streams
    // (SDLC_LENS_EVENTS_MAX_STREAMS) and one of the browser's few connections to it: the stream closes as the page
    // is left, and opens again, reading everything afresh, if the page is shown again.
    window.addEventListener('pagehide', () => this.stop());
    window.addEventListener('pageshow', (event) => {
      if (event.persisted && !this.source) {
        this.setMode('reconnecting');
        this.connect();
      }
    });
    this.connect();
  }

  stop() {
    clearTimeout(this.retryTimer);
    this.stopPolling();
    if (this.source) this.source.close();
    this.source = null;
  }

  connect() {
    const source = new EventSource('/api/v1/events');
    this.source = source;
    let opened = false;
    source.addEventListener('open', () => {
      // A stream that opens after a drop, or after the app polled without one, may have missed changes.
      const wasDown = this.pollTimer !== null || (this.mode !== 'live' && this.mode !== 'connecting');
      opened = true;
      this.retryMs = 2000;
      this.stopPolling();
      this.setMode('live');
      // Whatever happened while the stream was down is read again.
      if (wasDown) this.dispatchEvent(new Event('refresh'));
    });
    for (const type of TYPES) {
      source.addEventListener(type, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        if (type === 'sync-progress' && data.slug) this.progress.set(data.slug, data);
        if (type === 'project' && data.slug && data.sync_status !== 'syncing') this.progress.delete(data.slug);
        this.dispatchEvent(new CustomEvent(type, { detail: data }));
      });
    }
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // Refused (404, 503 over the stream cap) or cut for good: poll, and try again later.
        source.close();
        this.source = null;
        this.fallBack();
        this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 60000);
      } else {
        // The browser reconnects by itself (a dropped stream, a service not up yet); poll meanwhile.
        this.fallBack(opened ? 'reconnecting' : 'connecting');
      }
    });
  }

  fallBack(mode = 'polling') {
    this.setMode(mode);
    if (!this.pollTimer) {
      this.pollTimer = setInterval(() => this.dispatchEvent(new Event('refresh')), POLL_MS);
    }
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  setMode(mode) {
    if (this.mode === mode) return;
    this.mode = mode;
    this.dispatchEvent(new Event('mode'));
  }
}

export const live = new Live();

/**
 * Files a run has worked through so far, from a sync-progress event: `total` is what it listed, and each listed
 * file ends up added, updated, skipped (unchanged) or as a file error (`completed` only says whether the run
 * has committed). Null until the run has listed its files.
 */
export function filesDone(progress) {
  if (!progress || !progress.total) return null;
  const done = progress.added + progress.updated + progress.skipped + progress.errors;
  return Math.min(progress.total, progress.completed ? progress.total : done);
}
