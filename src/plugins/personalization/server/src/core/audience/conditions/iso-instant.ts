const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Milliseconds since the epoch of an ISO 8601 date (midnight UTC) or date-time, else null.
 * A date-time must carry a zone (Z or ±hh:mm): without one, JavaScript reads it in the
 * server's local zone and the same condition would mean different instants on different hosts.
 * Impossible dates (2026-02-30) are refused rather than rolled over as Date.parse does.
 */
export const isoInstant = (text: string): number | null => {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const valid =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth(Number(year), Number(month)) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59;
  const time = valid ? Date.parse(text) : NaN;
  return Number.isFinite(time) ? time : null;
};
