// Seeded query lists: Dutch words a GP or an inwoner would type, taxonomy keys, and real
// PC4 postcodes weighted to the cities (where most searches come from) plus rural ones.
import { CATEGORY_KEYS, DAY_KEYS, allPc4, lookupPc4 } from '@sociale-kaart/schema';

/** xorshift32: a tiny seeded PRNG, floats in [0, 1). */
export function seededRandom(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}
const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/** Words from titles, categories and needs (with the diacritics and compounds people type). */
export const WORDS = [
  'wandelen', 'koor', 'taalcafé', 'koken', 'rouw', 'eenzaam', 'yoga', 'schilderen', 'breien', 'moestuin',
  'maatje', 'schuldhulp', 'mantelzorg', 'dansen', 'zingen', 'fietsen', 'geheugen', 'bewegen', 'ontmoeting',
  'vrijwilligerswerk', 'administratie', 'koffie', 'natuur', 'muziek', 'lotgenoten', 'tuinieren', 'stress',
  'mindfulness', 'repair café', 'klaverjassen', 'tai chi', 'valpreventie', 'leesclub', 'eettafel', 'bezoekdienst',
  'digitaal', 'werkplaats', 'jeu de boules', 'nieuwkomers', 'zingeving', 'geldzaken', 'ouderen', 'jongeren',
  'somberheid', 'verlies', 'bingo', 'gym', 'mantelzorgcafé', 'buurtrestaurant', 'piekeren',
];

/** Related category per word, so "text + category + day" mostly has hits (as a user's filters would). */
const WORD_CATEGORY = {
  wandelen: 'walking_nature', koor: 'music_dance', 'taalcafé': 'learning', koken: 'cooking_eating', rouw: 'grief_loss',
  eenzaam: 'social_contact', yoga: 'exercise', schilderen: 'creative', breien: 'creative', moestuin: 'walking_nature',
  maatje: 'buddy', schuldhulp: 'money_admin', mantelzorg: 'informal_care', dansen: 'music_dance', zingen: 'music_dance',
  fietsen: 'exercise', bewegen: 'exercise', ontmoeting: 'social_contact', vrijwilligerswerk: 'volunteering',
  administratie: 'money_admin', koffie: 'social_contact', muziek: 'music_dance', lotgenoten: 'peer_support',
  tuinieren: 'walking_nature', stress: 'mental_resilience', mindfulness: 'mental_resilience', geldzaken: 'money_admin',
};

const CITIES = ['Amsterdam', 'Rotterdam', "'s-Gravenhage", 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda', 'Nijmegen', 'Arnhem', 'Haarlem', 'Enschede', 'Maastricht', 'Zwolle', 'Leiden'];

let pc4Split;
function pc4Pools() {
  if (pc4Split) return pc4Split;
  const city = [];
  const rest = [];
  for (const pc4 of allPc4()) {
    const row = lookupPc4(pc4);
    if (!row) continue;
    (CITIES.includes(row.place) ? city : rest).push(pc4);
  }
  if (city.length === 0) throw new Error('no city PC4s found in the PC4 table (place names changed?)');
  pc4Split = { city, rest };
  return pc4Split;
}

/** `count` postcodes: 70% in the big cities, 30% anywhere else (rural and small towns). */
export function samplePostcodes(rnd, count) {
  const { city, rest } = pc4Pools();
  return Array.from({ length: count }, () => (rnd() < 0.7 ? pick(rnd, city) : pick(rnd, rest)));
}

/**
 * The three query kinds of the search bench, `count` of each, from one seed:
 * - text: `{ q }`
 * - filtered: `{ q, category, day }` (the word's own category 2 times in 3, else any)
 * - nearby: `{ postcode }` (empty q, sorted by distance, the API's default radius)
 */
export function searchQueries(seed, count) {
  const rnd = seededRandom(seed);
  const text = Array.from({ length: count }, () => ({ q: pick(rnd, WORDS) }));
  const filtered = Array.from({ length: count }, () => {
    const q = pick(rnd, WORDS);
    const category = WORD_CATEGORY[q] && rnd() < 2 / 3 ? WORD_CATEGORY[q] : pick(rnd, CATEGORY_KEYS);
    return { q, category, day: pick(rnd, DAY_KEYS) };
  });
  const nearby = samplePostcodes(rnd, count).map((postcode) => ({ postcode }));
  return { text, filtered, nearby };
}

/** Nearby queries for the equality check: each postcode with the default radius and with 2, 5 and 25 km. */
export function equalityQueries(seed, count) {
  const rnd = seededRandom(seed ^ 0x5bd1e995);
  const radii = [null, 2, 5, 25];
  return samplePostcodes(rnd, count).map((postcode, i) => ({ postcode, radius: radii[i % radii.length] }));
}

/** `count` distinct things to type into a search box (single words, then word pairs). */
export function typedQueries(seed, count) {
  const rnd = seededRandom(seed ^ 0x27d4eb2f);
  const out = new Set();
  const words = [...WORDS].filter((w) => !w.includes(' '));
  while (out.size < count) {
    const w = pick(rnd, words);
    out.add(out.size < words.length / 2 ? w : `${w} ${pick(rnd, ['buurt', 'ouderen', 'samen', 'groep', 'wijk', 'cafe', 'avond', 'ochtend'])}`);
  }
  return [...out];
}
