// The toil report at team scale: 100k entries for 50 people over two quarters, the 2026Q4 team
// report through the operation layer beside its floor — the same rows summed by a bare
// GROUP BY on the same connection.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { medianMs, round3 } from './measure';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';
import { upsertPerson } from '../electron/store/people';
import { ensureService } from '../electron/store/services';
import { insertToilEntry, listCategories } from '../electron/store/toil';
import { openWorkstation } from '../electron/workstation';

const entries = Number(process.argv[2] ?? 100_000);
const peopleCount = 50;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-toil-'));
const nowMs = Date.parse('2027-01-05T12:00:00Z');
const ws = openWorkstation(dir, { now: () => nowMs });
const { db } = ws.ctx;

let seed = 7;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const categories = listCategories(db);
const people = Array.from({ length: peopleCount }, (_, i) => `bench-person-${i}`);
db.transaction(() => {
  people.forEach((id, i) =>
    upsertPerson(
      db,
      {
        id,
        name: `Person ${i}`,
        handle: `person${i}`,
        timeZone: i % 2 ? 'Europe/Berlin' : 'America/New_York',
        workingHours: defaultBusinessHours,
        businessHours: defaultBusinessHours,
        sleepHours: defaultSleepHours,
        weeklyCapacityHours: i % 5 === 0 ? 32 : 40,
      },
      0,
      'bench',
    ),
  );
  const services = ['payments-api', 'search-indexer', 'checkout-web', 'auth', 'data-pipeline'].map((name) =>
    ensureService(db, name, ws.ctx.newId, 0, 'bench'),
  );
  const first = Date.parse('2026-07-01T00:00:00Z');
  const span = Date.parse('2027-01-01T00:00:00Z') - first;
  for (let i = 0; i < entries; i++) {
    const day = new Date(first + Math.floor(rand() * span)).toISOString().slice(0, 10);
    const category = categories[Math.floor(rand() * categories.length)];
    insertToilEntry(db, {
      id: `bench-toil-${i}`,
      personId: people[Math.floor(rand() * peopleCount)] ?? '',
      day,
      startedAt: null,
      minutes: 5 + Math.floor(rand() * 120),
      categoryId: category?.id ?? '',
      serviceId: rand() < 0.7 ? (services[Math.floor(rand() * services.length)] ?? null) : null,
      description: `${category?.name ?? ''} chore ${i % 40}`,
      automatable: rand() < 0.4,
      automationEffortHours: rand() < 0.3 ? 2 + Math.floor(rand() * 40) : null,
      pageId: null,
      recurringTaskId: null,
      source: 'manual',
      createdAt: 0,
      updatedAt: 0,
      deviceId: 'bench',
      deletedAt: null,
    });
  }
  db.prepare("INSERT INTO settings (key, value) VALUES ('me', ?)").run(people[0]);
})();
db.exec('ANALYZE');

const run = (): unknown => {
  const result = ws.table.invoke('toil.report', { quarter: '2026Q4', scope: 'team' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const report = run() as { current: { toilHours: number } };
const floorQuery = db.prepare(
  `SELECT person_id, day, sum(minutes) AS minutes FROM toil_entries
   WHERE day >= '2026-07-01' AND day <= '2026-12-31' AND deleted_at IS NULL GROUP BY person_id, day`,
);
const floorRows = floorQuery.all() as { day: string; minutes: number }[];
const floorQ4Hours = floorRows.filter((r) => r.day >= '2026-10-01').reduce((sum, r) => sum + r.minutes, 0) / 60;
if (Math.abs(floorQ4Hours - report.current.toilHours) > 1e-6) {
  throw new Error(`the report's toil hours (${report.current.toilHours}) differ from the floor's (${floorQ4Hours})`);
}
const result = {
  toil_quarter_report_100k_ms: round3(medianMs(run, 20)),
  toil_quarter_report_100k_floor_ms: round3(medianMs(() => floorQuery.all(), 20)),
};
ws.close();
if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dir}\n`);
else fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result));
