// Postmortems: `postmortems/<yyyy-mm-dd>-<slug>-<id6>.md` (the name first written, whatever
// happens to the title later), front matter + the sections. Action items merge element by
// element; the text line by line (git merge-file), and where the same lines changed the later
// text stays and the other goes to the conflict log for its author.

import {
  postmortemPath,
  readPostmortem,
  writePostmortem,
  type PostmortemRecord,
} from '../../../shared/domain/repository/format';
import {
  isOursLater,
  mergeActionItems,
  mergeRecord,
  mirrorActionItems,
  type FieldConflict,
  type Flat,
} from '../../../shared/domain/repository/merge';
import { z } from 'zod';
import { frontMatter } from '../../../shared/domain/postmortem/file';
import { withField } from '../../../shared/domain/repository/restore';
import { notFound, OperationFailure } from '../../../shared/failure';
import { readPostmortemRecord, writePostmortemRecord } from '../../store/postmortem-records';
import { getPostmortemRow, saveBody, updatePostmortemRow } from '../../store/postmortems';
import type { SyncContext } from '../context';
import { mergeText } from '../files';
import { plural, type SetAside, type SyncKind } from './kind';

const flat = (r: PostmortemRecord): Flat => ({ ...r.meta, body: r.body });
const unflat = (f: Flat): PostmortemRecord => {
  const { body, ...meta } = f;
  return { meta: meta as PostmortemRecord['meta'], body: String(body ?? '') };
};

/** An action item's field (`actionItems.<id>.owner`) or the items' order put back, as a new edit. */
function restoreActionItems(ctx: SyncContext, { key, field, lost, now }: SetAside): boolean {
  const record = readPostmortemRecord(ctx.db, key);
  if (!record) throw notFound('postmortem', key);
  const meta = withField(record.meta, field, lost, { actionItems: 'id' });
  if (!meta)
    throw new OperationFailure(
      'invalid_input',
      `id: ${field} is no longer in postmortem ${key}; the set-aside value is ${JSON.stringify(lost)}`,
      'id',
    );
  let parsed: PostmortemRecord['meta'];
  try {
    parsed = frontMatter.parse({ ...meta, updated: now });
  } catch (error) {
    const message = error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : (error as Error).message;
    throw new OperationFailure('invalid_input', `id: the set-aside ${field} cannot go back: ${message}`, 'id');
  }
  writePostmortemRecord(ctx, {
    meta: parsed,
    body: mirrorActionItems(record.body, record.meta.actionItems, parsed.actionItems),
  });
  return true;
}

/** The text, the title, the status or action items put back as a new edit of the postmortem. */
function restore(ctx: SyncContext, value: SetAside): boolean {
  const { key, field, lost } = value;
  if (field === 'actionItems order' || field.startsWith('actionItems.')) return restoreActionItems(ctx, value);
  if (field !== 'body' && field !== 'title' && field !== 'status') return false;
  const current = getPostmortemRow(ctx.db, key);
  if (!current || current.deleted_at !== null) throw notFound('postmortem', key);
  const now = ctx.now();
  if (field === 'body') {
    saveBody(ctx.db, key, String(lost ?? ''), now);
    return true;
  }
  const title = field === 'title' ? ((lost as string | null) ?? current.title) : current.title;
  const status = field === 'status' ? ((lost as typeof current.status | null) ?? current.status) : current.status;
  updatePostmortemRow(
    ctx.db,
    {
      ...current,
      title,
      status,
      updated_at: now,
      published_at: status === 'published' ? (current.published_at ?? now) : null,
    },
    ctx.deviceId,
  );
  return true;
}

export const postmortems: SyncKind<PostmortemRecord> = {
  name: 'postmortems/',
  records: [{ kind: 'postmortem', noun: plural('postmortem', 'postmortems'), rank: 2 }],
  owns: (file) => /^postmortems\/[^/]+\.md$/.test(file),
  read: readPostmortem,
  queueAll: "INSERT INTO sync_outbox (kind, key) SELECT 'postmortem', id FROM postmortems WHERE deleted_at IS NULL",
  restore,
  start(run) {
    const { ctx, db, repo } = run;
    const incoming = new Map<string, { record: PostmortemRecord; file: string }>();
    const remember = (id: string, file: string): void => {
      db.prepare("INSERT OR REPLACE INTO sync_paths (kind, key, path) VALUES ('postmortem', ?, ?)").run(id, file);
    };
    /** The file a postmortem was first written to. */
    const knownFile = (id: string): string | null => {
      const row = db.prepare("SELECT path FROM sync_paths WHERE kind = 'postmortem' AND key = ?").get(id) as
        { path: string } | undefined;
      return row?.path ?? null;
    };
    /**
     * Two files with one id: both are named, and the first by path is the one that counts — the
     * same on every device, whichever arrived first.
     */
    const duplicate = (
      id: string,
      a: string,
      aRecord: PostmortemRecord,
      b: string,
      bRecord: PostmortemRecord,
    ): void => {
      const [first, second] = a < b ? [a, b] : [b, a];
      run.problems.push(
        { file: first, line: 1, message: `postmortem ${id} is also in ${second}; this file (first by path) is kept` },
        { file: second, line: 1, message: `postmortem ${id} is also in ${first}; skipped (the first by path is kept)` },
      );
      incoming.set(id, a < b ? { record: aRecord, file: a } : { record: bRecord, file: b });
    };
    return {
      receive(file, records) {
        for (const record of records) {
          const id = record.meta.id;
          const seen = incoming.get(id);
          if (!seen) {
            // Another file of the repository, unchanged since the last sync, may hold this id already.
            const known = knownFile(id);
            const knownText = known && known !== file ? repo.current(known) : null;
            const other = known && knownText ? readPostmortem(known, knownText).records[0] : undefined;
            incoming.set(id, { record, file });
            if (known && other?.meta.id === id) duplicate(id, known, other, file, record);
            continue;
          }
          duplicate(id, seen.file, seen.record, file, record);
        }
      },
      merge() {
        const queued = run.outbox.of('postmortem');
        const toImport: PostmortemRecord[] = [];
        const toWrite = new Map<string, { record: PostmortemRecord; file: string }>();
        let received = 0;
        for (const id of queued.keys()) {
          const stored = readPostmortemRecord(db, id);
          if (!stored) continue;
          const file = incoming.get(id)?.file ?? knownFile(id) ?? postmortemPath(stored.meta);
          const theirsText = repo.current(file);
          const theirsRecord =
            incoming.get(id)?.record ?? (theirsText ? (readPostmortem(file, theirsText).records[0] ?? null) : null);
          const baseText = repo.baseOf(file);
          const baseRecord = baseText ? (readPostmortem(file, baseText).records[0] ?? null) : null;
          // Action items (front matter) merge element by element by id first; every version then
          // carries the merged list, and its action section (where it mirrors its own list) too, so
          // that section never clashes line by line below.
          const items = theirsRecord
            ? mergeActionItems(
                baseRecord?.meta.actionItems ?? null,
                stored.meta.actionItems,
                theirsRecord.meta.actionItems,
                isOursLater(flat(stored), flat(theirsRecord), 'updated'),
              )
            : null;
          const withItems = (r: PostmortemRecord | null): PostmortemRecord | null =>
            r && items
              ? {
                  meta: { ...r.meta, actionItems: items.result },
                  body: mirrorActionItems(r.body, r.meta.actionItems, items.result),
                }
              : r;
          const ours = withItems(stored) ?? stored;
          const t = withItems(theirsRecord);
          const b = withItems(baseRecord);
          const flatOurs = flat(ours);
          const flatTheirs = t ? flat(t) : null;
          const flatBase = b ? flat(b) : null;
          // The text: a line-level three-way merge when both changed it; if that fails, the later
          // edit's text stays and the other is kept in the conflict log for the author.
          let bodyConflict: FieldConflict | null = null;
          if (flatTheirs && flatBase && ours.body !== t?.body && ours.body !== b?.body && t?.body !== b?.body) {
            const merged = mergeText(b?.body ?? '', ours.body, t?.body ?? '');
            if (merged !== null) {
              flatOurs.body = merged;
              flatTheirs.body = merged;
            } else {
              const oursLater = String(ours.meta.updated ?? '') >= String(t?.meta.updated ?? '');
              bodyConflict = {
                field: 'body',
                kept: oursLater ? ours.body : t?.body,
                lost: oursLater ? t?.body : ours.body,
                lostSide: oursLater ? 'theirs' : 'ours',
              };
              flatOurs.body = bodyConflict.kept;
              flatTheirs.body = bodyConflict.kept;
            }
          }
          const { result, conflicts: found } = mergeRecord(flatBase, flatOurs, flatTheirs, { updatedField: 'updated' });
          if (items) found.push(...items.conflicts);
          if (bodyConflict) found.push(bodyConflict);
          for (const c of found) run.conflicts.push({ kind: 'postmortem', key: id, conflict: c });
          const merged = unflat(result);
          toWrite.set(id, { record: merged, file });
          if (writePostmortem(merged) !== writePostmortem(stored)) toImport.push(merged);
        }
        for (const [id, { record, file }] of incoming) {
          remember(id, file);
          if (queued.has(id)) continue;
          const local = readPostmortemRecord(db, id);
          if (!local || writePostmortem(local) !== writePostmortem(record)) {
            toImport.push(record);
            received += 1;
          }
        }
        return {
          sent: { postmortems: toWrite.size },
          received: { postmortems: received },
          importing: toImport.length,
          import(io) {
            io.each(
              toImport,
              'postmortem',
              (p) => p.meta.id,
              (p) => {
                try {
                  writePostmortemRecord(ctx, p);
                } catch (error) {
                  throw new Error(`postmortem ${p.meta.id}: ${(error as Error).message}`);
                }
              },
            );
          },
          write() {
            const written: string[] = [];
            for (const [id, { record, file }] of toWrite) {
              if (!repo.write(file, writePostmortem(record))) {
                run.notWritten('postmortem', id);
                continue;
              }
              remember(id, file);
              written.push(file);
            }
            return written;
          },
        };
      },
    };
  },
};
