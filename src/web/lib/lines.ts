/**
 * Text typed one entry per line (domains) → a clean list: trimmed, no blank lines, no repeats.
 * Commas and spaces also separate, because pasted lists often come that way.
 */
export function linesToList(text: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const entry = part.trim();
    const key = entry.toLowerCase();
    if (entry === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(entry);
  }
  return result;
}

export function listToLines(list: readonly string[] | undefined): string {
  return (list ?? []).join('\n');
}

/** Whether two lists hold the same entries in the same order (to send only what changed). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry === b[index]);
}
