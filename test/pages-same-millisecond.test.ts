// More than 1,024 pages received in the same millisecond (a pinned clock, an alert storm imported
// with one timestamp): a page's time key has 1,024 places per millisecond, and the 1,025th page
// was refused as an internal error — both when logged and when a sync brought it in, so the
// whole sync failed. All of them are stored, listed and synced to another device.

import { describe, expect, it } from 'vitest';
import type { Page } from '../shared/contract';
import type { Workstation } from '../electron/workstation';
import { bareRepository } from './git-helpers';
import { invokeOk, tempWorkstation, testNow } from './helpers';

/** A device whose clock stands still: every page logged without a time is received at the same millisecond. */
function frozenDevice(handle: string): Workstation {
  const ws = tempWorkstation({ now: () => testNow });
  const me = invokeOk(ws, 'people.save', { name: handle.toUpperCase(), handle, timeZone: 'UTC' });
  invokeOk(ws, 'me.set', { id: me.id });
  return ws;
}

/** Every page the list shows, a thousand at a time (newest first). */
function allPages(ws: Workstation): Page[] {
  const pages: Page[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = invokeOk(ws, 'pages.list', { limit: 1000, ...(cursor ? { cursor } : {}) });
    pages.push(...page.pages);
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

describe('more than 1,024 pages received in one millisecond', () => {
  it('are all stored, listed, synced and received by a second device', () => {
    const count = 2000;
    const ann = frozenDevice('ann');
    for (let i = 0; i < count; i++) {
      invokeOk(ann, 'pages.add', { service: 'checkout', severity: 2, summary: `storm ${i}` });
    }
    const listed = allPages(ann);
    expect(new Set(listed.map((p) => p.summary)).size).toBe(count);
    expect(new Set(listed.map((p) => p.receivedAt))).toEqual(new Set([new Date(testNow).toISOString()]));

    const remote = bareRepository();
    invokeOk(ann, 'repo.connect', { url: remote });
    const sent = invokeOk(ann, 'repo.sync', {});
    expect(sent).toMatchObject({ ok: true, problems: [] });
    expect(sent.sent.pages).toBe(count);

    const bo = frozenDevice('bo');
    invokeOk(bo, 'repo.connect', { url: remote });
    const received = invokeOk(bo, 'repo.sync', {});
    expect(received).toMatchObject({ ok: true, problems: [] });
    expect(received.received.pages).toBe(count);
    const arrived = allPages(bo);
    expect(arrived.map((p) => p.id).sort()).toEqual(listed.map((p) => p.id).sort());
    expect(invokeOk(bo, 'pages.list', { limit: 1, query: `storm ${count - 1}` }).pages).toHaveLength(1);
  }, 60_000);
});
