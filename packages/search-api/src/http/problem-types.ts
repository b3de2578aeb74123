/**
 * Every problem `type` the API answers with, and what it means. Each is published at
 * `{public URL}/problems/<type>` (HTML for people, JSON for programs), so a type URI in an
 * answer leads somewhere this API controls. A test checks that every type thrown in src/ is here.
 */
export interface ProblemTypeInfo {
  title: string;
  /** One or two sentences: what happened and what the client can do. */
  description: string;
  /** The HTTP statuses it comes with. */
  statuses: number[];
}

export const PROBLEM_TYPES = {
  'invalid-parameters': { statuses: [400], title: 'Invalid request parameters', description: 'A query or path parameter is unknown, malformed or out of range. `errors` names each one.' },
  'bad-request': { statuses: [400], title: 'Bad request', description: 'The request could not be read, for example a body that is not valid JSON.' },
  'not-found': { statuses: [404], title: 'Not found', description: 'There is no resource at this path, or no activity or service with this id.' },
  'rate-limited': { statuses: [429], title: 'Too many requests', description: 'This client sent more requests than its rate limit allows. Wait the number of seconds in `Retry-After`.' },
  'search-unavailable': { statuses: [503], title: 'Search is temporarily unavailable', description: 'The search engine did not answer in time. Try again after `Retry-After` seconds.' },
  'not-ready': { statuses: [503], title: 'Not ready', description: 'The search engine or the live index is not available yet (readiness check).' },
  'internal-error': { statuses: [500], title: 'Internal error', description: 'Something went wrong on the server. Nothing about it is in the answer; the operator has a log line.' },
  'payload-too-large': { statuses: [413], title: 'Request body too large', description: 'The body is larger than this route accepts (32 KiB for a referral, 4 KiB for a status).' },
  'unsupported-media-type': { statuses: [415], title: 'Unsupported media type', description: 'Send the body as `application/json`.' },
  'invalid-referral': { statuses: [400], title: 'The request has invalid fields', description: 'A referral or status body failed validation. `errors` names each field with a JSON Pointer.' },
  unauthorized: {
    statuses: [401],
    title: 'Referrer token missing or not valid',
    description:
      'POST /v1/referrals needs `Authorization: Bearer <referrer token>`: a JWT signed by a HIS backend the operator trusts (ES256 or EdDSA, `aud` = the API\'s public URL, `exp` at most 15 minutes after `iat`, `sub` = the practice). Get a fresh token from the HIS and try again.',
  },
  'activity-not-found': { statuses: [404], title: 'Activity not found', description: 'The referral names an activity id that is not in the live index.' },
  'no-welzijnscoach': { statuses: [404], title: 'No welzijnscoach found', description: 'No welzijnscoach that accepts referrals is known for the patient\'s postcode.' },
  'not-accepting-referrals': { statuses: [422], title: 'This activity does not accept referrals', description: 'The activity does not take Welzijn op Recept referrals, or not at the moment. `contact` has its phone and e-mail.' },
  'no-electronic-intake': { statuses: [422], title: 'No electronic intake', description: 'The receiving organisation has no intake route on this server. Refer by phone or e-mail (`contact`) and give the patient the handout.' },
  'no-referral-key': { statuses: [422], title: 'This organisation has no key for sealed referrals', description: 'The organisation receives referrals in the hosted inbox, which takes only sealed referrals, but has not set up its key yet. Refer by phone or e-mail (`contact`) and give the patient the handout.' },
  'stale-referral-key': { statuses: [409], title: 'Sealed to a key that is no longer current', description: 'The organisation rotated its key. `key` holds the current one: seal the patient part to it again and resend.' },
  'sealed-not-accepted': { statuses: [422], title: 'This organisation cannot open sealed referrals', description: 'The organisation receives referrals on its own webhook, which takes the patient part unsealed. Send `patient` (and `note`) instead of `sealed`.' },
  'referral-key-not-found': { statuses: [404], title: 'No key for sealed referrals', description: 'The organisation has no public key for sealed referrals on this server (it does not use the hosted inbox, or has not set it up).' },
  'delivery-failed': { statuses: [502], title: 'The provider\'s intake could not be reached', description: 'The referral could not be delivered electronically. Refer by phone or e-mail (`contact`) and give the patient the handout.' },
  'referrals-not-configured': { statuses: [503], title: 'This server relays no referrals', description: 'The operator has configured no referrer keys, so referrals cannot be sent through this server.' },
  'referral-not-found': { statuses: [404], title: 'Referral not found', description: 'No referral with this id, or the token is wrong: the two are not told apart.' },
  'invalid-signature': { statuses: [401], title: 'Invalid signature', description: 'A provider\'s status post is not signed with its organisation\'s secret: sign "<X-SK-Timestamp>.<raw body>" with HMAC-SHA256.' },
  'signature-expired': { statuses: [401], title: 'Signature timestamp outside the allowed window', description: 'X-SK-Timestamp must be at most 5 minutes old and at most 1 minute ahead of the server\'s clock.' },
  'replayed-signature': { statuses: [409], title: 'This signed request was already used', description: 'Each signed status post is accepted once. Sign every status update with a new timestamp.' },
} as const satisfies Record<string, ProblemTypeInfo>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export function problemTypeInfo(type: string): ProblemTypeInfo | undefined {
  return Object.hasOwn(PROBLEM_TYPES, type) ? PROBLEM_TYPES[type as ProblemType] : undefined;
}
