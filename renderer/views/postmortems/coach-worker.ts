// The structure coach (wink-nlp, its English model) off the editor's thread: the editor posts
// the postmortem's text after a pause in typing and shows the answer when it comes back
// (useDeferredCoach.ts). One remembering coach per worker, so after the first pass an answer
// re-reads only the sentences that changed.

import { createDeepCoach } from '../../../shared/domain/blameless/deep-coach';
import type { Diagnostic } from '../../../shared/domain/blameless/coach';
import type { CoachConfig } from '../../../shared/domain/blameless/rules';

export interface CoachRequest {
  text: string;
  config: CoachConfig;
}

export interface CoachReply {
  text: string;
  diagnostics: Diagnostic[];
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<CoachRequest>) => void) | null;
  postMessage(reply: CoachReply): void;
}

const scope = self as unknown as WorkerScope;
const coach = createDeepCoach();
// The settings arrive as a copy with each text: the same settings (by value) keep one object, so
// the coach's memory survives between texts.
let settingsKey = '';
let settings: CoachConfig | null = null;

scope.onmessage = ({ data }) => {
  const key = JSON.stringify(data.config);
  if (!settings || key !== settingsKey) {
    settingsKey = key;
    settings = data.config;
  }
  scope.postMessage({ text: data.text, diagnostics: coach(data.text, settings) });
};
