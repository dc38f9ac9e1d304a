// Two editors on one postmortem (two windows, a browser tab on `oncall serve`, two processes on
// one store): a save edited from an older text merges line by line with what was stored since;
// where the same lines changed, neither text is lost — one is stored, the other is in the
// conflict log and can be put back. And the editor's side: a newer text folded into what was
// typed meanwhile.

import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { changesBetween, foldIn } from '../renderer/views/postmortems/fold-in';
import { invoke, invokeOk, tempWorkstation } from './helpers';

const start = '## What Happened\n\nThe pool filled.\n\nThe queue backed up.\n\n## Why It Happened\n\nLoad.\n';

function opened() {
  const ws = tempWorkstation();
  const pm = invokeOk(ws, 'postmortems.create', { title: 'Pool exhaustion' });
  const first = invokeOk(ws, 'postmortems.save', { id: pm.id, body: start, baseVersion: pm.textVersion ?? 0 });
  return { ws, id: pm.id, version: first.textVersion ?? -1 };
}

describe('two editors saving one postmortem', () => {
  it('merges a save edited from an older text with the lines another editor saved since', () => {
    const { ws, id, version } = opened();
    const ann = start.replace('The pool filled.', 'The pool filled at 03:12 (Ann).');
    const bo = start.replace('Load.', 'Load from the nightly batch (Bo).');
    const first = invokeOk(ws, 'postmortems.save', { id, body: ann, baseVersion: version });
    expect(first.outcome).toBe('saved');
    const second = invokeOk(ws, 'postmortems.save', { id, body: bo, baseVersion: version });
    expect(second.outcome).toBe('merged');
    const stored = invokeOk(ws, 'postmortems.get', { id }).body;
    expect(stored).toContain('The pool filled at 03:12 (Ann).');
    expect(stored).toContain('Load from the nightly batch (Bo).');
    expect(second.body).toBe(stored);
    expect(invokeOk(ws, 'postmortems.version', { id }).textVersion).toBe(second.textVersion);
    expect(invokeOk(ws, 'repo.conflicts', {})).toEqual([]);
  });

  it('merges two people typing into one section on lines apart', () => {
    const { ws, id, version } = opened();
    const ann = start.replace('The pool filled.', 'The pool filled.\nAnn: alarms fired late.');
    const bo = start.replace('The queue backed up.', 'The queue backed up.\nBo: retries doubled the load.');
    invokeOk(ws, 'postmortems.save', { id, body: ann, baseVersion: version });
    invokeOk(ws, 'postmortems.save', { id, body: bo, baseVersion: version });
    const stored = invokeOk(ws, 'postmortems.get', { id }).body;
    expect(stored).toContain('Ann: alarms fired late.');
    expect(stored).toContain('Bo: retries doubled the load.');
  });

  it('where the same lines changed, keeps the later save and sets the other aside to be put back', () => {
    const { ws, id, version } = opened();
    const ann = start.replace('The pool filled.', 'The pool filled (Ann’s words).');
    const bo = start.replace('The pool filled.', 'The pool ran dry (Bo’s words).');
    invokeOk(ws, 'postmortems.save', { id, body: ann, baseVersion: version });
    const clash = invokeOk(ws, 'postmortems.save', { id, body: bo, baseVersion: version });
    expect(clash.outcome).toBe('clash');
    expect(invokeOk(ws, 'postmortems.get', { id }).body).toBe(bo);
    const [conflict] = invokeOk(ws, 'repo.conflicts', {});
    expect(conflict).toMatchObject({ kind: 'postmortem', key: id, field: 'body', lost: ann });
    invokeOk(ws, 'repo.resolveConflict', { id: conflict?.id ?? 0, action: 'restore' });
    expect(invokeOk(ws, 'postmortems.get', { id }).body).toBe(ann);
  });

  it('a save without a base version, or from the version stored, is stored as sent', () => {
    const { ws, id, version } = opened();
    const next = invokeOk(ws, 'postmortems.save', { id, body: `${start}more\n`, baseVersion: version });
    expect(next.outcome).toBe('saved');
    expect(next.textVersion).toBe(version + 1);
    invokeOk(ws, 'postmortems.save', { id, body: 'plain\n' });
    expect(invokeOk(ws, 'postmortems.get', { id }).body).toBe('plain\n');
  });

  it('names an unknown postmortem when asked for its version', () => {
    const ws = tempWorkstation();
    const result = invoke(ws, 'postmortems.version', { id: '0190d7a0-0000-7000-8000-000000000000' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('not_found');
  });
});

describe('folding a newer text into the editor', () => {
  it('keeps what was typed while the save was on its way, and the other editor’s lines', () => {
    const sent = 'one\ntwo\nthree\n';
    const stored = 'one (Bo)\ntwo\nthree\n';
    const typed = 'one\ntwo\nthree\nfour (Ann, typing)\n';
    expect(foldIn(sent, stored, typed)).toBe('one (Bo)\ntwo\nthree\nfour (Ann, typing)\n');
    expect(foldIn(sent, stored, sent)).toBe(stored);
    expect(foldIn(sent, sent, typed)).toBe(typed);
  });

  it('changes only what differs, so a cursor after the change stays on its word', () => {
    const before = 'alpha beta gamma';
    const after = 'alpha NEW beta gamma';
    const changes = changesBetween(before, after);
    const cursor = before.indexOf('gamma');
    expect(changes.mapPos(cursor)).toBe(after.indexOf('gamma'));
    expect(changes.apply(Text.of([before])).toString()).toBe(after);
  });
});
