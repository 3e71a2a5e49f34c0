/**
 * The bot's CloudAdapter, with two additions:
 * - a local channel (the self-hosted Direct Line): what the bot sends in a conversation of that channel, in a
 *   turn or proactively through continueConversationAsync, is handed over in-process instead of being POSTed
 *   to a Bot Connector service. No loopback HTTP call and no internal credential are needed, and it works the
 *   same with a Microsoft app id configured (a connector call would first fetch an Entra token for itself).
 * - streaming connections authenticated by this server (self-hosted voice clients) instead of by a Bot
 *   Framework token, which CloudAdapter otherwise demands on every upgrade.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { setBounded } from '../boundedMap';

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>>;
type ClaimsIdentityLike = AuthResult['claimsIdentity'];
type ConnectorFactoryLike = NonNullable<AuthResult['connectorFactory']>;

/** A channel served by this process itself. */
export interface LocalChannel {
  /** True when the turn's conversation belongs to this channel. */
  owns(activity: Partial<Activity>): boolean;
  /** Takes one activity the bot sends into one of its conversations. */
  receive(conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse>;
}

/** Claims of the bot itself, as CloudAdapter builds them (audience and app id = the bot's app id). */
function botClaims(appId: string): ClaimsIdentityLike {
  const claims = [
    { type: 'aud', value: appId },
    { type: 'appid', value: appId },
  ];
  const identity = {
    claims,
    authenticationType: 'kommune-assistant',
    isAuthenticated: true,
    getClaimValue: (type: string) => claims.find((c) => c.type === type)?.value ?? null,
  };
  return identity as unknown as ClaimsIdentityLike;
}

/** Authentication that trusts a streaming connection this server has already checked (see bot/streaming.ts). */
class PreAuthenticatedStreaming extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly appId: string,
  ) {
    super(options);
  }

  override async authenticateStreamingRequest(): Promise<AuthResult> {
    return { audience: 'https://api.botframework.com', callerId: undefined as unknown as string, claimsIdentity: botClaims(this.appId) };
  }
}

type UserTokenClientLike = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type ConnectorClientLike = Awaited<ReturnType<ConnectorFactoryLike['create']>>;

/** Connector and user token clients kept for reuse (app id × audience × serviceUrl); the oldest go first. */
const CLIENTS_KEPT = 100;

/** The value under `key`, made once; a promise that fails is not kept, so the next turn tries again. */
function shared<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    const made = make();
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
    setBounded(cache, key, made, CLIENTS_KEPT);
    value = made;
  }
  return value;
}

/** The bot's app id as botbuilder reads it from the claims (audience, else appid; none when unauthenticated). */
function appIdOf(identity: ClaimsIdentityLike): string {
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
}

/**
 * botbuilder's authentication, except that
 * - a token jsonwebtoken rejects (bad signature, malformed, not yet valid) is a 401 like every other
 *   authentication failure: botbuilder lets those errors through as they are, and CloudAdapter answers
 *   anything but its own AuthenticationError with a 500;
 * - the connector client and the user token client of a turn are reused: botbuilder builds both anew for
 *   every activity (each an HTTP pipeline of a dozen policies, about 0.15 ms together), although they
 *   depend only on the app id, the audience and the channel's serviceUrl, and hold no state of a turn
 *   (tokens are cached by the credentials either way). A turn answered with expectReplies uses neither.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClientLike>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClientLike>>();

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): Promise<AuthResult> {
    return this.withSharedConnectors(await this.authenticate(...args));
  }

  override createUserTokenClient(identity: ClaimsIdentityLike): Promise<UserTokenClientLike> {
    return shared(this.userTokenClients, appIdOf(identity), () => super.createUserTokenClient(identity));
  }

  private withSharedConnectors(result: AuthResult): AuthResult {
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const connectorFactory = {
      create: (serviceUrl: string, audience?: string) =>
        shared(this.connectors, `${appId}\n${audience ?? ''}\n${serviceUrl}`, () => factory.create(serviceUrl, audience)),
    } as ConnectorFactoryLike;
    return { ...result, connectorFactory };
  }

  private async authenticate(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthResult> {
    try {
      return await super.authenticateRequest(...args);
    } catch (err) {
      const name = (err as Error).name;
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, 401);
      }
      throw err;
    }
  }
}

export interface AdapterOptions {
  appId: string;
  authOptions: ConfigurationBotFrameworkAuthenticationOptions;
  /** For a streaming connection the server authenticated itself. */
  preAuthenticatedStreaming?: boolean;
  /** The channel this process serves itself (the self-hosted Direct Line). */
  local?: LocalChannel;
}

export class AssistantAdapter extends CloudAdapter {
  constructor(private readonly options: AdapterOptions) {
    super(
      options.preAuthenticatedStreaming
        ? new PreAuthenticatedStreaming(options.authOptions, options.appId)
        : new ChannelAuthentication(options.authOptions),
    );
  }

  /** Runs a turn for an activity of the local channel (no inbound Bot Framework token to check: it is ours). */
  async processLocal(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // Replies never use this connector (sendActivities hands them to the local channel), but the adapter
    // insists on one per turn.
    const connectorFactory = { create: async () => ({}) } as unknown as ConnectorFactoryLike;
    await this.processActivityDirect(
      {
        audience: 'https://api.botframework.com',
        callerId: undefined as unknown as string,
        claimsIdentity: botClaims(this.options.appId),
        connectorFactory,
      },
      activity as Activity,
      logic,
    );
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const local = this.options.local;
    if (!local?.owns(context.activity)) return super.sendActivities(context, activities);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((r) => setTimeout(r, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        context.turnState.set(INVOKE_RESPONSE_KEY, activity);
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' });
      } else {
        const { id: _dropped, ...rest } = activity;
        responses.push(await local.receive(context.activity.conversation.id, rest));
      }
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    if (this.options.local?.owns(context.activity)) throw new Error('updating activities is not supported on the local Direct Line');
    return super.updateActivity(context, activity);
  }
}
