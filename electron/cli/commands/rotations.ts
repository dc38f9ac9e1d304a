// `oncall rotation …`, `oncall override …` and `oncall now`: who is on call when.

import { teamFinalSchedules, type TeamFinalSchedule } from '../../../shared/domain/final-schedule';
import type { ShiftView } from '../../../shared/rotation-contract';
import { customCommand, listText, operationCommand, UsageError, type Command } from '../command';
import { calendarName, fetchFeed, isFeedUrl, readTextFile } from '../files';
import type { Parsed } from '../flags';

const shiftLine = (s: ShiftView): string =>
  [s.rotation, s.layer, `@${s.handle}`, s.startsAt, s.endsAt, s.overrideId ? 'override' : ''].join('\t').trimEnd();

const rotationName = { name: 'NAME', field: 'rotation', many: true, help: 'the rotation' } as const;
const units = { h: 'hours', d: 'days', w: 'weeks' } as const;

function rotationInput(p: Parsed): Record<string, unknown> {
  const only = p.str('only');
  const window = only === undefined ? undefined : /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(only);
  if (only !== undefined && !window)
    throw new UsageError('--only: give the daily window as HH:MM-HH:MM, e.g. 09:00-17:00');
  const every = /^(\d+)\s*(h|d|w)$/i.exec(p.str('every') ?? '');
  if (!every) throw new UsageError('--every: give the shift length, e.g. 1w, 3d or 12h');
  return {
    name: p.positionals.join(' '),
    timeZone: p.str('zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    start: p.str('start'),
    shiftLength: Number(every[1]),
    shiftUnit: units[(every[2] ?? 'w').toLowerCase() as keyof typeof units],
    layer: p.str('layer'),
    team: p.str('team'),
    restriction: window
      ? {
          start: window[1] ?? '',
          end: window[2] ?? '',
          days: p.has('weekdays') ? [1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7],
        }
      : undefined,
    members: [...(p.items('members') ?? []).map((handle) => ({ handle })), ...p.all('member').map(memberSpan)],
  };
}

/** `--member ann:2026-01-01..2026-06-30` (either date may be left out: `ann:..2026-06-30`, `ann:2026-01-01..`). */
function memberSpan(text: string): { handle: string; from?: string | null; until?: string | null } {
  const match = /^([^:]+)(?::(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?)?$/.exec(text.trim());
  if (!match?.[1])
    throw new UsageError(
      `--member: write it as handle:YYYY-MM-DD..YYYY-MM-DD (either date may be left out), not "${text}"`,
    );
  return { handle: match[1].trim(), from: match[2] ?? null, until: match[3] ?? null };
}

/** `--map "Name in the feed=handle"`, repeated. */
function feedMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`--map: write it as "Name in the feed=handle", not "${pair}"`);
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

const isDate = (text: string): boolean => Number.isFinite(Date.parse(text));

/** An instant as a person reads it in their zone: "Wed 25 Nov, 10:00". */
const localTime = (ms: number, zone: string): string =>
  new Date(ms).toLocaleString('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

/** One team's final schedule as lines: each stretch in my zone, overrides marked, gaps named. */
function finalLines(schedule: TeamFinalSchedule, fromMs: number, toMs: number, zone: string): string[] {
  const lines = [`${schedule.team ?? 'Rotations without a team'} (${schedule.rotations.join(', ')}):`];
  const span = (a: number, b: number): string => `${localTime(a, zone)} – ${localTime(b, zone)}`;
  let covered = fromMs;
  for (const s of schedule.stretches) {
    if (s.startMs > covered) lines.push(`  ${span(covered, s.startMs)}\tnobody on call`);
    lines.push(`  ${span(s.startMs, s.endMs)}\t@${s.personId}\t${s.rotation}${s.overrideId ? '\toverride' : ''}`);
    covered = s.endMs;
  }
  if (covered < toMs) lines.push(`  ${span(covered, toMs)}\tnobody on call`);
  return lines;
}

const rotationFinal = customCommand({
  words: ['rotation', 'final'],
  summary: "Who is actually paged first, after layers and overrides: each team's final schedule, in my zone.",
  operations: ['rotations.shifts', 'rotations.list', 'app.info'],
  flags: [
    { name: 'from', value: 'ISO', field: 'from', help: 'from (default now)' },
    { name: 'to', value: 'ISO', field: 'to', help: 'to (default 2 weeks after from)' },
  ],
  run(ctx, p) {
    const from = p.str('from') ?? new Date(ctx.workstation().ctx.now()).toISOString();
    // A --from that is no date is left for the check to name.
    const to = p.str('to') ?? (isDate(from) ? new Date(Date.parse(from) + 14 * 86_400_000).toISOString() : from);
    const range = ctx.check('rotations.shifts', { from, to });
    const rotations = ctx.invoke('rotations.list', {});
    const zone = ctx.invoke('app.info', {}).me.timeZone;
    const fromMs = Date.parse(range.from);
    const toMs = Date.parse(range.to);
    const schedules = teamFinalSchedules(rotations, ctx.invoke('rotations.shifts', range), fromMs, toMs);
    const output = {
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      timeZone: zone,
      schedules: schedules.map((schedule) => ({
        team: schedule.team,
        rotations: schedule.rotations,
        stretches: schedule.stretches.map((s) => ({
          handle: s.personId,
          startsAt: new Date(s.startMs).toISOString(),
          endsAt: new Date(s.endMs).toISOString(),
          rotation: s.rotation,
          layer: s.layer,
          overrideId: s.overrideId,
        })),
      })),
    };
    ctx.print(output, () =>
      schedules.length === 0
        ? 'No rotations yet (oncall rotation add, or oncall rotation import).'
        : [
            `Final schedule, ${localTime(fromMs, zone)} – ${localTime(toMs, zone)} (${zone}):`,
            ...schedules.flatMap((schedule) => finalLines(schedule, fromMs, toMs, zone)),
          ],
    );
    return 0;
  },
});

const rotationImport = customCommand({
  words: ['rotation', 'import'],
  summary: 'Import a rotation from an iCalendar file or feed; shows the change first, --apply stores it.',
  operations: ['rotations.import'],
  args: [
    { name: 'NAME', field: 'rotation', missing: 'give the rotation name and the .ics file', help: 'the rotation' },
    { name: 'FILE', field: 'ics', missing: 'give the .ics file (quote a name with spaces)', help: '.ics file or URL' },
  ],
  flags: [
    { name: 'map', value: '"Ann B=ann"', multiple: true, field: 'map', help: 'a name in the feed = a handle' },
    { name: 'zone', value: 'IANA', field: 'timeZone', help: 'the zone of floating times (default UTC)' },
    { name: 'apply', type: 'boolean', field: 'apply', help: 'store the change' },
  ],
  names: { url: 'URL' },
  async run(ctx, p) {
    const [name = '', file = ''] = p.positionals;
    const ics = isFeedUrl(file) ? await fetchFeed(file) : readTextFile(file, 'FILE');
    const map = feedMap(p.all('map'));
    const input = {
      rotation: name,
      ics,
      fileName: calendarName(file),
      map,
      timeZone: p.str('zone') ?? 'UTC',
      apply: p.has('apply'),
    };
    const result = ctx.invoke('rotations.import', ctx.check('rotations.import', input));
    ctx.print(result, () => [
      `${result.applied ? 'Imported' : 'Would import'} into "${name}": ${result.added} new, ${result.changed} changed, ${result.removed} removed, ${result.unchanged} unchanged shifts.`,
      ...result.skipped.map((skip) => `  skipped ${skip.uid ?? '(no UID)'}: ${skip.reason}`),
      ...(result.unknownNames.length > 0
        ? [`  names that match nobody: ${result.unknownNames.join(', ')} — add --map "Name=handle"`]
        : []),
      ...(result.applied ? [] : ['Nothing was stored; run again with --apply.']),
    ]);
    return 0;
  },
});

export const rotationCommands: readonly Command[] = [
  operationCommand({
    words: ['rotation', 'add'],
    summary: 'Add a rotation from rules (--only: on call only inside that daily window).',
    operation: 'rotations.save',
    args: [{ name: 'NAME', field: 'name', many: true, help: 'the rotation' }],
    flags: [
      { name: 'zone', value: 'IANA', field: 'timeZone', help: "the rotation's zone (default: this machine's)" },
      {
        name: 'start',
        value: 'YYYY-MM-DDTHH:MM',
        field: 'start',
        required: true,
        help: 'the first handoff, local time',
      },
      { name: 'every', value: '1w|3d|12h', field: ['shiftLength', 'shiftUnit'], required: true, help: 'shift length' },
      { name: 'members', value: 'a,b,c', field: 'members', help: 'handles in order' },
      {
        name: 'member',
        value: 'HANDLE:FROM..UNTIL',
        field: 'members',
        multiple: true,
        help: 'a member with the days they join and leave (repeat, in order, after --members)',
      },
      { name: 'layer', value: 'L', field: 'layer', help: 'the layer (default primary)' },
      { name: 'only', value: '09:00-17:00', field: 'restriction', help: 'on call only inside this daily window' },
      { name: 'weekdays', type: 'boolean', field: 'restriction.days', help: 'with --only: Monday to Friday' },
      { name: 'team', value: 'T', field: 'team', help: 'the team it belongs to' },
    ],
    input: rotationInput,
    text: (saved) =>
      `Rotation "${saved.name}": ${saved.members.map((m) => `@${m.handle}`).join(', ')}, handoff every ${saved.shiftLength} ${saved.shiftUnit} from ${saved.start} ${saved.timeZone}.`,
  }),
  operationCommand({
    words: ['rotation', 'list'],
    summary: 'All rotations.',
    operation: 'rotations.list',
    input: () => ({}),
    text: (rotations) =>
      listText(
        rotations,
        'No rotations yet.',
        (r) => `${r.name}\t${r.layer}\t${r.kind}\t${r.members.map((m) => `@${m.handle}`).join(',')}`,
      ),
  }),
  operationCommand({
    words: ['rotation', 'shifts'],
    summary: 'Who is on call when (every rotation when NAME is left out), overrides applied.',
    operation: 'rotations.shifts',
    args: [{ ...rotationName, optional: true }],
    flags: [
      { name: 'from', value: 'ISO', field: 'from', help: 'from (default now)' },
      { name: 'to', value: 'ISO', field: 'to', help: 'to (default 8 weeks after from)' },
    ],
    input: (p, now) => {
      const from = p.str('from') ?? new Date(now()).toISOString();
      return {
        rotation: p.positionals.join(' ') || undefined,
        from,
        // A --from that is no date is left for the contract to name.
        to: p.str('to') ?? (isDate(from) ? new Date(Date.parse(from) + 8 * 7 * 86_400_000).toISOString() : from),
      };
    },
    text: (shifts) => shifts.map(shiftLine),
  }),
  rotationFinal,
  operationCommand({
    words: ['rotation', 'check'],
    summary: 'Uncovered time and warnings in the next weeks (exit 1 when there is either).',
    operation: 'rotations.check',
    args: [rotationName],
    flags: [{ name: 'weeks', value: 'N', field: 'weeks', help: 'how many weeks ahead (default 4)' }],
    input: (p) => ({ rotation: p.positionals.join(' '), weeks: p.num('weeks') ?? 4 }),
    text: (check, p) => {
      const weeks = p.num('weeks') ?? 4;
      const warnings = check.warnings.map((w) => `  warning: ${w.message}, ${w.startsAt} – ${w.endsAt}`);
      if (check.gaps.length === 0)
        return warnings.length === 0
          ? `${check.rotation}: covered for the next ${weeks} weeks.`
          : [
              `${check.rotation}: covered for the next ${weeks} weeks, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}:`,
              ...warnings,
            ];
      return [
        `${check.rotation}: nobody is on call for ${check.gaps.length} stretch${check.gaps.length === 1 ? '' : 'es'} in the next ${weeks} weeks:`,
        ...check.gaps.map((gap) => `  ${gap.startsAt} – ${gap.endsAt}`),
        ...warnings,
      ];
    },
    exitCode: (check) => (check.gaps.length === 0 && check.warnings.length === 0 ? 0 : 1),
  }),
  rotationImport,
  customCommand({
    words: ['rotation', 'export'],
    summary: 'A rotation as an iCalendar file, on stdout (> FILE.ics).',
    operations: ['rotations.export'],
    args: [rotationName],
    flags: [
      { name: 'person', value: 'HANDLE', field: 'handle', help: "only this person's shifts" },
      { name: 'from', value: 'ISO', field: 'from', help: 'from' },
      { name: 'to', value: 'ISO', field: 'to', help: 'to' },
    ],
    run(ctx, p) {
      const input = {
        rotation: p.positionals.join(' '),
        handle: p.str('person'),
        from: p.str('from'),
        to: p.str('to'),
      };
      ctx.io.write(ctx.invoke('rotations.export', ctx.check('rotations.export', input)).ics);
      return 0;
    },
  }),
  operationCommand({
    words: ['override', 'add'],
    summary: 'Someone else on call for a while.',
    operation: 'overrides.add',
    args: [{ name: 'ROTATION', field: 'rotation', help: 'the rotation' }],
    flags: [
      { name: 'person', value: 'HANDLE', field: 'handle', required: true, help: 'who is on call instead' },
      { name: 'from', value: 'ISO', field: 'from', required: true, help: 'from' },
      { name: 'to', value: 'ISO', field: 'to', required: true, help: 'to' },
      { name: 'reason', value: '"…"', field: 'reason', help: 'why' },
    ],
    input: (p) => ({
      rotation: p.positionals[0],
      handle: p.str('person'),
      from: p.str('from'),
      to: p.str('to'),
      reason: p.str('reason'),
    }),
    text: (added) => `Override ${added.id}: @${added.handle} on call from ${added.startsAt} to ${added.endsAt}.`,
  }),
  operationCommand({
    words: ['override', 'rm'],
    summary: 'Remove an override.',
    operation: 'overrides.remove',
    args: [{ name: 'ID', field: 'id', missing: 'give one override id', help: 'the override' }],
    input: (p) => ({ id: p.positionals[0] }),
    text: (_, p) => `Override ${p.positionals[0] ?? ''} removed.`,
  }),
  operationCommand({
    words: ['now'],
    summary: 'Who is on call now, and next.',
    operation: 'rotations.now',
    flags: [{ name: 'at', value: 'ISO', field: 'at', help: 'at this instant (default now)' }],
    input: (p) => ({ at: p.str('at') }),
    text: (now) =>
      listText(
        now,
        'No rotations yet (oncall rotation add, or oncall rotation import).',
        (r) =>
          `${r.rotation}: ${r.now ? `@${r.now.handle} until ${r.now.endsAt}` : 'nobody on call'}${r.next ? `, then @${r.next.handle}` : ''}`,
      ),
  }),
];
