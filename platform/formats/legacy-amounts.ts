/** Pounds as legacy text (`238.00`) to whole pence, without a float in between. */
export function penceFromPoundsText(text: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new TypeError('legacy amount is not pounds with two decimal places');
  return Number(match[1]) * 100 + Number(match[2]);
}
