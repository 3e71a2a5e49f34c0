/**
 * Agent accounts: scrypt password hashes with a per-agent salt (node:crypto, no extra package), session
 * tokens stored only as SHA-256 hashes (a copy of the database does not let anyone log in), sessions that
 * expire, and a lockout after repeated failures.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { HandoffStore } from './handoffStore';

const KEY_LENGTH = 64;
// N = 2^15: about 50 ms per check here, costly for guessing, cheap for one login.
const SCRYPT_OPTIONS: ScryptOptions = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT_OPTIONS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16).toString('base64');
  return { salt, hash: (await scrypt(password, salt)).toString('base64') };
}

export async function verifyPassword(password: string, salt: string, hash: string): Promise<boolean> {
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const AGENT_NAME = /^[\p{L}\p{N}._-]{2,40}$/u;
/**
 * A display name as citizens see it ("Frau Schmidt", "Dr. Anna-Lena Müller", "Herr O’Brien"): words of letters,
 * each perhaps ending in a dot, joined by single spaces, hyphens or apostrophes; 2 to 60 characters. Nothing a
 * chat client could read as markup (no <, *, [, digits or links) ever becomes part of the bot's sentences.
 */
export const DISPLAY_NAME = /^(?=.{2,60}$)[\p{L}\p{M}]+\.?(?:[ '’-][\p{L}\p{M}]+\.?)*$/u;

/** The display name as stored: NFC, spaces trimmed and collapsed; undefined when it is not a valid one. */
export function normaliseDisplayName(raw: string): string | undefined {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  return DISPLAY_NAME.test(name) ? name : undefined;
}
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export interface AuthOptions {
  sessionSeconds: number;
  maxFailures: number;
  lockoutSeconds: number;
}

export type LoginResult =
  | { ok: true; token: string; agentId: number; name: string; displayName: string | null; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterSeconds?: number };

export interface AgentSession {
  agentId: number;
  name: string;
  displayName: string | null;
  expiresAt: number;
}

export class AgentAuth {
  // A fixed salt and hash so that unknown names cost as much time as known ones (no user enumeration).
  private readonly dummy = hashPassword(randomBytes(12).toString('hex'));

  constructor(
    private readonly store: HandoffStore,
    private readonly options: AuthOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  async login(name: unknown, password: unknown): Promise<LoginResult> {
    if (typeof name !== 'string' || typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH || !AGENT_NAME.test(name)) {
      return { ok: false, reason: 'invalid' };
    }
    const agent = await this.store.agentByName(name);
    const now = this.clock();
    if (!agent) {
      const d = await this.dummy;
      await verifyPassword(password, d.salt, d.hash);
      return { ok: false, reason: 'invalid' };
    }
    if (agent.lockedUntil > now) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((agent.lockedUntil - now) / 1000) };
    if (!(await verifyPassword(password, agent.salt, agent.hash))) {
      await this.store.recordLoginFailure(agent.id, this.options.maxFailures, now + this.options.lockoutSeconds * 1000);
      return { ok: false, reason: 'invalid' };
    }
    await this.store.recordLoginSuccess(agent.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.options.sessionSeconds * 1000;
    await this.store.createSession(hashToken(token), agent.id, now, expiresAt);
    return { ok: true, token, agentId: agent.id, name: agent.name, displayName: agent.displayName, expiresAt };
  }

  async session(token: string | undefined): Promise<AgentSession | undefined> {
    if (!token || token.length > 200) return undefined;
    return this.store.session(hashToken(token), this.clock());
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(hashToken(token));
  }
}

export const SESSION_COOKIE = 'agent_session';

/** The session token from a Cookie header. */
export function sessionToken(cookieHeader: string | string[] | undefined): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return v.join('=');
  }
  return undefined;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/agent; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
