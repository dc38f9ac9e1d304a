// The page being triaged: what paged, which service, when (in the zone of the person paged),
// who, where it came from (with a link back to the platform), and the verdict buttons.

import type { QueuedPage } from '../../../shared/triage-contract';
import { shortTime } from '../../format';
import type { Verdict } from '../../state/triage';

const sources: Record<QueuedPage['source'], string> = {
  manual: 'logged by hand',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  'grafana-oncall': 'Grafana OnCall',
  csv: 'CSV import',
};

/** Only web links go in an href: a link back comes from an export file. */
const webLink = (link: string | null): string | null => (link && /^https?:\/\//i.test(link) ? link : null);

export function TriageCard({
  page,
  onMark,
  onUndo,
}: {
  page: QueuedPage;
  onMark: (verdict: Verdict | 'skip') => void;
  onUndo: () => void;
}): React.JSX.Element {
  const link = webLink(page.link);
  return (
    <article className="panel triage-card" aria-labelledby="triage-summary">
      <h2 id="triage-summary">{page.summary}</h2>
      <dl className="triage-facts">
        <dt>Service</dt>
        <dd>{page.service}</dd>
        <dt>Severity</dt>
        <dd>
          <span className={`sev sev${page.severity}`}>SEV{page.severity}</span>
        </dd>
        <dt>Received</dt>
        <dd>
          {shortTime(page.receivedAt, page.zone)} <span className="muted">({page.zone})</span>
          {page.sleepHour && <span className="chip triage-sleep">sleep hours</span>}
        </dd>
        <dt>Who</dt>
        <dd>
          {page.personName} <span className="muted">@{page.personHandle}</span>
        </dd>
        <dt>Source</dt>
        <dd>
          {sources[page.source]}
          {page.externalId && <span className="muted"> · {page.externalId}</span>}
          {link && (
            <>
              {' · '}
              <a href={link} target="_blank" rel="noreferrer noopener">
                Open in {sources[page.source]}
              </a>
            </>
          )}
        </dd>
      </dl>
      <div className="triage-actions">
        <button type="button" className="triage-actionable" onClick={() => onMark('actionable')}>
          Actionable <kbd>a</kbd>
        </button>
        <button type="button" className="triage-noise" onClick={() => onMark('noise')}>
          Noise <kbd>n</kbd>
        </button>
        <button type="button" onClick={() => onMark('skip')}>
          Skip <kbd>s</kbd>
        </button>
        <button type="button" onClick={onUndo}>
          Undo <kbd>u</kbd>
        </button>
      </div>
    </article>
  );
}
