// A postmortem's text as more than one editor holds it (two windows, a browser tab on
// `oncall serve`): saves say the text version they were edited from, and open editors ask for the
// stored version every few seconds to fold a newer text in.

import { call } from '../api';

/** Saves the text edited from `baseVersion`; the result says whether it was merged (and to what). */
export const saveTextFrom = (id: string, body: string, baseVersion: number) =>
  call('postmortems.save', { id, body, baseVersion });

/** The stored text's version (a cheap read, asked every few seconds). */
export const storedTextVersion = (id: string) => call('postmortems.version', { id });

/** How often an open editor asks whether another one saved. */
export const textPollMs = 2000;
