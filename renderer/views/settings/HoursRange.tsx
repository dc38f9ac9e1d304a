// A daily span of hours (working hours, sleep hours): from and to, as times of day.

interface Span {
  start: string;
  end: string;
}

export function HoursRange<H extends Span>({
  legend,
  name,
  hours,
  onChange,
}: {
  legend: string;
  /** What the inputs are called for screen readers: "<name> start", "<name> end". */
  name: string;
  hours: H;
  onChange: (hours: H) => void;
}): React.JSX.Element {
  return (
    <fieldset className="hours">
      <legend>{legend}</legend>
      <input
        type="time"
        aria-label={`${name} start`}
        value={hours.start}
        onChange={(e) => onChange({ ...hours, start: e.target.value })}
      />
      <span>to</span>
      <input
        type="time"
        aria-label={`${name} end`}
        value={hours.end}
        onChange={(e) => onChange({ ...hours, end: e.target.value })}
      />
    </fieldset>
  );
}
