import { describe, expect, it } from 'vitest';
import { formatSchedule, formatSchedules, nextOccurrence, scheduleSchema, toAmsterdamIso } from '../src/index.js';
import type { Schedule } from '../src/index.js';

const sched = (s: Partial<Schedule> & Pick<Schedule, 'freq'>): Schedule => scheduleSchema.parse(s);

describe('formatSchedule', () => {
  it('writes weekly schedules in Dutch and English', () => {
    const s = sched({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', closesAt: '12:00' });
    expect(formatSchedule(s)).toBe('elke dinsdag 10:00–12:00');
    expect(formatSchedule(s, 'en')).toBe('every Tuesday 10:00–12:00');
  });

  it('lists several days in week order', () => {
    const s = sched({ freq: 'weekly', byday: ['FR', 'MO', 'WE'], opensAt: '09:30' });
    expect(formatSchedule(s)).toBe('elke maandag, woensdag en vrijdag vanaf 09:30');
    expect(formatSchedule(s, 'en')).toBe('every Monday, Wednesday and Friday from 09:30');
  });

  it('writes fortnightly and n-weekly schedules', () => {
    expect(formatSchedule(sched({ freq: 'weekly', interval: 2, byday: ['WE'] }))).toBe('om de week op woensdag');
    expect(formatSchedule(sched({ freq: 'weekly', interval: 2, byday: ['WE'] }), 'en')).toBe('every other week on Wednesday');
    expect(formatSchedule(sched({ freq: 'weekly', interval: 3, byday: ['TH'] }))).toBe('elke 3 weken op donderdag');
  });

  it('writes monthly schedules with ordinals', () => {
    const s = sched({ freq: 'monthly', byday: ['1MO'], opensAt: '19:30', closesAt: '21:00' });
    expect(formatSchedule(s)).toBe('elke eerste maandag van de maand 19:30–21:00');
    expect(formatSchedule(s, 'en')).toBe('every first Monday of the month 19:30–21:00');
    expect(formatSchedule(sched({ freq: 'monthly', byday: ['-1FR'] }))).toBe('elke laatste vrijdag van de maand');
    expect(formatSchedule(sched({ freq: 'monthly', byday: ['3MO', '1MO'] }))).toBe('elke eerste en derde maandag van de maand');
    expect(formatSchedule(sched({ freq: 'monthly', bymonthday: [15] }))).toBe('elke maand op de 15e');
    expect(formatSchedule(sched({ freq: 'monthly', bymonthday: [1] }), 'en')).toBe('every month on the 1st');
  });

  it('writes daily and one-off schedules', () => {
    expect(formatSchedule(sched({ freq: 'daily', opensAt: '08:00', closesAt: '17:00' }))).toBe('elke dag 08:00–17:00');
    expect(formatSchedule(sched({ freq: 'once', date: '2025-05-13', opensAt: '14:00', closesAt: '16:00' }))).toBe('op dinsdag 13 mei 2025 14:00–16:00');
    expect(formatSchedule(sched({ freq: 'once', date: '2025-05-13' }), 'en')).toBe('on Tuesday 13 May 2025');
  });

  it('falls back to the description when the structure says too little', () => {
    expect(formatSchedule(sched({ freq: 'weekly', description: 'in overleg' }))).toBe('in overleg');
    expect(formatSchedule(sched({ freq: 'weekly' }))).toBe('elke week');
    expect(formatSchedule(sched({ freq: 'once' }))).toBeNull();
  });

  it('joins several schedules and drops duplicates', () => {
    const a = sched({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', closesAt: '12:00' });
    const b = sched({ freq: 'weekly', byday: ['TH'], opensAt: '19:00', closesAt: '21:00' });
    expect(formatSchedules([a, b, a])).toBe('elke dinsdag 10:00–12:00; elke donderdag 19:00–21:00');
    expect(formatSchedules([])).toBeNull();
  });
});

describe('toAmsterdamIso', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(toAmsterdamIso(Date.UTC(2025, 0, 15, 9, 0))).toBe('2025-01-15T10:00:00+01:00');
    expect(toAmsterdamIso(Date.UTC(2025, 6, 15, 9, 0))).toBe('2025-07-15T11:00:00+02:00');
  });
});

describe('nextOccurrence', () => {
  const tuesday = sched({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', closesAt: '12:00' });

  it('finds the next weekday occurrence with the Amsterdam offset', () => {
    // Monday 13 January 2025, 12:00 UTC
    expect(nextOccurrence([tuesday], new Date(Date.UTC(2025, 0, 13, 12)))).toBe('2025-01-14T10:00:00+01:00');
  });

  it('moves to next week once today’s session has started', () => {
    // Tuesday 14 January 2025, 09:30 UTC = 10:30 Amsterdam
    expect(nextOccurrence([tuesday], new Date(Date.UTC(2025, 0, 14, 9, 30)))).toBe('2025-01-21T10:00:00+01:00');
    // 08:59 UTC = 09:59 Amsterdam: still today
    expect(nextOccurrence([tuesday], new Date(Date.UTC(2025, 0, 14, 8, 59)))).toBe('2025-01-14T10:00:00+01:00');
  });

  it('is correct across the spring and autumn DST changes', () => {
    // Summer time starts Sunday 30 March 2025 at 02:00.
    const sunday = sched({ freq: 'weekly', byday: ['SU'], opensAt: '10:00' });
    expect(nextOccurrence([sunday], new Date(Date.UTC(2025, 2, 29, 12)))).toBe('2025-03-30T10:00:00+02:00');
    // Winter time starts Sunday 26 October 2025 at 03:00.
    expect(nextOccurrence([sunday], new Date(Date.UTC(2025, 9, 25, 12)))).toBe('2025-10-26T10:00:00+01:00');
    // The Amsterdam date, not the UTC date, decides "today": 23:30 UTC on Saturday is Sunday 01:30 in summer.
    expect(nextOccurrence([sunday], new Date(Date.UTC(2025, 5, 14, 23, 30)))).toBe('2025-06-15T10:00:00+02:00');
  });

  it('places monthly rules with ordinals', () => {
    const firstMonday = sched({ freq: 'monthly', byday: ['1MO'], opensAt: '19:30', closesAt: '21:00' });
    expect(nextOccurrence([firstMonday], new Date(Date.UTC(2025, 0, 7)))).toBe('2025-02-03T19:30:00+01:00');
    const lastFriday = sched({ freq: 'monthly', byday: ['-1FR'], opensAt: '14:00' });
    expect(nextOccurrence([lastFriday], new Date(Date.UTC(2025, 4, 1)))).toBe('2025-05-30T14:00:00+02:00');
    const fifteenth = sched({ freq: 'monthly', bymonthday: [15], opensAt: '09:00' });
    expect(nextOccurrence([fifteenth], new Date(Date.UTC(2025, 1, 20)))).toBe('2025-03-15T09:00:00+01:00');
  });

  it('places fortnightly rules from their start date, and not without one', () => {
    // validFrom Wednesday 1 January 2025: on weeks 1, 3, 5 …
    const fortnightly = sched({ freq: 'weekly', interval: 2, byday: ['WE'], opensAt: '14:00', validFrom: '2025-01-01' });
    expect(nextOccurrence([fortnightly], new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-15T14:00:00+01:00');
    const unanchored = sched({ freq: 'weekly', interval: 2, byday: ['WE'], opensAt: '14:00' });
    expect(nextOccurrence([unanchored], new Date(Date.UTC(2025, 0, 2)))).toBeNull();
  });

  it('respects validity windows and one-off dates', () => {
    const ended = sched({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', validTo: '2024-12-31' });
    expect(nextOccurrence([ended], new Date(Date.UTC(2025, 0, 1)))).toBeNull();
    const later = sched({ freq: 'weekly', byday: ['TU'], opensAt: '10:00', validFrom: '2025-03-01' });
    expect(nextOccurrence([later], new Date(Date.UTC(2025, 0, 1)))).toBe('2025-03-04T10:00:00+01:00');
    const once = sched({ freq: 'once', date: '2025-06-01', opensAt: '11:00' });
    expect(nextOccurrence([once], new Date(Date.UTC(2025, 0, 1)))).toBe('2025-06-01T11:00:00+02:00');
    expect(nextOccurrence([once], new Date(Date.UTC(2025, 6, 1)))).toBeNull();
  });

  it('takes the earliest of several schedules and handles schedules without a time', () => {
    const thursday = sched({ freq: 'weekly', byday: ['TH'], opensAt: '19:00' });
    // Wednesday 15 January 2025
    expect(nextOccurrence([tuesday, thursday], new Date(Date.UTC(2025, 0, 15, 12)))).toBe('2025-01-16T19:00:00+01:00');
    const allDay = sched({ freq: 'weekly', byday: ['WE'] });
    expect(nextOccurrence([allDay], new Date(Date.UTC(2025, 0, 15, 12)))).toBe('2025-01-15T00:00:00+01:00');
    expect(nextOccurrence([], new Date())).toBeNull();
  });
});
