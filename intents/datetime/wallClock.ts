/**
 * The recognizer computes in the process's local time; handing it a Date whose local fields show the
 * wall clock of another time zone makes its answers times of that zone, whatever the server's own zone.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

/** A Date whose local fields show the wall-clock time of `instant` in `timeZone` (to the second). */
export function wallClock(instant: Date, timeZone = 'Europe/Berlin'): Date {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}
