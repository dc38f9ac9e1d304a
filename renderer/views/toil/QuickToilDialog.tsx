// Key `t`: log toil in one line ("45m alert triage payments"), start the timer with a
// description, or stop the running timer. A timer left over 12 hours is asked about first.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatMinutes, parseDuration, parseQuickToil } from '../../../shared/domain/duration';
import { ApiError } from '../../api';
import { FormError, InputField } from '../../components/Field';
import { useApp } from '../../state/app';
import { quickAddToil, startToilTimer, stopToilTimer, useToil } from '../../state/toil';
import './toil.css';

export function QuickToilDialog(): React.JSX.Element {
  const { quickOpen, setQuickOpen, timer, categories, loadTimer, loadCategories } = useToil();
  const info = useApp((s) => s.info);
  const services = info?.services ?? [];
  const changed = useApp((s) => s.changed);
  const toast = useApp((s) => s.toast);
  const ref = useRef<HTMLDialogElement>(null);
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [longTimer, setLongTimer] = useState<string | null>(null);
  const [realDuration, setRealDuration] = useState('');

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (quickOpen) {
      setLine('');
      setError(null);
      setLongTimer(null);
      setRealDuration('');
      void loadCategories();
      void loadTimer();
      if (!element.open) element.showModal();
    } else if (element.open) element.close();
  }, [quickOpen, loadCategories, loadTimer]);

  const trimmed = line.trim();
  const parsed = trimmed ? parseQuickToil(trimmed, categories, services) : null;
  // A line that starts like a duration but is not one ("30h", "-5m") is an error, never a timer.
  const badDuration = parsed && !parsed.ok && /^[-\d]/.test(trimmed) ? parsed.message : null;
  // Without a duration, the line describes what the timer is for.
  const forTimer =
    trimmed && !parsed?.ok && !badDuration ? parseQuickToil(`1m ${trimmed}`, categories, services) : null;
  const mode: 'log' | 'start' | 'stop' | 'invalid' | 'busy' | 'none' = parsed?.ok
    ? 'log'
    : badDuration
      ? 'invalid'
      : trimmed
        ? timer
          ? 'busy'
          : 'start'
        : timer
          ? 'stop'
          : 'none';

  const done = (message: string): void => {
    toast(message);
    setQuickOpen(false);
    changed();
    void loadTimer();
  };

  async function stop(options: { minutes?: number; confirm?: boolean; discard?: boolean } = {}): Promise<void> {
    try {
      const result = await stopToilTimer(options);
      done(
        result.entry
          ? `Logged ${formatMinutes(result.entry.minutes)} of ${result.entry.category}.`
          : 'Timer discarded.',
      );
    } catch (caught) {
      if (caught instanceof ApiError && (caught.error.field === 'confirm' || caught.error.field === 'minutes')) {
        setLongTimer(caught.error.message.replace(/^(confirm|minutes): /, ''));
      } else setError((caught as Error).message);
    }
  }

  async function submit(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    setError(null);
    try {
      if (mode === 'log') {
        const entry = await quickAddToil(trimmed);
        done(
          `Logged ${formatMinutes(entry.minutes)} of ${entry.category}${entry.service ? ` on ${entry.service}` : ''}.`,
        );
      } else if (mode === 'start' && forTimer?.ok) {
        const { category, service, description } = forTimer.value;
        const started = await startToilTimer({ description, category, service });
        done(`Timer started: ${started.description}.`);
      } else if (mode === 'stop') await stop();
      else if (mode === 'invalid' && badDuration) setError(badDuration);
      else if (mode === 'busy')
        setError('A timer is running: stop it first (empty line, Enter), or log with a duration, e.g. "30m …".');
    } catch (caught) {
      setError((caught as Error).message.replace(/^line: /, ''));
    }
  }

  const running = timer ? timer.minutes : 0; // read afresh each time the dialog opens
  const realMinutes = realDuration ? parseDuration(realDuration) : null;

  return (
    <dialog
      ref={ref}
      className="page-dialog toil-dialog"
      aria-labelledby="toil-dialog-title"
      onClose={() => setQuickOpen(false)}
    >
      {quickOpen && (
        <form onSubmit={(e) => void submit(e)}>
          <h2 id="toil-dialog-title">Log toil</h2>
          {timer && (
            <p className="timer-line">
              Timer running: <strong>{timer.description}</strong> ({timer.category}) —{' '}
              {formatMinutes(Math.max(1, running))}
            </p>
          )}
          <InputField
            className="wide"
            label="How long, and what? (or just what, to start a timer)"
            autoFocus
            name="line"
            value={line}
            onValue={(value) => setLine(value)}
            placeholder="45m alert triage payments"
            aria-describedby="toil-preview"
          />
          <p id="toil-preview" className="hint" aria-live="polite">
            {mode === 'log' && parsed?.ok
              ? `Enter logs ${formatMinutes(parsed.value.minutes)} · ${parsed.value.category}${parsed.value.service ? ` · ${parsed.value.service}` : ''} · today`
              : mode === 'start' && forTimer?.ok
                ? `Enter starts a timer for “${forTimer.value.description}” (${forTimer.value.category})`
                : mode === 'stop'
                  ? 'Enter stops the timer and logs its time'
                  : mode === 'invalid'
                    ? `${badDuration ?? ''}`
                    : mode === 'busy'
                      ? 'A timer is running: clear the line and press Enter to stop it, or start with a duration ("30m …") to log something else.'
                      : 'Durations: 45m, 1h30, 1.5h'}
          </p>
          {longTimer && (
            <div className="form-error" role="alert">
              <p>{longTimer}</p>
              <div className="dialog-actions">
                <input
                  aria-label="Real duration"
                  placeholder="e.g. 1h30"
                  value={realDuration}
                  onChange={(e) => setRealDuration(e.target.value)}
                />
                <button
                  type="button"
                  disabled={!realMinutes?.ok}
                  onClick={() => realMinutes?.ok && void stop({ minutes: realMinutes.minutes })}
                >
                  Log this instead
                </button>
                {/* Over a day cannot be counted as one entry: only the real duration or discarding. */}
                {!longTimer.includes('more than a day') && (
                  <button type="button" onClick={() => void stop({ confirm: true })}>
                    Count it all
                  </button>
                )}
                <button type="button" onClick={() => void stop({ discard: true })}>
                  Discard
                </button>
              </div>
            </div>
          )}
          <FormError message={error} />
          <div className="dialog-actions">
            <span className="hint">
              <kbd>Enter</kbd> {mode === 'stop' ? 'stops the timer' : mode === 'start' ? 'starts the timer' : 'logs it'}{' '}
              · <kbd>Esc</kbd> cancels
            </span>
            <button type="button" onClick={() => setQuickOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={mode === 'none'}>
              {mode === 'stop' ? 'Stop timer' : mode === 'start' ? 'Start timer' : 'Log toil'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
