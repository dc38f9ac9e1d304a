// A postmortem's header: its title, status (published only when ready), the timeline's zone, the
// save state, edit or preview, history, Markdown export, and the incident it is about.

import { memo, useEffect, useState } from 'react';
import type { Postmortem } from '../../../shared/postmortem-contract';
import { downloadText } from '../../components/export';
import { Field, InputField } from '../../components/Field';
import { shortTime } from '../../format';
import { useApp } from '../../state/app';
import { exportPostmortem, updatePostmortem } from '../../state/postmortems';
import { IncidentCostLine } from './IncidentCostLine';

const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Made once: four hundred options are not re-rendered on every keystroke. */
const ZoneList = memo(function ZoneList(): React.JSX.Element {
  return (
    <datalist id="pm-zones">
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
});

export type SaveState =
  { kind: 'saved'; revision: number } | { kind: 'saving' } | { kind: 'pending' } | { kind: 'error'; message: string };

const saveText = (save: SaveState): string =>
  save.kind === 'saved'
    ? `Saved · revision ${save.revision}`
    : save.kind === 'saving' || save.kind === 'pending'
      ? 'Saving…'
      : `Not saved: ${save.message}`;

interface Props {
  pm: Postmortem;
  save: SaveState;
  ready: boolean;
  mode: 'edit' | 'preview';
  onMode: (mode: 'edit' | 'preview') => void;
  history: boolean;
  onHistory: () => void;
  /** Saves whatever text is waiting. */
  flush: () => Promise<void>;
  /** Runs a change after saving the text, then reloads the postmortem. */
  structural: (run: () => Promise<unknown>) => Promise<void>;
}

/**
 * The title: re-rendered only when the postmortem changes — not when the save state or the settled
 * text does (React writes the attributes of a re-rendered input again: a few milliseconds a time,
 * in the frame of whichever keystroke it lands in).
 */
const TitleField = memo(function TitleField({ pm, structural }: Pick<Props, 'pm' | 'structural'>): React.JSX.Element {
  const id = pm.id;
  return (
    <h1 className="pm-title-heading">
      <label htmlFor="pm-title" className="sr-only">
        Postmortem title
      </label>
      <input
        id="pm-title"
        className="pm-title"
        defaultValue={pm.title}
        key={`title-${pm.id}-${pm.updatedAt}`}
        onBlur={(e) => {
          const title = e.target.value.trim();
          if (title && title !== pm.title) void structural(() => updatePostmortem({ id, title }));
        }}
      />
    </h1>
  );
});

/** The status and the timeline's zone: re-rendered when the postmortem or its readiness changes. */
const StatusAndZone = memo(function StatusAndZone({
  pm,
  ready,
  structural,
}: Pick<Props, 'pm' | 'ready' | 'structural'>): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const id = pm.id;
  const [zone, setZone] = useState(pm.timeZone);
  // Each load of the postmortem shows its zone again.
  useEffect(() => setZone(pm.timeZone), [pm]);
  return (
    <>
      <Field layout="inline" className="inline" label="Status">
        <select
          value={pm.status}
          onChange={(e) =>
            void structural(() => updatePostmortem({ id, status: e.target.value as Postmortem['status'] }))
          }
        >
          <option value="draft">Draft</option>
          <option value="review">In review</option>
          <option value="published" disabled={!ready && pm.status !== 'published'}>
            Published
          </option>
        </select>
      </Field>
      <InputField
        layout="inline"
        className="inline"
        label="Timeline zone"
        list="pm-zones"
        value={zone}
        onValue={(value) => setZone(value)}
        onBlur={() => {
          if (zone !== pm.timeZone) {
            if (!zones.includes(zone) && zones.length > 0) {
              toast(`“${zone}” is not a time zone; e.g. Europe/Berlin`, 'error');
              setZone(pm.timeZone);
            } else void structural(() => updatePostmortem({ id, timeZone: zone }));
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        }}
      >
        <ZoneList />
      </InputField>
    </>
  );
});

export const PostmortemHeader = memo(function PostmortemHeader({
  pm,
  save,
  ready,
  mode,
  onMode,
  history,
  onHistory,
  flush,
  structural,
}: Props): React.JSX.Element {
  const toast = useApp((s) => s.toast);
  const id = pm.id;
  return (
    <header className="pm-header">
      <TitleField pm={pm} structural={structural} />
      <div className="pm-meta">
        <StatusAndZone pm={pm} ready={ready} structural={structural} />
        <span className={`save-state ${save.kind}`} role="status" aria-live="polite">
          {saveText(save)}
        </span>
        <span className="spacer" />
        <div className="segmented" role="group" aria-label="Mode">
          <button type="button" aria-pressed={mode === 'edit'} onClick={() => onMode('edit')}>
            Edit
          </button>
          <button
            type="button"
            aria-pressed={mode === 'preview'}
            onClick={() => {
              void flush();
              onMode('preview');
            }}
          >
            Preview
          </button>
        </div>
        <button type="button" aria-expanded={history} onClick={onHistory}>
          History
        </button>
        <button
          type="button"
          onClick={() =>
            void (async () => {
              await flush();
              const file = await exportPostmortem(id);
              downloadText(file.markdown, file.fileName, 'text/markdown;charset=utf-8');
              toast(`Exported ${file.fileName}`);
            })().catch((e: Error) => toast(e.message, 'error'))
          }
        >
          Export Markdown
        </button>
      </div>
      {pm.incident && (
        <p className="muted small">
          Incident: {pm.incident.title} · SEV{pm.incident.severity} · {pm.incident.services.join(', ') || 'no services'}{' '}
          · started {shortTime(pm.incident.startedAt, pm.timeZone)} · {pm.incident.pages.length}{' '}
          {pm.incident.pages.length === 1 ? 'page' : 'pages'}
        </p>
      )}
      {pm.incident && <IncidentCostLine incident={pm.incident} />}
    </header>
  );
});
