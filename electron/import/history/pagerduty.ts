// PagerDuty REST API v2: saved `GET /incidents` list responses ({"incidents": [...], "limit",
// "offset", "more"}, one or many pages) and, optionally, saved `GET /log_entries` responses
// ({"log_entries": [...]}) for exact acknowledge and resolve times and who was notified.
// Fields: https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents

import { streamLists } from './json-stream';
import {
  checkOrder,
  headOf,
  instantOf,
  isObject,
  optionalInstant,
  personOf,
  RefusedFile,
  serviceOf,
  severityOf,
  SkipRecord,
  str,
  summaryOf,
  tagsOf,
  type HistoryFile,
  type ImportedPage,
  type PagedPerson,
  type RecordSink,
  type SeverityMap,
  type SkipSink,
} from './records';

interface LogFacts {
  acknowledgedAt?: number;
  resolvedAt?: number;
  acknowledger?: PagedPerson;
  notified?: PagedPerson;
}

function userOf(reference: unknown): PagedPerson | null {
  if (!isObject(reference)) return null;
  // A user reference has `summary` (the name); with include[]=users/assignees, a full user has email and name.
  return personOf(reference.email, reference.name ?? reference.summary);
}

export function isLogEntriesFile(file: HistoryFile): boolean {
  const head = headOf(file);
  const logs = head.indexOf('"log_entries"');
  const incidents = head.indexOf('"incidents"');
  return logs !== -1 && (incidents === -1 || logs < incidents);
}

/** Reads saved log entries into the facts incident pages will use (small: times and people only). */
export function readLogEntries(file: HistoryFile, facts: Map<string, LogFacts>): void {
  streamLists(file, ['log_entries'], (_list, entry) => {
    if (!isObject(entry) || !isObject(entry.incident)) return;
    const id = str(entry.incident.id);
    const at = typeof entry.created_at === 'string' ? Date.parse(entry.created_at) : NaN;
    if (!id || !Number.isFinite(at)) return;
    const fact = facts.get(id) ?? {};
    if (entry.type === 'acknowledge_log_entry') {
      if (fact.acknowledgedAt === undefined || at < fact.acknowledgedAt) {
        fact.acknowledgedAt = at;
        fact.acknowledger = userOf(entry.agent) ?? fact.acknowledger;
      }
    } else if (entry.type === 'resolve_log_entry') {
      if (fact.resolvedAt === undefined || at < fact.resolvedAt) fact.resolvedAt = at;
    } else if (entry.type === 'notify_log_entry' && !fact.notified) {
      fact.notified = userOf(entry.user) ?? undefined;
    }
    facts.set(id, fact);
  });
}

export function readPagerDuty(
  files: HistoryFile[],
  severityMap: SeverityMap,
  onPage: RecordSink,
  onSkip: SkipSink,
): void {
  const facts = new Map<string, LogFacts>();
  const incidentFiles: HistoryFile[] = [];
  for (const file of files) {
    if (isLogEntriesFile(file)) readLogEntries(file, facts);
    else incidentFiles.push(file);
  }
  for (const file of incidentFiles) {
    const count = streamLists(file, ['incidents'], (_list, incident, index) => {
      try {
        onPage(incidentToPage(file.name, index, incident, facts, severityMap));
      } catch (error) {
        if (!(error instanceof SkipRecord)) throw error;
        onSkip({ file: file.name, record: index, reason: error.message });
      }
    });
    if (count === 0 && !headOf(file).includes('"incidents"'))
      throw new RefusedFile(file.name, null, 'is not a PagerDuty incidents list (no "incidents")');
  }
}

function incidentToPage(
  file: string,
  record: number,
  incident: unknown,
  facts: Map<string, LogFacts>,
  severityMap: SeverityMap,
): ImportedPage {
  if (!isObject(incident)) throw new SkipRecord('is not an incident object');
  const id = str(incident.id);
  if (!id) throw new SkipRecord('id: is missing');
  const fact = facts.get(id) ?? {};
  const receivedAt = instantOf(incident.created_at, 'created_at');
  const acknowledgements = Array.isArray(incident.acknowledgements) ? incident.acknowledgements : [];
  const firstAck = acknowledgements.find(isObject);
  const status = str(incident.status);
  const resolvedAt =
    fact.resolvedAt ??
    optionalInstant(incident.resolved_at, 'resolved_at') ??
    (status === 'resolved' ? optionalInstant(incident.last_status_change_at, 'last_status_change_at') : null);
  const acknowledgedAt =
    fact.acknowledgedAt ?? (firstAck ? optionalInstant(firstAck.at, 'acknowledgements[0].at') : null);
  // The person paged: the first assignee; a resolved incident lists none, so then whoever
  // acknowledged first, then who was notified first (log entries), then who resolved it.
  const assignments = Array.isArray(incident.assignments) ? incident.assignments : [];
  const firstAssignment = assignments.find(isObject);
  const lastChangeBy = isObject(incident.last_status_change_by) ? incident.last_status_change_by : null;
  const person =
    userOf(firstAssignment?.assignee) ??
    userOf(firstAck?.acknowledger) ??
    fact.acknowledger ??
    fact.notified ??
    (lastChangeBy && lastChangeBy.type === 'user_reference' ? userOf(lastChangeBy) : null);
  if (!person) throw new SkipRecord('nobody was paged: no assignee, acknowledger or notified user');
  const priority = isObject(incident.priority) ? (str(incident.priority.summary) ?? str(incident.priority.name)) : null;
  const teams = Array.isArray(incident.teams) ? incident.teams : [];
  const page: ImportedPage = {
    file,
    record,
    externalId: id,
    link: str(incident.html_url),
    receivedAt,
    acknowledgedAt,
    resolvedAt,
    service: serviceOf(isObject(incident.service) ? incident.service.summary : undefined),
    severity: severityOf([priority, str(incident.urgency)], severityMap),
    summary: summaryOf(incident.title ?? incident.summary, `PagerDuty incident ${str(incident.incident_number) ?? id}`),
    person,
    tags: tagsOf(teams.map((team) => (isObject(team) ? team.summary : null))),
  };
  checkOrder(page);
  return page;
}
