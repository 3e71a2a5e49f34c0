/**
 * /api/messages as a WebSocket: the Bot Framework streaming protocol that Direct Line Speech uses
 * (CloudAdapter.process(req, socket, head, logic), one adapter per connection as the SDK samples do).
 *
 * Who may connect:
 * - a self-hosted voice client with a Direct Line token in `?token=` (from the chat page's token endpoint or
 *   tokens/generate): the connection is bound to that token's conversation and Kommune;
 * - a trusted server-side client with `Authorization: Bearer <DIRECTLINE_SECRET>`;
 * - with a Microsoft app id configured, Azure's Direct Line Speech channel with its Bot Framework token
 *   (checked by the SDK).
 * Anything else gets 401 before the handshake, and no failure can escape as an unhandled rejection.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ActivityHandler, TurnContext } from 'botbuilder';
import { conversationTag, type Logger } from './logger';
import { refuseUpgrade, type UpgradeRouter } from './upgrade';
import type { AssistantAdapter } from './adapter/assistantAdapter';
import { DirectLineError, type DirectLineService } from './directline/directLineService';
import { bearerOf, type DirectLineTokens } from './directline/tokens';
import type { StoredConversation } from './directline/directLineStore';

export interface StreamingDeps {
  createAdapter: (preAuthenticated: boolean) => AssistantAdapter;
  bot: ActivityHandler;
  service: DirectLineService;
  tokens: DirectLineTokens;
  appIdConfigured: boolean;
  log: Logger;
}

export function registerStreaming(upgrades: UpgradeRouter, deps: StreamingDeps): { close(): void } {
  const open = new Set<Duplex>();
  upgrades.register(
    (path) => path === '/api/messages',
    async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      let binding: StoredConversation | undefined;
      let preAuthenticated = false;
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
      const bearer = bearerOf(req.headers.authorization);
      if (token) {
        try {
          binding = await deps.service.authorise(deps.tokens.verify(token));
        } catch (err) {
          refuseUpgrade(socket, err instanceof DirectLineError ? err.status : 403, 'The token is invalid or expired.');
          return;
        }
        preAuthenticated = true;
      } else if (bearer && deps.tokens.isSecret(bearer)) {
        preAuthenticated = true;
      } else if (!deps.appIdConfigured || !bearer) {
        refuseUpgrade(socket, 401, 'A token (?token=) or an Authorization header is required.');
        return;
      }

      const logic = async (context: TurnContext): Promise<void> => {
        if (binding) {
          // A token opens one conversation: activities for any other are dropped; the Kommune is the token's.
          if (context.activity.conversation?.id !== binding.id) {
            deps.log.warn(
              { conversation: conversationTag(context.activity.conversation?.id) },
              "streaming activity outside the token's conversation ignored",
            );
            return;
          }
          context.activity.channelData = { ...((context.activity.channelData as object | undefined) ?? {}), tenant: binding.tenant };
        }
        await deps.bot.run(context);
      };

      const adapter = deps.createAdapter(preAuthenticated);
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      try {
        await adapter.process(req, socket, head, logic);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        deps.log.warn({ err: (err as Error).message?.slice(0, 200), status }, 'streaming connection failed');
        // Authentication fails before the handshake (answer it); anything later ends the WebSocket.
        if ((status === 401 || status === 403) && !socket.destroyed) refuseUpgrade(socket, status);
        else socket.destroy();
      }
    },
  );
  return {
    close: () => {
      for (const socket of open) socket.destroy();
    },
  };
}
