// What Teams Are Changing: the postmortem's action items as records — owner, due date, the
// "because" each addresses, a ticket link, status — from which the section's list is written.

import { memo, useCallback, useEffect, useState, type ComponentProps, type FormEvent } from 'react';
import type { ActionItem, Postmortem } from '../../../shared/postmortem-contract';
import { Field, FormError, InputField } from '../../components/Field';
import { useStaleSave } from '../../components/stale-save';
import { useApp } from '../../state/app';
import { listPeople } from '../../state/people';
import { getPostmortem, removeActionItem, saveActionItem, setActionStatus } from '../../state/postmortems';
import { StatusChip } from './StatusChip';

interface Props {
  pm: Postmortem;
  becauses: { number: number; text: string }[];
  onChanged: (run: () => Promise<unknown>) => Promise<void>;
}

interface Draft {
  id?: string;
  title: string;
  owner: string;
  due: string;
  because: string;
  link: string;
  /** The item as "Edit" opened it: the save is based on it. */
  opened?: ActionItem;
}

type TextKey = Exclude<keyof Draft, 'id' | 'opened'>;

const emptyDraft: Draft = { title: '', owner: '', due: '', because: '', link: '' };

/**
 * One of the draft's inputs, re-rendered only when its own value or label changes: the panel
 * re-renders whenever a "because" changes as the author types (the list below), and React writes
 * every attribute of a re-rendered input again, in the frame of whichever keystroke it lands in.
 */
const DraftInput = memo(function DraftInput({
  field,
  onSet,
  ...input
}: Omit<ComponentProps<typeof InputField>, 'onValue'> & {
  field: TextKey;
  onSet: (key: TextKey, value: string) => void;
}): React.JSX.Element {
  return <InputField {...input} onValue={(value) => onSet(field, value)} />;
});

export const ActionItemsPanel = memo(function ActionItemsPanel({ pm, becauses, onChanged }: Props): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [handles, setHandles] = useState<string[]>([]);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const stale = useStaleSave<ActionItem>('action item');
  const [message, setMessage] = useState<string | null>(null);
  const startDraft = (next: Draft): void => {
    stale.reset();
    setMessage(null);
    setDraft(next);
  };

  useEffect(() => {
    void listPeople().then((people) => setHandles(people.map((p) => p.handle)));
  }, []);

  const set = useCallback((key: TextKey, value: string): void => setDraft((d) => ({ ...d, [key]: value })), []);
  const bind = (key: TextKey) => ({ field: key, value: draft[key], onSet: set });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!draft.title.trim()) return;
    const { opened } = draft;
    const fields = {
      title: draft.title,
      owner: draft.owner.trim() || null,
      due: draft.due || null,
      because: draft.because ? Number(draft.because) : null,
      link: draft.link.trim() || null,
    };
    // Onto a newer item: only the fields this person changed, so the other change stays.
    const sent = opened ? stale.edit(fields, opened) : fields;
    let failed: unknown = null;
    await onChanged(async () => {
      try {
        await saveActionItem({
          postmortem: pm.id,
          ...(draft.id ? { id: draft.id } : {}),
          ...sent,
          title: sent.title ?? stale.newer?.title ?? fields.title,
          ...(opened ? { baseUpdatedAt: stale.base(opened) } : {}),
        });
      } catch (caught) {
        failed = caught;
      }
    });
    if (failed) {
      const refused = await stale.refused(failed, async () =>
        (await getPostmortem(pm.id)).actionItems.find((a) => a.id === draft.id),
      );
      if (refused) setMessage(refused);
      else toast(failed instanceof Error ? failed.message : String(failed), 'error');
      return;
    }
    if (stale.newer) toast('Your edit was reapplied onto the newer action item.');
    startDraft(emptyDraft);
  }

  async function remove(item: ActionItem): Promise<void> {
    await onChanged(() => removeActionItem(item.id));
    const app = useApp.getState();
    const undoId = app.pushUndo(`remove “${item.title}”`, async () => {
      await saveActionItem({ postmortem: pm.id, id: item.id, title: item.title });
      await onChanged(async () => undefined);
    });
    toast(`Removed: ${item.title}`, 'info', { label: 'Undo', run: () => void useApp.getState().undo(undoId) }, undoId);
  }

  return (
    <div className="action-items">
      {pm.actionItems.length === 0 ? (
        <p className="muted">No action items yet. Each one names a change to the system, its owner and its due date.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Because</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pm.actionItems.map((item) => (
              <tr key={item.id}>
                <td>
                  {item.title}
                  {item.link && (
                    <>
                      {' '}
                      <a href={item.link} target="_blank" rel="noreferrer noopener">
                        ticket
                      </a>
                    </>
                  )}
                  {item.status === 'wont_do' && item.reason && <div className="muted small">{item.reason}</div>}
                </td>
                <td>{item.owner ? `@${item.owner}` : <span className="missing">no owner</span>}</td>
                <td>{item.due ?? <span className="missing">no due date</span>}</td>
                <td>{item.because ?? <span className="missing">none</span>}</td>
                <td>
                  <StatusChip item={item} />
                </td>
                <td className="row-actions">
                  {reasonFor === item.id ? (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (!reason.trim()) return;
                        void onChanged(() =>
                          setActionStatus({ id: item.id, status: 'wont_do', reason: reason.trim() }),
                        );
                        setReasonFor(null);
                        setReason('');
                      }}
                    >
                      <input
                        autoFocus
                        aria-label="Why it won’t be done"
                        placeholder="Why not?"
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                      />
                      <button type="submit">Save</button>
                      <button type="button" onClick={() => setReasonFor(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      {item.status === 'open' ? (
                        <>
                          <button
                            type="button"
                            onClick={() => void onChanged(() => setActionStatus({ id: item.id, status: 'done' }))}
                          >
                            Done
                          </button>
                          <button type="button" onClick={() => setReasonFor(item.id)}>
                            Won’t do
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          onClick={() => void onChanged(() => setActionStatus({ id: item.id, status: 'open' }))}
                        >
                          Reopen
                        </button>
                      )}
                      <button
                        type="button"
                        onClick={() =>
                          startDraft({
                            id: item.id,
                            opened: item,
                            title: item.title,
                            owner: item.owner ?? '',
                            due: item.due ?? '',
                            because: item.because === null ? '' : String(item.because),
                            link: item.link ?? '',
                          })
                        }
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="icon"
                        aria-label={`Remove action item: ${item.title}`}
                        onClick={() => void remove(item)}
                      >
                        ✕
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="action-form"
        onSubmit={(e) => void submit(e)}
        aria-label={draft.id ? 'Edit action item' : 'Add an action item'}
      >
        <DraftInput
          className="wide"
          label={draft.id ? 'Edit action item' : 'New action item'}
          {...bind('title')}
          placeholder="A change to the system, e.g. Add a dry-run step to the migration pipeline"
        />
        <div className="field-row">
          <DraftInput label="Owner" list="action-owners" {...bind('owner')} placeholder="@handle or team" />
          <datalist id="action-owners">
            {handles.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
          <DraftInput label="Due" type="date" {...bind('due')} />
          <Field label="Addresses">
            <select value={draft.because} onChange={(e) => set('because', e.target.value)}>
              <option value="">Choose a “because”</option>
              {becauses.map((b) => (
                <option key={b.number} value={b.number}>
                  {b.number}. {b.text.length > 60 ? `${b.text.slice(0, 60)}…` : b.text}
                </option>
              ))}
            </select>
          </Field>
          <DraftInput label="Ticket link (optional)" type="url" {...bind('link')} placeholder="https://…" />
        </div>
        <FormError message={message} />
        <div className="dialog-actions">
          {draft.id && (
            <button type="button" onClick={() => startDraft(emptyDraft)}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={!draft.title.trim()}>
            {stale.label(draft.id ? 'Save action item' : 'Add action item')}
          </button>
        </div>
      </form>
    </div>
  );
});
