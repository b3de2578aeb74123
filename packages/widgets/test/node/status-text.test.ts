// The words of <sk-referral-status>: every history entry, the handover and the started
// activity, the time to first contact and the journal line, in Dutch and English.
import { describe, expect, it } from 'vitest';
import { describeView, hoursToFirstContact } from '../../src/referral-status/status-text.js';
import { en } from '../../src/translations/en.js';
import { nl } from '../../src/translations/nl.js';
import type { ReferralStatusView } from '../../src/internal/referral.js';

const view = (history: ReferralStatusView['history'], status: ReferralStatusView['status']): ReferralStatusView => ({
  referralId: 'r1',
  status,
  createdAt: '2026-01-12T08:00:00.000Z',
  updatedAt: history.at(-1)?.at ?? '2026-01-12T08:00:00.000Z',
  history,
  target: { type: 'activity', activityId: 'a1', title: 'Koffieochtend', organizationId: 'org-1', organizationName: 'Buurtteam Oost' },
});

const handedOver = view(
  [
    { status: 'sent', at: '2026-01-12T08:00:01.000Z' },
    { status: 'contacted', at: '2026-01-14T09:00:00.000Z' },
    { status: 'handed_over', at: '2026-01-14T10:00:00.000Z', to: { organizationId: 'org-2', organizationName: 'Welzijn Noord' } },
    { status: 'started', at: '2026-01-20T10:00:00.000Z', activityId: 'act-zang' },
  ],
  'started',
);

describe('status words', () => {
  it('names the handover, the started activity (when its title is known) and the time to first contact', () => {
    const d = describeView(handedOver, 'nl', nl.referralStatus.statuses, new Map([['act-zang', 'Zangkoor De Lindeboom']]));
    expect(d.entries).toEqual(['Verstuurd', 'Contact opgenomen', 'Overgedragen aan Welzijn Noord', 'Gestart met Zangkoor De Lindeboom']);
    expect(d.current).toBe('Gestart met Zangkoor De Lindeboom');
    expect(d.firstContact).toBe('Contact opgenomen na 2 dagen');
    expect(d.journal).toBe('Welzijn op Recept: verwijzing naar Koffieochtend (Buurtteam Oost), status: gestart met Zangkoor De Lindeboom; contact opgenomen na 2 dagen.');
    const plain = describeView(handedOver, 'nl', nl.referralStatus.statuses, new Map());
    expect(plain.entries[3]).toBe('Gestart');
  });

  it('the journal line follows the current status, in English too', () => {
    const contacted = view(handedOver.history.slice(0, 2), 'contacted');
    expect(describeView(contacted, 'nl', nl.referralStatus.statuses, new Map()).journal).toBe(
      'Welzijn op Recept: verwijzing naar Koffieochtend (Buurtteam Oost), status: contact opgenomen na 2 dagen.',
    );
    const sent = view(handedOver.history.slice(0, 1), 'sent');
    expect(describeView(sent, 'nl', nl.referralStatus.statuses, new Map())).toMatchObject({ firstContact: null, journal: 'Welzijn op Recept: verwijzing naar Koffieochtend (Buurtteam Oost), status: verstuurd.' });
    const over = view(handedOver.history.slice(0, 3), 'handed_over');
    expect(describeView(over, 'en', en.referralStatus.statuses, new Map())).toMatchObject({
      current: 'Handed over to Welzijn Noord',
      firstContact: 'Contacted after 2 days',
      journal: 'Welzijn op Recept: referral to Koffieochtend (Buurtteam Oost), status: handed over to Welzijn Noord; contacted after 2 days.',
    });
  });

  it('time to first contact: within an hour, in hours, in days', () => {
    const at = (iso: string) => view([{ status: 'contacted', at: iso }], 'contacted');
    expect(hoursToFirstContact(at('2026-01-12T08:30:00.000Z'))).toBe(0.5);
    expect(describeView(at('2026-01-12T08:30:00.000Z'), 'nl', nl.referralStatus.statuses, new Map()).firstContact).toBe('Contact opgenomen binnen een uur');
    expect(describeView(at('2026-01-12T13:00:00.000Z'), 'nl', nl.referralStatus.statuses, new Map()).firstContact).toBe('Contact opgenomen na 5 uur');
    expect(describeView(at('2026-01-13T09:00:00.000Z'), 'en', en.referralStatus.statuses, new Map()).firstContact).toBe('Contacted after 1 day');
    expect(hoursToFirstContact(view([{ status: 'received', at: '2026-01-12T09:00:00.000Z' }], 'received'))).toBeNull();
  });
});
