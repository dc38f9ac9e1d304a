// Reads saved API responses one element at a time: `{"incidents": [...]}`, several such pages
// concatenated or one per line, or a JSON array of pages. A small scanner walks ~1 MiB chunks
// and cuts out each element of the selected lists; each element alone goes to JSON.parse. Only
// one element is ever whole in memory, and the scan is ~8× faster than a JavaScript tokenizer
// of every value (@streamparser/json measured 1 s per 20k PagerDuty incidents here, this 0.1 s).

import { chunksOf, RefusedFile, type HistoryFile } from './records';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;

function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (at - n - 1 >= 0 && text.charCodeAt(at - n - 1) === BACKSLASH) n += 1;
  return n;
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Calls `onElement(list, element, index)` for every element of the lists named in `lists` that
 * are values of a page object (the top-level object, or an object directly in a top-level array).
 * `index` counts across the file. A file that is not JSON, or stops half-way, is refused naming
 * the record it reached; an element that is not valid JSON refuses the file too.
 */
export function streamLists(
  file: HistoryFile,
  lists: readonly string[],
  onElement: (list: string, element: unknown, index: number) => void,
): number {
  const targets = new Set(lists);
  const stack: number[] = []; // open containers
  let rootIsArray = false;
  let inString = false;
  let escaped = false;
  // Object keys at page depth: captured while `capturingKey`.
  let expectKey = false;
  let capturingKey = false;
  let key = '';
  let lastKey = '';
  // Inside a selected list: its depth and name, and the element being cut out.
  let listDepth = -1;
  let listName = '';
  let element = '';
  let elementStart = -1;
  let index = 0;
  let sawAny = false;

  const pageDepth = (): number => (rootIsArray ? 2 : 1);
  const refuse = (reason: string): never => {
    throw new RefusedFile(file.name, index, reason);
  };
  const emit = (text: string): void => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return refuse(`is not valid JSON here (${(error as Error).message})`);
    }
    onElement(listName, value, index);
    index += 1;
  };

  for (const chunk of chunksOf(file)) {
    if (elementStart === -1 && element !== '') elementStart = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (capturingKey) {
            capturingKey = false;
            lastKey = key;
          }
        } else if (capturingKey) key += chunk[i];
        continue;
      }
      if (isSpace(c)) continue;
      const depth = stack.length;
      // An element of a selected list starts here.
      if (depth === listDepth && elementStart === -1 && element === '' && c !== COMMA && c !== CLOSE_ARRAY)
        elementStart = i;
      if (!sawAny) {
        if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) refuse('is not JSON (it does not start with { or [)');
        sawAny = true;
        rootIsArray = c === OPEN_ARRAY;
      } else if (depth === 0 && c !== OPEN_OBJECT && c !== OPEN_ARRAY) {
        refuse(`is not valid JSON here (unexpected "${chunk[i] ?? ''}" after the end of a page)`);
      }
      switch (c) {
        case QUOTE: {
          if (expectKey && depth === pageDepth() && stack[depth - 1] === OPEN_OBJECT) {
            inString = true;
            capturingKey = true;
            key = '';
            break;
          }
          // Skip to the closing quote (one not escaped by an odd run of backslashes).
          let end = chunk.indexOf('"', i + 1);
          while (end !== -1 && backslashesBefore(chunk, end) % 2 === 1) end = chunk.indexOf('"', end + 1);
          if (end === -1) {
            inString = true;
            escaped = backslashesBefore(chunk, chunk.length) % 2 === 1;
            i = chunk.length - 1;
          } else i = end;
          break;
        }
        case COLON:
          expectKey = false;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (
            c === OPEN_ARRAY &&
            listDepth === -1 &&
            depth === pageDepth() &&
            stack[depth - 1] === OPEN_OBJECT &&
            targets.has(lastKey)
          ) {
            listDepth = depth + 1;
            listName = lastKey;
          }
          stack.push(c);
          expectKey = c === OPEN_OBJECT;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY: {
          const open = stack.pop();
          if (open !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY))
            refuse(`is not valid JSON here (unexpected "${chunk[i] ?? ''}")`);
          if (depth === listDepth) {
            // The list itself closes: a last primitive element ends here.
            if (elementStart !== -1 || element !== '') {
              emit(element + chunk.slice(Math.max(elementStart, 0), i));
              element = '';
              elementStart = -1;
            }
            listDepth = -1;
          } else if (depth === listDepth + 1 && elementStart !== -1) {
            // An object or array element closes.
            emit(element + chunk.slice(elementStart, i + 1));
            element = '';
            elementStart = -1;
          } else if (depth === listDepth + 1 && element !== '') {
            emit(element + chunk.slice(0, i + 1));
            element = '';
            elementStart = -1;
          }
          break;
        }
        case COMMA:
          if (depth === listDepth && (elementStart !== -1 || element !== '')) {
            emit(element + chunk.slice(Math.max(elementStart, 0), i));
            element = '';
            elementStart = -1;
          }
          if (stack[depth - 1] === OPEN_OBJECT) expectKey = true;
          break;
        default:
          break;
      }
    }
    // The element goes on in the next chunk.
    if (elementStart !== -1) {
      element += chunk.slice(elementStart);
      elementStart = -1;
    }
  }
  if (!sawAny) refuse('is empty');
  if (stack.length > 0 || inString) refuse('the JSON stops half-way (truncated file?)');
  return index;
}
