import { describe, expect, it } from 'vitest';
import { FEED_ID_PART_MAX, feedOrganizationIdProblem, isFeedOrganizationId } from '../src/index.js';

describe('feedOrganizationIdProblem', () => {
  it('accepts <source>_<key> with letters, digits and single "-" on each side', () => {
    for (const id of ['utrecht_e83f6fc7-80d0-4a00-9fcd-f5e011fde7a0', 'oldambt_org-1a2b3c4d5e6f', 'a_b', `${'s'.repeat(FEED_ID_PART_MAX)}_${'k'.repeat(FEED_ID_PART_MAX)}`]) {
      expect({ id, problem: feedOrganizationIdProblem(id) }).toEqual({ id, problem: null });
    }
    expect(isFeedOrganizationId('utrecht_org-1')).toBe(true);
  });

  it.each([
    ['a minted portal id (no "_")', 'buurtkamer-de-linde-3f9a1c', 'exactly one "_" between the source and the feed\'s organisation id (it has 0)'],
    ['two "_"', 'utrecht_org_1', '(it has 2)'],
    ['an empty source', '_org-1', 'have a source (the part before "_" is empty)'],
    ['an empty key', 'utrecht_', 'have a feed\'s organisation id (the part after "_" is empty)'],
    ['a too long source', `${'s'.repeat(FEED_ID_PART_MAX + 1)}_org-1`, `source of at most ${FEED_ID_PART_MAX} characters (it has ${FEED_ID_PART_MAX + 1})`],
    ['a too long key', `utrecht_${'k'.repeat(FEED_ID_PART_MAX + 1)}`, `feed's organisation id of at most ${FEED_ID_PART_MAX} characters`],
    ['a space', 'utrecht_org 1', 'in the feed\'s organisation id (not "org 1")'],
    ['a double "-"', 'utrecht_org--1', '(not "org--1")'],
    ['a leading "-"', '-utrecht_org-1', 'in the source (not "-utrecht")'],
    ['a trailing newline', 'utrecht_org-1\n', 'only letters and digits, joined by single "-"'],
    ['a dot', 'hsds.example_org-1', '(not "hsds.example")'],
  ])('refuses %s, saying why', (_what, id, why) => {
    expect(feedOrganizationIdProblem(id)).toContain(why);
    expect(isFeedOrganizationId(id)).toBe(false);
  });
});
