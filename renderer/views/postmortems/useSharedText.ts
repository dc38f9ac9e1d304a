// The editor's side of "two editors, one postmortem": each save says the text version it was
// edited from (the server merges a save from an older one); every few seconds the editor asks for
// the stored version, and a newer text is folded in — at once when nothing is waiting to be saved,
// otherwise by the next save, whose merged result is carried over whatever was typed meanwhile.

import { useCallback, useEffect, useRef } from 'react';
import type { OperationOutput } from '../../../shared/contract';
import type { Postmortem } from '../../../shared/postmortem-contract';
import { getPostmortem } from '../../state/postmortems';
import { saveTextFrom, storedTextVersion, textPollMs } from '../../state/postmortem-text';
import { foldIn } from './fold-in';

interface Editor {
  /** The editor's text now. */
  text: () => string;
  /** Puts a text in the editor (the section editors map the cursor through the difference). */
  apply: (text: string) => void;
  /** Whether typing waits to be saved (a save is due shortly). */
  waiting: () => boolean;
  /** A newer postmortem read (another editor saved): title, action items, text. */
  onFresh: (pm: Postmortem) => void;
  /** Another editor's text was set aside in the conflict log (or may have been). */
  onSetAside: () => void;
}

export function useSharedText(id: string, editor: Editor) {
  const base = useRef({ version: 0, body: '' });
  const saving = useRef(0);
  const callbacks = useRef(editor);
  useEffect(() => {
    callbacks.current = editor;
  });

  /** The text as read from the store (opened, reloaded after a structural change). */
  const reset = useCallback((pm: Postmortem): void => {
    base.current = { version: pm.textVersion ?? 0, body: pm.body };
  }, []);

  /** Saves the editor's text now, edited from the last version it knows. */
  const save = useCallback(async (): Promise<OperationOutput<'postmortems.save'>> => {
    const { text, apply, onSetAside } = callbacks.current;
    const sent = text();
    saving.current += 1;
    try {
      const result = await saveTextFrom(id, sent, base.current.version);
      const stored = result.body ?? sent;
      base.current = { version: result.textVersion ?? base.current.version, body: stored };
      if (stored !== sent) apply(foldIn(sent, stored, callbacks.current.text()));
      if (result.outcome === 'clash') onSetAside();
      return result;
    } finally {
      saving.current -= 1;
    }
  }, [id]);

  useEffect(() => {
    let stopped = false;
    let asking = false;
    const quiet = (): boolean => !stopped && saving.current === 0 && !callbacks.current.waiting();
    const ask = async (): Promise<void> => {
      const { textVersion } = await storedTextVersion(id);
      // Typing not yet saved folds the newer text in through its own save (merged on the server).
      if (textVersion === base.current.version || !quiet() || callbacks.current.text() !== base.current.body) return;
      const fresh = await getPostmortem(id);
      if (!quiet() || callbacks.current.text() !== base.current.body) return;
      base.current = { version: fresh.textVersion ?? 0, body: fresh.body };
      callbacks.current.apply(fresh.body);
      callbacks.current.onFresh(fresh);
      callbacks.current.onSetAside();
    };
    const timer = window.setInterval(() => {
      if (asking || !quiet()) return;
      asking = true;
      ask()
        .catch(() => undefined) // asked again in a moment; a real failure shows on the next save
        .finally(() => (asking = false));
    }, textPollMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [id]);

  return { reset, save };
}
