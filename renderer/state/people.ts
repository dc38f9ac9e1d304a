// People, teams and who I am: the roster, my week, my own settings, which person this device is.

import type { OperationInput } from '../../shared/contract';
import { call } from '../api';

export const listPeople = () => call('people.list', {});
export const listTeams = () => call('teams.list', {});
export const savePerson = (input: OperationInput<'people.save'>) => call('people.save', input);

/** My week at an instant (ms), or now. */
export const loadWeek = (at: number | null) => call('me.week', at === null ? {} : { at: new Date(at).toISOString() });

/** This device logs as the chosen person; joining a team too when one is named. */
export async function chooseMe(id: string, team: string) {
  const person = await call('me.set', { id });
  if (team) await call('teams.join', { team, handle: person.handle });
  return person;
}

/** The names the blameless coach should flag: each person's first name and handle. */
export async function coachNames(): Promise<string[]> {
  const people = await call('people.list', {});
  return people.flatMap((p) => [p.name.split(/\s+/)[0] ?? '', p.handle]).filter((n) => n.length > 1);
}
