// Grafana OnCall public API: saved `GET /api/v1/alert_groups/` responses ({"count", "next",
// "previous", "results": [...]}) with saved `GET /api/v1/users/` responses for names and emails.
// Fields: https://grafana.com/docs/oncall/latest/oncall-api-reference/alertgroups/ and
// https://grafana.com/docs/oncall/latest/oncall-api-reference/users/

import { streamLists } from './json-stream';
import {
  checkOrder,
  headOf,
  instantOf,
  isObject,
  optionalInstant,
  personOf,
  RefusedFile,
  SkipRecord,
  str,
  summaryOf,
  unknownSeverity,
  type HistoryFile,
  type ImportedPage,
  type PagedPerson,
  type RecordSink,
  type SkipSink,
} from './records';

/** A users response: its results have `username`/`email`, alert groups have `title`/`state`. */
function isUsersFile(file: HistoryFile): boolean {
  const head = headOf(file);
  return /"username"\s*:/.test(head) && !/"(state|alerts_count)"\s*:/.test(head);
}

export function readGrafanaOnCall(files: HistoryFile[], onPage: RecordSink, onSkip: SkipSink): void {
  const users = new Map<string, PagedPerson>();
  const groupFiles: HistoryFile[] = [];
  for (const file of files) {
    if (!isUsersFile(file)) {
      groupFiles.push(file);
      continue;
    }
    streamLists(file, ['results'], (_list, user) => {
      if (!isObject(user)) return;
      const id = str(user.id);
      const person = personOf(user.email, user.name ?? user.username);
      if (id && person) users.set(id, person);
    });
  }
  for (const file of groupFiles) {
    const count = streamLists(file, ['results'], (_list, group, index) => {
      try {
        onPage(groupToPage(file.name, index, group, users));
      } catch (error) {
        if (!(error instanceof SkipRecord)) throw error;
        onSkip({ file: file.name, record: index, reason: error.message });
      }
    });
    if (count === 0 && !headOf(file).includes('"results"'))
      throw new RefusedFile(file.name, null, 'is not a Grafana OnCall alert_groups response (no "results")');
  }
}

function groupToPage(file: string, record: number, group: unknown, users: Map<string, PagedPerson>): ImportedPage {
  if (!isObject(group)) throw new SkipRecord('is not an alert group object');
  const id = str(group.id);
  if (!id) throw new SkipRecord('id: is missing');
  // The person paged: who acknowledged the alert group, else who resolved it (the alert group
  // API names no assignee). Their name and email come from the users list.
  const userId = str(group.acknowledged_by) ?? str(group.resolved_by);
  if (!userId) throw new SkipRecord('nobody was paged: neither acknowledged_by nor resolved_by');
  const person = users.get(userId);
  if (!person) throw new SkipRecord(`user ${userId} is not in the users list (add a saved /api/v1/users/ response)`);
  const permalinks = isObject(group.permalinks) ? group.permalinks : {};
  const page: ImportedPage = {
    file,
    record,
    externalId: id,
    link: str(permalinks.web) ?? str(permalinks.slack) ?? str(permalinks.telegram),
    receivedAt: instantOf(group.created_at, 'created_at'),
    acknowledgedAt: optionalInstant(group.acknowledged_at, 'acknowledged_at'),
    resolvedAt: optionalInstant(group.resolved_at, 'resolved_at'),
    // Alert groups carry an integration id, not a name: the service is that integration.
    service: `integration ${str(group.integration_id) ?? 'unknown'}`,
    severity: unknownSeverity,
    summary: summaryOf(group.title, `Grafana OnCall alert group ${id}`),
    person,
    tags: str(group.team_id) ? [`team ${str(group.team_id)}`] : [],
  };
  checkOrder(page);
  return page;
}
