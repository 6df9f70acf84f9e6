/**
 * The preview's HTTP server and its event channel, on this machine only (eleventy's Serve, in
 * folio's terms). It serves what `PreviewSite` gives it and knows nothing of builds:
 * - `/` the preview page, `/report.html` the report on screen, `/report.pdf` the last PDF,
 *   `/pdf-pending` the PDF pane's placeholder, `/status` the state as JSON, `/assets/…` what the
 *   report may load (the same resolver folio prints with: nothing else on the disk);
 * - `/events`, Server-Sent Events: the state on connecting, then whatever is broadcast;
 * - `POST /write-pdf`, which writes the PDF.
 * Requests must name this machine as their Host and, for the POST, come from no other site: a web
 * page elsewhere must not read the report or write files through a name that resolves to this
 * machine (DNS rebinding), nor post to it. The report's page is served with `script-src 'none'`:
 * the report never runs JavaScript, in the preview either.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { contentType, type AssetResolver } from '../theme/assets.ts';
import { diagnostic, FolioError, toFolioError } from '../util/diagnostics.ts';
import type { BuildEvent } from './build-events.ts';

export const DEFAULT_PORT = 4400;

export interface PreviewSite {
  page(): string;
  reportHtml(): string;
  pdf(): Uint8Array | undefined;
  /** The PDF pane's placeholder text while there is no PDF. */
  pdfPending(): string;
  status(): unknown;
  writePdf(): Promise<BuildEvent>;
  assets: AssetResolver;
}

export interface HttpOptions {
  /** A loopback address (see isLoopback). */
  host: string;
  /** Port to listen on; 0 for any free port; undefined for DEFAULT_PORT or the next free of the 9 after it. */
  port?: number;
  /** Lets the preview page's one script run under its CSP. */
  nonce: string;
}

export interface PreviewHttp {
  port: number;
  /** `http://host:port`, without the trailing slash. */
  origin: string;
  /** Ends the event streams and every connection; resolves when the server has stopped. */
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/** Server-Sent Events to every open `/events` stream. */
export class EventChannel {
  readonly #clients = new Set<http.ServerResponse>();
  readonly #keepAlive: NodeJS.Timeout;

  constructor(keepAliveMs = 20_000) {
    // A comment line now and then, so proxies and browsers do not drop an idle stream.
    this.#keepAlive = setInterval(() => this.#write(': ping\n\n'), keepAliveMs);
    this.#keepAlive.unref();
  }

  /** Starts an event stream on `res`, opening with `first` as a `status` event. */
  open(req: http.IncomingMessage, res: http.ServerResponse, first: unknown): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    res.write(sse('status', first));
    this.#clients.add(res);
    req.on('close', () => this.#clients.delete(res));
  }

  broadcast(event: string, data: unknown): void {
    this.#write(sse(event, data));
  }

  get size(): number {
    return this.#clients.size;
  }

  close(): void {
    clearInterval(this.#keepAlive);
    for (const c of this.#clients) c.end();
    this.#clients.clear();
  }

  #write(message: string): void {
    for (const c of this.#clients) c.write(message);
  }
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function serveHttp(site: PreviewSite, events: EventChannel, options: HttpOptions): Promise<PreviewHttp> {
  if (!isLoopback(options.host)) throw new FolioError(diagnostic('dev/host-not-local', { host: options.host }));
  const place = { origin: '', hosts: new Set<string>() };
  const server = http.createServer((req, res) => {
    respond(site, events, place, options.nonce, req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': TEXT });
      res.end(`folio dev: ${(e as Error).message}`);
    });
  });
  const port = await listen(server, options.host, options.port);
  place.origin = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  place.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, new URL(place.origin).host]);
  return {
    port,
    origin: place.origin,
    async close() {
      events.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}

async function respond(
  site: PreviewSite,
  events: EventChannel,
  place: { origin: string; hosts: Set<string> },
  nonce: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (!place.hosts.has(req.headers.host ?? '')) return send(res, 403, TEXT, 'Forbidden host.');
  const url = new URL(req.url ?? '/', place.origin);
  const method = req.method ?? 'GET';
  if (url.pathname === '/write-pdf') return writePdf(site, place.hosts, req, res);
  if (method !== 'GET' && method !== 'HEAD') return send(res, 405, TEXT, 'GET only.', { Allow: 'GET, HEAD' });
  if (url.pathname === '/events') return events.open(req, res, site.status());
  if (url.pathname.startsWith('/assets/')) return sendAsset(site.assets, url.pathname.slice(1), res);
  switch (url.pathname) {
    case '/':
      return send(res, 200, HTML, site.page(), {
        'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'`,
      });
    case '/report.html':
      return send(res, 200, HTML, site.reportHtml(), {
        'Content-Security-Policy': "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'self'",
      });
    case '/report.pdf': {
      const pdf = site.pdf();
      if (!pdf) return send(res, 404, TEXT, 'No PDF yet.');
      return send(res, 200, 'application/pdf', pdf, { 'Content-Disposition': 'inline; filename="preview.pdf"' });
    }
    case '/favicon.ico':
      res.writeHead(204, { 'Cache-Control': 'max-age=3600' });
      return void res.end();
    case '/pdf-pending':
      return send(res, 200, HTML, site.pdfPending());
    case '/status':
      return send(res, 200, 'application/json', JSON.stringify(site.status()));
  }
  return send(res, 404, TEXT, 'Not found.');
}

async function writePdf(site: PreviewSite, hosts: Set<string>, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, TEXT, 'POST only.', { Allow: 'POST' });
  const from = req.headers.origin;
  if ((from && !hosts.has(hostOf(from))) || req.headers['sec-fetch-site'] === 'cross-site') {
    return send(res, 403, TEXT, 'Cross-site request refused.');
  }
  const event = await site.writePdf().catch((e): BuildEvent => ({ ok: false, kind: 'pdf', ms: 0, diagnostics: toFolioError(e).diagnostics }));
  return send(res, event.ok ? 200 : 422, 'application/json', JSON.stringify(event));
}

async function sendAsset(assets: AssetResolver, name: string, res: http.ServerResponse): Promise<void> {
  const file = assets.resolve(name);
  if (file && file !== 'outside') return send(res, 200, contentType(file), await readFile(file));
  return send(res, file === 'outside' ? 403 : 404, TEXT, file === 'outside' ? 'Outside the assets.' : 'No such asset.');
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

/** Listens on `wanted`, or on the first free of DEFAULT_PORT and the 9 after it. */
function listen(server: http.Server, host: string, wanted: number | undefined): Promise<number> {
  const tries = wanted === undefined ? Array.from({ length: 10 }, (_, i) => DEFAULT_PORT + i) : [wanted];
  return new Promise((resolve, reject) => {
    const attempt = (i: number) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE' && i + 1 < tries.length) return attempt(i + 1);
        reject(new FolioError(diagnostic('dev/port-in-use', { host, port: String(tries[i]), reason: e.code ?? e.message }), { cause: e }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(tries[i], host);
    };
    attempt(0);
  });
}

/** 127.0.0.0/8, localhost or ::1: the preview serves this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}
