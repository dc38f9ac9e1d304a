// `oncall demo`: a realistic, deterministic team history for trying the app and for benchmarks.
// A weekly rotation, a diurnal alert pattern, two noisy services, one engineer who covers far
// more weeks than anyone else, and a few sleep-hour storms.

import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { createClassifier, defaultBusinessHours, defaultSleepHours } from '../../shared/domain/hours';
import type { OperationContext } from '../operations/context';
import { OperationFailure } from '../operations/errors';
import { hasPages, insertPage, listPageRows, rowToWrite, updatePage } from '../store/pages';
import { bulkLoadingPages } from '../store/rollups';
import { upsertPerson } from '../store/people';
import { insertOverride, setMembers, upsertRotation } from '../store/rotations';
import { upsertTeam } from '../store/teams';
import { ensureService } from '../store/services';
import { setSetting } from '../store/settings';

export interface DemoOptions {
  people: number;
  months: number;
  seed: number;
  /** The history ends here (default: now). */
  untilMs: number;
  /** Total pages to aim for; by default a realistic ~8 per on-call week. */
  pages?: number;
  onProgress?: (written: number, total: number) => void;
}

export interface DemoSummary {
  people: number;
  services: number;
  pages: number;
  me: string;
  overloaded: string;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Ann',
  'Bo',
  'Chen',
  'Dara',
  'Eli',
  'Femi',
  'Gita',
  'Hugo',
  'Ines',
  'Jon',
  'Kai',
  'Lena',
  'Mo',
  'Nia',
  'Omar',
  'Pia',
  'Quinn',
  'Ravi',
  'Sara',
  'Tom',
];
const lastNames = [
  'Berg',
  'Okafor',
  'Liu',
  'Novak',
  'Silva',
  'Adeyemi',
  'Rao',
  'Moreau',
  'Costa',
  'Park',
  'Meyer',
  'Haddad',
];
const zones = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/Los_Angeles',
];

interface DemoService {
  name: string;
  weight: number;
  noise: number;
  alerts: string[];
}

const services: DemoService[] = [
  {
    name: 'payments-api',
    weight: 5,
    noise: 0.7,
    alerts: [
      'p99 latency above 800ms',
      'error rate above 2%',
      'card processor timeouts',
      'disk usage above 90% on payments-db',
    ],
  },
  {
    name: 'search-indexer',
    weight: 4,
    noise: 0.8,
    alerts: ['indexing lag above 10 minutes', 'queue depth warning', 'JVM heap above 85%', 'flapping health check'],
  },
  {
    name: 'checkout-web',
    weight: 2,
    noise: 0.3,
    alerts: ['5xx rate above 1%', 'synthetic checkout failed', 'CDN origin errors'],
  },
  {
    name: 'auth-service',
    weight: 1.5,
    noise: 0.25,
    alerts: ['login failures spiking', 'token signing key expiring', 'LDAP sync failed'],
  },
  {
    name: 'data-pipeline',
    weight: 1.5,
    noise: 0.4,
    alerts: ['nightly batch missed its deadline', 'Kafka consumer lag', 'S3 write errors'],
  },
  {
    name: 'notifications',
    weight: 1,
    noise: 0.5,
    alerts: ['email bounce rate high', 'SMS provider degraded', 'push queue backlog'],
  },
];

// Relative likelihood of a page by local hour: busy in working hours, quiet but not silent at night.
const hourWeights = [
  0.5, 0.4, 0.4, 0.35, 0.35, 0.4, 0.6, 0.9, 1.3, 1.6, 1.7, 1.6, 1.4, 1.5, 1.7, 1.7, 1.5, 1.3, 1.0, 0.9, 0.8, 0.7, 0.6,
  0.55,
];
const hourTotal = hourWeights.reduce((a, b) => a + b, 0);

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function weightedHour(rand: () => number): number {
  let r = rand() * hourTotal;
  for (let h = 0; h < 24; h++) {
    r -= hourWeights[h] ?? 0;
    if (r <= 0) return h;
  }
  return 23;
}

function weightedService(rand: () => number): DemoService {
  const total = services.reduce((sum, s) => sum + s.weight, 0);
  let r = rand() * total;
  for (const service of services) {
    r -= service.weight;
    if (r <= 0) return service;
  }
  return services[0] as DemoService;
}

const weekMs = 7 * 86_400_000;
const resolutions = [
  'Restarted the stuck worker.',
  'Failed over to the replica.',
  'Rolled back the last deploy.',
  'Scaled the pool up; traffic spike from a partner batch job.',
  'Rotated the expiring certificate by hand.',
];

export function writeDemo(ctx: OperationContext, options: DemoOptions): DemoSummary {
  const db: Database = ctx.db;
  if (hasPages(db)) {
    throw new OperationFailure(
      'invalid_input',
      `data-dir: the store in ${ctx.dataDir} already has pages; use an empty --data-dir for demo data`,
      'data-dir',
    );
  }
  const rand = random(options.seed);
  const now = options.untilMs;
  const weeks = Math.max(1, Math.round((options.months * 30.44 * 86_400_000) / weekMs));
  // Weeks start on a Monday 00:00 UTC so that the rotation lines up with "My week".
  const thisMonday = now - ((new Date(now).getUTCDay() + 6) % 7) * 86_400_000 - (now % 86_400_000);
  const firstWeek = thisMonday - (weeks - 1) * weekMs;

  const people = Array.from({ length: options.people }, (_, i) => {
    const first = firstNames[i % firstNames.length] as string;
    const last = lastNames[(i * 7) % lastNames.length] as string;
    const handle = `${first.toLowerCase()}${i >= firstNames.length ? i : ''}`;
    const timeZone = zones[i % zones.length] as string;
    return {
      id: uuidv7({ msecs: firstWeek, random: Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256)) }),
      name: `${first} ${last}`,
      handle,
      timeZone,
      classify: createClassifier({ timeZone, working: defaultBusinessHours, sleep: defaultSleepHours }),
    };
  });
  // The overloaded engineer covers every third week on top of their own turns.
  const overloaded = people[Math.min(2, people.length - 1)];
  if (!overloaded) throw new OperationFailure('invalid_input', 'people: must be at least 1', 'people');

  const basePerWeek = 8;
  const naturalTotal = weeks * basePerWeek * 1.15;
  // With an exact --pages, aim a little low, then top up, so no week is cut short.
  const scale = options.pages ? (options.pages / naturalTotal) * 0.9 : 1;
  const cap = options.pages ?? Infinity;
  const total = options.pages ?? Math.round(naturalTotal);
  const storms = new Set<number>();
  for (let i = 0; i < Math.max(3, Math.round(weeks / 20)); i++) storms.add(Math.floor(rand() * weeks));

  let written = 0;
  const write = db.transaction(() => {
    for (const person of people) {
      upsertPerson(
        db,
        {
          id: person.id,
          name: person.name,
          handle: person.handle,
          timeZone: person.timeZone,
          workingHours: defaultBusinessHours,
          businessHours: defaultBusinessHours,
          sleepHours: defaultSleepHours,
        },
        firstWeek,
        ctx.deviceId,
      );
    }
    const serviceIds = new Map(
      services.map((s) => [s.name, ensureService(db, s.name, ctx.newId, firstWeek, ctx.deviceId)]),
    );
    const onCallFor = (w: number) => (w % 3 === 1 ? overloaded : (people[w % people.length] ?? overloaded));
    const addPage = (w: number, inStorm: boolean): void => {
      const weekStart = firstWeek + w * weekMs;
      const onCall = onCallFor(w);
      const day = inStorm ? 2 : Math.floor(rand() * 7);
      const hour = inStorm ? 1 + Math.floor(rand() * 4) : weightedHour(rand);
      // Hours are the on-call person's local hours, roughly: shift by their zone's usual offset.
      let receivedAt =
        weekStart +
        day * 86_400_000 +
        (hour - standardOffset(onCall.timeZone)) * 3_600_000 +
        Math.floor(rand() * 3_600_000);
      // Keep the page inside the week of the person on call (a zone shift can push it across).
      receivedAt = weekStart + ((((receivedAt - weekStart) % weekMs) + weekMs) % weekMs);
      if (receivedAt > now) receivedAt = weekStart + Math.floor(rand() * Math.max(1, now - weekStart));
      const service = inStorm ? (services[0] as DemoService) : weightedService(rand);
      const noise = rand() < service.noise;
      const ackAfter = 60_000 + Math.floor(rand() * (noise ? 5 : 15) * 60_000);
      const resolveAfter = ackAfter + Math.floor(rand() * (noise ? 10 : 90) * 60_000);
      const moment = onCall.classify(receivedAt);
      const random16 = Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
      const minutes = noise ? 2 + Math.floor(rand() * 8) : 10 + Math.floor(rand() * 80);
      insertPage(db, {
        id: uuidv7({ msecs: receivedAt, random: random16 }),
        personId: onCall.id,
        serviceId: serviceIds.get(service.name) ?? '',
        severity: noise ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3),
        summary: `${service.name}: ${pick(rand, service.alerts)}`,
        notes: noise ? 'Auto-resolved before anyone could act.' : pick(rand, resolutions),
        notesPrivate: false,
        source: 'import',
        triage: noise ? 'noise' : 'actionable',
        receivedAt,
        acknowledgedAt: receivedAt + ackAfter,
        resolvedAt: receivedAt + resolveAfter,
        zone: onCall.timeZone,
        sleepHour: moment.sleepHour,
        sleepHourOverridden: false,
        offHours: moment.offHours,
        minutesSpent: minutes,
        tags: inStorm ? ['storm'] : [],
        createdAt: receivedAt,
        updatedAt: receivedAt,
        deviceId: ctx.deviceId,
        deletedAt: null,
      });
      written += 1;
      if (written % 50_000 === 0) options.onProgress?.(written, total);
    };
    // Many pages at once: the load rollups are counted once at the end, not page by page.
    bulkLoadingPages(db, () => {
      for (let w = 0; w < weeks && written < cap; w++) {
        let count = Math.max(0, Math.round((basePerWeek + (rand() - 0.5) * 8) * scale));
        if (w === weeks - 1) count = Math.max(count, 3);
        const stormSize = storms.has(w) ? Math.round(12 * scale) : 0;
        for (let i = 0; i < count + stormSize && written < cap; i++) addPage(w, i >= count);
      }
      // An exact --pages: top up round-robin over the weeks.
      if (options.pages !== undefined) for (let w = 0; written < cap; w = (w + 1) % weeks) addPage(w, false);
    });
    // The three newest noisy pages still wait for their verdict, so the triage queue has something
    // in it too (README: every view has something in it). Triggers are back: the rollups follow.
    for (const row of listPageRows(db, { triage: 'noise', limit: 3 }))
      updatePage(db, { ...rowToWrite(row), triage: null }, row);
    // The rotations those weeks came from: a weekly primary (with the overloaded engineer's
    // covers as overrides) and a secondary one step behind it.
    const startLocal = new Date(firstWeek).toISOString().slice(0, 16);
    const rotations = [
      { name: 'Primary', layer: 'primary', offset: 0 },
      { name: 'Secondary', layer: 'secondary', offset: 1 },
    ];
    const teamId = ctx.newId();
    upsertTeam(
      db,
      { id: teamId, name: 'Platform', targets: '{}' },
      people.map((p) => p.id),
      [...serviceIds.values()],
      firstWeek,
      ctx.deviceId,
    );
    for (const r of rotations) {
      const id = ctx.newId();
      upsertRotation(
        db,
        {
          id,
          name: r.name,
          layer: r.layer,
          kind: 'rules',
          time_zone: 'UTC',
          start: startLocal,
          shift_length: 1,
          shift_unit: 'weeks',
          restriction: null,
          team_id: teamId,
        },
        firstWeek,
        ctx.deviceId,
      );
      setMembers(
        db,
        id,
        people.map((_, i) => ({ personId: people[(i + r.offset) % people.length]?.id ?? '', from: null, until: null })),
      );
      if (r.layer !== 'primary') continue;
      for (let w = 1; w < weeks; w += 3) {
        if (people[w % people.length]?.id === overloaded.id) continue;
        insertOverride(
          db,
          {
            id: ctx.newId(),
            rotation_id: id,
            person_id: overloaded.id,
            start_at: firstWeek + w * weekMs,
            end_at: firstWeek + (w + 1) * weekMs,
            reason: 'covering',
          },
          firstWeek,
          ctx.deviceId,
        );
      }
    }
    setSetting(db, 'me', overloaded.id);
    setSetting(db, 'last_service', services[0]?.name ?? '');
    setSetting(db, 'last_severity', '3');
  });
  write.immediate();
  if (written % 50_000 !== 0) options.onProgress?.(written, total);
  return {
    people: people.length,
    services: services.length,
    pages: written,
    me: overloaded.handle,
    overloaded: overloaded.handle,
  };
}

/** A zone's standard offset in hours (good enough to place demo pages at local hours). */
function standardOffset(timeZone: string): number {
  const fixed: Record<string, number> = {
    'Europe/Berlin': 1,
    'Europe/London': 0,
    'America/New_York': -5,
    'Asia/Kolkata': 5.5,
    'America/Los_Angeles': -8,
  };
  return fixed[timeZone] ?? 0;
}
