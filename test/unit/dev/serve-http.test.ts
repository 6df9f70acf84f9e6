/**
 * The preview's HTTP server alone: real requests to a real local port, over a site made of plain
 * values (no build, no browser).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createAssetResolver } from '../../../src/theme/assets.ts';
import { FolioError } from '../../../src/util/diagnostics.ts';
import type { BuildEvent } from '../../../src/dev/build-events.ts';
import { EventChannel, isLoopback, serveHttp, type PreviewHttp, type PreviewSite } from '../../../src/dev/serve-http.ts';

let dir: string;
let server: PreviewHttp;
let events: EventChannel;
let writes: number;
let writeResult: () => Promise<BuildEvent>;
let pdf: Uint8Array | undefined;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with any headers (fetch would not let us set Host or Origin). */
function request(method: string, p: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(p, server.origin), { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An open `/events` stream: what has arrived so far, and a way to wait for more. */
function openEvents() {
  return new Promise<{ text: () => string; until(ok: (t: string) => boolean): Promise<void>; ended: Promise<void>; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    let text = '';
    const req = http.get(new URL('/events', server.origin), (res) => {
      res.setEncoding('utf8');
      const ended = new Promise<void>((r) => res.on('end', r));
      const listeners = new Set<() => void>();
      res.on('data', (c: string) => {
        text += c;
        for (const l of listeners) l();
      });
      const until = (ok: (t: string) => boolean) =>
        new Promise<void>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no such event in ${JSON.stringify(text)}`)), 20_000);
          const check = () => ok(text) && (clearTimeout(timer), listeners.delete(check), done());
          listeners.add(check);
          check();
        });
      resolve({ text: () => text, until, ended, headers: res.headers });
    });
    req.on('error', reject);
  });
}

const site = (): PreviewSite => ({
  page: () => '<!doctype html><title>the page</title>',
  reportHtml: () => '<!doctype html><title>the report</title>',
  pdf: () => pdf,
  pdfPending: () => 'pending',
  status: () => ({ htmlVersion: 1, pdfVersion: 0 }),
  writePdf: () => {
    writes++;
    return writeResult();
  },
  assets: createAssetResolver([path.join(dir, 'assets')]),
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-http-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'assets', 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(dir, 'secret.yaml'), 'secret: 1');
  writes = 0;
  pdf = undefined;
  writeResult = async () => ({ ok: true, kind: 'pdf', ms: 12, diagnostics: [], outFile: '/r/out/mini.pdf' });
  events = new EventChannel();
  server = await serveHttp(site(), events, { host: '127.0.0.1', port: 0, nonce: 'abc123' });
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('serveHttp', () => {
  it('listens on this machine, at the origin it reports', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the page with its nonce, the report with no script allowed, both unstored', async () => {
    const page = await request('GET', '/');
    expect([page.status, page.headers['content-type'], page.body]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>the page</title>']);
    expect(page.headers['content-security-policy']).toBe("default-src 'self'; script-src 'nonce-abc123'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    expect([page.headers['cache-control'], page.headers['x-content-type-options']]).toEqual(['no-store', 'nosniff']);
    const report = await request('GET', '/report.html');
    expect(report.body).toBe('<!doctype html><title>the report</title>');
    expect(report.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'self'",
    );
    expect((await request('GET', '/pdf-pending')).body).toBe('pending');
    expect(JSON.parse((await request('GET', '/status')).body)).toEqual({ htmlVersion: 1, pdfVersion: 0 });
    expect((await request('GET', '/favicon.ico')).status).toBe(204);
    expect((await request('GET', '/nothing')).status).toBe(404);
  });

  it('serves the PDF once there is one', async () => {
    expect((await request('GET', '/report.pdf')).status).toBe(404);
    pdf = new TextEncoder().encode('%PDF-1.7 test');
    const served = await request('GET', '/report.pdf');
    expect([served.status, served.headers['content-type'], served.headers['content-disposition'], served.body]).toEqual([
      200,
      'application/pdf',
      'inline; filename="preview.pdf"',
      '%PDF-1.7 test',
    ]);
  });

  it('serves the assets and nothing else on the disk', async () => {
    const svg = await request('GET', '/assets/dot.svg');
    expect([svg.status, svg.headers['content-type'], svg.body]).toEqual([200, 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>']);
    expect((await request('GET', '/assets/none.svg')).status).toBe(404);
    const outside = await request('GET', '/assets/..%2Fsecret.yaml');
    expect([outside.status, outside.body]).toEqual([403, 'Outside the assets.']);
    expect((await request('GET', '/secret.yaml')).status).toBe(404);
  });

  it('answers only requests that name this machine', async () => {
    expect((await request('GET', '/', { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await request('GET', '/', { Host: `localhost:${server.port}` })).status).toBe(200);
    expect((await request('GET', '/', { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
  });

  it('writes the PDF on a POST from this site only', async () => {
    expect((await request('GET', '/write-pdf')).status).toBe(405);
    expect((await request('POST', '/write-pdf', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('POST', '/write-pdf', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await request('PUT', '/')).status).toBe(405);
    expect(writes).toBe(0);
    const written = await request('POST', '/write-pdf', { Origin: server.origin });
    expect([written.status, JSON.parse(written.body)]).toEqual([200, { ok: true, kind: 'pdf', ms: 12, diagnostics: [], outFile: '/r/out/mini.pdf' }]);
    expect(writes).toBe(1);
  });

  it('answers 422 with the diagnostics when the write fails, or throws', async () => {
    writeResult = async () => ({ ok: false, kind: 'pdf', ms: 5, diagnostics: [] });
    expect((await request('POST', '/write-pdf')).status).toBe(422);
    writeResult = async () => {
      throw new Error('disk full');
    };
    const thrown = await request('POST', '/write-pdf');
    expect(thrown.status).toBe(422);
    expect(JSON.parse(thrown.body).diagnostics.map((d: { code: string; message: string }) => [d.code, d.message.includes('disk full')])).toEqual([['internal/error', true]]);
  });

  it('opens each event stream with the status, sends what is broadcast, and ends the streams on close', async () => {
    const stream = await openEvents();
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await stream.until((t) => t.includes('event: status'));
    expect(stream.text()).toBe('retry: 1000\n\nevent: status\ndata: {"htmlVersion":1,"pdfVersion":0}\n\n');
    events.broadcast('reload', { kind: 'html', version: 2 });
    await stream.until((t) => t.includes('event: reload'));
    expect(stream.text().endsWith('event: reload\ndata: {"kind":"html","version":2}\n\n')).toBe(true);
    expect(events.size).toBe(1);
    await server.close();
    await stream.ended;
    expect(events.size).toBe(0);
    await expect(request('GET', '/')).rejects.toThrow(/ECONNREFUSED/);
    server = await serveHttp(site(), new EventChannel(), { host: '127.0.0.1', port: 0, nonce: 'x' });
  });
});

describe('serveHttp: where it listens', () => {
  it('refuses a host that is not this machine', async () => {
    const refused = await serveHttp(site(), new EventChannel(), { host: '0.0.0.0', port: 0, nonce: 'x' }).catch((e: FolioError) => e);
    expect((refused as FolioError).code).toBe('dev/host-not-local');
    expect([isLoopback('127.0.0.1'), isLoopback('127.1.2.3'), isLoopback('localhost'), isLoopback('::1')]).toEqual([true, true, true, true]);
    expect([isLoopback('0.0.0.0'), isLoopback('192.168.1.2'), isLoopback('127.0.0.1.evil.example'), isLoopback('::')]).toEqual([false, false, false, false]);
  });

  it('says which port is taken when the one asked for is', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const e = (await serveHttp(site(), new EventChannel(), { host: '127.0.0.1', port, nonce: 'x' }).catch((e: FolioError) => e)) as FolioError;
      expect([e.code, e.diagnostics[0]!.message]).toEqual(['dev/port-in-use', `The preview server cannot listen on 127.0.0.1:${port}: EADDRINUSE.`]);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
