import { formatDistance, formatNextSession, formatSchedule } from './format.js';
import { splitHighlight } from './highlight.js';
import { normalisePostcode, normaliseQuery, toSearchParams } from './query.js';
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

  it('normalises queries and postcodes', () => {
    assertEqual(normalisePostcode('3511ab'), '3511 AB', 'postcode');
    assertEqual(normalisePostcode('0123 AB'), null, 'no leading zero');
    const q = normaliseQuery({ q: '  a   b ', category: 'b,a,a', radius: '5', page: '0', perPage: 500 });
    assertEqual([q.q, q.category, q.radius, q.page, q.perPage], ['a b', ['a', 'b'], 5, 1, 50], 'normalised');
    assertEqual(toSearchParams({ ...q, postcode: '3511 AB' }, 'nl').toString(), 'q=a+b&category=a&category=b&postcode=3511+AB&radius=5&per_page=50&lang=nl', 'params');
  });

  it('formats schedules, sessions and distances in Dutch and English', () => {
    assertEqual(formatSchedule({ freq: 'weekly', byday: ['TU', 'TH'], opensAt: '10:00', closesAt: '12:00' }, nl), 'Elke dinsdag en donderdag, 10:00–12:00 uur', 'weekly nl');
    assertEqual(formatSchedule({ freq: 'monthly', byday: ['-1FR'], opensAt: '19:30', closesAt: null }, nl), 'Elke laatste vrijdag van de maand, vanaf 19:30 uur', 'monthly nl');
    assertEqual(formatSchedule({ freq: 'weekly', byday: ['MO'], interval: 2 }, en), 'Every 2 weeks on Monday', 'fortnightly en');
    const now = new Date('2026-01-12T08:00:00+01:00');
    assertEqual(formatNextSession('2026-01-13T10:00:00+01:00', nl, now), 'morgen, 10:00', 'tomorrow');
    assertEqual(formatNextSession('2026-01-15T19:30:00+01:00', nl, now), 'donderdag 15 januari, 19:30', 'a later day');
    assertEqual(formatDistance(1.234, nl), '1,2 km', 'Dutch decimal comma');
  });
});
