// Keeps the structure coach (NLP, ~0.3 ms a sentence, ~¼ s for a first pass over 10,000 words)
// off the keystroke path: the text goes to a Web Worker (coach-worker.ts) once typing pauses for
// `coachPauseMs` (300 ms), one request at a time (a text typed meanwhile waits, and only the newest is
// sent). The editor keeps showing the last answer, carried onto the text as it is now
// (shared/domain/blameless/carry-over.ts). Where a worker cannot start, the coach is loaded on
// demand and runs on this thread when the browser is idle — still after the pause, never inside
// a keystroke.

import { useEffect, useRef, useState } from 'react';
import type { CoachAnswer } from '../../../shared/domain/blameless/carry-over';
import type { CoachConfig } from '../../../shared/domain/blameless/rules';
import type { CoachReply, CoachRequest } from './coach-worker';

/**
 * How long typing pauses before the structure coach reads the text: long enough that a steady
 * typist's keystrokes never share the thread with its answer (the autosave waits as long).
 */
export const coachPauseMs = 300;

interface Engine {
  ask(request: CoachRequest): void;
  stop(): void;
}

/** The coach on this thread, in idle time (no worker: an old browser, a test DOM). */
function idleEngine(answer: (reply: CoachReply) => void): Engine {
  let stopped = false;
  let coach: ((text: string, config: CoachConfig) => CoachReply['diagnostics']) | null = null;
  const idle = (run: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
    else setTimeout(run, 0);
  };
  return {
    ask({ text, config }) {
      void (async () => {
        if (!coach) coach = (await import('../../../shared/domain/blameless/deep-coach')).createDeepCoach();
        const run = coach;
        idle(() => {
          if (!stopped) answer({ text, diagnostics: run(text, config) });
        });
      })();
    },
    stop() {
      stopped = true;
    },
  };
}

function workerEngine(answer: (reply: CoachReply) => void): Engine {
  let fallback: Engine | null = null;
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./coach-worker.ts', import.meta.url), { type: 'module', name: 'coach' });
  } catch {
    return idleEngine(answer);
  }
  let busy: CoachRequest | null = null;
  let waiting: CoachRequest | null = null;
  worker.onmessage = ({ data }: MessageEvent<CoachReply>) => {
    answer(data);
    busy = waiting;
    waiting = null;
    if (busy) worker?.postMessage(busy);
  };
  worker.onerror = () => {
    // The worker could not load (a packaged app's file:// rules, a script error): run here.
    worker?.terminate();
    worker = null;
    fallback = idleEngine(answer);
    const last = waiting ?? busy;
    if (last) fallback.ask(last);
  };
  return {
    ask(request) {
      if (fallback) return fallback.ask(request);
      if (busy) waiting = request;
      else {
        busy = request;
        worker?.postMessage(request);
      }
    },
    stop() {
      worker?.terminate();
      fallback?.stop();
    },
  };
}

/**
 * The structure coach's latest answer for `text` (or an earlier version of it while the newest is
 * being read); null until the first answer. `pauseMs`: how long after `text` last changed it is
 * read (the editor's settled text is itself a pause behind the typing).
 */
export function useDeferredCoach(text: string, config: CoachConfig, pauseMs = coachPauseMs): CoachAnswer | null {
  const [latest, setLatest] = useState<CoachAnswer | null>(null);
  const engine = useRef<Engine | null>(null);
  useEffect(() => {
    const started = typeof Worker === 'function' ? workerEngine(setLatest) : idleEngine(setLatest);
    engine.current = started;
    return () => {
      started.stop();
      engine.current = null;
    };
  }, []);
  // The first text is read at once (an opened postmortem); later ones once typing pauses.
  const asked = useRef(false);
  useEffect(() => {
    const ask = (): void => {
      asked.current = true;
      engine.current?.ask({ text, config });
    };
    const timer = window.setTimeout(ask, asked.current ? pauseMs : 0);
    return () => window.clearTimeout(timer);
  }, [text, config, pauseMs]);
  return latest;
}
