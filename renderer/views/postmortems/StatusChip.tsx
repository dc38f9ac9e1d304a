// An action item's status as a chip: overdue, done, won't do, open.

import type { ActionItem } from '../../../shared/postmortem-contract';

export function StatusChip({ item }: { item: ActionItem }): React.JSX.Element {
  if (item.overdue) return <span className="chip overdue">overdue</span>;
  if (item.status === 'done') return <span className="chip done">done</span>;
  if (item.status === 'wont_do') return <span className="chip wont">won’t do</span>;
  return <span className="chip open">open</span>;
}
