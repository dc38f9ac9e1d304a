// One way to show what a figure means: a small "?" beside it that opens the definition in a
// popover (click, Enter or Space; Esc or a click elsewhere closes), instead of a paragraph in
// every card.

import { useEffect, useId, useRef, useState } from 'react';

export function Definition({ term, text }: { term: string; text: string }): React.JSX.Element | null {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent): void => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  if (text.trim() === '') return null;
  return (
    <span className="definition-wrap" ref={wrap}>
      <button
        type="button"
        className="definition-toggle"
        aria-label={`What is “${term}”?`}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        ?
      </button>
      {open && (
        <span id={id} className="popover definition-popover" role="note">
          {text}
        </span>
      )}
    </span>
  );
}
