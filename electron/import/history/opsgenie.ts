// Opsgenie Alert API v2: saved `GET /v2/alerts` list responses ({"data": [...], "paging", "took",
// "requestId"}, one or many pages). `report.ackTime` / `closeTime` are milliseconds after createdAt.
// Fields: https://docs.opsgenie.com/docs/alert-api#list-alerts

import { streamLists } from './json-stream';
import {
  checkOrder,
  headOf,
  instantOf,
  isObject,
  personOf,
  RefusedFile,
  SkipRecord,
  str,
  summaryOf,
  severityOf,
  tagsOf,
  type HistoryFile,
  type ImportedPage,
  type RecordSink,
  type SeverityMap,
  type SkipSink,
} from './records';

export function readOpsgenie(
  files: HistoryFile[],
  severityMap: SeverityMap,
  onPage: RecordSink,
  onSkip: SkipSink,
): void {
  for (const file of files) {
    const count = streamLists(file, ['data'], (_list, alert, index) => {
      try {
        onPage(alertToPage(file.name, index, alert, severityMap));
      } catch (error) {
        if (!(error instanceof SkipRecord)) throw error;
        onSkip({ file: file.name, record: index, reason: error.message });
      }
    });
    if (count === 0 && !headOf(file).includes('"data"'))
      throw new RefusedFile(file.name, null, 'is not an Opsgenie alert list (no "data")');
  }
}

const afterCreation = (createdAt: number, ms: unknown): number | null =>
  typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? createdAt + ms : null;

function alertToPage(file: string, record: number, alert: unknown, severityMap: SeverityMap): ImportedPage {
  if (!isObject(alert)) throw new SkipRecord('is not an alert object');
  const id = str(alert.id);
  if (!id) throw new SkipRecord('id: is missing');
  const receivedAt = instantOf(alert.createdAt, 'createdAt');
  const report = isObject(alert.report) ? alert.report : {};
  // The person paged: the alert's owner (the user it is assigned to); without one, whoever
  // acknowledged it. Opsgenie names users by their username, which is their email address.
  const owner = str(alert.owner);
  const ackBy = str(report.acknowledgedBy);
  const who = owner?.trim() ? owner : ackBy;
  const person = personOf(who, who);
  if (!person) throw new SkipRecord('nobody was paged: no owner and nobody acknowledged');
  const teams = Array.isArray(alert.teams) ? alert.teams : [];
  const tags = Array.isArray(alert.tags) ? alert.tags : [];
  const page: ImportedPage = {
    file,
    record,
    externalId: id,
    link: null,
    receivedAt,
    acknowledgedAt: afterCreation(receivedAt, report.ackTime),
    resolvedAt: afterCreation(receivedAt, report.closeTime),
    // Opsgenie has no services on alerts: the integration that raised it, else its source.
    service: serviceName(alert),
    severity: severityOf([str(alert.priority)], severityMap),
    summary: summaryOf(alert.message, `Opsgenie alert ${str(alert.tinyId) ?? id}`),
    person,
    tags: tagsOf([...tags, ...teams.map((team) => (isObject(team) ? team.name : null))]),
  };
  checkOrder(page);
  return page;
}

function serviceName(alert: Record<string, unknown>): string {
  const integration = isObject(alert.integration) ? str(alert.integration.name) : null;
  const name = integration?.trim() || str(alert.source)?.trim() || str(alert.entity)?.trim();
  if (!name) throw new SkipRecord('service: no integration, source or entity');
  return name.slice(0, 80);
}
