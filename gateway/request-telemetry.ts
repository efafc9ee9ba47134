import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from '../platform/auth/index.ts';
import { countResponseOutcome, type Metrics } from '../platform/metrics/index.ts';
import { SPAN_ATTRIBUTES, type Tracing } from '../platform/tracing/index.ts';
import { sharedListenerPlugin } from '../platform/http/index.ts';
import type { GatewayContext } from './caller-authentication.ts';

/** Who is calling, as metrics and traces name them: the role and organisation, never the subject (a citizen's may be their NINO). */
export function clientOf(principal: Principal): string {
  return `${principal.role}/${principal.organisation}`;
}

/**
 * Names each request's span by its operation and client once the operation is known, times the
 * request from its arrival by operation and client for the metrics, and counts its response
 * and errors.
 */
export function requestTelemetryPlugin(metrics: Metrics, tracing: Tracing): ApolloServerPlugin<GatewayContext> {
  return sharedListenerPlugin<GatewayContext>({
    // With tracing off there is no span to name: Apollo is not even given the hook to call.
    ...(tracing.enabled && {
      async didResolveOperation({ operationName, contextValue }) {
        tracing.annotate({
          [SPAN_ATTRIBUTES.operationName]: operationName ?? '(anonymous)',
          [SPAN_ATTRIBUTES.clientRole]: contextValue.principal.role,
          [SPAN_ATTRIBUTES.clientOrganisation]: contextValue.principal.organisation,
        });
      },
    }),
    async willSendResponse({ operationName, request, contextValue, response }) {
      metrics.observeRequest(operationName ?? request.operationName ?? undefined, clientOf(contextValue.principal), (performance.now() - contextValue.receivedAt) / 1000);
      countResponseOutcome(metrics, 'gateway', response);
    },
  });
}
