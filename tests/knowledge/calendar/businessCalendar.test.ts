import { strict as assert } from 'node:assert';
import {
  closingOf,
  dayPlan,
  hoursStatus,
  isOpen,
  nearestSlot,
  nextOpening,
  openPartOf,
  officeCalendar,
  publicHoliday,
  serviceCenterCalendar,
} from '../../../knowledge/calendar/businessCalendar';
import { openState, rangesOn } from '../../../knowledge/calendar/weeklyHours';
import type { Office, TenantFile } from '../../../knowledge/schema';
import { at, serviceCenter } from './serviceCenterFixture';

describe('business calendar (knowledge/calendar: hours, Niedersachsen holidays, closures)', () => {
  it('public holidays of the Land only: Reformationstag in NI, not Heiligabend (an observance)', () => {
    assert.equal(publicHoliday({ y: 2025, m: 10, d: 31 }, 'NI'), 'Reformationstag');
    assert.equal(publicHoliday({ y: 2026, m: 12, d: 24 }, 'NI'), undefined);
    assert.equal(publicHoliday({ y: 2026, m: 11, d: 24 }, 'NI'), undefined);
  });

  it('a day plan: weekly ranges, a holiday, a recurring closure, a closure for part of the day', () => {
    assert.deepEqual(dayPlan(serviceCenter, { y: 2026, m: 11, d: 24 }), {
      ranges: [{ from: 420, to: 1080 }],
      regular: [{ from: 420, to: 1080 }],
    });
    assert.deepEqual(dayPlan(serviceCenter, { y: 2025, m: 10, d: 31 }).closed, { kind: 'holiday', name: 'Reformationstag' });
    const christmasEve = dayPlan(serviceCenter, { y: 2026, m: 12, d: 24 });
    assert.deepEqual([christmasEve.ranges, christmasEve.closed], [[], { kind: 'closure', name: 'Heiligabend' }]);
    const meeting = dayPlan(serviceCenter, { y: 2026, m: 12, d: 2 });
    assert.deepEqual(meeting.ranges, [{ from: 420, to: 720 }]);
    assert.deepEqual(meeting.closed, { kind: 'closure', name: 'Personalversammlung' });
  });

  it('open and closed around a closure for part of the day, and when the day closes', () => {
    assert.equal(isOpen(serviceCenter, at('2026-12-02T10:59:00Z')), true);
    assert.equal(isOpen(serviceCenter, at('2026-12-02T11:00:00Z')), false);
    assert.equal(closingOf(serviceCenter, at('2026-12-02T08:00:00Z'))?.toISOString(), '2026-12-02T11:00:00.000Z');
    assert.equal(closingOf(serviceCenter, at('2026-11-28T10:00:00Z')), undefined);
    const s = hoursStatus(serviceCenter, at('2026-12-02T12:00:00Z'));
    assert.equal(s.open, false);
    assert.equal(!s.open && s.next?.at.toISOString(), '2026-12-03T06:00:00.000Z');
  });

  it('the next opening after the Christmas closures names what was skipped', () => {
    const o = nextOpening(serviceCenter, at('2026-12-23T18:00:00Z'));
    assert.equal(o?.at.toISOString(), '2026-12-28T06:00:00.000Z');
    assert.deepEqual(
      o?.skipped.map((d) => d.name),
      ['Heiligabend', '1. Weihnachtstag', '2. Weihnachtstag'],
    );
  });

  it('slots: the wish in hours, else the nearest; a stretch partly open', () => {
    const now = at('2026-11-24T09:00:00Z'); // Tuesday 10:00
    assert.deepEqual(nearestSlot(serviceCenter, at('2026-11-24T13:00:00Z'), now), { at: at('2026-11-24T13:00:00Z'), exact: true });
    // 19:30 is after closing: 17:30 the same day, the last slot half an hour before closing.
    assert.equal(nearestSlot(serviceCenter, at('2026-11-25T18:30:00Z'), now)?.at.toISOString(), '2026-11-25T16:30:00.000Z');
    // 16:00 to 20:00: open from 16:00, not all of it.
    assert.deepEqual(openPartOf(serviceCenter, at('2026-11-24T15:00:00Z'), at('2026-11-24T19:00:00Z'), now), {
      at: at('2026-11-24T15:00:00Z'),
      whole: false,
    });
    // 8:00 to 12:00: all of it.
    assert.equal(openPartOf(serviceCenter, at('2026-11-25T07:00:00Z'), at('2026-11-25T11:00:00Z'), now)?.whole, true);
  });

  it('calendars from the knowledge: the tenant’s closures and the service center’s or office’s own', () => {
    const tenant = {
      bundesland: 'NI',
      schliesstage: ['12-24'],
      schliessungen: [{ datum: '2026-06-01', grund: 'Betriebsausflug' }],
      servicecenter: { oeffnungszeiten: { mo: ['07:00-18:00'] }, schliesstage: ['12-31'] },
    } as unknown as TenantFile;
    const sc = serviceCenterCalendar(tenant);
    assert.deepEqual([sc.recurring, sc.dated.length, sc.state], [['12-24', '12-31'], 1, 'NI']);
    assert.equal(officeCalendar(tenant, { id: 'x' } as unknown as Office), undefined);
    const office = officeCalendar(tenant, { oeffnungszeiten: { di: ['08:00-12:00'] } } as unknown as Office);
    assert.deepEqual(office?.hours, { di: ['08:00-12:00'] });
  });

  it('the weekly view: open now, later today, or the next weekday with hours', () => {
    const hours = { mo: ['14:00-16:00', '08:00-12:00'], mi: ['08:00-12:00'] };
    assert.deepEqual(rangesOn(hours, 'mo'), [
      { from: 480, to: 720 },
      { from: 840, to: 960 },
    ]);
    assert.deepEqual(openState(hours, { weekday: 'mo', minutes: 600 }), { kind: 'open', until: 720, laterToday: [{ from: 840, to: 960 }] });
    assert.equal(openState(hours, { weekday: 'mo', minutes: 750 }).kind, 'opens-later-today');
    assert.deepEqual(openState(hours, { weekday: 'mo', minutes: 1000 }), {
      kind: 'closed',
      next: { weekday: 'mi', daysAhead: 2, at: 480 },
    });
    assert.deepEqual(openState({}, { weekday: 'mo', minutes: 0 }), { kind: 'closed' });
  });
});
