import { useState } from 'react';
import type { ToilEntry } from '../../../shared/toil-contract';
import { useApp } from '../../state/app';
import { updateToilEntry } from '../../state/toil';

/** Whether an entry could be automated and a rough effort, saved as soon as it changes. */
export function AutomationCell({ entry, onSaved }: { entry: ToilEntry; onSaved: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [effort, setEffort] = useState(entry.automationEffortHours === null ? '' : String(entry.automationEffortHours));
  async function save(patch: { automatable?: boolean; automationEffortHours?: number | null }): Promise<void> {
    try {
      await updateToilEntry(entry.id, patch);
      onSaved();
    } catch (error) {
      toast((error as Error).message.replace(/^patch\.automationEffortHours:/, 'Effort:'), 'error');
    }
  }
  return (
    <span className="automation">
      <input
        type="checkbox"
        checked={entry.automatable}
        aria-label={`Could be automated: ${entry.description}`}
        onChange={(e) => void save({ automatable: e.target.checked })}
      />
      <input
        inputMode="decimal"
        size={4}
        value={effort}
        placeholder="—"
        aria-label={`Hours to automate: ${entry.description}`}
        onChange={(e) => setEffort(e.target.value)}
        onBlur={() => {
          const next = effort.trim() === '' ? null : Number(effort);
          if (next !== null && (!Number.isFinite(next) || next < 0)) {
            toast('Effort: give the hours it would take to automate, e.g. 6.', 'error');
            setEffort(entry.automationEffortHours === null ? '' : String(entry.automationEffortHours));
            return;
          }
          if (next !== entry.automationEffortHours)
            void save({ automationEffortHours: next, automatable: next === null ? entry.automatable : true });
        }}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </span>
  );
}
