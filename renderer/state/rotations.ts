// Rotations: the rotations, people and shifts of a range, overrides, the rule editor's save,
// iCalendar import (previewed before it is applied) and export, gaps, who is on call now.

import type { OperationInput, OperationOutput } from '../../shared/contract';
import { onCallHoursCsv } from '../../shared/domain/hours-csv';
import { call } from '../api';
import { downloadText } from '../components/export';

export type ImportPreview = OperationOutput<'rotations.import'>;
export type OnCallNow = OperationOutput<'rotations.now'>;

/** The rotations, everyone, and the shifts between two instants (ms). */
export async function loadRotations(from: number, to: number) {
  const [rotations, people] = await Promise.all([call('rotations.list', {}), call('people.list', {})]);
  const shifts =
    rotations.length > 0 && Number.isFinite(from)
      ? await call('rotations.shifts', { from: new Date(from).toISOString(), to: new Date(to).toISOString() })
      : [];
  return { rotations, people, shifts };
}

export const addOverride = (input: OperationInput<'overrides.add'>) => call('overrides.add', input);
export const removeOverride = (id: string) => call('overrides.remove', { id });
export const listRotations = () => call('rotations.list', {});
export const saveRotation = (input: OperationInput<'rotations.save'>) => call('rotations.save', input);
export const importSchedule = (input: OperationInput<'rotations.import'>) => call('rotations.import', input);
export const onCallNow = () => call('rotations.now', {});

const headerKey = 'oncall.headerRotations';

/** The rotations the person chose for the header on this device, or null for the default. */
export function chosenHeaderRotations(): string[] | null {
  try {
    const text = window.localStorage.getItem(headerKey);
    const value: unknown = text ? JSON.parse(text) : null;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
  } catch {
    return null;
  }
}

/** Saves the header's rotations (null: back to mine, then my team's). */
export function chooseHeaderRotations(names: string[] | null): void {
  try {
    if (names === null) window.localStorage.removeItem(headerKey);
    else window.localStorage.setItem(headerKey, JSON.stringify(names));
  } catch {
    // Storage may be unavailable; the choice then lasts until the page reloads.
  }
}

/** What the header's "On call now" needs: who is on each rotation now, the rotations and the teams. */
export async function loadOnCallNow() {
  const [now, rotations, teams] = await Promise.all([
    call('rotations.now', {}),
    call('rotations.list', {}),
    call('teams.list', {}),
  ]);
  return { now, rotations, teams };
}

/** Uncovered time and warnings (both layers at once, too long a stretch) in the next four weeks, for the rotations that have any. */
export async function coverageGaps(rotations: string[]) {
  const checks = await Promise.all(rotations.map((rotation) => call('rotations.check', { rotation, weeks: 4 })));
  return checks.filter((c) => c.gaps.length > 0 || c.warnings.length > 0);
}

/** A rotation as an .ics file, downloaded. */
export async function exportRotation(name: string): Promise<void> {
  const { ics } = await call('rotations.export', { rotation: name });
  const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name.replace(/[^\w-]+/g, '-').toLowerCase()}.ics`;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Hours on call per person between two instants (ms) as the pay file's CSV (`oncall report oncall-hours --csv`), downloaded. */
export async function downloadOnCallHours(from: number, to: number): Promise<void> {
  const hours = await call('report.onCallHours', {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  });
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  downloadText(onCallHoursCsv(hours.people), `on-call-hours-${day(from)}-${day(to)}.csv`, 'text/csv;charset=utf-8');
}
