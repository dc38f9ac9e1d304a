// Markdown's editing commands in a section editor — Enter continues a list or a quote, Backspace
// after a list marker removes it, a URL pasted over words links them, comment and syntax
// commands — with the Markdown syntax tree parsed only when one of them runs.
//
// With `markdown()` in the editor's own state, CodeMirror re-parsed the section on every
// keystroke (≈ 2 ms for a 15,000-character section here, most of a keystroke's script), and the
// editor shows no syntax colours, so the tree served only these commands. Now the editor holds no
// language; a command that needs the tree runs on a copy of the state with the Markdown language
// (a whole parse of such a section takes about as long as that one keystroke's re-parse did),
// and its change, selection and user event are dispatched to the editor as they are.

import {
  cursorMatchingBracket,
  cursorSyntaxLeft,
  cursorSyntaxRight,
  defaultKeymap,
  indentSelection,
  insertBlankLine,
  insertNewlineAndIndent,
  selectParentSyntax,
  selectSyntaxLeft,
  selectSyntaxRight,
  toggleBlockComment,
  toggleComment,
} from '@codemirror/commands';
import { deleteMarkupBackward, insertNewlineContinueMarkup, markdown } from '@codemirror/lang-markdown';
import { ensureSyntaxTree, indentUnit, syntaxTree } from '@codemirror/language';
import { EditorState, Prec, Transaction, type StateCommand, type TransactionSpec } from '@codemirror/state';
import { EditorView, keymap, type Command, type KeyBinding } from '@codemirror/view';

const language = markdown({ addKeymap: false, completeHTMLTags: false, pasteURLAsLink: false });

/** The editor's state with the Markdown language and its tree up to `upto` (the whole text by default). */
function parsed(state: EditorState, upto = state.doc.length): EditorState {
  const copy = EditorState.create({
    doc: state.doc,
    selection: state.selection,
    extensions: [
      language,
      EditorState.tabSize.of(state.tabSize),
      indentUnit.of(state.facet(indentUnit)),
      EditorState.lineSeparator.of(state.lineBreak),
    ],
  });
  ensureSyntaxTree(copy, upto, 500);
  return copy;
}

/**
 * `command` run on the parsed copy (the editor itself for everything but its state and
 * dispatch); what it would do is then done in the editor.
 */
function onTree(command: Command | StateCommand): Command {
  return (view) => {
    const state = parsed(view.state);
    let done: Transaction | null = null;
    const capture = (...specs: (Transaction | TransactionSpec)[]): void => {
      const [first] = specs;
      done = first instanceof Transaction ? first : state.update(...(specs as TransactionSpec[]));
    };
    const stand = new Proxy(view, {
      get(target, key) {
        if (key === 'state') return state;
        if (key === 'dispatch') return capture;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const ran = (command as Command)(stand);
    const tr = done as Transaction | null;
    if (!ran || !tr) return ran;
    view.dispatch({
      changes: tr.changes,
      selection: tr.selection,
      scrollIntoView: tr.scrollIntoView,
      userEvent: tr.annotation(Transaction.userEvent),
    });
    return true;
  };
}

/** The commands of the default keymap that read the syntax tree or the language's data. */
const treeCommands = new Set<Command | StateCommand>([
  insertNewlineAndIndent,
  insertBlankLine,
  cursorSyntaxLeft,
  cursorSyntaxRight,
  selectSyntaxLeft,
  selectSyntaxRight,
  selectParentSyntax,
  indentSelection,
  cursorMatchingBracket,
  toggleComment,
  toggleBlockComment,
]);

const wrapped = new Map<Command | StateCommand, Command>([...treeCommands].map((c) => [c, onTree(c)]));

/** Enter: continue the list or quote (else a new line, indented as Markdown indents it). */
const continueMarkup = onTree((view: EditorView) => insertNewlineContinueMarkup(view) || insertNewlineAndIndent(view));

/**
 * Backspace just after a list marker or quote mark removes it (else the default deletes a
 * character). Only a line whose text before the cursor is all markup and spaces can be one, so
 * only such a line is parsed.
 */
const deleteMarkup: Command = (view) => {
  const { main } = view.state.selection;
  if (!main.empty || view.state.selection.ranges.length > 1) return false;
  const line = view.state.doc.lineAt(main.head);
  if (!/^(?:[ \t>]|[-+*]|\d{1,9}[.)]|\[[ xX]\])*$/.test(line.text.slice(0, main.head - line.from))) return false;
  return onTree(deleteMarkupBackward)(view);
};

/** Constructs a URL pasted over them must not cut through (as in `@codemirror/lang-markdown`). */
const notPlainText = /code|horizontalrule|html|link|comment|processing|escape|entity|image|mark|url/i;

/** A URL pasted over selected words links them ("[words](url)"), unless that would cut through Markdown. */
const pasteLink = EditorView.domEventHandlers({
  paste(event, view) {
    const { main } = view.state.selection;
    if (main.empty) return false;
    let link = event.clipboardData?.getData('text/plain') ?? '';
    if (!/^(https?:\/\/|mailto:|xmpp:|www\.)/.test(link)) return false;
    if (link.startsWith('www.')) link = `https://${link}`;
    const tree = syntaxTree(parsed(view.state, main.to));
    let crosses = false;
    tree.iterate({
      from: main.from,
      to: main.to,
      enter: (node) => {
        if (node.from > main.from || notPlainText.test(node.name)) crosses = true;
      },
      leave: (node) => {
        if (node.to < main.to) crosses = true;
      },
    });
    if (crosses) return false;
    view.dispatch({
      changes: [
        { from: main.from, insert: '[' },
        { from: main.to, insert: `](${link})` },
      ],
      userEvent: 'input.paste',
      scrollIntoView: true,
    });
    return true;
  },
});

/** The default keymap, with the commands that need the tree run on a parsed copy. */
const bindings: KeyBinding[] = defaultKeymap.map((binding) => {
  const run = binding.run && wrapped.get(binding.run);
  const shift = binding.shift && wrapped.get(binding.shift);
  return run || shift ? { ...binding, run: run ?? binding.run, shift: shift ?? binding.shift } : binding;
});

/** Markdown editing for a section editor whose state holds no language. */
export const markdownEditing = [
  Prec.high(
    keymap.of([
      { key: 'Enter', run: continueMarkup },
      { key: 'Backspace', run: deleteMarkup },
    ]),
  ),
  keymap.of(bindings),
  pasteLink,
];
