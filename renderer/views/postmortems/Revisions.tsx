// A postmortem's history: every saved revision, each one restorable.

import { useEffect, useState } from 'react';
import type { Postmortem } from '../../../shared/postmortem-contract';
import { shortTime } from '../../format';
import { listRevisions } from '../../state/postmortems';

export function Revisions({ pm, onRestore }: { pm: Postmortem; onRestore: (n: number) => void }): React.JSX.Element {
  const [list, setList] = useState<{ number: number; savedAt: string; words: number }[] | null>(null);
  useEffect(() => {
    void listRevisions(pm.id).then(setList);
  }, [pm.id, pm.revision]);
  return (
    <section className="panel revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">History</h2>
      {!list ? (
        <p className="muted">Loading…</p>
      ) : (
        <ol className="plain-list">
          {list.map((r, i) => (
            <li key={r.number}>
              <span>
                #{r.number} · {shortTime(r.savedAt, pm.timeZone)} · {r.words} words
              </span>{' '}
              {i === 0 ? (
                <span className="muted">(current)</span>
              ) : (
                <button type="button" className="link" onClick={() => onRestore(r.number)}>
                  Restore #{r.number}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
