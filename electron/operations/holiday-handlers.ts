// A team's holiday calendar: list, add, remove, and import from an iCalendar file. Every change
// runs in one transaction; an import parses the whole file first and stores nothing when any
// event is refused.

import type { OperationName, OperationOutput, ParsedInput } from '../../shared/contract';
import { holidayOperations } from '../../shared/holiday-contract';
import { HolidayCalendarError, holidayHorizon, parseHolidayCalendar } from '../import/holidays';
import { listHolidays, removeHoliday, saveHoliday } from '../store/holidays';
import type { OperationContext } from './context';
import { OperationFailure } from './errors';
import { writes } from './writes';
import { targetsTeam } from './report-handlers';

type HolidayName = keyof typeof holidayOperations & OperationName;
type HolidayHandlers = { [N in HolidayName]: (ctx: OperationContext, input: ParsedInput<N>) => OperationOutput<N> };

export const holidayHandlers: HolidayHandlers = {
  'holidays.list': (ctx, input) => {
    const team = targetsTeam(ctx, input.team);
    return { team: team.name, holidays: listHolidays(ctx.db, team.id) };
  },

  'holidays.add': writes((ctx, input) => {
    const team = targetsTeam(ctx, input.team);
    saveHoliday(ctx.db, team.id, { date: input.date, name: input.name }, ctx.now(), ctx.deviceId);
    return { team: team.name, holidays: listHolidays(ctx.db, team.id) };
  }),

  'holidays.remove': writes((ctx, input) => {
    const team = targetsTeam(ctx, input.team);
    if (!removeHoliday(ctx.db, team.id, input.date, ctx.now(), ctx.deviceId))
      throw new OperationFailure('not_found', `date: ${team.name} has no holiday on ${input.date}`, 'date');
    return { team: team.name, holidays: listHolidays(ctx.db, team.id) };
  }),

  'holidays.import': writes((ctx, input) => {
    let parsed;
    try {
      parsed = parseHolidayCalendar(input.ics, { untilDate: holidayHorizon(ctx.now()), source: input.fileName });
    } catch (error) {
      if (error instanceof HolidayCalendarError)
        throw new OperationFailure('invalid_input', `ics: ${error.message}`, 'ics');
      throw error;
    }
    const team = targetsTeam(ctx, input.team);
    const counts = { added: 0, renamed: 0, unchanged: 0 };
    for (const holiday of parsed) counts[saveHoliday(ctx.db, team.id, holiday, ctx.now(), ctx.deviceId)] += 1;
    return { team: team.name, holidays: listHolidays(ctx.db, team.id), ...counts };
  }),
};
