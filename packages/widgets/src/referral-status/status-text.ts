/**
 * The words for a referral's status view: each history entry (a handover names the new
 * organisation, a start the activity), the time to first contact, and the journal line the
 * HIS copies. Pure; loaded by `<sk-referral-status>` with its first answer, so a page that
 * shows no status never loads it.
 */
import { ApiClient } from '../internal/api-client.js';
import type { ReferralHistoryEntry, ReferralStatus, ReferralStatusView } from '../internal/referral.js';
import { referralStatusEn } from '../translations/referral-status-en.js';
import { referralStatusNl } from '../translations/referral-status-nl.js';

export interface DescribedView {
  /** One label per history entry, in order. */
  entries: string[];
  /** The current status in words. */
  current: string;
  /** "Contact opgenomen na 2 dagen", or null before the first contact. */
  firstContact: string | null;
  /** The line for the patient record. */
  journal: string;
}

/** Hours from the referral to the first `contacted` entry, or null. */
export function hoursToFirstContact(view: Pick<ReferralStatusView, 'createdAt' | 'history'>): number | null {
  const contacted = view.history.find((h) => h.status === 'contacted');
  if (!contacted) return null;
  const ms = Date.parse(contacted.at) - Date.parse(view.createdAt);
  return Number.isFinite(ms) ? Math.max(0, ms / 3_600_000) : null;
}

/**
 * `known` plus the titles of the activities named on `started` entries, or null when there
 * was nothing new; one that cannot be loaded is left out (shown as plain "Gestart").
 */
export async function activityTitles(api: string, lang: string, view: ReferralStatusView, known: ReadonlyMap<string, string>): Promise<Map<string, string> | null> {
  const ids = [...new Set(view.history.flatMap((h) => (h.status === 'started' && h.activityId && !known.has(h.activityId) ? [h.activityId] : [])))];
  if (!ids.length) return null;
  const titles = new Map(known);
  const client = new ApiClient(api);
  for (const id of ids) {
    try {
      titles.set(id, (await client.activity(id, lang, new AbortController().signal)).title);
    } catch {
      // Left out.
    }
  }
  return titles;
}

/**
 * @param labels the plain status labels (from the element's translation)
 * @param titles activity titles by id, for `started` entries that name one (missing: not shown)
 */
export function describeView(view: ReferralStatusView, lang: 'nl' | 'en', labels: Record<ReferralStatus, string>, titles: ReadonlyMap<string, string>): DescribedView {
  const t = lang === 'en' ? referralStatusEn : referralStatusNl;
  const entryLabel = (h: ReferralHistoryEntry): string => {
    if (h.status === 'handed_over' && h.to?.organizationName) return t.handedOverTo(h.to.organizationName);
    const title = h.status === 'started' && h.activityId ? titles.get(h.activityId) : undefined;
    return title ? t.startedWith(title) : (labels[h.status] ?? h.status);
  };
  const entries = view.history.map(entryLabel);
  const last = [...view.history].reverse().find((h) => h.status === view.status);
  const current = last ? entryLabel(last) : (labels[view.status] ?? view.status);
  const hours = hoursToFirstContact(view);
  const firstContact = hours === null ? null : t.firstContact(hours);
  const to = view.target.title ? `${view.target.title}${view.target.organizationName ? ` (${view.target.organizationName})` : ''}` : null;
  const status = !firstContact ? current : view.status === 'contacted' ? firstContact : `${current}; ${firstContact.charAt(0).toLowerCase()}${firstContact.slice(1)}`;
  return { entries, current, firstContact, journal: t.journal(to, status) };
}
