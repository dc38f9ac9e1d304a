// The repository's YAML files read with care: a document parsed with its line numbers (core
// schema, unique keys, no aliases), the line of any value, and a rotation file's lists counted
// before it is parsed at all, so a hostile file cannot take gigabytes.

import YAML from 'yaml';
import type { FileProblem } from './format';

/** The 1-based line of the value at `path` in a YAML document (its nearest existing parent's). */
export function lineAt(document: YAML.Document, lines: YAML.LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(
      path.slice(0, depth).map((p) => (typeof p === 'symbol' ? String(p) : p)),
      true,
    ) as YAML.Node | undefined;
    if (node && YAML.isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 0;
}

/** A YAML file of the repository read (core schema, unique keys, no aliases), or its problem. */
export function parseYamlFile(
  file: string,
  text: string,
): { document: YAML.Document; lines: YAML.LineCounter; doc: unknown } | { problem: FileProblem } {
  const lines = new YAML.LineCounter();
  const document = YAML.parseDocument(text, { schema: 'core', uniqueKeys: true, lineCounter: lines });
  const broken = document.errors[0];
  if (broken)
    return {
      problem: {
        file,
        line: broken.linePos?.[0].line ?? 0,
        message: `not valid YAML: ${broken.message.split('\n')[0]}`,
      },
    };
  try {
    return { document, lines, doc: document.toJS({ maxAliasCount: 0 }) as unknown };
  } catch (error) {
    return { problem: { file, line: 0, message: `not valid YAML: ${(error as Error).message}` } };
  }
}

/** How many entries each list of a rotation file may hold (members, overrides, a feed's shifts). */
export const rotationListLimits: Record<string, number> = { members: 200, overrides: 10_000, shifts: 100_000 };

/**
 * Counts a rotation file's list entries, list by list, before the YAML is parsed (parsing a
 * million members takes gigabytes): block entries (`- `) and flow mappings (`{`) under each
 * top-level key — generously, so a valid file always passes — and names the first list far over
 * its limit (the schema checks the exact limit after parsing).
 */
export function rotationTooLong(file: string, text: string): FileProblem | null {
  let key = '';
  let keyLine = 0;
  let entries = 0;
  let line = 0;
  const over = (): FileProblem | null => {
    const limit = rotationListLimits[key] ?? 10;
    return entries > 2 * limit + 10
      ? { file, line: keyLine, message: `${key}: more than ${limit} entries (the limit); the file is skipped` }
      : null;
  };
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    line += 1;
    const first = text.charCodeAt(at);
    if (first !== 32 && first !== 45 && first !== 35 && first !== 9 && stop > at) {
      // A top-level key: the list before it is done.
      const found = over();
      if (found) return found;
      const colon = text.indexOf(':', at);
      key = colon >= 0 && colon < stop ? text.slice(at, Math.min(colon, at + 40)) : '';
      keyLine = line;
      entries = 0;
    }
    let i = at;
    while (i < stop && text.charCodeAt(i) === 32) i += 1;
    if (text.charCodeAt(i) === 45 && (i + 1 === stop || text.charCodeAt(i + 1) === 32)) entries += 1;
    for (let j = i; j < stop; j += 1) if (text.charCodeAt(j) === 123) entries += 1;
    if (entries > 2 * (rotationListLimits[key] ?? 10) + 10) return over();
    at = stop + 1;
  }
  return over();
}
