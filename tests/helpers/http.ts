/**
 * Raw HTTP for the tests of hostile requests: any headers and bytes, in one piece or chunked, compressed
 * bodies of any size after inflation, the server's own figures from /metrics, WebSocket upgrades, the POST
 * routes and the bodies every one of them must refuse.
 */
import { strict as assert } from 'node:assert';
import { request, type IncomingHttpHeaders } from 'node:http';
import { createDeflate, createGzip } from 'node:zlib';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * POSTs `body` with exactly the headers given (node:http adds only Host, and Content-Length for a Buffer):
 * a Buffer goes in one piece with its Content-Length; an array of Buffers goes chunked
 * (Transfer-Encoding: chunked), one chunk each.
 */
export function rawPost(url: string, path: string, body: Buffer | Buffer[], headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (chunked) {
      for (const part of body) if (part.length > 0) req.write(part);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A Bot Framework message asking for its replies in the response body, as JSON text around `text`. */
function activityAround(conversationId: string): { head: string; tail: string } {
  const json = JSON.stringify({
    type: 'message',
    channelId: 'test',
    serviceUrl: 'http://localhost:1',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: 'citizen' },
    recipient: { id: 'assistant' },
    text: '\u0000',
  });
  const [head, tail] = json.split('\\u0000');
  return { head, tail };
}

/**
 * A message activity whose text is `textBytes` letters, compressed with `encoding` without ever holding the
 * whole text in memory: about 200 KB of gzip for 200 MB of JSON.
 */
export function compressedActivity(encoding: 'gzip' | 'deflate', textBytes: number, conversationId = 'inflating'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = encoding === 'gzip' ? createGzip({ level: 9 }) : createDeflate({ level: 9 });
    const out: Buffer[] = [];
    zip.on('data', (d: Buffer) => out.push(d));
    zip.on('end', () => resolve(Buffer.concat(out)));
    zip.on('error', reject);
    const { head, tail } = activityAround(conversationId);
    const block = Buffer.alloc(1024 * 1024, 'a');
    let left = textBytes;
    const write = (): void => {
      while (left > 0) {
        const piece = left >= block.length ? block : block.subarray(0, left);
        left -= piece.length;
        if (!zip.write(piece)) {
          zip.once('drain', write);
          return;
        }
      }
      zip.end(tail);
    };
    zip.write(head);
    write();
  });
}

/** The value of one series of the server's /metrics (0 when it has not appeared yet). */
export async function metric(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** The status of a WebSocket upgrade to `url` (ws://…): 101 when it opens, the HTTP status when refused, -1 on an error. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

/** Every POST route of the server; those with a conversation in the path use a real one. */
export function postRoutes(conversationId: string): string[] {
  return [
    '/api/messages',
    '/chat/gifhorn/token',
    '/v3/directline/tokens/generate',
    '/v3/directline/tokens/refresh',
    '/v3/directline/conversations',
    `/v3/directline/conversations/${conversationId}/activities`,
    '/agent/api/login',
    '/agent/api/logout',
    '/agent/api/tickets/1',
  ];
}

/** Bodies no activity endpoint may take: broken JSON, JSON that is no object, objects that are no activity. */
export const MALFORMED_BODIES: readonly string[] = ['{"type": "message", "text": ', '[]', '"hallo"', '{}', '{"type": 42}', 'null'];

/** POSTs each body with `post` and asserts a 4xx for every one. */
export async function assertAllRefused(post: (body: string) => Promise<Response>, bodies: readonly string[]): Promise<void> {
  for (const body of bodies) {
    const res = await post(body);
    assert.ok(res.status >= 400 && res.status < 500, `${body} → ${res.status}`);
  }
}
