// Error budget status at team scale: 50 SLOs, each with a year of 1-minute good/total samples
// rolled up to daily totals as `slo data import` stores them, and incidents with customer impact;
// slos.status (every SLO: remaining, burn, the workbook's alert pairs, projection, burn-down) through
// the operation layer, beside its floor — one SQL sum over the same rows on the same connection.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { medianMs, round3 } from './measure';
import { putSliDays } from '../electron/store/slos';
import { openWorkstation } from '../electron/workstation';

const sloCount = 50;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-slo-'));
const nowMs = Date.parse('2026-11-25T10:00:00Z');
const ws = openWorkstation(dir, { now: () => nowMs });
const { db } = ws.ctx;
const invoke = (name: string, input: unknown): unknown => {
  const result = ws.table.invoke(name as never, input as never);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

let seed = 11;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const day = 86_400_000;
const firstDay = Date.parse('2025-11-25T00:00:00Z');
for (let s = 0; s < sloCount; s++) {
  const name = `service-${s}-availability`;
  invoke('slos.save', {
    name,
    service: `service-${s}`,
    target: s % 3 === 0 ? 0.999 : 0.995,
    window: s % 2 ? '30d' : '1M',
  });
  // A year of minutes, rolled up to days as they are stored.
  const days: { day: string; good: number; total: number; updatedAt: number }[] = [];
  for (let d = 0; d < 365; d++) {
    let good = 0;
    let total = 0;
    for (let m = 0; m < 1440; m++) {
      const requests = 500 + Math.floor(rand() * 100);
      const bad = rand() < 0.01 ? Math.floor(rand() * 20) : 0;
      total += requests;
      good += requests - bad;
    }
    days.push({ day: new Date(firstDay + d * day).toISOString().slice(0, 10), good, total, updatedAt: nowMs });
  }
  db.transaction(() => putSliDays(db, name, days, 'bench'))();
}
// A few incidents with impact, as the status reads them.
for (let i = 0; i < 50; i++) {
  const page = invoke('pages.add', { service: `service-${i}`, severity: 2, summary: `incident ${i}` }) as {
    id: string;
  };
  const incident = invoke('incidents.create', {
    pages: [page.id],
    title: `Incident ${i}`,
    severity: 2,
    services: [`service-${i}`],
  }) as {
    id: string;
  };
  const start = nowMs - Math.floor(rand() * 60) * day;
  invoke('incidents.update', {
    id: incident.id,
    impactStart: new Date(start).toISOString(),
    impactEnd: new Date(start + 30 * 60_000).toISOString(),
    impactShare: 0.2,
  });
}
db.exec('ANALYZE');

const rows = (db.prepare('SELECT count(*) AS n FROM sli_days').get() as { n: number }).n;
if (rows !== sloCount * 365) throw new Error(`expected ${sloCount * 365} daily rows, found ${rows}`);
const status = (): unknown => invoke('slos.status', {});
const statuses = status() as unknown[];
if (statuses.length !== sloCount) throw new Error(`expected ${sloCount} statuses, found ${statuses.length}`);
const floorQuery = db.prepare('SELECT slo, sum(good), sum(total) FROM sli_days WHERE day >= ? GROUP BY slo');
const floor = (): unknown => floorQuery.all(new Date(nowMs - 400 * day).toISOString().slice(0, 10));
const result = {
  slo_status_50_services_1y_ms: round3(medianMs(status, 15)),
  slo_status_50_services_1y_floor_ms: round3(medianMs(floor, 15)),
};
ws.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(result));
