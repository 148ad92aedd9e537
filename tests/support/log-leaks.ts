/** Searching captured log text for secrets (pure; used by the suite's log check). Not a test file itself. */

/** A secret found in captured text: which one, in which file, on which line. */
export interface Leak {
  readonly secret: string;
  readonly file: string;
  readonly line: number;
  /** The line with every secret masked, safe to print. */
  readonly masked: string;
}

/** Every line of `text` that contains one of `secrets` (name -> value). Pure. */
export function findLeaks(text: string, secrets: Readonly<Record<string, string>>, file = '(text)'): Leak[] {
  const leaks: Leak[] = [];
  const entries = Object.entries(secrets).filter(([, value]) => value.length > 0);
  text.split('\n').forEach((line, index) => {
    for (const [name, value] of entries) {
      if (!line.includes(value)) continue;
      let masked = line;
      for (const [n, v] of entries) masked = masked.split(v).join(`<${n}>`);
      leaks.push({ secret: name, file, line: index + 1, masked: masked.slice(0, 500) });
    }
  });
  return leaks;
}
