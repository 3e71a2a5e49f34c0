import type { BusinessCalendar } from '../../../knowledge/calendar/businessCalendar';

/**
 * The service center's promise: Monday to Friday 7–18, NI holidays, closed on 24.12. and 31.12., a staff
 * meeting on 2.12.2026 from 12:00 (shared by the calendar's tests and those of its wording).
 */
export const serviceCenter: BusinessCalendar = {
  hours: { mo: ['07:00-18:00'], di: ['07:00-18:00'], mi: ['07:00-18:00'], do: ['07:00-18:00'], fr: ['07:00-18:00'] },
  recurring: ['12-24', '12-31'],
  dated: [{ datum: '2026-12-02', grund: 'Personalversammlung', zeit: '12:00-18:00' }],
  state: 'NI',
};

export const at = (iso: string): Date => new Date(iso);
