import type { ApolloServerPlugin } from '@apollo/server';
import { sharedListenerPlugin } from '../platform/http/index.ts';
import type { GatewayContext } from './create-gateway.ts';

/**
 * Stamps every error with the request id, so a caller can quote it and support can find the
 * server-side log line, which holds the detail the caller never sees.
 */
export function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return sharedListenerPlugin<GatewayContext>({
    async willSendResponse({ response, contextValue }) {
      if (response.body.kind !== 'single') return;
      for (const error of response.body.singleResult.errors ?? []) {
        (error as { extensions?: Record<string, unknown> }).extensions = { ...error.extensions, requestId: contextValue.requestId };
      }
    },
  });
}
