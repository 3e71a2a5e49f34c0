/**
 * Structured logging with pino. Citizens' messages are never logged at info level; whatever is logged
 * passes through redaction of phone numbers, e-mail addresses and IBANs.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

const PATTERNS: [RegExp, string][] = [
  [/[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?/g, '[IBAN]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[E-MAIL]'],
  [/(?:\+|00)?\d[\d\s/()-]{6,}\d/g, '[TELEFON]'],
];

export function redact(text: string): string {
  return PATTERNS.reduce((t, [re, replacement]) => t.replace(re, replacement), text);
}

/**
 * A conversation as log lines name it: a short hash of its id, so that the lines of one conversation can be
 * matched while the id itself (which continues the conversation wherever channels are not authenticated)
 * is written nowhere.
 */
export function conversationTag(conversationId: string | undefined): string | undefined {
  return conversationId === undefined ? undefined : createHash('sha256').update(conversationId).digest('base64url').slice(0, 12);
}

export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['text', '*.text', 'activity.text', 'password', '*.password'], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redact(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination as pino.DestinationStream,
  );
}
