/**
 * Token-bucket rate limits keyed by a string (a conversation id, or a client address): each key may send
 * `burst` requests at once and `perMinute` on average. Buckets of keys not seen for a while are dropped, so
 * the map stays small under many conversations (or an attacker inventing conversation ids).
 */
import { setBounded } from './boundedMap';

export interface RateLimit {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limit: RateLimit) {}

  get enabled(): boolean {
    return this.limit.perMinute > 0;
  }

  /** Takes one token for `key`; false (and the seconds to wait) when the key is over its limit. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (!this.enabled) return { ok: true };
    const perMs = this.limit.perMinute / 60_000;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.limit.burst, b.tokens + (now - b.at) * perMs) : this.limit.burst;
    if (tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / perMs / 1000) };
    // Set anew, so the map's order is least recently used first.
    setBounded(this.buckets, key, { tokens: tokens - 1, at: now }, MAX_KEYS);
    return { ok: true };
  }
}
