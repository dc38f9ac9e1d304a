// One row of the pages list: mark box, time, severity, service, summary, chips, minutes, delete.

import type { Page } from '../../../shared/contract';
import { minutesText, shortTime } from '../../format';

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
        {shortTime(page.receivedAt, zone)}
      </span>
      <span role="gridcell">
        <span className={`sev sev${page.severity}`}>SEV{page.severity}</span>
      </span>
      <span role="gridcell" className="service">
        {page.service}
        {page.personHandle !== me && <span className="who"> · @{page.personHandle}</span>}
      </span>
      <span role="gridcell" className="summary">
        <button type="button" className="link" onClick={onOpen} tabIndex={-1}>
          {page.summary}
        </button>
      </span>
      <span role="gridcell" className="chips">
        <span className={`chip ${triage}`}>{triage}</span>
        {page.sleepHour && <span className="chip sleep">sleep hours</span>}
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
