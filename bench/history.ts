// Paging-history import at scale: N PagerDuty incidents (default 1M) saved as API list pages of
// 100 (a JSON array of pages per file, 100 pages a file) imported into an empty store through
// history.apply, beside its floor in the same run — JSON.parse of the same files plus one bulk
// insert of the same rows into another empty store. Prints one JSON object:
//   { import_pagerduty_1M_ms, import_pagerduty_1M_floor_ms, import_rss_mb } (the sizes on stderr)
// `npx tsx bench/history.ts [N]` (the keys keep the 1M name whatever N is; the sizes on stderr say N).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultBusinessHours, defaultSleepHours } from '../shared/domain/hours';
import { insertPage } from '../electron/store/pages';
import { upsertPerson } from '../electron/store/people';
import { ensureService } from '../electron/store/services';
import { openWorkstation } from '../electron/workstation';

const total = Number(process.argv[2] ?? 1_000_000);
const perPage = 100;
const pagesPerFile = 100;
const work = process.env.BENCH_HISTORY_GENERATE ?? fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-history-'));
const nowMs = Date.parse('2027-01-05T12:00:00Z');
const start = Date.parse('2025-01-01T00:00:00Z');
const people = Array.from({ length: 40 }, (_, i) => ({ id: `PU${String(i).padStart(5, '0')}`, name: `Person ${i}` }));
const services = Array.from({ length: 25 }, (_, i) => ({
  id: `PS${String(i).padStart(5, '0')}`,
  name: `service-${i}`,
}));

function incident(n: number): Record<string, unknown> {
  const created = start + n * 30_000;
  const person = people[n % people.length] ?? { id: '', name: '' };
  const service = services[(n * 7) % services.length] ?? { id: '', name: '' };
  const user = {
    id: person.id,
    type: 'user_reference',
    summary: person.name,
    self: `https://api.pagerduty.com/users/${person.id}`,
    html_url: `https://acme.pagerduty.com/users/${person.id}`,
  };
  const id = `Q${n.toString(36).toUpperCase().padStart(8, '0')}`;
  return {
    id,
    type: 'incident',
    summary: `[#${n}] alert ${n % 500} firing`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    html_url: `https://acme.pagerduty.com/incidents/${id}`,
    incident_number: n,
    title: `alert ${n % 500} firing`,
    created_at: new Date(created).toISOString(),
    updated_at: new Date(created + 600_000).toISOString(),
    status: 'acknowledged',
    incident_key: `key-${n}`,
    service: {
      id: service.id,
      type: 'service_reference',
      summary: service.name,
      self: `https://api.pagerduty.com/services/${service.id}`,
    },
    assignments: [{ at: new Date(created).toISOString(), assignee: user }],
    acknowledgements: [{ at: new Date(created + 120_000).toISOString(), acknowledger: user }],
    last_status_change_at: new Date(created + 120_000).toISOString(),
    last_status_change_by: user,
    teams: [{ id: 'PT0001', type: 'team_reference', summary: 'Payments' }],
    priority: null,
    urgency: n % 3 === 0 ? 'low' : 'high',
    alert_counts: { all: 1, triggered: 1, resolved: 0 },
  };
}

// The export: files of saved pages, written by a child process (this same script with
// BENCH_HISTORY_GENERATE set), so that this process's peak RSS is the import's, not the writing's.
function writeExport(dir: string): void {
  for (let first = 0, fileNo = 0; first < total; fileNo += 1) {
    const out = fs.openSync(path.join(dir, `incidents-${fileNo}.json`), 'w');
    fs.writeSync(out, '[');
    for (let page = 0; page < pagesPerFile && first < total; page += 1) {
      const incidents = Array.from({ length: Math.min(perPage, total - first) }, (_, i) => incident(first + i));
      const more = first + incidents.length < total;
      fs.writeSync(out, `${page ? ',' : ''}${JSON.stringify({ incidents, limit: perPage, offset: first, more })}`);
      first += incidents.length;
    }
    fs.writeSync(out, ']');
    fs.closeSync(out);
  }
}
if (process.env.BENCH_HISTORY_GENERATE) {
  writeExport(work);
  process.exit(0);
}
const generated = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(total)], {
  env: { ...process.env, BENCH_HISTORY_GENERATE: work },
  stdio: 'inherit',
});
if (generated.status !== 0) throw new Error(`writing the export failed (exit ${generated.status})`);
const fileNumber = (name: string): number => Number(/(\d+)\.json$/.exec(name)?.[1]);
const files = fs
  .readdirSync(work)
  .filter((name) => name.startsWith('incidents-'))
  .sort((a, b) => fileNumber(a) - fileNumber(b))
  .map((name) => ({ name, path: path.join(work, name) }));
const bytes = files.reduce((sum, f) => sum + fs.statSync(f.path).size, 0);

// The import, through the operation table.
const ws = openWorkstation(path.join(work, 'import'), { now: () => nowMs, timeZone: 'UTC' });
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = ws.table.invoke('history.apply', { format: 'pagerduty', files });
const importMs = performance.now() - t0;
const importCpu = process.cpuUsage(cpu0);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
if (!result.ok) throw new Error(`import failed: ${result.error.message}`);
const imported = result.value as { new: number };
if (imported.new !== total) throw new Error(`imported ${imported.new} of ${total}`);
ws.close();

// The floor: JSON.parse of the same files, one bulk insert of the same rows into an empty store.
const floorWs = openWorkstation(path.join(work, 'floor'), { now: () => nowMs, timeZone: 'UTC' });
const db = floorWs.ctx.db;
const hours = {
  workingHours: defaultBusinessHours,
  businessHours: defaultBusinessHours,
  sleepHours: defaultSleepHours,
};
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const personIds = new Map<string, string>();
const serviceIds = new Map<string, string>();
db.transaction(() => {
  for (const person of people) {
    upsertPerson(
      db,
      { id: person.id, name: person.name, handle: person.id.toLowerCase(), timeZone: 'UTC', ...hours },
      nowMs,
      'bench',
    );
    personIds.set(person.name, person.id);
  }
  for (const service of services)
    serviceIds.set(
      service.name,
      ensureService(db, service.name, () => service.id, nowMs, 'bench'),
    );
  let n = 0;
  for (const file of files) {
    const pages = JSON.parse(fs.readFileSync(file.path, 'utf8')) as {
      incidents: {
        id: string;
        title: string;
        created_at: string;
        html_url: string;
        service: { summary: string };
        assignments: { assignee: { summary: string } }[];
        acknowledgements: { at: string }[];
      }[];
    }[];
    for (const page of pages)
      for (const inc of page.incidents) {
        const receivedAt = Date.parse(inc.created_at);
        insertPage(db, {
          id: `floor-${n++}`,
          personId: personIds.get(inc.assignments[0]?.assignee.summary ?? '') ?? '',
          serviceId: serviceIds.get(inc.service.summary) ?? '',
          severity: 2,
          summary: inc.title,
          notes: '',
          notesPrivate: false,
          source: 'import',
          triage: null,
          receivedAt,
          acknowledgedAt: Date.parse(inc.acknowledgements[0]?.at ?? inc.created_at),
          resolvedAt: null,
          zone: 'UTC',
          sleepHour: false,
          sleepHourOverridden: false,
          offHours: false,
          minutesSpent: null,
          tags: ['Payments'],
          createdAt: nowMs,
          updatedAt: nowMs,
          deviceId: 'bench',
          deletedAt: null,
          externalSource: 'pagerduty',
          externalId: inc.id,
          link: inc.html_url,
        });
      }
  }
}).immediate();
const floorMs = performance.now() - t1;
const floorCpu = process.cpuUsage(cpu1);
floorWs.close();
fs.rmSync(work, { recursive: true, force: true });

const cpuMs = (usage: NodeJS.CpuUsage): number => Math.round((usage.user + usage.system) / 1000);

// The metrics on stdout (bench/run.ts reads them); what they were measured on, on stderr.
console.log(
  JSON.stringify({
    import_pagerduty_1M_ms: Math.round(importMs),
    import_pagerduty_1M_floor_ms: Math.round(floorMs),
    import_rss_mb: Math.round(peakRssMb),
  }),
);
process.stderr.write(
  `history: ${total} incidents, ${Math.round(bytes / 2 ** 20)} MB of saved pages, RSS ${Math.round(rssBefore / 2 ** 20)} MB before the import; ` +
    `CPU time (user + system; on a shared machine the figure that load moves least): import ${cpuMs(importCpu)} ms, floor ${cpuMs(floorCpu)} ms\n`,
);
