/**
 * A count a caller upstream sends in a header (the milliseconds left of a request's deadline,
 * the citizens left of its budget): the first value if the header is repeated, a non-negative
 * integer or else `max`, and never more than `max`, so no caller can grant more than this
 * process's own configured limit.
 */
export function cappedIntegerHeader(value: string | string[] | undefined, max: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return max;
  return Math.min(Number(text.trim()), max);
}
