// The team's holiday calendar: on-call time on these dates counts as holiday hours. Import an
// .ics, add or remove a date.

import { useEffect, useRef, useState } from 'react';
import type { Holiday } from '../../../shared/holiday-contract';
import { DataTable } from '../../components/DataTable';
import { Definition } from '../../components/Definition';
import { FormError } from '../../components/Field';
import { useApp } from '../../state/app';
import { addHoliday, importHolidays, listHolidays, removeHoliday } from '../../state/dashboard';

/** The team's holiday calendar: on-call time on these dates counts as holiday hours. */
export function Holidays({ team, onChanged }: { team: string; onChanged: () => void }): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const [holidays, setHolidays] = useState<Holiday[] | null>(null);
  const [draft, setDraft] = useState({ date: '', name: '' });
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listHolidays(team).then(
      (calendar) => setHolidays(calendar.holidays),
      (caught: Error) => setError(caught.message),
    );
  }, [team]);
  const changed = (list: Holiday[], message: string): void => {
    setHolidays(list);
    setError(null);
    toast(message);
    onChanged();
  };
  // Field names as the form shows them.
  const label = (message: string): string =>
    message
      .replace(/^date:/, 'Date:')
      .replace(/^name:/, 'Name:')
      .replace(/^ics:/, 'Calendar file:');
  async function add(event: React.FormEvent): Promise<void> {
    event.preventDefault();
    try {
      const calendar = await addHoliday({ team, date: draft.date, name: draft.name });
      setDraft({ date: '', name: '' });
      changed(calendar.holidays, `${draft.date} is a holiday.`);
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  async function remove(date: string): Promise<void> {
    try {
      changed((await removeHoliday(team, date)).holidays, `${date} is no longer a holiday.`);
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  async function importFile(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const result = await importHolidays(team, file);
      changed(
        result.holidays,
        `${file.name}: ${result.added} added, ${result.renamed} renamed, ${result.unchanged} already there.`,
      );
    } catch (caught) {
      setError(label((caught as Error).message));
    }
  }
  const year = new Date().getUTCFullYear();
  const shown = (holidays ?? []).filter((h) => Number(h.date.slice(0, 4)) >= year - 1);
  return (
    <section className="panel" aria-labelledby="holidays-title">
      <h2>
        <span id="holidays-title">Holidays of {team}</span>{' '}
        <Definition
          term="Holidays"
          text="Each date is judged in every person’s own zone. Hours on call on a holiday are counted as holiday hours, and a holiday has no business hours."
        />
      </h2>
      <div className="inline-form">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import a calendar (.ics)…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".ics,text/calendar"
          hidden
          aria-label="Import holidays from an iCalendar file"
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label="Add a holiday">
        <input
          type="date"
          aria-label="Holiday date"
          value={draft.date}
          onChange={(e) => setDraft({ ...draft, date: e.target.value })}
        />
        <input
          aria-label="Holiday name"
          placeholder="Name, e.g. New Year’s Day"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <button type="submit">Add holiday</button>
      </form>
      <FormError message={error} />
      {holidays && holidays.length === 0 && (
        <p className="muted">No holidays yet: import the team’s public holidays from a calendar, or add dates.</p>
      )}
      {shown.length > 0 && (
        <DataTable
          rows={shown}
          rowKey={(h) => h.date}
          label={`Holidays of ${team}`}
          columns={[
            { title: 'Date', cell: (h) => h.date },
            { title: 'Holiday', cell: (h) => h.name },
            {
              title: 'Remove',
              hiddenTitle: true,
              cell: (h) => (
                <button type="button" onClick={() => void remove(h.date)} aria-label={`Remove ${h.name} on ${h.date}`}>
                  Remove
                </button>
              ),
            },
          ]}
        />
      )}
      {holidays && shown.length < holidays.length && (
        <p className="muted small">{holidays.length - shown.length} earlier holidays are kept and not listed.</p>
      )}
    </section>
  );
}
