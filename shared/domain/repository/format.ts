// The reliability repository's files (format version 1): where each record lives, and each
// record as deterministic text — JSON Lines sorted by id with a fixed key order, YAML for the
// roster, Markdown with front matter for postmortems. Reading is strict: unknown fields, wrong
// types and broken lines are errors naming the file and line, never silently dropped data.

import YAML from 'yaml';
import { z } from 'zod';
import { instant, timeZone } from '../../schemas';
import { isValidTimeZone } from '../hours';
import { readPostmortemFile, slugOf, writePostmortemFile, type FrontMatter } from '../postmortem/file';
import { namedPaths } from './naming';
import { lineAt, parseYamlFile, rotationTooLong } from './yaml-files';

export { nameHash } from './naming';
export { lineAt, parseYamlFile, rotationListLimits, rotationTooLong } from './yaml-files';

export const formatVersion = 1;

const hoursRule = z.strictObject({
  days: z.array(z.number().int().min(1).max(7)).max(7),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});

export const personRecord = z.strictObject({
  handle: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/, { message: 'must be a handle (lowercase, at most 40)' }),
  name: z.string().trim().min(1).max(120),
  timeZone,
  workingHours: hoursRule,
  businessHours: hoursRule,
  sleepHours: hoursRule,
  weeklyCapacityHours: z.number().min(0).max(168),
  updatedAt: instant,
});
export type PersonRecord = z.infer<typeof personRecord>;

const nullableInstant = instant.nullable();

/** The platforms an imported page can come from (as migration 9's CHECK on pages.external_source). */
export const externalSources = ['pagerduty', 'opsgenie', 'grafana-oncall', 'csv'] as const;
const optionalPageKeys: readonly string[] = ['externalSource', 'externalId', 'link'];

/**
 * A record id as this app makes it: a UUID (version 7 today; any version, in either case, stays
 * readable). What else a repository holds as a page id is refused by file and line.
 */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const recordId = z.string().regex(uuidPattern, { message: 'must be an id as this app makes them (a UUID)' });

export const pageRecord = z.strictObject({
  id: recordId,
  person: personRecord.shape.handle,
  service: z.string().trim().min(1).max(80),
  severity: z.number().int().min(1).max(5),
  summary: z.string().trim().min(1).max(500),
  notes: z.string().max(20_000),
  source: z.enum(['manual', 'import']),
  triage: z.enum(['actionable', 'noise']).nullable(),
  receivedAt: instant,
  acknowledgedAt: nullableInstant,
  resolvedAt: nullableInstant,
  zone: timeZone,
  sleepHour: z.boolean(),
  sleepHourOverridden: z.boolean(),
  offHours: z.boolean(),
  minutesSpent: z.number().int().min(0).max(100_000).nullable(),
  tags: z.array(z.string().max(40)).max(20),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
  // An imported page (docs/import.md): the paging platform, its id for the page and a link back.
  // Written only when set, so a hand-logged page's line is as format 1 first wrote it.
  externalSource: z.enum(externalSources).optional(),
  externalId: z.string().min(1).max(200).optional(),
  link: z.string().min(1).max(2000).optional(),
});
export type PageRecord = z.infer<typeof pageRecord>;

export const toilRecord = z.strictObject({
  id: z.string().min(1).max(64),
  person: personRecord.shape.handle,
  day: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
  startedAt: nullableInstant,
  minutes: z.number().int().min(1).max(1440),
  category: z.string().trim().min(1).max(80),
  service: z.string().trim().min(1).max(80).nullable(),
  description: z.string().max(2000),
  automatable: z.boolean(),
  automationEffortHours: z.number().min(0).max(10_000).nullable(),
  page: z.string().min(1).max(64).nullable(),
  recurringTask: z.string().trim().min(1).max(200).nullable(),
  source: z.enum(['manual', 'timer']),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
});
export type ToilRecord = z.infer<typeof toilRecord>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day as HH:MM' });
const day = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const teamRecord = z.strictObject({
  name: z.string().trim().min(1).max(80),
  people: z.array(personRecord.shape.handle).max(500),
  services: z.array(z.string().trim().min(1).max(80)).max(500),
  targets: z.record(z.string(), z.number()),
  updatedAt: instant,
});
export type TeamRecord = z.infer<typeof teamRecord>;

export const rotationRecord = z.strictObject({
  name: z.string().trim().min(1).max(80),
  layer: z.string().trim().min(1).max(40),
  team: z.string().trim().min(1).max(80).nullable(),
  timeZone,
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'must be YYYY-MM-DDTHH:MM' }),
  shiftLength: z.number().int().min(1).max(1000),
  shiftUnit: z.enum(['hours', 'days', 'weeks']),
  restriction: z
    .strictObject({ start: clock, end: clock, days: z.array(z.number().int().min(1).max(7)).min(1).max(7) })
    .nullable(),
  members: z
    .array(z.strictObject({ handle: personRecord.shape.handle, from: day.nullable(), until: day.nullable() }))
    .min(1)
    .max(200),
  overrides: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64),
        person: personRecord.shape.handle,
        startsAt: instant,
        endsAt: instant,
        reason: z.string().max(200),
        updatedAt: instant,
        deletedAt: nullableInstant,
      }),
    )
    .max(10_000),
  updatedAt: instant,
});
/** A rotation defined by rules (its file has no `kind`: format 1 as first written). */
export type RulesRotationRecord = z.infer<typeof rotationRecord>;

export const feedShiftRecord = z.strictObject({
  /** The feed's UID + recurrence id: the same shift on every import. */
  key: z.string().min(1).max(1000),
  person: personRecord.shape.handle,
  startsAt: instant,
  endsAt: instant,
  /** The feed marks it as an override (Grafana OnCall's PRIORITY:1). */
  override: z.boolean(),
});
export type FeedShiftRecord = z.infer<typeof feedShiftRecord>;

/** A rotation imported from a calendar feed: its shifts as they were imported, by key. */
export const feedRotationRecord = z.strictObject({
  name: rotationRecord.shape.name,
  kind: z.literal('feed'),
  layer: rotationRecord.shape.layer,
  team: rotationRecord.shape.team,
  timeZone,
  shifts: z.array(feedShiftRecord).max(100_000),
  overrides: rotationRecord.shape.overrides,
  updatedAt: instant,
});
export type FeedRotationRecord = z.infer<typeof feedRotationRecord>;

export type RotationRecord = RulesRotationRecord | FeedRotationRecord;

export const isFeedRotation = (rotation: RotationRecord): rotation is FeedRotationRecord =>
  'kind' in rotation && rotation.kind === 'feed';

/** The kinds of rotation file this app reads (a file without `kind` holds rules). */
export const rotationKinds = ['feed'] as const;

export function rotationPath(rotation: { name: string }): string {
  return namedPaths('rotations', rotation.name)[0];
}

/**
 * Where a rotation may live: `rotations/<slug>.yaml`, or — when another rotation whose name slugs
 * alike has that file ("Payments EU" and "Payments-EU", names in other scripts) —
 * `rotations/<slug>-<hash of the name>.yaml`.
 */
export function rotationPaths(rotation: { name: string }): [string, string] {
  return namedPaths('rotations', rotation.name);
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Shifts in the file's order: by start, then key. */
export function sortShifts(shifts: readonly FeedShiftRecord[]): FeedShiftRecord[] {
  return [...shifts].sort((a, b) =>
    a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}

export function writeRotation(rotation: RotationRecord): string {
  const schema = isFeedRotation(rotation) ? feedRotationRecord : rotationRecord;
  const ordered: Record<string, unknown> = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, (rotation as Record<string, unknown>)[k]]),
  );
  ordered.overrides = [...rotation.overrides].sort(byId).map((o) => ({
    id: o.id,
    person: o.person,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    reason: o.reason,
    updatedAt: o.updatedAt,
    deletedAt: o.deletedAt,
  }));
  if (!isFeedRotation(rotation)) {
    ordered.members = rotation.members.map((m) => ({ handle: m.handle, from: m.from, until: m.until }));
  } else {
    ordered.shifts = sortShifts(rotation.shifts).map((s) => ({
      key: s.key,
      person: s.person,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      override: s.override,
    }));
  }
  return YAML.stringify(ordered, { lineWidth: 0 });
}

/** The first problem zod found, at its line in the YAML file. */
export function yamlProblem(
  file: string,
  document: YAML.Document,
  lines: YAML.LineCounter,
  error: z.ZodError,
): FileProblem {
  const issue = error.issues[0];
  const at = issue ? [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys[0] ?? ''] : [])] : [];
  return { file, line: lineAt(document, lines, at), message: describe(error) };
}

export function readRotation(file: string, text: string): { records: RotationRecord[]; problems: FileProblem[] } {
  const tooLong = rotationTooLong(file, text);
  if (tooLong) return { records: [], problems: [tooLong] };
  const read = parseYamlFile(file, text);
  if ('problem' in read) return { records: [], problems: [read.problem] };
  const { document, lines, doc } = read;
  const kind = typeof doc === 'object' && doc !== null && 'kind' in doc ? (doc as { kind: unknown }).kind : undefined;
  if (kind !== undefined && !(rotationKinds as readonly unknown[]).includes(kind)) {
    // A kind of rotation added after this app: named, skipped, nothing here changes.
    return {
      records: [],
      problems: [
        {
          file,
          line: lineAt(document, lines, ['kind']),
          message: `kind: ${JSON.stringify(kind)} is a kind of rotation this app does not read yet (it reads rules and feed) — update the app`,
        },
      ],
    };
  }
  const parsed = kind === 'feed' ? feedRotationRecord.safeParse(doc) : rotationRecord.safeParse(doc);
  if (!parsed.success) return { records: [], problems: [yamlProblem(file, document, lines, parsed.error)] };
  if (!rotationPaths(parsed.data).includes(file)) {
    return {
      records: [],
      problems: [{ file, line: 0, message: `rotation “${parsed.data.name}” belongs in ${rotationPath(parsed.data)}` }],
    };
  }
  const twice = (list: readonly { key?: string; id?: string }[], noun: string, field: string): FileProblem | null => {
    const seen = new Set<string>();
    for (const [i, element] of list.entries()) {
      const key = element.key ?? element.id ?? '';
      if (seen.has(key))
        return { file, line: lineAt(document, lines, [field, i]), message: `${noun} ${key} appears twice` };
      seen.add(key);
    }
    return null;
  };
  const repeated =
    twice(parsed.data.overrides, 'override', 'overrides') ??
    (isFeedRotation(parsed.data) ? twice(parsed.data.shifts, 'shift', 'shifts') : null);
  if (repeated) return { records: [], problems: [repeated] };
  return { records: [parsed.data], problems: [] };
}

export interface PostmortemRecord {
  meta: FrontMatter;
  body: string;
}

export type { RecordKind } from '../../sync-contract';

export interface FileProblem {
  file: string;
  /** 1-based; 0 for the whole file. */
  line: number;
  message: string;
}

// ---------------------------------------------------------------- paths

export const rosterPath = 'team.yaml';

export function pagePath(page: PageRecord): string {
  const [year, month] = page.receivedAt.slice(0, 7).split('-');
  return `pages/${year}/${month}/${page.person}.jsonl`;
}

export function toilPath(entry: ToilRecord): string {
  return `toil/${entry.day.slice(0, 4)}/${entry.day.slice(5, 7)}/${entry.person}.jsonl`;
}

/** Where a page or toil entry lived before its month or person changed ("YYYY-MM handle"). */
export function movedPath(dir: 'pages' | 'toil', movedFrom: string): string {
  return `${dir}/${movedFrom.slice(0, 4)}/${movedFrom.slice(5, 7)}/${movedFrom.slice(8)}.jsonl`;
}

export function postmortemPath(meta: FrontMatter): string {
  const day = (meta.incident?.started ?? meta.created).slice(0, 10);
  return `postmortems/${day}-${slugOf(meta.title)}-${meta.id.slice(-6)}.md`;
}

// ---------------------------------------------------------------- pages (JSON Lines)

const pageKeys = Object.keys(pageRecord.shape) as (keyof PageRecord)[];

/** A page record with its keys in the format's order (what comparisons and files rely on). */
export function pageInOrder(page: PageRecord): PageRecord {
  const ordered: Record<string, unknown> = {};
  for (const key of pageKeys) if (page[key] !== undefined) ordered[key] = page[key];
  return ordered as PageRecord;
}

export function pageLine(page: PageRecord): string {
  return JSON.stringify(pageInOrder(page));
}

export function writeJsonl<T extends { id: string }>(records: T[], line: (r: T) => string): string {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.length === 0 ? '' : `${sorted.map(line).join('\n')}\n`;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  if (issue.code === 'unrecognized_keys') return `${issue.keys.join(', ')}: is not a known field`;
  const field = issue.path.map(String).join('.');
  const kinds: Record<string, string> = {
    number: 'a number',
    string: 'text',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
  };
  const message = issue.code === 'invalid_type' ? `must be ${kinds[issue.expected] ?? issue.expected}` : issue.message;
  return `${field ? `${field}: ` : ''}${message}`;
}

const toilKeys = Object.keys(toilRecord.shape) as (keyof ToilRecord)[];

export function toilLine(entry: ToilRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of toilKeys) ordered[key] = entry[key];
  return JSON.stringify(ordered);
}

const canonicalInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * As `new Date(v).toISOString() === v` for a year from 1970 to 2199, without making a Date: a
 * first import checks five of these per page, five million at 1M pages.
 */
export const isInstant = (v: unknown): boolean => {
  if (typeof v !== 'string' || !canonicalInstant.test(v)) return false;
  const digit = (i: number): number => v.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (year < 1970 || year >= 2200 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (monthDays[month - 1] ?? 0);
  return day <= days && digit(11) * 10 + digit(12) < 24 && digit(14) < 6 && digit(17) < 6;
};
const isTrimmed = (v: unknown, max: number): boolean =>
  typeof v === 'string' && v.length >= 1 && v.length <= max && v.trim() === v;
const pageKeyCount = Object.keys(pageRecord.shape).length - optionalPageKeys.length;
const isExternalSource = (v: unknown): boolean => (externalSources as readonly unknown[]).includes(v);
const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length >= 1 && v.length <= max;
const handlePattern = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/**
 * A quick yes for a page line exactly as this app writes it (canonical instants, trimmed text),
 * so a first import of a million pages skips the full schema; anything else — including every
 * broken line — goes through the schema, which names what is wrong. Never says yes to a line the
 * schema would refuse (a property test holds it to that).
 */
export function isCanonicalPage(json: unknown): json is PageRecord {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const p = json as Record<string, unknown>;
  const optional = optionalPageKeys.filter((key) => key in p).length;
  if (Object.keys(p).length !== pageKeyCount + optional) return false;
  if (optional > 0) {
    if ('externalSource' in p && !isExternalSource(p.externalSource)) return false;
    if ('externalId' in p && !isText(p.externalId, 200)) return false;
    if ('link' in p && !isText(p.link, 2000)) return false;
  }
  const tags = p.tags;
  return (
    typeof p.id === 'string' &&
    uuidPattern.test(p.id) &&
    typeof p.person === 'string' &&
    handlePattern.test(p.person) &&
    isTrimmed(p.service, 80) &&
    Number.isInteger(p.severity) &&
    (p.severity as number) >= 1 &&
    (p.severity as number) <= 5 &&
    isTrimmed(p.summary, 500) &&
    typeof p.notes === 'string' &&
    p.notes.length <= 20_000 &&
    (p.source === 'manual' || p.source === 'import') &&
    (p.triage === null || p.triage === 'actionable' || p.triage === 'noise') &&
    isInstant(p.receivedAt) &&
    (p.acknowledgedAt === null || isInstant(p.acknowledgedAt)) &&
    (p.resolvedAt === null || isInstant(p.resolvedAt)) &&
    typeof p.zone === 'string' &&
    isValidTimeZone(p.zone) &&
    typeof p.sleepHour === 'boolean' &&
    typeof p.sleepHourOverridden === 'boolean' &&
    typeof p.offHours === 'boolean' &&
    (p.minutesSpent === null ||
      (Number.isInteger(p.minutesSpent) && (p.minutesSpent as number) >= 0 && (p.minutesSpent as number) <= 100_000)) &&
    Array.isArray(tags) &&
    tags.length <= 20 &&
    tags.every((t) => typeof t === 'string' && t.length <= 40) &&
    isInstant(p.createdAt) &&
    isInstant(p.updatedAt) &&
    (p.deletedAt === null || isInstant(p.deletedAt))
  );
}

export function readPages(file: string, text: string): { records: PageRecord[]; problems: FileProblem[] } {
  return readJsonl(file, text, pageRecord, pagePath, 'page', isCanonicalPage);
}

export function readToil(file: string, text: string): { records: ToilRecord[]; problems: FileProblem[] } {
  return readJsonl(file, text, toilRecord, toilPath, 'toil entry');
}

function readJsonl<R extends { id: string; person: string }>(
  file: string,
  text: string,
  schema: z.ZodType<R>,
  pathOf: (r: R) => string,
  noun: string,
  quick?: (json: unknown) => json is R,
): { records: R[]; problems: FileProblem[] } {
  const records: R[] = [];
  const problems: FileProblem[] = [];
  const person = /\/([^/]+)\.jsonl$/.exec(file)?.[1];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({ file, line: index + 1, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const parsed = quick?.(json) ? { success: true as const, data: json } : schema.safeParse(json);
    if (!parsed.success) {
      problems.push({ file, line: index + 1, message: describe(parsed.error) });
      return;
    }
    if (parsed.data.person !== person || pathOf(parsed.data) !== file) {
      problems.push({ file, line: index + 1, message: `${noun} ${parsed.data.id} belongs in ${pathOf(parsed.data)}` });
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({ file, line: index + 1, message: `${noun} ${parsed.data.id} appears twice` });
      return;
    }
    seen.add(parsed.data.id);
    records.push(parsed.data);
  });
  return { records, problems };
}

// ---------------------------------------------------------------- the roster (team.yaml)

const personKeys = Object.keys(personRecord.shape) as (keyof PersonRecord)[];

const teamKeys = Object.keys(teamRecord.shape) as (keyof TeamRecord)[];

export function writeRoster(people: PersonRecord[], teams: TeamRecord[] = []): string {
  const sorted = [...people].sort((a, b) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0));
  const ordered = sorted.map((p) => Object.fromEntries(personKeys.map((k) => [k, p[k]])));
  const doc: Record<string, unknown> = { formatVersion, people: ordered };
  if (teams.length > 0) {
    doc.teams = [...teams]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((t) => Object.fromEntries(teamKeys.map((k) => [k, t[k]])));
  }
  return YAML.stringify(doc, { lineWidth: 0, flowCollectionPadding: false });
}

export class RepositoryTooNewError extends Error {}

export function readRoster(
  file: string,
  text: string,
): { records: PersonRecord[]; teams: TeamRecord[]; problems: FileProblem[] } {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    return {
      records: [],
      teams: [],
      problems: [{ file, line: 0, message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
  const shape = z
    .object({
      formatVersion: z.number().int(),
      people: z.array(z.unknown()).default([]),
      teams: z.array(z.unknown()).default([]),
    })
    .safeParse(doc);
  if (!shape.success) return { records: [], teams: [], problems: [{ file, line: 0, message: describe(shape.error) }] };
  if (shape.data.formatVersion > formatVersion) {
    throw new RepositoryTooNewError(
      `the reliability repository uses format ${shape.data.formatVersion}; this app reads format ${formatVersion} — update the app`,
    );
  }
  const records: PersonRecord[] = [];
  const problems: FileProblem[] = [];
  shape.data.people.forEach((raw, index) => {
    const parsed = personRecord.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else problems.push({ file, line: 0, message: `people.${index}: ${describe(parsed.error)}` });
  });
  const teams: TeamRecord[] = [];
  shape.data.teams.forEach((raw, index) => {
    const parsed = teamRecord.safeParse(raw);
    if (parsed.success) teams.push(parsed.data);
    else problems.push({ file, line: 0, message: `teams.${index}: ${describe(parsed.error)}` });
  });
  return { records, teams, problems };
}

// ---------------------------------------------------------------- postmortems

export function writePostmortem(record: PostmortemRecord): string {
  return writePostmortemFile(record.meta, record.body);
}

export function readPostmortem(file: string, text: string): { records: PostmortemRecord[]; problems: FileProblem[] } {
  try {
    const parsed = readPostmortemFile(text);
    if (!parsed.meta) return { records: [], problems: [{ file, line: 1, message: 'no front matter (id, title, …)' }] };
    return { records: [{ meta: parsed.meta, body: parsed.body }], problems: [] };
  } catch (error) {
    return { records: [], problems: [{ file, line: 1, message: (error as Error).message }] };
  }
}
