// A row's budget left over its window as a small line (full at the top, exhausted at the dashed line).

import { sparklinePath } from '../../../shared/domain/slo/budget-view';

const width = 96;
const height = 24;

export function Sparkline({ values }: { values: readonly number[] }): React.JSX.Element {
  const low = Math.min(0, ...values);
  const zeroY = ((1 - 0) / (1 - low || 1)) * height;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <line x1={0} x2={width} y1={zeroY} y2={zeroY} className="sparkline-zero" />
      <path d={sparklinePath(values, width, height, low)} className="sparkline-line" />
    </svg>
  );
}
