/**
 * A minimal XMLHttpRequest on Node's fetch, enough for rxjs 5's ajax inside botframework-directlinejs
 * (Node has no XMLHttpRequest, and the usual xhr2 package is not installed). Only what rxjs uses.
 */
type Handler = ((this: NodeXhr, ev: unknown) => void) | null;

export class NodeXhr {
  readyState = 0;
  status = 0;
  response: unknown = null;
  responseText = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  onreadystatechange: Handler = null;
  onerror: Handler = null;
  ontimeout: Handler = null;
  private method = 'GET';
  private url = '';
  private headers: Record<string, string> = {};
  private responseHeaders = new Headers();
  private controller = new AbortController();

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  abort(): void {
    this.controller.abort();
  }

  send(body?: string): void {
    const timer = this.timeout > 0 ? setTimeout(() => this.controller.abort(), this.timeout) : undefined;
    fetch(this.url, { method: this.method, headers: this.headers, body: body ?? undefined, signal: this.controller.signal })
      .then(async (res) => {
        this.status = res.status;
        this.responseHeaders = res.headers;
        this.responseText = await res.text();
        if (this.responseType === 'json') {
          try {
            this.response = this.responseText ? JSON.parse(this.responseText) : null;
          } catch {
            this.response = null;
          }
        } else {
          this.response = this.responseText;
        }
        this.readyState = 4;
        this.onreadystatechange?.call(this, {});
      })
      .catch((err: unknown) => {
        this.readyState = 4;
        this.status = 0;
        if ((err as Error).name === 'AbortError' && this.ontimeout) this.ontimeout.call(this, err);
        else this.onerror?.call(this, err);
      })
      .finally(() => clearTimeout(timer));
  }
}

/** Installs WebSocket (ws) and XMLHttpRequest on the global object, as botframework-directlinejs needs them. */
export function installBrowserShims(): void {
  const g = globalThis as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  g.WebSocket ??= require('ws');
  g.XMLHttpRequest ??= NodeXhr;
}
