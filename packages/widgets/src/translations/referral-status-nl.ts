import type { ReferralStatusDetailTranslation } from './translation.js';

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase('nl-NL') + s.slice(1) : s);

function after(hours: number): string {
  if (hours < 1) return 'binnen een uur';
  if (hours < 24) return `na ${Math.round(hours)} uur`;
  const days = Math.round(hours / 24);
  return `na ${days} ${days === 1 ? 'dag' : 'dagen'}`;
}

export const referralStatusNl: ReferralStatusDetailTranslation = {
  handedOverTo: (org) => `Overgedragen aan ${org}`,
  startedWith: (activity) => `Gestart met ${activity}`,
  firstContact: (hours) => `Contact opgenomen ${after(hours)}`,
  journal: (to, status) => `Welzijn op Recept: verwijzing${to ? ` naar ${to}` : ''}, status: ${lowerFirst(status)}.`,
};
