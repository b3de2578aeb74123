import { formatSchedules, type Schedule } from '@sociale-kaart/schema';
import { FACET_ORDER } from '../finder/finder-filters.js';
import { formatDistance, formatNextSession, scheduleLines } from './format.js';
import { splitHighlight } from './highlight.js';
import { normalizeQuery, toSearchParams } from './query.js';
import { safeHref, telHref } from './safe-url.js';
import { en } from '../translations/en.js';
import { nl } from '../translations/nl.js';
import { assertEqual } from '../../test/helpers.js';

describe('internals', () => {
  it('splits highlight markers into marked and plain parts', () => {
    assertEqual(splitHighlight('Samen \uE000koken\uE001 en eten'), [
      { text: 'Samen ', marked: false },
      { text: 'koken', marked: true },
      { text: ' en eten', marked: false },
    ], 'parts');
    assertEqual(splitHighlight('<b>\uE000x'), [{ text: '<b>', marked: false }, { text: 'x', marked: true }], 'unbalanced marker tolerated');
  });

  it('lets only http(s), mailto and tel become links', () => {
    assertEqual(safeHref('javascript:alert(1)'), null, 'javascript:');
    assertEqual(safeHref(' JaVaScRiPt:alert(1)'), null, 'mixed case');
    assertEqual(safeHref('data:text/html,<b>'), null, 'data:');
    assertEqual(safeHref('/relative'), null, 'relative');
    assertEqual(safeHref('https://example.nl/a b'), null, 'spaces');
    assertEqual(safeHref('https://example.nl/x'), 'https://example.nl/x', 'https');
    assertEqual(safeHref('mailto:a@b.nl'), 'mailto:a@b.nl', 'mailto');
    assertEqual(telHref('030 - 123 45 67'), 'tel:0301234567', 'tel');
  });

  it('orders day and part-of-day chips in week order', () => {
    assertEqual([...FACET_ORDER.day!], ['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'], 'days');
    assertEqual([...FACET_ORDER.partOfDay!], ['ochtend', 'middag', 'avond'], 'parts of the day');
  });

  it('normalises queries and postcodes', () => {
    assertEqual(normalizeQuery({ postcode: '3511ab' }).postcode, '3511 AB', 'postcode');
    assertEqual(normalizeQuery({ postcode: '0123 AB' }).postcode, '', 'no leading zero');
    const q = normalizeQuery({ q: '  a   b ', category: 'b,a,a', radius: '5', page: '0', perPage: 500 });
    assertEqual([q.q, q.category, q.radius, q.page, q.perPage], ['a b', ['a', 'b'], 5, 1, 50], 'normalised');
    assertEqual(toSearchParams({ ...q, postcode: '3511 AB' }, 'nl').toString(), 'q=a+b&category=a&category=b&postcode=3511+AB&radius=5&per_page=50&lang=nl', 'params');
  });

  it('words schedules as the search API does, one line each; sessions and distances in Dutch and English', () => {
    const weekly: Schedule = { freq: 'weekly', interval: 1, byday: ['TU', 'TH'], bymonthday: [], opensAt: '10:00', closesAt: '12:00', validFrom: null, validTo: null, date: null, description: null };
    const monthly: Schedule = { ...weekly, freq: 'monthly', byday: ['-1FR'], opensAt: '19:30', closesAt: null, description: 'Bij de bibliotheek' };
    const fortnightly: Schedule = { ...weekly, byday: ['MO'], interval: 2, opensAt: null, closesAt: null };
    assertEqual(scheduleLines([weekly], 'nl'), ['Elke dinsdag en donderdag 10:00–12:00'], 'weekly nl');
    assertEqual(scheduleLines([monthly], 'nl'), ['Elke laatste vrijdag van de maand vanaf 19:30 — Bij de bibliotheek'], 'monthly nl, with its description');
    assertEqual(scheduleLines([fortnightly], 'en'), ['Every other week on Monday'], 'fortnightly en');
    // The same words as the API's one-line `schedule` on a card (schema's formatSchedules).
    assertEqual(scheduleLines([weekly, fortnightly], 'nl').join('; ').toLowerCase(), formatSchedules([weekly, fortnightly], 'nl')!.toLowerCase(), 'one wording');
    const now = new Date('2026-01-12T08:00:00+01:00');
    assertEqual(formatNextSession('2026-01-13T10:00:00+01:00', nl, now), 'morgen, 10:00', 'tomorrow');
    assertEqual(formatNextSession('2026-01-15T19:30:00+01:00', nl, now), 'donderdag 15 januari, 19:30', 'a later day');
    assertEqual(formatDistance(1.234, nl), '1,2 km', 'Dutch decimal comma');
  });
});
