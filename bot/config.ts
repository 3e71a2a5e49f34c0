/** All configuration, from environment variables, in one typed place. */
import { resolve } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/paths';
import { DEFAULT_TURN_LOCK_WAIT_MS } from './storage/turnLock';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  /** Where the embedded storage keeps its files. */
  dataDir: string;
  /** PostgreSQL instead of the embedded SQLite files (DATABASE_URL), for several instances on one database. */
  databaseUrl?: string;
  /** Connections per instance to PostgreSQL (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** The longest a turn waits for the turn of the same conversation before it (TURN_LOCK_WAIT_MS); then it runs anyway. */
  turnLockWaitMs: number;
  defaultTenant: string;
  knowledgeDir: string;
  /** Watch the knowledge folder and load edits without a restart. */
  knowledgeHotReload: boolean;
  logLevel: LogLevel;
  /** Days that unanswered questions are kept for the knowledge editors' report. */
  unansweredRetentionDays: number;
  /** The Direct Line secret (DIRECTLINE_SECRET); empty: generated once and kept in dataDir. */
  directLineSecret: string;
  /** Origins that may embed the chat page in a frame, besides each Kommune's website (FRAME_ANCESTORS). */
  frameAncestors: string[];
  /** The public base URL (PUBLIC_URL) when behind a proxy: Direct Line stream URLs are built from it. */
  publicUrl?: string;
  /** Requests per second per client IP on every HTTP endpoint (0: off; burst twice that). */
  rateLimitPerIp: number;
  /** Messages per minute per conversation (0: off; a burst of 10 is allowed). */
  rateLimitPerConversation: number;
  /** Largest request body accepted on /api/messages, in bytes. */
  maxBodyBytes: number;
  botFramework: {
    appId: string;
    appPassword: string;
    appType: string;
    appTenantId: string;
    /** Where the channel's token signing keys are published (`BotOpenIdMetadata`); empty: the public
     * Bot Framework's. Set for sovereign clouds, or to a test issuer. */
    openIdMetadataUrl: string;
  };
  handoff: HandoffConfig;
  /**
   * For tests and demonstrations only: the assistant's clock starts at this instant and runs on in real
   * time, so business-hour behaviour can be shown at any hour (ASSISTANT_CLOCK_START, ISO 8601).
   */
  clockStart?: Date;
}

export interface HandoffConfig {
  /** A queued citizen nobody accepts within this time is offered a callback. */
  acceptTimeoutSeconds: number;
  /** The service level: a waiter's wait up to this is on target; the console highlights longer waits. */
  waitTargetSeconds: number;
  /** An agent whose connection drops has this long to come back before the citizen returns to the queue. */
  agentGraceSeconds: number;
  /** Average length of an agent chat, for the wait estimate. */
  averageChatMinutes: number;
  /** Agent sessions expire after this time. */
  sessionSeconds: number;
  /** Failed logins in a row before an account is locked … */
  maxLoginFailures: number;
  /** … for this long. */
  lockoutSeconds: number;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookie: boolean;
  /** Transcripts are deleted after this many days. */
  transcriptRetentionDays: number;
  /** How often queue timeouts, lost agents and position updates are checked. */
  tickMilliseconds: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * A positive number from the environment, or the default when unset; `whole` for counts. A wrong value stops
 * the start with a clear message.
 */
function positive(name: string, value: string | undefined, fallback: number, whole = false): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new ConfigError(`${name} must be a positive ${whole ? 'whole number' : 'number'}, not "${value}"`);
  }
  return n;
}

function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  return value === '0' ? 0 : positive(name, value, fallback, true);
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, not "${value}"`);
}

function frameAncestors(value: string | undefined): string[] {
  const origins = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(o))
      throw new ConfigError(`FRAME_ANCESTORS must be origins like https://www.example.de, not "${o}"`);
  }
  return origins;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)) throw new ConfigError(`PUBLIC_URL must be an http(s) URL, not "${value}"`);
  return value.replace(/\/$/, '');
}

function databaseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\//.test(value))
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user@host:5432/database)');
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`);
  let clockStart: Date | undefined;
  if (env.ASSISTANT_CLOCK_START) {
    clockStart = new Date(env.ASSISTANT_CLOCK_START);
    if (Number.isNaN(clockStart.getTime()))
      throw new ConfigError(`ASSISTANT_CLOCK_START must be an ISO date-time, not "${env.ASSISTANT_CLOCK_START}"`);
  }
  return {
    ...(clockStart ? { clockStart } : {}),
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    ...(env.DATABASE_URL ? { databaseUrl: databaseUrl(env.DATABASE_URL) } : {}),
    poolSize: positive('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, true),
    turnLockWaitMs: positive('TURN_LOCK_WAIT_MS', env.TURN_LOCK_WAIT_MS, DEFAULT_TURN_LOCK_WAIT_MS, true),
    defaultTenant: (env.DEFAULT_TENANT ?? 'wolfsburg').toLowerCase(),
    knowledgeDir: resolve(env.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR),
    knowledgeHotReload: parseBoolean('KNOWLEDGE_HOT_RELOAD', env.KNOWLEDGE_HOT_RELOAD, true),
    logLevel,
    unansweredRetentionDays: positive('UNANSWERED_RETENTION_DAYS', env.UNANSWERED_RETENTION_DAYS, 90, true),
    directLineSecret: env.DIRECTLINE_SECRET ?? '',
    publicUrl: publicUrl(env.PUBLIC_URL),
    frameAncestors: frameAncestors(env.FRAME_ANCESTORS),
    rateLimitPerIp: nonNegativeInteger('RATE_LIMIT_PER_IP', env.RATE_LIMIT_PER_IP, 30),
    rateLimitPerConversation: nonNegativeInteger('RATE_LIMIT_PER_CONVERSATION', env.RATE_LIMIT_PER_CONVERSATION, 30),
    maxBodyBytes: 256 * 1024,
    botFramework: {
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword ?? '',
      appType: env.MicrosoftAppType ?? (env.MicrosoftAppId ? 'MultiTenant' : ''),
      appTenantId: env.MicrosoftAppTenantId ?? '',
      openIdMetadataUrl: env.BotOpenIdMetadata ?? '',
    },
    handoff: {
      acceptTimeoutSeconds: positive('HANDOFF_ACCEPT_TIMEOUT_SECONDS', env.HANDOFF_ACCEPT_TIMEOUT_SECONDS, 180),
      waitTargetSeconds: positive('HANDOFF_WAIT_TARGET_SECONDS', env.HANDOFF_WAIT_TARGET_SECONDS, 120, true),
      agentGraceSeconds: positive('AGENT_RECONNECT_GRACE_SECONDS', env.AGENT_RECONNECT_GRACE_SECONDS, 30),
      averageChatMinutes: positive('HANDOFF_AVERAGE_CHAT_MINUTES', env.HANDOFF_AVERAGE_CHAT_MINUTES, 4),
      sessionSeconds: positive('AGENT_SESSION_SECONDS', env.AGENT_SESSION_SECONDS, 8 * 3600),
      maxLoginFailures: positive('AGENT_MAX_LOGIN_FAILURES', env.AGENT_MAX_LOGIN_FAILURES, 5),
      lockoutSeconds: positive('AGENT_LOCKOUT_SECONDS', env.AGENT_LOCKOUT_SECONDS, 15 * 60),
      secureCookie: env.AGENT_COOKIE_SECURE === '1' || env.AGENT_COOKIE_SECURE === 'true',
      transcriptRetentionDays: positive('TRANSCRIPT_RETENTION_DAYS', env.TRANSCRIPT_RETENTION_DAYS, 30),
      tickMilliseconds: positive('HANDOFF_TICK_MS', env.HANDOFF_TICK_MS, 1000),
    },
  };
}

/** The real clock, or one that starts at ASSISTANT_CLOCK_START and runs on in real time (tests, demonstrations). */
export function clockFrom(start: Date | undefined): () => Date {
  if (!start) return () => new Date();
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
