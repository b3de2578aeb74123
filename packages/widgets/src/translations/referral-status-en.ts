import type { ReferralStatusDetailTranslation } from './translation.js';

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('en-GB') + s.slice(1) : s);

function after(hours: number): string {
  if (hours < 1) return 'within an hour';
  if (hours < 24) {
    const h = Math.round(hours);
    return `after ${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.round(hours / 24);
  return `after ${days} ${days === 1 ? 'day' : 'days'}`;
}

export const referralStatusEn: ReferralStatusDetailTranslation = {
  handedOverTo: (org) => `Handed over to ${org}`,
  startedWith: (activity) => `Started ${activity}`,
  firstContact: (hours) => `Contacted ${after(hours)}`,
  journal: (to, status) => `Welzijn op Recept: referral${to ? ` to ${to}` : ''}, status: ${lowerFirst(status)}.`,
};
