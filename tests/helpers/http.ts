/**
 * Raw HTTP for the tests of hostile requests: any headers and bytes, in one piece or chunked, compressed
 * bodies of any size after inflation, and the server's own figures from /metrics.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { createDeflate, createGzip } from 'node:zlib';

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
