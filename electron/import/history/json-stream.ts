// Reads saved API responses one element at a time (@streamparser/json, fed ~1 MiB chunks
// synchronously): `{"incidents": [...]}`, several such pages concatenated or one per line,
// or a JSON array of pages. Only the selected lists' elements are ever whole in memory.

import { JSONParser } from '@streamparser/json';
import { chunksOf, RefusedFile, type HistoryFile } from './records';

/**
 * Calls `onElement(list, element, index)` for every element of the top-level lists named in
 * `lists` (in a page object, or in each page of an array of pages). `index` counts across the
 * file. A file that is not JSON, or stops half-way, is refused naming the record it reached.
 */
export function streamLists(
  file: HistoryFile,
  lists: readonly string[],
  onElement: (list: string, element: unknown, index: number) => void,
): number {
  const paths = lists.flatMap((list) => [`$.${list}.*`, `$.*.${list}.*`]);
  const parser = new JSONParser({ paths, keepStack: false, separator: '' });
  let index = 0;
  let sawTop = false;
  // What the caller throws is the caller's (a refusal, a wrong map): it passes through unwrapped.
  let callerError: { error: unknown } | null = null;
  parser.onValue = ({ value, stack }) => {
    const holder = stack[stack.length - 1];
    const list = typeof holder?.key === 'string' ? holder.key : '';
    try {
      onElement(list, value, index);
    } catch (error) {
      callerError = { error };
      throw error;
    }
    index += 1;
  };
  try {
    for (const chunk of chunksOf(file)) {
      if (!sawTop && chunk.trim()) {
        const first = chunk.trimStart()[0];
        if (first !== '{' && first !== '[') throw new Error('is not JSON (it does not start with { or [)');
        sawTop = true;
      }
      parser.write(chunk);
    }
    if (!sawTop) throw new Error('is empty');
    // A complete document leaves the parser between values; `end` throws when it stopped inside one.
    parser.end();
  } catch (error) {
    if (callerError) throw (callerError as { error: unknown }).error;
    if (error instanceof RefusedFile) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const truncated = /unexpected end|mid-parsing|ended in the middle/i.test(message);
    throw new RefusedFile(
      file.name,
      index,
      truncated ? 'the JSON stops half-way (truncated file?)' : `is not valid JSON here (${message})`,
    );
  }
  return index;
}
