// Enter in a Markdown list continues it ("1. …" ⏎ gives "2. "). An author who then types their
// own marker — "2." or "- " — means that marker, not a second one: without this, "2." became
// "2. 2." (a nested list). When the line holds only the marker Enter added and the author types
// the start of a marker, the added one goes.

import { StateField } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** What the line becomes when `typed` is typed at the end of `line`, or null to type normally. */
export function replaceContinuedMarker(line: string, typed: string): string | null {
  const ordered = /^([ \t]*(?:>[ \t]?)*)\d{1,9}[.)] $/.exec(line);
  if (ordered && /^\d$/.test(typed)) return `${ordered[1] ?? ''}${typed}`;
  const bullet = /^([ \t]*(?:>[ \t]?)*)[-*+] (?:\[[ xX]\] )?$/.exec(line);
  if (bullet && /^[-*+]$/.test(typed)) return `${bullet[1] ?? ''}${typed}`;
  if (bullet && /^\d$/.test(typed)) return `${bullet[1] ?? ''}${typed}`;
  return null;
}

/** The start of the line whose marker Enter just added; null once anything else happens. */
const continuedLine = StateField.define<number | null>({
  create: () => null,
  update(value, tr) {
    if (!tr.docChanged) return tr.selection ? null : value;
    let inserted = '';
    tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, text) => {
      inserted += text.toString();
    });
    if (
      tr.isUserEvent('input') &&
      !tr.isUserEvent('input.paste') &&
      /^\n[^\n]*(?:\d[.)]|[-*+]|\[[ xX]\]) $/.test(inserted)
    ) {
      return tr.state.doc.lineAt(tr.state.selection.main.head).from;
    }
    return null;
  },
});

const typeOverMarker = EditorView.inputHandler.of((view, from, to, text) => {
  if (from !== to || text.length !== 1) return false;
  const line = view.state.doc.lineAt(from);
  if (from !== line.to || view.state.field(continuedLine, false) !== line.from) return false;
  const replaced = replaceContinuedMarker(line.text, text);
  if (replaced === null) return false;
  view.dispatch({
    changes: { from: line.from, to: line.to, insert: replaced },
    selection: { anchor: line.from + replaced.length },
    userEvent: 'input.type',
  });
  return true;
});

export const authorsListMarkers = [continuedLine, typeOverMarker];
