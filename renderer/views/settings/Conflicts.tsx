// Review conflicts: the same field changed on two devices; the later edit was kept and the other
// value is here, to restore or to let go. A postmortem's text is compared in its editor.

import { useEffect, useState } from 'react';
import type { ConflictView } from '../../../shared/sync-contract';
import { ApiError } from '../../api';
import { useApp } from '../../state/app';
import { useStudio } from '../../state/postmortems';
import { listConflicts, resolveConflict, useSync } from '../../state/sync';

const listNames: Record<string, string> = {
  overrides: 'override',
  members: 'member',
  shifts: 'shift',
  actionItems: 'action item',
};
const short = (key: string): string => (/^[0-9a-f-]{20,}$/i.test(key) ? `…${key.slice(-8)}` : key);

/** "overrides.<id>.reason" → "override …1a2b3c4d: reason"; "members order" → "member order". */
function describeField(field: string): string {
  const order = / order$/.exec(field);
  if (order) return `${listNames[field.slice(0, order.index)] ?? field.slice(0, order.index)} order`;
  const [list, key, ...rest] = field.split('.');
  if (list && key && listNames[list])
    return `${listNames[list]} ${short(key)}${rest.length > 0 ? `: ${rest.join('.')}` : ' (added or removed)'}`;
  return field;
}

export function Conflicts({ onChange }: { onChange: () => void }): React.JSX.Element | null {
  const toast = useApp((s) => s.toast);
  const [list, setList] = useState<ConflictView[]>([]);
  const status = useSync((s) => s.status);
  useEffect(() => {
    void listConflicts().then(setList);
  }, [status?.conflicts]);
  if (list.length === 0) return null;
  async function resolve(id: number, action: 'restore' | 'dismiss'): Promise<void> {
    try {
      await resolveConflict(id, action);
      toast(action === 'restore' ? 'Restored: it syncs as a new edit.' : 'Dismissed.');
      onChange();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    }
  }
  const show = (value: unknown): string => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  };
  return (
    <section className="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Review conflicts</h2>
      <p className="muted small">
        The same field changed on two devices: the later edit was kept, the other value is here. Nothing was dropped.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Field</th>
            <th scope="col">Kept</th>
            <th scope="col">Set aside</th>
            <th scope="col">
              <span className="sr-only">Resolve</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.id}>
              <td>
                {c.kind} <code>{short(c.key)}</code>
              </td>
              <td>
                {c.restoredRecord ? 'deleted on one device, edited on another: restored' : describeField(c.field)}
              </td>
              <td>{show(c.kept)}</td>
              <td>{show(c.lost)}</td>
              <td className="row-actions">
                {c.kind === 'postmortem' && c.field === 'body' && (
                  <button type="button" onClick={() => useStudio.getState().open({ kind: 'postmortem', id: c.key })}>
                    Compare in the editor
                  </button>
                )}
                {!c.restoredRecord && (
                  <button type="button" onClick={() => void resolve(c.id, 'restore')}>
                    Restore this
                  </button>
                )}
                <button type="button" onClick={() => void resolve(c.id, 'dismiss')}>
                  Keep as is
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
