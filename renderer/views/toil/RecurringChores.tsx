// Entries that look like the same chore, offered to be grouped as one recurring task.

import { formatMinutes } from '../../../shared/domain/duration';
import { useApp } from '../../state/app';
import { groupRecurringToil, type Suggestion } from '../../state/toil';

export function RecurringChores({ suggestions }: { suggestions: Suggestion[] }): React.JSX.Element {
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  async function group(suggestion: Suggestion): Promise<void> {
    try {
      await groupRecurringToil(suggestion);
      toast(`Grouped ${suggestion.entryIds.length} entries as “${suggestion.title}”.`);
      changed();
    } catch (error) {
      toast((error as Error).message, 'error');
    }
  }
  return (
    <section className="panel" aria-labelledby="recurring-title">
      <h2 id="recurring-title">Looks like the same chore</h2>
      <ul className="plain-list">
        {suggestions.map((s) => (
          <li key={s.entryIds.join()}>
            “{s.title}” — {s.entryIds.length} times, {formatMinutes(s.minutes)}{' '}
            <button type="button" onClick={() => void group(s)}>
              Group as one recurring chore
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
