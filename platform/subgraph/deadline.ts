/**
 * The header in which the gateway tells a subgraph how many milliseconds of the caller's
 * request budget are left, so the subgraph (and every legacy call it makes) answers with the
 * parts it has before the gateway stops waiting. A budget, not a time, so clocks need not agree.
 */
export const DEADLINE_HEADER = 'x-deadline-ms';
