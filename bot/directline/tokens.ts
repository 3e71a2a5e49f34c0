/**
 * Direct Line tokens: HS256 JWTs bound to exactly one conversation and its Kommune, expiring after 30 minutes
 * and refreshable before that (botframework-directlinejs refreshes every 15 minutes). The `user` claim is the
 * one directlinejs and Web Chat read to know the citizen's id. The Direct Line secret (for server-side
 * callers of tokens/generate and self-hosted voice clients) never reaches a browser; tokens are signed with a
 * key derived from it, so the secret itself is never used as a JWT key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';

export const TOKEN_TTL_SECONDS = 30 * 60;
const ISSUER = 'kommune-assistant/directline';
const AUDIENCE = 'directline';

export interface ConversationClaims {
  /** The one conversation this token opens. */
  conversationId: string;
  tenant: string;
  /** The citizen's user id in this conversation. */
  userId: string;
  /** The chat page's language (a locale such as en-GB), for the conversation's start: the assistant greets in it. */
  locale?: string;
}

/** What a locale claim may look like ("de-DE", "en-GB", "ar-SA"). */
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export interface IssuedToken {
  token: string;
  expires_in: number;
}

/** The Direct Line secret: DIRECTLINE_SECRET, else generated once and kept in DATA_DIR (readable by the owner only). */
export function loadDirectLineSecret(envSecret: string | undefined, dataDir: string): string {
  if (envSecret && envSecret.trim().length > 0) {
    if (envSecret.trim().length < 16) throw new Error('DIRECTLINE_SECRET must be at least 16 characters long');
    return envSecret.trim();
  }
  const file = join(dataDir, 'directline-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export class DirectLineTokens {
  private readonly signingKey: Buffer;
  private readonly secretDigest: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds = TOKEN_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {
    this.signingKey = createHmac('sha256', secret).update('directline token signing v1').digest();
    this.secretDigest = createHmac('sha256', this.signingKey).update(secret).digest();
  }

  issue(claims: ConversationClaims): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const token = jwt.sign(
      {
        conv: claims.conversationId,
        tenant: claims.tenant,
        user: claims.userId,
        ...(claims.locale && LOCALE.test(claims.locale) ? { loc: claims.locale } : {}),
        iat,
        exp: iat + this.ttlSeconds,
      },
      this.signingKey,
      { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
    );
    return { token, expires_in: this.ttlSeconds };
  }

  /** The claims of a valid, unexpired token of ours; undefined for anything else (forged, expired, malformed). */
  verify(token: string): ConversationClaims | undefined {
    try {
      const payload = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.now() / 1000),
      });
      if (typeof payload !== 'object' || payload === null) return undefined;
      const { conv, tenant, user, loc } = payload as Record<string, unknown>;
      if (typeof conv !== 'string' || typeof tenant !== 'string' || typeof user !== 'string') return undefined;
      return { conversationId: conv, tenant, userId: user, ...(typeof loc === 'string' && LOCALE.test(loc) ? { locale: loc } : {}) };
    } catch {
      return undefined;
    }
  }

  /** True when the bearer value is the Direct Line secret (compared in constant time). */
  isSecret(value: string): boolean {
    const digest = createHmac('sha256', this.signingKey).update(value).digest();
    return timingSafeEqual(digest, this.secretDigest);
  }
}

/** The value of an `Authorization: Bearer …` header, if any. */
export function bearerOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return m ? m[1] : undefined;
}
