// Runs a paging-history import (docs/import.md) against the store: history.preview and
// history.apply. Neither ever holds a whole file. Preview is one pass that decides each page
// against the store. Apply reads the files once — that pass refuses a bad file before anything
// is stored and stages the pages in a temp table (staging.ts) — then writes the staged pages in
// IMMEDIATE transactions of `chunkSize` pages, so other writers (the app, a sync) get the store
// in between and progress can be reported. (The operation is declared writesInSteps for that reason.)

import type { ParsedInput, Person } from '../../../shared/contract';
import type { HistoryImportOutput } from '../../../shared/history-contract';
import {
  createClassifier,
  defaultBusinessHours,
  defaultSleepHours,
  type MomentClass,
} from '../../../shared/domain/hours';
import { chooseFormat, columnsOf, readAll } from './read-files';
import {
  mergedSeverityMap,
  RefusedFile,
  type HistoryFile,
  type HistorySource,
  type ImportedPage,
  type PagedPerson,
  type SeverityMap,
} from './records';
import {
  handLoggedPageNear,
  pageByExternalId,
  personIdByEmail,
  personIdByName,
  rememberEmail,
  type StoredPage,
} from '../../store/history';
import { insertPage, rowToWrite, updatePage, type PageRow, type PageWrite } from '../../store/pages';
import { getPerson, getPersonByHandle, upsertPerson } from '../../store/people';
import { insertingPagesInBatch, type BatchPage } from '../../store/page-batch';
import { dropPageIndexesForBulk, finishBulkInChunks, rebuildPendingPageIndexes } from '../../store/bulk-pages';
import { ensureService, findServiceId } from '../../store/services';
import { getSetting, setSetting } from '../../store/settings';
import { Staging } from './staging';
import type { OperationContext } from '../../operations/context';
import { OperationFailure } from '../../operations/errors';

/** The operation's input with every file as text or a path (pulled files are paths by then). */
export type HistoryImportInput = Omit<ParsedInput<'history.apply'>, 'files'> & { files: HistoryFile[] };
type Input = HistoryImportInput;
type Status = 'new' | 'updated' | 'unchanged' | 'merged';

/** From this many new pages on, into a store holding fewer, the write pass loads in bulk. */
export const bulkFrom = 5_000;

const storedPages = (ctx: OperationContext): number =>
  ctx.db.prepare('SELECT count(*) FROM pages').pluck().get() as number;

/** Pages written per transaction. */
export const chunkSize = 5_000;
/** A hand-logged page and an imported one this close together (same person and service) are one page. */
export const mergeWindowMs = 5 * 60_000;

interface Resolved {
  key: string;
  handle: string;
  created: boolean;
  /** Null until the person exists (a preview of someone to be created). */
  personId: string | null;
  email: string | null;
  classify: (ms: number) => MomentClass;
  zone: string;
}

const handlePattern = /^[a-z0-9][a-z0-9._-]{0,39}$/;

function handleFrom(person: PagedPerson): string {
  const base = (person.email ? person.email.split('@')[0] : person.name) ?? 'someone';
  const slug = base
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 36)
    .replace(/-+$/, '');
  return handlePattern.test(slug) ? slug : 'someone';
}

/** People as the export names them, resolved once each: mapped, matched by email, by name, or made. */
class People {
  private readonly byKey = new Map<string, Resolved>();
  private readonly takenHandles = new Set<string>();

  constructor(
    private readonly ctx: OperationContext,
    private readonly map: Record<string, string>,
    private readonly create: boolean,
  ) {
    this.map = Object.fromEntries(Object.entries(map).map(([k, v]) => [k.trim().toLowerCase(), v]));
  }

  list(): { key: string; handle: string; created: boolean }[] {
    return [...this.byKey.values()].map(({ key, handle, created }) => ({ key, handle, created }));
  }

  resolve(person: PagedPerson): Resolved {
    const key = person.email ?? person.name ?? '';
    const found = this.byKey.get(key);
    if (found) return found;
    const resolved = this.find(person, key);
    this.byKey.set(key, resolved);
    return resolved;
  }

  private existing(key: string, id: string, email: string | null): Resolved {
    const person = getPerson(this.ctx.db, id);
    if (!person) throw new Error(`person ${id} vanished`);
    return { key, handle: person.handle, created: false, personId: id, email, ...judge(person) };
  }

  private find(person: PagedPerson, key: string): Resolved {
    const db = this.ctx.db;
    const mapped = (person.email && this.map[person.email]) || (person.name && this.map[person.name.toLowerCase()]);
    if (mapped) {
      const target = getPersonByHandle(db, mapped);
      if (!target)
        throw new OperationFailure('invalid_input', `map: nobody here has the handle "${mapped}" (for ${key})`, 'map');
      return this.existing(key, target.id, person.email);
    }
    const id =
      (person.email ? personIdByEmail(db, person.email) : undefined) ??
      (person.name ? personIdByName(db, person.name) : undefined) ??
      (person.email ? personIdByName(db, person.email.split('@')[0] ?? '') : undefined);
    if (id) return this.existing(key, id, person.email);
    let handle = handleFrom(person);
    for (let n = 2; getPersonByHandle(db, handle) || this.takenHandles.has(handle); n += 1)
      handle = `${handleFrom(person).slice(0, 36)}-${n}`;
    this.takenHandles.add(handle);
    const zone = this.ctx.defaults.timeZone;
    const hours = { timeZone: zone, working: defaultBusinessHours, sleep: defaultSleepHours };
    return {
      key,
      handle,
      created: true,
      personId: null,
      email: person.email,
      classify: createClassifier(hours),
      zone,
    };
  }

  /** Makes the people an apply needs (inside its transaction). */
  ensure(resolved: Resolved, name: string | null): string {
    if (resolved.personId) {
      if (resolved.email) rememberEmail(this.ctx.db, resolved.personId, resolved.email);
      return resolved.personId;
    }
    if (!this.create) throw new Error('preview makes nobody');
    const id = this.ctx.newId();
    const displayName = (name && !name.includes('@') ? name : null) ?? resolved.email?.split('@')[0] ?? resolved.handle;
    upsertPerson(
      this.ctx.db,
      {
        id,
        name: displayName.slice(0, 120),
        handle: resolved.handle,
        timeZone: resolved.zone,
        workingHours: defaultBusinessHours,
        businessHours: defaultBusinessHours,
        sleepHours: defaultSleepHours,
      },
      this.ctx.now(),
      this.ctx.deviceId,
    );
    if (resolved.email) rememberEmail(this.ctx.db, id, resolved.email);
    resolved.personId = id;
    return id;
  }
}

function judge(person: Person): { classify: (ms: number) => MomentClass; zone: string } {
  return {
    classify: createClassifier({ timeZone: person.timeZone, working: person.workingHours, sleep: person.sleepHours }),
    zone: person.timeZone,
  };
}

const sameTags = (a: string[], b: string[]): boolean => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** Which lookups can find anything: a store without such pages answers none, so none is asked. */
interface Lookups {
  /** Pages from this platform are stored (a re-import). */
  external: boolean;
  /** Hand-logged pages are stored (an imported page may be one of them). */
  handLogged: boolean;
}

const everyLookup: Lookups = { external: true, handLogged: true };

const has = (ctx: OperationContext, sql: string, ...args: unknown[]): boolean =>
  ctx.db.prepare(sql).get(...args) !== undefined;

/** Whether pages from this platform are stored: asked once, before the write pass. */
const hasExternal = (ctx: OperationContext, source: HistorySource): boolean =>
  has(ctx, 'SELECT 1 FROM pages WHERE external_source = ? LIMIT 1', source);

/**
 * Whether hand-logged pages are stored. The query reads every imported page before it can say
 * no, so it is asked before the write pass and again only when another connection has committed
 * since (`PRAGMA data_version` moves): the app may log a page by hand between two chunks.
 */
function handLoggedWatch(ctx: OperationContext): () => boolean {
  const version = (): number => ctx.db.pragma('data_version', { simple: true }) as number;
  const ask = (): boolean =>
    has(ctx, 'SELECT 1 FROM pages WHERE external_source IS NULL AND deleted_at IS NULL LIMIT 1');
  let seen = version();
  let found = ask();
  return () => {
    const now = version();
    if (!found && now !== seen) found = ask();
    seen = now;
    return found;
  };
}

/** What the import would do with one page, given the store as it is. */
function decide(
  ctx: OperationContext,
  source: HistorySource,
  page: ImportedPage,
  personId: string | null,
  serviceId: string | undefined,
  lookups: Lookups = everyLookup,
): { status: Status; stored: StoredPage | undefined } {
  const stored = lookups.external ? pageByExternalId(ctx.db, source, page.externalId) : undefined;
  if (stored && stored.source === 'manual') {
    // Logged by hand and merged before: only what a merge adds may change.
    const tags = JSON.parse(stored.tags) as string[];
    const same =
      (stored.external_link ?? null) === page.link &&
      (stored.acknowledged_at !== null || page.acknowledgedAt === null) &&
      (stored.resolved_at !== null || page.resolvedAt === null) &&
      (tags.length > 0 || page.tags.length === 0);
    return { status: same ? 'unchanged' : 'updated', stored };
  }
  if (stored) {
    const same =
      stored.person_id === personId &&
      stored.service_id === serviceId &&
      stored.severity === page.severity &&
      stored.summary === page.summary &&
      stored.received_at === page.receivedAt &&
      stored.acknowledged_at === page.acknowledgedAt &&
      stored.resolved_at === page.resolvedAt &&
      (stored.external_link ?? null) === page.link &&
      sameTags(JSON.parse(stored.tags) as string[], page.tags);
    return { status: same ? 'unchanged' : 'updated', stored };
  }
  if (personId && serviceId && lookups.handLogged) {
    const logged = handLoggedPageNear(ctx.db, personId, serviceId, page.receivedAt, mergeWindowMs);
    if (logged) return { status: 'merged', stored: logged };
  }
  return { status: 'new', stored: undefined };
}

function write(
  ctx: OperationContext,
  source: HistorySource,
  page: ImportedPage,
  resolved: Resolved,
  personId: string,
  serviceId: string,
  status: Status,
  stored: StoredPage | undefined,
): BatchPage | null {
  const now = ctx.now();
  const flags = resolved.classify(page.receivedAt);
  if (status === 'new') {
    const write: PageWrite = {
      id: ctx.newId(),
      personId,
      serviceId,
      severity: page.severity,
      summary: page.summary,
      notes: '',
      notesPrivate: false,
      source: 'import',
      triage: null, // not triaged: the triage queue goes through imported pages
      receivedAt: page.receivedAt,
      acknowledgedAt: page.acknowledgedAt,
      resolvedAt: page.resolvedAt,
      zone: resolved.zone,
      sleepHour: flags.sleepHour,
      sleepHourOverridden: false,
      offHours: flags.offHours,
      minutesSpent: null,
      tags: page.tags,
      createdAt: now,
      updatedAt: now,
      deviceId: ctx.deviceId,
      deletedAt: null,
      externalSource: source,
      externalId: page.externalId,
      link: page.link,
    };
    const timeKey = insertPage(ctx.db, write);
    return { ...write, zone: resolved.zone, timeKey };
  }
  if (!stored || status === 'unchanged') return null;
  const current = rowToWrite(stored as PageRow);
  let next: PageWrite;
  if (status === 'merged' || stored.source === 'manual') {
    // The person logged it by hand: their times, summary, triage and notes stay; the platform
    // adds what the hand-logged page lacks and the link back.
    next = {
      ...current,
      acknowledgedAt: current.acknowledgedAt ?? page.acknowledgedAt,
      resolvedAt: current.resolvedAt ?? page.resolvedAt,
      tags: current.tags.length > 0 ? current.tags : page.tags,
      externalSource: source,
      externalId: page.externalId,
      link: page.link,
      updatedAt: now,
      deviceId: ctx.deviceId,
    };
  } else {
    // Re-import: the platform's fields change; what people added here (triage, notes, minutes) stays.
    const moved = current.receivedAt !== page.receivedAt || current.personId !== personId;
    next = {
      ...current,
      personId,
      serviceId,
      severity: page.severity,
      summary: page.summary,
      receivedAt: page.receivedAt,
      acknowledgedAt: page.acknowledgedAt,
      resolvedAt: page.resolvedAt,
      tags: page.tags,
      link: page.link,
      zone: moved ? resolved.zone : current.zone,
      sleepHour: moved && !current.sleepHourOverridden ? flags.sleepHour : current.sleepHour,
      offHours: moved ? flags.offHours : current.offHours,
      updatedAt: now,
      deviceId: ctx.deviceId,
    };
  }
  updatePage(ctx.db, next, stored as PageRow);
  return null;
}

export function runHistoryImport(ctx: OperationContext, input: Input, apply: boolean): HistoryImportOutput {
  try {
    return runChecked(ctx, input, apply);
  } catch (error) {
    if (error instanceof RefusedFile)
      throw new OperationFailure('invalid_input', `files: ${error.message}; nothing was imported`, 'files');
    throw error;
  }
}

/** Where a named column map is kept on this device (settings; it does not sync). */
const columnsKey = (name: string): string => `history.columns.${name.trim().toLowerCase()}`;

/** The input with the column map kept under `columnsName` when only the name is given. */
function withNamedColumns(ctx: OperationContext, input: Input): Input {
  if (input.columnsName === undefined || input.columns !== undefined) return input;
  const kept = getSetting(ctx.db, columnsKey(input.columnsName));
  if (kept === undefined)
    throw new OperationFailure(
      'invalid_input',
      `columnsName: no column map is kept under "${input.columnsName}" (give columns with it once, and apply)`,
      'columnsName',
    );
  return { ...input, columns: kept };
}

function runChecked(ctx: OperationContext, given: Input, apply: boolean): HistoryImportOutput {
  const input = withNamedColumns(ctx, given);
  // A map to nobody is refused before any file is read, whoever in the files it names.
  for (const [key, handle] of Object.entries(input.map ?? {}))
    if (!getPersonByHandle(ctx.db, handle))
      throw new OperationFailure('invalid_input', `map: nobody here has the handle "${handle}" (for ${key})`, 'map');
  const source = chooseFormat(input);
  const severityMap = mergedSeverityMap(input.severityMap);
  if (source === 'csv') columnsOf(input);
  if (!apply) return preview(ctx, source, input, severityMap);

  // Pass 1 reads every file once, refuses a bad one (nothing is stored) and stages its pages;
  // pass 2 writes the staged pages in transactions of chunkSize.
  const staging = new Staging(
    ctx.db,
    input.files.map((file) => file.name),
  );
  try {
    const people = new People(ctx, input.map ?? {}, true);
    const output = emptyOutput(source, true);
    const fileIndex = new Map(input.files.map((file, i) => [file.name, i]));
    readAll(
      source,
      input,
      severityMap,
      (page) => {
        const duplicate = staging.add(page, fileIndex.get(page.file) ?? 0);
        if (duplicate !== null) output.skipped.push({ file: page.file, record: page.record, reason: duplicate });
        else people.resolve(page.person);
      },
      (skip) => output.skipped.push(skip),
    );
    staging.finish();
    writeStaged(ctx, source, input, people, staging, output);
    // Kept for next time once it has worked: `columnsName` alone then finds it.
    if (given.columnsName !== undefined && given.columns !== undefined)
      setSetting(ctx.db, columnsKey(given.columnsName), given.columns);
    return output;
  } finally {
    staging.drop();
  }
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function emptyOutput(source: HistorySource, applied: boolean): HistoryImportOutput {
  return {
    source,
    applied,
    new: 0,
    updated: 0,
    unchanged: 0,
    merged: 0,
    skipped: [],
    people: [],
    firstRows: [],
  };
}

/** Counts one page in the answer, and shows it among the first rows while there is room. */
function count(
  output: HistoryImportOutput,
  firstRows: number,
  page: ImportedPage,
  handle: string,
  status: Status,
): void {
  output[status] += 1;
  if (output.firstRows.length < firstRows)
    output.firstRows.push({
      file: page.file,
      record: page.record,
      externalId: page.externalId,
      status,
      receivedAt: iso(page.receivedAt) ?? '',
      acknowledgedAt: iso(page.acknowledgedAt),
      resolvedAt: iso(page.resolvedAt),
      service: page.service,
      severity: page.severity,
      summary: page.summary,
      person: handle,
      link: page.link,
    });
}

/** history.preview: one pass that decides each page against the store as it is; stores nothing. */
function preview(
  ctx: OperationContext,
  source: HistorySource,
  input: Input,
  severityMap: SeverityMap,
): HistoryImportOutput {
  const people = new People(ctx, input.map ?? {}, false);
  const output = emptyOutput(source, false);
  // Where each id was first seen: a second record with the same id is skipped, never imported twice.
  const seen = new Map<string, { file: string; record: number }>();
  const services = new Map<string, string | undefined>();
  readAll(
    source,
    input,
    severityMap,
    (page) => {
      const first = seen.get(page.externalId);
      if (first !== undefined) {
        const reason = `duplicate id ${page.externalId} (first at ${first.file} record ${first.record})`;
        output.skipped.push({ file: page.file, record: page.record, reason });
        return;
      }
      seen.set(page.externalId, { file: page.file, record: page.record });
      const resolved = people.resolve(page.person);
      let serviceId = services.get(page.service);
      if (!services.has(page.service)) services.set(page.service, (serviceId = findServiceId(ctx.db, page.service)));
      const { status } = decide(ctx, source, page, resolved.personId, serviceId);
      count(output, input.firstRows, page, resolved.handle, status);
    },
    (skip) => output.skipped.push(skip),
  );
  output.people = people.list();
  return output;
}

/** history.apply's write pass: the staged pages, chunk by chunk, each chunk one IMMEDIATE transaction. */
function writeStaged(
  ctx: OperationContext,
  source: HistorySource,
  input: Input,
  people: People,
  staging: Staging,
  output: HistoryImportOutput,
): void {
  const total = staging.count;
  const services = new Map<string, string>();
  let done = 0;
  // Into a store without such pages, no page needs looking up. (A page this import wrote is never
  // looked up again: the first pass skipped every repeated id.)
  const reimport = hasExternal(ctx, source);
  const handLogged = handLoggedWatch(ctx);
  const serviceIdOf = (name: string): string => {
    let id = services.get(name);
    if (id === undefined) {
      id = ensureService(ctx.db, name, ctx.newId, ctx.now(), ctx.deviceId);
      services.set(name, id);
    }
    return id;
  };
  // Many new pages into a store holding fewer (a first import): the bulk path (bulk-pages.ts) —
  // the pages' secondary indexes and the search and rollup triggers dropped, built once at the end.
  // Not while hand-logged pages are stored: finding one near each imported page needs its index;
  // one logged by hand meanwhile ends the bulk load first (the indexes back, then row by row).
  let bulk = staging.count >= bulkFrom && !handLogged() && storedPages(ctx) < staging.count;
  let dropped = false;
  const finishBulk = (): void => {
    if (dropped) finishBulkInChunks(ctx.db);
    bulk = false;
    dropped = false;
  };
  try {
    writeChunks();
    finishBulk();
  } catch (error) {
    // Whatever committed stays (it is in the store); its indexes are put back now, or on next open.
    try {
      if (dropped) ctx.db.transaction(() => rebuildPendingPageIndexes(ctx.db)).immediate();
    } catch {
      // the import's own error is the one to report
    }
    throw error;
  }
  output.people = people.list();

  function writeChunks(): void {
    for (let pages = staging.next(chunkSize); pages.length > 0; pages = staging.next(chunkSize)) {
      if (bulk && handLogged()) finishBulk();
      // Logged by hand between that look and the chunk's lock: the indexes first, then the chunk.
      if (!writeChunk(pages)) {
        finishBulk();
        writeChunk(pages);
      }
      done += pages.length;
      ctx.onProgress?.({ phase: 'importing', done, total });
    }
  }

  /** Writes one chunk in one transaction; false (nothing written) when a bulk load must end first. */
  function writeChunk(pages: ImportedPage[]): boolean {
    return ctx.db
      .transaction(() => {
        const lookups = { external: reimport, handLogged: handLogged() };
        if (bulk && lookups.handLogged) return false;
        if (bulk && !dropped) {
          dropPageIndexesForBulk(ctx.db);
          dropped = true;
        }
        // New pages go to the search index, the outbox and the rollups once for the chunk.
        insertingPagesInBatch(ctx.db, (added) => {
          for (const page of pages) {
            const resolved = people.resolve(page.person);
            const personId = people.ensure(resolved, page.person.name);
            const serviceId = serviceIdOf(page.service);
            const { status, stored } = decide(ctx, source, page, personId, serviceId, lookups);
            const inserted = write(ctx, source, page, resolved, personId, serviceId, status, stored);
            if (inserted) added.push(inserted);
            count(output, input.firstRows, page, resolved.handle, status);
          }
        });
        return true;
      })
      .immediate();
  }
}
