// Rotations' operations (merged into the contract in contract.ts).

import { z } from 'zod';
import { instant, isoDate, timeZone } from './schemas';

const name = z
  .string({ message: 'must name the rotation' })
  .trim()
  .min(1, { message: 'must name the rotation' })
  .max(80, { message: 'must be at most 80 characters' });
const handle = z
  .string({ message: 'must be a person’s handle' })
  .trim()
  .min(1, { message: 'must be a person’s handle' })
  .max(40);
const maxRangeMs = 3 * 366 * 86_400_000;

/** A wall-clock time that exists on some calendar day: month 1–12, the day within that month, 00:00–23:59. */
function isRealLocalDateTime(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59
  );
}

export const rotation = z.object({
  id: z.string(),
  name: z.string(),
  layer: z.string(),
  kind: z.enum(['rules', 'feed']),
  team: z.string().nullable(),
  timeZone: z.string(),
  start: z.string(),
  shiftLength: z.number(),
  shiftUnit: z.enum(['hours', 'days', 'weeks']),
  restriction: z.object({ start: z.string(), end: z.string(), days: z.array(z.number()) }).nullable(),
  members: z.array(
    z.object({ handle: z.string(), name: z.string(), from: z.string().nullable(), until: z.string().nullable() }),
  ),
  /** When it last changed (the rotation editor's save sends it back as `baseUpdatedAt`). */
  updatedAt: z.string().optional(),
});
export type Rotation = z.infer<typeof rotation>;

export const shift = z.object({
  rotation: z.string(),
  layer: z.string(),
  handle: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  overrideId: z.string().nullable(),
});
export type ShiftView = z.infer<typeof shift>;

const range = z
  .strictObject({ rotation: name.optional(), from: instant, to: instant })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), { message: 'must be after from', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= maxRangeMs, {
    message: 'must be at most 3 years after from',
    path: ['to'],
  });

const targets = z.strictObject({
  actionablePagesPerWeek: z.number().positive({ message: 'must be above 0' }).optional(),
  sleepHourPagesPerShift: z.number().positive({ message: 'must be above 0' }).optional(),
  incidentsPer12Hours: z.number().positive({ message: 'must be above 0' }).optional(),
  topShareMax: z
    .number()
    .gt(0, { message: 'must be above 0' })
    .max(1, { message: 'must be a share from 0 to 1' })
    .optional(),
  onCallShareMax: z
    .number()
    .gt(0, { message: 'must be above 0' })
    .max(1, { message: 'must be a share from 0 to 1' })
    .optional(),
  toilShare: z
    .number()
    .gt(0, { message: 'must be above 0' })
    .max(1, { message: 'must be a share from 0 to 1' })
    .optional(),
  /** The longest on-call stretch one person should hold in one rotation, in hours (`rotation check` warns past it). */
  maxShiftHours: z
    .number()
    .positive({ message: 'must be above 0' })
    .max(24 * 366)
    .optional(),
});

export const team = z.object({
  id: z.string(),
  name: z.string(),
  people: z.array(z.object({ handle: z.string(), name: z.string() })),
  services: z.array(z.string()),
  targets: targets,
  rotations: z.array(z.string()),
});
export type Team = z.infer<typeof team>;

/**
 * What a calendar feed may ask of the importer (electron/import/ical.ts). Past any of them the
 * file is refused, naming the event and the limit, and nothing is stored. A real schedule is
 * far inside: two years of hourly shifts are 17,520.
 */
export const feedLimits = {
  /** The file's size. */
  bytes: 5 * 1024 * 1024,
  /** VEVENTs in one file, counted before the file is parsed. */
  events: 10_000,
  /** Shifts read in the import's window (a year either side of now). */
  shifts: 20_000,
  /** Recurrence steps one event's rule may take (a rule that never matches takes them all). */
  stepsPerEvent: 100_000,
  /** Recurrence steps and occurrences for the whole file. */
  steps: 400_000,
  /** Dates one event lists (RDATE). */
  datesPerEvent: 5_000,
  /** VTIMEZONE definitions, and the dated changes (RDATEs and parts) in each. */
  zones: 50,
  zoneChanges: 1_000,
} as const;

export const rotationOperations = {
  'teams.save': {
    input: z.strictObject({
      name: z.string().trim().min(1, { message: 'must name the team' }).max(80),
      people: z.array(handle).max(500).default([]),
      services: z.array(z.string().trim().min(1).max(80)).max(500).default([]),
      targets: targets.default({}),
    }),
    output: team,
    summary: 'Create or change a team: its people, the services it runs, its own targets.',
  },
  'teams.list': { input: z.strictObject({}), output: z.array(team), summary: 'All teams.' },
  'teams.join': {
    input: z.strictObject({
      team: z.string().trim().min(1, { message: 'must name the team' }).max(80),
      /** Who joins; this device's person when left out. */
      handle: handle.optional(),
    }),
    output: team,
    summary: 'Add someone (this device’s person by default) to a team; nothing changes if they are in it.',
  },
  'rotations.save': {
    input: z.strictObject({
      name,
      /** The team the rotation belongs to. */
      team: z.string().trim().min(1).max(80).optional(),
      layer: z.string().trim().min(1).max(40).optional(),
      timeZone,
      // A date-time that does not exist (2026-02-30T25:61) would make a rotation that is never on call.
      start: z.string().refine(isRealLocalDateTime, {
        message: 'must be the first handoff as YYYY-MM-DDTHH:MM (local time)',
      }),
      shiftLength: z
        .number({ message: 'must be a whole number' })
        .int({ message: 'must be a whole number' })
        .min(1, { message: 'must be at least 1' })
        .max(1000),
      shiftUnit: z.enum(['hours', 'days', 'weeks'], { message: 'must be hours, days or weeks' }),
      /** On call only inside this daily window (e.g. business hours), in the rotation's zone. */
      restriction: z
        .strictObject({
          start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day as HH:MM' }),
          end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day as HH:MM' }),
          days: z
            .array(z.number().int().min(1).max(7), { message: 'must list ISO weekdays, 1 (Mon) to 7 (Sun)' })
            .min(1, { message: 'must list at least one weekday' })
            .max(7),
        })
        .nullable()
        .optional(),
      members: z
        .array(z.strictObject({ handle, from: isoDate.nullable().optional(), until: isoDate.nullable().optional() }))
        .min(1, { message: 'must list at least one member' })
        .max(200),
      /**
       * The rotation's `updatedAt` as the editor opened it: a save when it changed since is refused
       * (`stale`). Without it (the CLI), the save replaces the rotation as before.
       */
      baseUpdatedAt: z.iso.datetime({ offset: true, message: 'must be the record’s updatedAt' }).optional(),
    }),
    output: rotation,
    summary:
      'Create or change a rotation: zone, first handoff, shift length, members in order (with join/leave dates).',
  },
  'rotations.list': { input: z.strictObject({}), output: z.array(rotation), summary: 'All rotations.' },
  'rotations.shifts': { input: range, output: z.array(shift), summary: 'Who is on call when, overrides applied.' },
  'rotations.now': {
    input: z.strictObject({ at: instant.optional() }),
    output: z.array(
      z.object({ rotation: z.string(), layer: z.string(), now: shift.nullable(), next: shift.nullable() }),
    ),
    summary: 'On call now and next, per rotation.',
  },
  'rotations.check': {
    input: z.strictObject({
      rotation: name,
      weeks: z.number().int().min(1).max(52, { message: 'must be at most 52' }).default(4),
    }),
    output: z.object({
      rotation: z.string(),
      from: z.string(),
      to: z.string(),
      gaps: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
      /** Covered but wrong: one person on two layers of the team at once, a stretch past the team's limit. */
      warnings: z.array(
        z.object({
          kind: z.enum(['both-layers', 'long-shift']),
          handle: z.string(),
          startsAt: z.string(),
          endsAt: z.string(),
          message: z.string(),
        }),
      ),
    }),
    summary: 'Uncovered time in the coming weeks, and warnings: one person on two layers at once, a too-long stretch.',
  },
  'overrides.add': {
    input: z
      .strictObject({ rotation: name, handle, from: instant, to: instant, reason: z.string().max(200).optional() })
      .refine((o) => Date.parse(o.to) > Date.parse(o.from), { message: 'must be after from', path: ['to'] }),
    output: z.object({
      id: z.string(),
      rotation: z.string(),
      handle: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      reason: z.string(),
    }),
    summary: 'One person covers a rotation for an interval (swap, cover, holiday).',
  },
  'overrides.remove': {
    input: z.strictObject({ id: z.string().min(1).max(64) }),
    output: z.object({ id: z.string() }),
    summary: 'Remove an override.',
  },
  'rotations.import': {
    input: z.strictObject({
      rotation: name,
      ics: z.string().max(feedLimits.bytes, { message: 'must be at most 5 MB' }),
      /** Where the text came from (a file's name, a URL), named in any refusal. */
      fileName: z.string().trim().max(300).optional(),
      /** Feed name → handle, for names that match nobody. */
      map: z.record(z.string(), handle).default({}),
      /** The zone for floating times and all-day events. */
      timeZone: timeZone.default('UTC'),
      /** Without it, nothing is stored: the answer is what would change. */
      apply: z.boolean().default(false),
    }),
    output: z.object({
      rotation: z.string(),
      applied: z.boolean(),
      added: z.number(),
      changed: z.number(),
      removed: z.number(),
      unchanged: z.number(),
      unknownNames: z.array(z.string()),
      skipped: z.array(z.object({ uid: z.string().nullable(), reason: z.string() })),
    }),
    summary: 'Import a rotation from an iCalendar feed: first what would change, then (apply) store it.',
  },
  'rotations.export': {
    input: z.strictObject({
      rotation: name,
      handle: handle.optional(),
      from: instant.optional(),
      to: instant.optional(),
    }),
    output: z.object({ ics: z.string(), shifts: z.number() }),
    summary: 'A rotation (or one person’s shifts in it) as an .ics file calendars accept.',
  },
} as const;
