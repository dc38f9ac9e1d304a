// The empty state: which exports the panel takes, in the words of docs/import.md.

export function AcceptedExports(): React.JSX.Element {
  return (
    <section className="panel accepted-exports" aria-labelledby="accepted-title">
      <h2 id="accepted-title">Which exports are accepted</h2>
      <ul className="plain-list">
        <li>
          <strong>PagerDuty (REST API v2)</strong>: saved <code>GET /incidents</code> responses (one or many pages),
          optionally with saved <code>GET /log_entries</code> responses for exact acknowledge and resolve times.
        </li>
        <li>
          <strong>PagerDuty’s incident CSV export</strong> (Analytics → a report → Download CSV), read with no column
          map; its times are in the account’s zone.
        </li>
        <li>
          <strong>Opsgenie (Alert API v2)</strong>: saved <code>GET /v2/alerts</code> list responses, shaped{' '}
          <code>{'{"data": [...]}'}</code>.
        </li>
        <li>
          <strong>Grafana OnCall (public API)</strong>: saved <code>alert_groups</code> responses, with a saved{' '}
          <code>users</code> response for names and emails.
        </li>
        <li>
          <strong>Any CSV</strong>, with a column map such as{' '}
          <code>at=Created,summary=Title,service=Service,who=Assignee</code>.
        </li>
      </ul>
      <p className="hint">
        How to get each export out of its platform, step by step, and how each field becomes part of a page: “How each
        export is got out of its platform” and “The mapping” in <code>docs/import.md</code>. Times must carry a zone, or
        be given one for a CSV; re-importing the same export changes nothing twice. Imported pages start “not triaged”:
        the triage queue (<kbd>g</kbd>) goes through them.
      </p>
    </section>
  );
}
