/** Texts of the receiving-settings page (receiving.tsx), Dutch (B1) and English. */
import type { Lang } from './i18n.js';

const nl = {
  nav: 'Verwijzingen ontvangen',
  title: 'Verwijzingen ontvangen',
  intro: 'Huisartsen kunnen inwoners via de sociale kaart naar u verwijzen. Kies hier hoe u die verwijzingen krijgt.',
  notVerified: 'Uw organisatie is nog niet gecontroleerd door de beheerder. Pas daarna kunt u verwijzingen ontvangen. U kunt wel al kiezen hoe.',
  modeLegend: 'Hoe wilt u verwijzingen ontvangen?',
  modeInbox: 'In de inbox van dit portaal (versleuteld: alleen uw welzijnscoaches kunnen ze lezen)',
  modeWebhook: 'In ons eigen systeem, via een eigen koppeling (webhook)',
  modeNone: 'Nog niet: huisartsen bellen of mailen ons',
  save: 'Opslaan',
  saved: 'Uw keuze is opgeslagen.',
  current: (mode: string) => `Nu: ${mode}.`,
  webhookTitle: 'Eigen koppeling (webhook)',
  webhookIntro: 'Verwijzingen gaan naar dit adres, ondertekend met uw geheime sleutel (HMAC-SHA256). De beheerder keurt elk nieuw adres eerst goed.',
  webhookUrl: 'Adres van uw koppeling (https)',
  webhookSave: 'Adres opslaan',
  webhookSaved: 'Het adres is opgeslagen. De beheerder moet het nog goedkeuren.',
  approved: 'Dit adres is goedgekeurd door de beheerder.',
  awaiting: 'Dit adres wacht op goedkeuring door de beheerder.',
  noUrl: 'U heeft nog geen adres opgegeven.',
  secretTitle: 'Geheime sleutel',
  hasSecret: 'Er is een geheime sleutel. Wij tonen hem niet opnieuw.',
  noSecret: 'Er is nog geen geheime sleutel.',
  newSecret: 'Maak een nieuwe geheime sleutel',
  secretShown: 'Dit is uw nieuwe geheime sleutel. Kopieer hem nu naar uw systeem: wij tonen hem maar één keer. De oude sleutel werkt niet meer.',
  secretLabel: 'Geheime sleutel',
  noDataKey: 'Dit portaal kan nu geen geheime sleutels maken (de beheerder heeft SK_DATA_KEY niet ingesteld).',
  urlInvalid: 'vul een volledig adres in dat begint met https://',
  modes: { inbox: 'inbox van dit portaal', webhook: 'eigen koppeling', none: 'nog niet' },
};

export type ReceivingMessages = typeof nl;

const en: ReceivingMessages = {
  nav: 'Receiving referrals',
  title: 'Receiving referrals',
  intro: 'GPs can refer residents to you through the sociale kaart. Choose here how you receive those referrals.',
  notVerified: 'Your organisation has not been verified by the operator yet. Only then can you receive referrals. You can already choose how.',
  modeLegend: 'How do you want to receive referrals?',
  modeInbox: 'In this portal\'s inbox (encrypted: only your welzijnscoaches can read them)',
  modeWebhook: 'In our own system, through our own connection (webhook)',
  modeNone: 'Not yet: GPs phone or e-mail us',
  save: 'Save',
  saved: 'Your choice has been saved.',
  current: (mode: string) => `Now: ${mode}.`,
  webhookTitle: 'Own connection (webhook)',
  webhookIntro: 'Referrals go to this address, signed with your secret (HMAC-SHA256). The operator approves every new address first.',
  webhookUrl: 'Address of your connection (https)',
  webhookSave: 'Save address',
  webhookSaved: 'The address has been saved. The operator still has to approve it.',
  approved: 'The operator approved this address.',
  awaiting: 'This address is waiting for the operator\'s approval.',
  noUrl: 'You have not given an address yet.',
  secretTitle: 'Secret',
  hasSecret: 'There is a secret. We do not show it again.',
  noSecret: 'There is no secret yet.',
  newSecret: 'Make a new secret',
  secretShown: 'This is your new secret. Copy it into your system now: we show it only once. The old secret no longer works.',
  secretLabel: 'Secret',
  noDataKey: 'This portal cannot make secrets now (the operator has not set SK_DATA_KEY).',
  urlInvalid: 'enter a full address that starts with https://',
  modes: { inbox: 'this portal\'s inbox', webhook: 'own connection', none: 'not yet' },
};

export function receivingMessages(lang: Lang): ReceivingMessages {
  return lang === 'en' ? en : nl;
}
