// Seeding a store for the Load figures' tests (load.test.ts, load-partial-days.test.ts): people in
// the zones a test chooses, and pages written straight from the facts the definition reads.

import type { Database } from 'better-sqlite3';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';
import type { PageFact } from '../shared/domain/load';
import type { PageWrite } from '../electron/store/pages';
import { upsertPerson } from '../electron/store/people';

/** A person named and handled by their id, in the zone given, with the default hours. */
export function savePersonInZone(db: Database, id: string, timeZone: string): void {
  upsertPerson(
    db,
    {
      id,
      name: id,
      handle: id,
      timeZone,
      workingHours: defaultBusinessHours,
      businessHours: defaultBusinessHours,
      sleepHours: defaultSleepHours,
    },
    0,
    'test',
  );
}

/** The page an imported fact is stored as (severity 3, no notes, no tags), deleted when deletedAt is set. */
export function pageFromFact(id: string, fact: PageFact, deletedAt: number | null = null): PageWrite {
  return {
    id,
    personId: fact.personId,
    serviceId: fact.serviceId,
    severity: 3,
    summary: 's',
    notes: '',
    notesPrivate: false,
    source: 'import',
    triage: fact.triage,
    receivedAt: fact.receivedAt,
    acknowledgedAt: fact.acknowledgedAt,
    resolvedAt: fact.resolvedAt,
    zone: 'UTC',
    sleepHour: fact.sleepHour,
    sleepHourOverridden: false,
    offHours: fact.offHours,
    minutesSpent: fact.minutesSpent,
    tags: [],
    createdAt: 0,
    updatedAt: 0,
    deviceId: 'test',
    deletedAt,
  };
}
