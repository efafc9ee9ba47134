/**
 * The records of a pipe-delimited file framed as JSAPS frames its answers: `HDR|<name>|<count>`,
 * the records, `TRL|<count>`, each record split into its fields. A frame that is missing, names
 * another file or counts other than the records it holds means the answer was cut short:
 * TypeError, rather than half the records.
 */
export function readPipeRecords(text: string, name: string): string[][] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('|'));
  const [header, ...rest] = lines;
  const trailer = rest.pop();
  const count = String(rest.length);
  if (header?.length !== 3 || header[0] !== 'HDR' || header[1] !== name || header[2] !== count) throw new TypeError('pipe-delimited header does not frame the records');
  if (trailer?.length !== 2 || trailer[0] !== 'TRL' || trailer[1] !== count) throw new TypeError('pipe-delimited trailer does not frame the records');
  return rest;
}

/** Whether a value can travel in a pipe-delimited record: no field separator, no line break. */
export function fitsPipeField(value: string): boolean {
  return !/[|\r\n]/.test(value);
}
