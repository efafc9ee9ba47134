declare module 'talisman/phonetics/soundex.js' {
  const soundex: (word: string) => string;
  export default soundex;
}
declare module 'talisman/metrics/jaro-winkler.js' {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
