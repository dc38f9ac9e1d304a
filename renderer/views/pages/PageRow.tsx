// One row of the pages list: mark box, time (and the owner's own time when their zone differs),
// severity, service and whose page it is, summary and the shift it belongs to, chips, minutes, delete.

import type { Page } from '../../../shared/contract';
import { minutesText, ownerTime, placeOf, shortTime } from '../../format';

interface RowProps {
  page: Page;
  zone: string;
  /** The handle of the person this device logs as: other people's pages say whose they are. */
  me: string;
  selected: boolean;
  marked: boolean;
  style: React.CSSProperties;
  onMark: () => void;
  onSelect: () => void;
  onOpen: () => void;
  onDelete: () => void;
}

export function PageRow({ page, zone, me, selected, marked, style, onMark, onSelect, onOpen, onDelete }: RowProps) {
  const triage = page.triage ?? 'untriaged';
  const theirTime = ownerTime(page.receivedAt, page.zone, zone);
  const shift =
    page.onCall === null ? null : page.onCall.length > 0 ? `${page.onCall.join(', ')} shift` : 'off rotation';
  return (
    <div
      id={`page-${page.id}`}
      className={`page-row${selected ? ' selected' : ''}`}
      role="row"
      aria-selected={selected}
      style={style}
      onClick={onSelect}
      onDoubleClick={onOpen}
    >
      <span role="gridcell" className="mark">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={marked}
          aria-label={`Mark for an incident: ${page.summary}`}
          onClick={(e) => e.stopPropagation()}
          onChange={onMark}
        />
      </span>
      <span role="gridcell" className="when">
        <span>{shortTime(page.receivedAt, zone)}</span>
        {theirTime && <span className="owner-time">{theirTime}</span>}
      </span>
      <span role="gridcell">
        <span className={`sev sev${page.severity}`}>SEV{page.severity}</span>
      </span>
      <span role="gridcell" className="service">
        <span className="service-name">{page.service}</span>
        {page.personHandle !== me && <span className="who">@{page.personHandle}</span>}
      </span>
      <span role="gridcell" className="summary">
        <button type="button" className="link" onClick={onOpen} tabIndex={-1}>
          {page.summary}
        </button>
        {shift && <span className="shift">{shift}</span>}
      </span>
      <span role="gridcell" className="chips">
        <span className={`chip ${triage}`}>{triage}</span>
        {page.sleepHour && (
          <span className="chip sleep" title={`Sleep hours in ${placeOf(page.zone)}, where @${page.personHandle} was`}>
            <svg className="chip-mark" aria-hidden="true" viewBox="0 0 24 24" width="12" height="12">
              <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" fill="currentColor" />
            </svg>
            <span className="chip-label">sleep hours</span>
          </span>
        )}
        {page.offHours && !page.sleepHour && <span className="chip off">off hours</span>}
      </span>
      <span role="gridcell" className="minutes">
        {page.minutesSpent !== null ? minutesText(page.minutesSpent) : ''}
      </span>
      <span role="gridcell">
        <button
          type="button"
          className="icon"
          aria-label={`Delete page: ${page.summary}`}
          onClick={onDelete}
          tabIndex={-1}
        >
          ✕
        </button>
      </span>
    </div>
  );
}
