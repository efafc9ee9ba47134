import { RetryLaterError } from '../../platform/errors/index.ts';
import type { Admit } from '../../platform/http/graphql.ts';
import type { Metrics } from '../../platform/metrics/index.ts';

export interface InFlightCapOptions {
  /** Most GraphQL requests executing at once in this process. */
  readonly max: number;
  /** Sent as `Retry-After` with each shed request. */
  readonly retryAfterSeconds: number;
  readonly metrics: Metrics;
}

/**
 * Admits at most `max` GraphQL requests at once and sheds the rest at once with OVERLOADED,
 * rather than queueing them: past capacity a queue only adds its wait to every answer, and the
 * longer answers then time out in the legacy calls and trip breakers that blame healthy systems.
 */
export function createInFlightCap(options: InFlightCapOptions): Admit {
  let inFlight = 0;
  const release = () => {
    inFlight -= 1;
    options.metrics.setRequestsInFlight(inFlight);
  };
  return () => {
    if (inFlight >= options.max) {
      options.metrics.countLoadRefusal('OVERLOADED');
      throw new RetryLaterError('OVERLOADED', `The service is at capacity; retry in ${options.retryAfterSeconds} s.`, options.retryAfterSeconds);
    }
    inFlight += 1;
    options.metrics.setRequestsInFlight(inFlight);
    return release;
  };
}
