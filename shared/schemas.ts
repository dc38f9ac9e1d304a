// Field schemas every part of the contract shares, so an instant, a date or a zone is checked
// (and explained) the same way in every operation.

import { z } from 'zod';
import { isValidTimeZone } from './domain/hours';

const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(2200, 0, 1);

/** An ISO 8601 instant with an offset, between 1970 and 2200 (the page time key stays exact). */
export const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-23T03:12:00Z' })
  .refine((value) => Date.parse(value) >= earliest && Date.parse(value) < latest, {
    message: 'must be between 1970 and 2200',
  });

export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

export const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Berlin' });

export const id = z.string().min(1, { message: 'must not be empty' }).max(64, { message: 'is too long' });
