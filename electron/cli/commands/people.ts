// `oncall me set`, `oncall person …`, `oncall team add|list`: who this device is, the people
// known, and the teams they are on.

import { describeIssue, personSaveInput } from '../../../shared/contract';
import { customCommand, listText, operationCommand, UsageError, type Command } from '../command';
import { fieldNames, nameOf } from '../flags';

const systemZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const meSet = customCommand({
  words: ['me', 'set'],
  summary:
    'Who this device logs pages as (--handle of someone on the team: this device is them), and the team they are on.',
  operations: ['app.info', 'teams.list', 'people.list', 'me.set', 'people.save', 'teams.join'],
  flags: [
    { name: 'name', value: 'N', field: 'name', help: 'full name' },
    { name: 'handle', value: 'H', field: 'handle', help: 'short handle' },
    { name: 'zone', value: 'IANA', field: 'timeZone', help: 'time zone, e.g. Europe/Berlin' },
    { name: 'team', value: 'T', field: 'team', help: 'join this team' },
  ],
  run(ctx, p) {
    const given = { name: p.str('name'), handle: p.str('handle'), timeZone: p.str('zone') };
    const checked = personSaveInput
      .partial()
      .safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
    if (!checked.success) {
      const { field, message } = describeIssue(checked.error, given);
      throw new UsageError(`${nameOf(fieldNames(meSet), field)}: ${message}`);
    }
    const team = p.str('team');
    if (team !== undefined) ctx.check('teams.join', { team }); // a bad name is refused before anything opens
    const info = ctx.invoke('app.info', {});
    // A team that is not there is refused before anything changes.
    if (team !== undefined && !ctx.invoke('teams.list', {}).some((t) => t.name === team))
      throw new UsageError(`--team: there is no team called "${team}" (oncall team list)`);
    // Someone on the team already (e.g. from the repository) while this device's person was
    // only made from the OS user name: this device is them. Otherwise this person changes.
    const handle = p.str('handle');
    const known =
      handle && handle !== info.me.handle
        ? ctx.invoke('people.list', {}).find((person) => person.handle === handle)
        : undefined;
    const switching = !!known && !info.meChosen && p.str('name') === undefined && p.str('zone') === undefined;
    const person = switching
      ? ctx.invoke('me.set', { id: known.id })
      : ctx.invoke('people.save', {
          id: info.me.id,
          name: p.str('name') ?? info.me.name,
          handle: handle ?? info.me.handle,
          timeZone: p.str('zone') ?? info.me.timeZone,
        });
    // And the team they are on (added to it; nothing changes if they already are).
    if (team !== undefined) ctx.invoke('teams.join', { team, handle: person.handle });
    ctx.print(
      person,
      () =>
        `This device logs pages as ${person.name} (@${person.handle}, ${person.timeZone})${switching ? ', already on the team' : ''}${team ? `, on team ${team}` : ''}.`,
    );
    return 0;
  },
});

export const peopleCommands: readonly Command[] = [
  meSet,
  operationCommand({
    words: ['person', 'add'],
    summary: 'Add someone to the people known on this device.',
    operation: 'people.save',
    flags: [
      { name: 'name', value: '"Ann Berg"', field: 'name', required: true, help: 'full name' },
      { name: 'handle', value: 'ann', field: 'handle', required: true, help: 'short handle' },
      { name: 'zone', value: 'IANA', field: 'timeZone', help: "time zone (default: this machine's)" },
    ],
    input: (p) => ({ name: p.str('name'), handle: p.str('handle'), timeZone: p.str('zone') ?? systemZone() }),
    text: (person) => `Added ${person.name} (@${person.handle}, ${person.timeZone}).`,
  }),
  operationCommand({
    words: ['person', 'list'],
    summary: 'Everyone known on this device.',
    operation: 'people.list',
    input: () => ({}),
    text: (people) => people.map((p) => `@${p.handle}\t${p.name}\t${p.timeZone}`),
  }),
  operationCommand({
    words: ['team', 'add'],
    summary: 'Add or change a team: its people and services.',
    operation: 'teams.save',
    args: [{ name: 'NAME', field: 'name', many: true, help: 'the team' }],
    flags: [
      { name: 'members', value: 'ann,bo', field: 'people', help: 'handles, comma-separated' },
      { name: 'services', value: 'a,b', field: 'services', help: 'services, comma-separated' },
    ],
    input: (p) => ({
      name: p.positionals.join(' '),
      people: p.items('members') ?? [],
      services: p.items('services') ?? [],
    }),
    text: (team) => `Team "${team.name}": ${team.people.length} people, ${team.services.length} services.`,
  }),
  operationCommand({
    words: ['team', 'list'],
    summary: 'All teams.',
    operation: 'teams.list',
    input: () => ({}),
    text: (teams) =>
      listText(
        teams,
        'No teams yet.',
        (t) =>
          `${t.name}\t${t.people.map((p) => `@${p.handle}`).join(',')}\t${t.services.join(',')}\t${t.rotations.join(',')}`,
      ),
  }),
];
