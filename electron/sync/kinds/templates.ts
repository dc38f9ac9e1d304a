// The team's postmortem templates: `templates/<name>.md`, exactly as saved. Changed on two
// devices, a template is merged line by line; where that fails (or leaves no sections) this
// device's text stays and the other goes to the conflict log.

import type { Database } from 'better-sqlite3';
import { parseTemplate } from '../../../shared/domain/postmortem/templates';
import { upsertTemplate } from '../../store/postmortems';
import { mergeText } from '../files';
import { plural, type SyncKind } from './kind';

export interface TemplateFile {
  name: string;
  markdown: string;
}

const pathOf = (name: string): string => `templates/${name}.md`;
const nameOf = (file: string): string => file.slice('templates/'.length, -'.md'.length);

function readLocal(db: Database, name: string): string | null {
  return (
    (db.prepare('SELECT markdown FROM postmortem_templates WHERE name = ? AND deleted_at IS NULL').pluck().get(name) as
      string | undefined) ?? null
  );
}

export const templates: SyncKind<TemplateFile> = {
  name: 'templates/',
  records: [{ kind: 'template', noun: plural('template', 'templates'), rank: 4 }],
  owns: (file) => /^templates\/[a-z0-9][a-z0-9-]{0,39}\.md$/.test(file),
  // Checked when it is taken (a template this device keeps its own text for is not).
  read: (file, text) => ({ records: [{ name: nameOf(file), markdown: text }], problems: [] }),
  queueAll:
    "INSERT INTO sync_outbox (kind, key) SELECT 'template', name FROM postmortem_templates WHERE deleted_at IS NULL",
  restore(ctx, { key, field, lost }) {
    if (field !== 'markdown') return false;
    parseTemplate(key, String(lost ?? ''));
    upsertTemplate(ctx.db, key, String(lost ?? ''), ctx.now(), ctx.deviceId);
    return true;
  },
  start(run) {
    const { db, repo } = run;
    const arrived: { file: string; template: TemplateFile }[] = [];
    const valid = (name: string, text: string, file: string): boolean => {
      try {
        parseTemplate(name, text);
        return true;
      } catch (error) {
        run.problems.push({ file, line: 0, message: (error as Error).message });
        return false;
      }
    };
    return {
      receive(file, records) {
        for (const template of records) arrived.push({ file, template });
      },
      merge() {
        const queued = run.outbox.of('template');
        const toImport: TemplateFile[] = [];
        const toWrite = new Map<string, string>();
        let received = 0;
        for (const { file, template } of arrived) {
          if (queued.has(template.name)) continue;
          if (template.markdown === readLocal(db, template.name) || !valid(template.name, template.markdown, file))
            continue;
          toImport.push(template);
          received += 1;
        }
        for (const name of queued.keys()) {
          const ours = readLocal(db, name);
          if (ours === null) continue;
          const file = pathOf(name);
          const theirs = repo.current(file);
          const base = repo.baseOf(file);
          let merged = ours;
          if (theirs !== null && theirs !== ours && theirs !== base && base !== ours) {
            const text = base === null ? null : mergeText(base, ours, theirs);
            if (text !== null && valid(name, text, file)) merged = text;
            else
              run.conflicts.push({
                kind: 'template',
                key: name,
                conflict: { field: 'markdown', kept: ours, lost: theirs, lostSide: 'theirs' },
              });
          } else if (theirs !== null && ours === base) merged = theirs;
          toWrite.set(name, merged);
          if (merged !== ours) toImport.push({ name, markdown: merged });
        }
        return {
          sent: { templates: toWrite.size },
          received: { templates: received },
          importing: toImport.length,
          import(io) {
            io.each(
              toImport,
              'template',
              (t) => t.name,
              (t) => upsertTemplate(db, t.name, t.markdown, io.now, run.ctx.deviceId),
            );
          },
          write() {
            const written: string[] = [];
            for (const [name, markdown] of toWrite) {
              if (repo.write(pathOf(name), markdown)) written.push(pathOf(name));
              else run.notWritten('template', name);
            }
            return written;
          },
        };
      },
    };
  },
};
