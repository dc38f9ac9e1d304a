// Bulk rules for pages like the one shown: every untriaged page with this alert title, or from
// this service — each previewed with its count before it is applied, and undoable.

import { useEffect, useState } from 'react';
import type { QueuedPage, TriageRule } from '../../../shared/triage-contract';
import { FormError } from '../../components/Field';
import { applyRule, previewRule, type Verdict } from '../../state/triage';

interface Rule {
  id: string;
  label: string;
  rule: TriageRule;
}

function RuleRow({ rule, count }: { rule: Rule; count: number | null }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (verdict: Verdict): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await applyRule(rule.rule, verdict, `${verdict}: ${rule.label}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const n = count ?? 0;
  return (
    <li className="triage-rule" data-testid={`rule-${rule.id}`}>
      <span className="triage-rule-label">
        {rule.label}: <strong>{count === null ? '…' : `${n} not triaged`}</strong>
      </span>
      <button type="button" disabled={busy || n === 0} onClick={() => void run('noise')}>
        Mark {n} as noise
      </button>
      <button type="button" disabled={busy || n === 0} onClick={() => void run('actionable')}>
        Mark {n} actionable
      </button>
      <FormError message={error} />
    </li>
  );
}

export function TriageRules({ page }: { page: QueuedPage }): React.JSX.Element {
  const { id, summary, service } = page;
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const rules: Rule[] = [
    { id: 'title', label: `Everything titled “${summary}”`, rule: { summary } },
    { id: 'service', label: `Everything from ${service}`, rule: { service } },
  ];
  useEffect(() => {
    let live = true;
    setCounts({});
    const asked: [string, TriageRule][] = [
      ['title', { summary }],
      ['service', { service }],
    ];
    void Promise.all(asked.map(async ([rule, match]) => [rule, (await previewRule(match)).matched] as const))
      .then((found) => live && setCounts(Object.fromEntries(found)))
      .catch(() => live && setCounts({}));
    return () => {
      live = false;
    };
    // Asked again for every page shown (the counts change as pages are triaged).
  }, [id, summary, service]);
  return (
    <section className="panel" aria-labelledby="triage-rules-title">
      <h2 id="triage-rules-title">Rules for pages like this one</h2>
      <ul className="triage-rules">
        {rules.map((rule) => (
          <RuleRow key={rule.id} rule={rule} count={counts[rule.id] ?? null} />
        ))}
      </ul>
      <p className="hint">
        A rule marks every page it matches now, at once; undo (<kbd>u</kbd>) puts them all back. Rules are not kept for
        later imports: new pages come here, where the same rule is two clicks.
      </p>
    </section>
  );
}
