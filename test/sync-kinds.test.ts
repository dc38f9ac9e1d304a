// The table of record kinds that sync (electron/sync/kinds): every kind has one module, every
// repository path one owner, the naming rules are one, and a postmortem read and written through
// the store is exactly what the operations export and import.

import { describe, expect, it } from 'vitest';
import { readPostmortemFile, writePostmortemFile } from '../shared/domain/postmortem/file';
import { nameHash, namedPaths } from '../shared/domain/repository/naming';
import { recordKinds, type RecordKind } from '../shared/sync-contract';
import { readPostmortemRecord, writePostmortemRecord } from '../electron/store/postmortem-records';
import {
  describeCounts,
  kindOfFile,
  kindOfRecord,
  noCounts,
  queueEverythingSql,
  syncKinds,
} from '../electron/sync/kinds';
import { NamedFiles } from '../electron/sync/naming';
import { invokeOk, tempWorkstation } from './helpers';

const now = Date.parse('2026-11-09T10:00:00.000Z');

describe('the table of record kinds', () => {
  it('has exactly one module for every record kind, and every count starts at zero', () => {
    for (const kind of Object.keys(recordKinds) as RecordKind[]) {
      expect(syncKinds.filter((k) => k.records.some((r) => r.kind === kind))).toHaveLength(1);
      expect(kindOfRecord(kind)).not.toBeNull();
      expect(queueEverythingSql).toContain(`'${kind}'`);
    }
    expect(Object.keys(noCounts()).sort()).toEqual(Object.values(recordKinds).sort());
    expect(kindOfRecord('mood')).toBeNull();
  });

  it('gives every file of the repository one kind, and none to files it does not read', () => {
    const owners: Record<string, string | null> = {
      'team.yaml': 'team.yaml',
      'pages/2026/11/ann.jsonl': 'pages/',
      'toil/2026/11/ann.jsonl': 'toil/',
      'rotations/search.yaml': 'rotations/',
      'holidays/payments-1a2b3c4d.yaml': 'holidays/',
      'postmortems/2026-11-08-pool-exhaustion-abcdef.md': 'postmortems/',
      'templates/lean.md': 'templates/',
      'README.md': null,
      'pages/2026/11/Ann.jsonl': null,
      'slos/checkout.yaml': 'slos/',
      'sli/checkout/2026-11.jsonl': 'sli/',
      'sli/checkout/2026-13.jsonl': null,
    };
    for (const [file, owner] of Object.entries(owners)) {
      expect(syncKinds.filter((k) => k.owns(file)).length, file).toBe(owner ? 1 : 0);
      expect(kindOfFile(file)?.name ?? null, file).toBe(owner);
    }
  });

  it('says what a commit sends with a person’s own records first', () => {
    expect(describeCounts({ ...noCounts(), people: 1, pages: 1 })).toBe('1 page, 1 person');
    expect(describeCounts({ ...noCounts(), holidays: 2, toil: 3, templates: 1 })).toBe(
      "3 toil entries, 1 template, 2 teams' holidays",
    );
    expect(describeCounts(noCounts())).toBe('');
  });
});

describe('naming files after a record, once for every kind', () => {
  it('slugs the name, and tells apart names that slug alike by a hash of the name', () => {
    expect(namedPaths('rotations', 'Payments EU')).toEqual([
      'rotations/payments-eu.yaml',
      `rotations/payments-eu-${nameHash('Payments EU')}.yaml`,
    ]);
    expect(nameHash('Payments EU')).not.toBe(nameHash('Payments-EU'));
    expect(nameHash('Payments EU')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('gives a new name the plain file unless another record has it, and a file counts only for the name inside it', () => {
    const texts = new Map<string, string>([['rotations/payments-eu.yaml', 'Payments-EU']]);
    const files = new NamedFiles<{ name: string }>({
      paths: (r) => namedPaths('rotations', r.name),
      nameOf: (r) => r.name,
      read: (_file, text) => ({ records: [{ name: text }] }),
      current: (file) => texts.get(file) ?? null,
    });
    expect(files.fileOf({ name: 'Payments-EU' })).toBe('rotations/payments-eu.yaml');
    expect(files.fileOf({ name: 'Payments EU' })).toBe(`rotations/payments-eu-${nameHash('Payments EU')}.yaml`);
    expect(files.fileOf({ name: 'Search' })).toBe('rotations/search.yaml');
    // Another new name slugging like one just given a file in this sync takes the hashed path.
    expect(files.fileOf({ name: 'search' })).toBe(`rotations/search-${nameHash('search')}.yaml`);
    expect(files.versionIn('rotations/payments-eu.yaml', 'Payments-EU', 'Payments EU')).toBeNull();
    expect(files.versionIn('rotations/payments-eu.yaml', 'Payments-EU', 'Payments-EU')).toEqual({
      name: 'Payments-EU',
    });
    files.arrived('Checkout', 'rotations/checkout-00000000.yaml');
    expect(files.fileOf({ name: 'Checkout' })).toBe('rotations/checkout-00000000.yaml');
  });
});

describe('postmortems between the store and the repository, without the operations', () => {
  function postmortemWithEverything() {
    const ws = tempWorkstation({ now: () => now });
    const page = invokeOk(ws, 'pages.add', {
      service: 'checkout',
      severity: 1,
      summary: 'connection pool exhausted',
      receivedAt: '2026-11-08T02:21:00.000Z',
    });
    const incident = invokeOk(ws, 'incidents.create', { pages: [page.id], title: 'Pool exhaustion', severity: 1 });
    const pm = invokeOk(ws, 'postmortems.create', { incident: incident.id });
    invokeOk(ws, 'actions.save', {
      postmortem: pm.id,
      title: 'Alert on pool saturation',
      owner: 'ann',
      due: '2026-12-01',
    });
    invokeOk(ws, 'postmortems.update', { id: pm.id, status: 'review' });
    return { ws, id: pm.id };
  }

  it('reads a postmortem as exactly the record its exported file holds', () => {
    const { ws, id } = postmortemWithEverything();
    const exported = readPostmortemFile(invokeOk(ws, 'postmortems.export', { id }).markdown);
    expect(readPostmortemRecord(ws.ctx.db, id)).toEqual({ meta: exported.meta, body: exported.body });
    expect(readPostmortemRecord(ws.ctx.db, 'no-such-postmortem')).toBeNull();
  });

  it('stores a record as importing its file does', () => {
    const { ws, id } = postmortemWithEverything();
    const record = readPostmortemRecord(ws.ctx.db, id);
    if (!record) throw new Error('no record');
    const changed = {
      meta: { ...record.meta, title: 'Pool exhaustion at night', updated: '2026-11-10T08:00:00.000Z' },
      body: `${record.body}\nOne more line.\n`,
    };
    const viaOperation = tempWorkstation({ now: () => now });
    const viaStore = tempWorkstation({ now: () => now });
    for (const ws2 of [viaOperation, viaStore]) {
      invokeOk(ws2, 'postmortems.import', { markdown: writePostmortemFile(record.meta, record.body) });
    }
    invokeOk(viaOperation, 'postmortems.import', { markdown: writePostmortemFile(changed.meta, changed.body) });
    viaStore.ctx.db.transaction(() => writePostmortemRecord(viaStore.ctx, changed))();
    const exported = (w: typeof ws) => invokeOk(w, 'postmortems.export', { id }).markdown;
    expect(exported(viaStore)).toBe(exported(viaOperation));
    expect(invokeOk(viaStore, 'postmortems.revisions', { id })).toEqual(
      invokeOk(viaOperation, 'postmortems.revisions', { id }),
    );
    expect(() => writePostmortemRecord(viaStore.ctx, { meta: changed.meta, body: 'No sections at all.\n' })).toThrow(
      /no sections found/,
    );
  });
});
