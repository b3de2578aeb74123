/**
 * The shape of an organisation id the indexer derives for a feed's organisation
 * (`organizationId(source, feed's key)` in @sociale-kaart/indexer): `<source>_<key>`, each
 * part made of letters and digits with single "-" between them, at most 120 characters. The
 * relay routes a referral by this id, so the operator's `org add --feed-org` accepts nothing
 * else. A portal organisation's own minted id never contains "_", so the two never meet.
 */
export const FEED_ID_PART_MAX = 120;

const PART = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/** Why `id` is not a feed organisation id (a phrase to follow "must …"), or null when it is one. */
export function feedOrganizationIdProblem(id: string): string | null {
  const parts = id.split('_');
  if (parts.length !== 2) return `have exactly one "_" between the source and the feed's organisation id (it has ${parts.length - 1})`;
  const [source, key] = parts as [string, string];
  for (const [name, part] of [['source', source], ["feed's organisation id", key]] as const) {
    if (part === '') return `have a ${name} (the part ${name === 'source' ? 'before' : 'after'} "_" is empty)`;
    if (part.length > FEED_ID_PART_MAX) return `have a ${name} of at most ${FEED_ID_PART_MAX} characters (it has ${part.length})`;
    if (!PART.test(part)) return `have only letters and digits, joined by single "-", in the ${name} (not "${part}")`;
  }
  return null;
}

export function isFeedOrganizationId(id: string): boolean {
  return feedOrganizationIdProblem(id) === null;
}
