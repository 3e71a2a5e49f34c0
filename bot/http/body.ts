/**
 * The one place where request bodies are read, for every route that takes one (restify's bodyParser is not
 * used). A route declares what it accepts with `jsonBody({ maxBytes })` in front of its handler; a route
 * without it never reads its body. What is refused, and why:
 * - a Content-Encoding other than identity, gzip or deflate (415): nothing else is decoded;
 * - a compressed body that does not decode (400): the decoder's errors are caught, never thrown;
 * - a body over the route's limit (413), counted on the bytes received AND on the bytes after decompression,
 *   while streaming: reading stops as soon as either passes the limit, so a small gzip body that inflates to
 *   gigabytes costs no more memory than the limit;
 * - any Content-Type but application/json (415, with our own message): no form, multipart, CSV or text
 *   parser ever runs, so no temporary files are written and no parser's error text reaches the client;
 * - a charset other than UTF-8, bytes that are not UTF-8, JSON that does not parse or nests deeper than
 *   MAX_DEPTH (400).
 * An empty body is no body: `req.body` stays undefined and the route decides whether it needs one.
 * A refused body is neither decoded nor kept; its rest is read and thrown away (at most DISCARD_BYTES, for
 * at most DISCARD_MS) before the answer, so that an ordinary client still reads the answer instead of a
 * broken pipe, and the connection is closed after it.
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import type { Next, Request, RequestHandler, Response } from 'restify';

export interface BodyLimits {
  /** The largest body accepted, in bytes: as received and after decompression. */
  maxBytes: number;
}

export type BodyErrorCode =
  'UnsupportedMediaType' | 'UnsupportedEncoding' | 'PayloadTooLarge' | 'BadEncoding' | 'MalformedJson' | 'Aborted';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: BodyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** How deep JSON may nest: activities and cards need far less; deeper nesting only serves to exhaust the stack later. */
export const MAX_DEPTH = 64;

const ACCEPTED_TYPE = 'application/json';
const DECODERS: Record<string, () => Gunzip | Inflate> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate };
/** What of a refused body is read (and thrown away) before the answer, at most, and for how long. */
const DISCARD_BYTES = 8 * 1024 * 1024;
const DISCARD_MS = 5000;
/** Sent with a 415 for an unsupported coding (RFC 7694). */
export const ACCEPTED_ENCODINGS = 'gzip, deflate, identity';

const tooLarge = (maxBytes: number): BodyError =>
  new BodyError(413, 'PayloadTooLarge', `The body is larger than ${maxBytes} bytes (counted after decompression).`);

/** True when the request carries a body at all (HTTP/1.1: a Transfer-Encoding, or a Content-Length above 0). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The one decoder a Content-Encoding asks for (undefined: identity); a BodyError for anything else. */
function decoderFor(header: string | undefined): (() => Gunzip | Inflate) | undefined {
  const codings = (header ?? '')
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return undefined;
  // own properties only: "constructor" must not find Object's
  const decoder = codings.length === 1 && Object.hasOwn(DECODERS, codings[0]) ? DECODERS[codings[0]] : undefined;
  if (!decoder) {
    throw new BodyError(415, 'UnsupportedEncoding', 'Content-Encoding must be identity, gzip or deflate (one of them).');
  }
  return decoder;
}

/** Checks the Content-Type: application/json, in UTF-8 when a charset is named. */
function checkContentType(header: string | undefined): void {
  const [type, ...params] = (header ?? '').split(';');
  if (type.trim().toLowerCase() !== ACCEPTED_TYPE) {
    throw new BodyError(415, 'UnsupportedMediaType', 'Content-Type must be application/json.');
  }
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((s) => s.trim().toLowerCase());
    if (name === 'charset' && value.replace(/^"(.*)"$/, '$1') !== 'utf-8') {
      throw new BodyError(415, 'UnsupportedMediaType', 'The charset must be UTF-8.');
    }
  }
}

/** True when the JSON text nests deeper than `max` (brackets outside strings). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses the body's bytes as JSON (undefined for an empty body). */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BodyError(400, 'MalformedJson', 'The body is not valid UTF-8.');
  }
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, MAX_DEPTH)) throw new BodyError(400, 'MalformedJson', `The JSON nests deeper than ${MAX_DEPTH} levels.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'MalformedJson', 'The body is not valid JSON.');
  }
}

/**
 * Reads the whole body (decompressed) within `maxBytes`. Resolves to the bytes; rejects with a BodyError and
 * stops reading as soon as the limit is passed or the data does not decode.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits, makeDecoder?: () => Gunzip | Inflate): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const decoder = makeDecoder?.();

    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      if (decoder) {
        decoder.off('data', onDecoded);
        decoder.destroy();
      }
    };
    const fail = (err: BodyError): void => {
      if (settled) return;
      settled = true;
      stop();
      reject(err);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      stop();
      resolve(Buffer.concat(chunks, decoded));
    };
    const onDecoded = (chunk: Buffer): void => {
      decoded += chunk.length;
      if (decoded > limits.maxBytes) fail(tooLarge(limits.maxBytes));
      else chunks.push(chunk);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      // Compressed bytes count too: a stream of empty gzip members would otherwise never reach the limit.
      if (received > limits.maxBytes) fail(tooLarge(limits.maxBytes));
      else if (decoder) decoder.write(chunk);
      else onDecoded(chunk);
    };
    const onEnd = (): void => {
      if (decoder) decoder.end();
      else finish();
    };

    if (decoder) {
      decoder.on('data', onDecoded);
      decoder.on('end', finish);
      // A listener stays for the decoder's whole life: an 'error' without one would end the process.
      decoder.on('error', () => fail(new BodyError(400, 'BadEncoding', 'The body does not decode with its Content-Encoding.')));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => fail(new BodyError(400, 'Aborted', 'The request was aborted.')));
    req.on('close', () => {
      if (!req.complete) fail(new BodyError(400, 'Aborted', 'The request was aborted.'));
    });
  });
}

/** Reads a JSON body under `limits`: the parsed value, undefined without a body, or a BodyError. */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  const decoder = decoderFor(req.headers['content-encoding']);
  checkContentType(req.headers['content-type']);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) throw tooLarge(limits.maxBytes);
  return parseJson(await readBody(req, limits, decoder));
}

/**
 * Reads what is left of a refused body without keeping it, then calls `then`: at the end of the body, or once
 * DISCARD_BYTES were thrown away or DISCARD_MS passed (whoever sends more gets the answer and a closed
 * connection, and may see a broken pipe before it).
 */
function discardRest(req: IncomingMessage, then: () => void): void {
  if (req.complete || req.destroyed) {
    then();
    return;
  }
  let discarded = 0;
  let called = false;
  const done = (): void => {
    if (called) return;
    called = true;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    req.off('close', done);
    then();
  };
  const onData = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > DISCARD_BYTES) done();
  };
  const timer = setTimeout(done, DISCARD_MS);
  req.on('data', onData);
  req.on('end', done);
  req.on('close', done);
  req.resume();
}

/** Writes a refused body's answer; each API has its own error shape. */
export type BodyErrorAnswer = (res: Response, err: BodyError) => void;

const plainAnswer: BodyErrorAnswer = (res, err) => {
  res.send(err.status, { error: err.message });
};

/**
 * The restify handler in front of a route that takes a JSON body: sets `req.body` (undefined when empty), or
 * answers the BodyError and ends the chain. The answer closes the connection when the body was not read to
 * its end.
 */
export function jsonBody(limits: BodyLimits, answer: BodyErrorAnswer = plainAnswer): RequestHandler {
  return function readJson(req: Request, res: Response, next: Next): void {
    readJsonBody(req, limits).then(
      (body) => {
        req.body = body;
        next();
      },
      (err: unknown) => {
        const refused = err instanceof BodyError ? err : new BodyError(400, 'MalformedJson', 'The body could not be read.');
        discardRest(req, () => {
          if (!req.complete) res.header('Connection', 'close');
          if (refused.code === 'UnsupportedEncoding') res.header('Accept-Encoding', ACCEPTED_ENCODINGS);
          if (!res.headersSent && !res.writableEnded) answer(res, refused);
          next(false);
        });
      },
    );
  };
}
