/**
 * The adapters built from the Bot Framework configuration: the one behind /api/messages (also the one for
 * proactive messages), and one per streaming connection. Every adapter holds a turn's replies until its state
 * is saved, runs the features' middleware, speaks in the Kommune's voice, fails alike (turnErrors.ts) and
 * reaches the local Direct Line in-process.
 */
import type { Voice } from '../../dialogs/voice';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Texts } from '../../knowledge/texts/texts';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { HoldReplies } from '../holdReplies';
import { VoiceMiddleware } from '../voiceMiddleware';
import { AssistantAdapter, type LocalChannel } from './assistantAdapter';
import { turnErrorPolicy } from './turnErrors';

export interface AdapterDeps {
  botFramework: Config['botFramework'];
  log: Logger;
  metrics: Metrics;
  /** In front of every turn, after the held replies (e.g. the handoff relay). */
  middleware: readonly Middleware[];
  /** The Kommune's voice of a turn (SSML for the speech channel). */
  voiceOf: (context: TurnContext) => Promise<string | Voice>;
  /** The Kommune's words of a turn (the apology when it fails). */
  textsOf: (context: TurnContext) => Promise<Texts>;
  /** The channel served by this process (the self-hosted Direct Line). */
  local: LocalChannel;
}

export interface Adapters {
  /** The adapter of /api/messages and of proactive messages. */
  readonly main: AssistantAdapter;
  /** A new adapter alike, for a streaming connection (pre-authenticated: the server checked it). */
  create(preAuthenticatedStreaming: boolean): AssistantAdapter;
}

export function createAdapters(deps: AdapterDeps): Adapters {
  const bf = deps.botFramework;
  const authOptions = {
    MicrosoftAppId: bf.appId,
    MicrosoftAppPassword: bf.appPassword,
    MicrosoftAppType: bf.appType,
    MicrosoftAppTenantId: bf.appTenantId,
    // With its own metadata URL, botbuilder's parameterized authentication also needs the issuer spelled out
    // (it is left empty otherwise, and every token would be refused).
    ...(bf.openIdMetadataUrl
      ? { BotOpenIdMetadata: bf.openIdMetadataUrl, ToBotFromChannelTokenIssuer: 'https://api.botframework.com' }
      : {}),
  };
  const create = (preAuthenticatedStreaming: boolean): AssistantAdapter => {
    const adapter = new AssistantAdapter({ appId: bf.appId, authOptions, preAuthenticatedStreaming, local: deps.local });
    // First: a turn's replies are held until its state is saved (a turn that runs again sends only once).
    adapter.use(new HoldReplies(deps.log));
    for (const middleware of deps.middleware) adapter.use(middleware);
    adapter.use(new VoiceMiddleware(deps.voiceOf));
    adapter.onTurnError = turnErrorPolicy(deps.log, deps.metrics, deps.textsOf);
    return adapter;
  };
  return { main: create(false), create };
}
