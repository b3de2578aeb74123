import type { ReferralStatus } from '../internal/referral.js';
import type { ValidationCode } from '../internal/referral-form.js';

/** Every text a user reads, per language. Dutch is written at B1 level. */
export interface Translation {
  /** BCP 47 locale for dates and numbers. */
  locale: string;
  finderLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchHint: string;
  suggestions: string;
  suggestGroupNeeds: string;
  suggestGroupCategories: string;
  suggestGroupActivities: string;
  postcodeLabel: string;
  postcodeHint: string;
  postcodeInvalid: string;
  radiusLabel: string;
  radiusKm: (km: number) => string;
  filters: string;
  filterGroups: {
    need: string;
    category: string;
    day: string;
    partOfDay: string;
    audience: string;
    other: string;
  };
  free: string;
  wheelchair: string;
  online: string;
  clearFilters: string;
  /** The accessible name of a map cluster of `n` activities. */
  clusterLabel: (n: number) => string;
  /** Before the chip of what the search understood in the typed text ("Gezocht op:"). */
  understood: string;
  /** The accessible name of that chip's button. */
  understoodRemove: (labels: string) => string;
  /** Announced when the chip was removed. */
  understoodRemoved: (labels: string) => string;
  facetCount: (n: number) => string;
  view: string;
  viewList: string;
  viewMap: string;
  resultCount: (n: number, estimate: boolean) => string;
  loading: string;
  updating: string;
  emptyTitle: string;
  emptyBody: string;
  errorTitle: string;
  errorNetwork: string;
  errorServer: (status: number) => string;
  errorBadRequest: string;
  errorNoApi: string;
  retry: string;
  distance: (km: string) => string;
  nextSession: string;
  cost: string;
  costUnknown: string;
  welzijnOpRecept: string;
  welzijnscoach: string;
  referralRequired: string;
  /** On a hit nobody confirmed for a long time (the API's `stale`). */
  stale: string;
  phone: string;
  email: string;
  website: string;
  contact: string;
  showDetails: (title: string) => string;
  back: string;
  detailLoading: string;
  detailError: string;
  about: string;
  when: string;
  where: string;
  forWhom: string;
  accessibility: string;
  intake: string;
  intakeForm: string;
  intakeEmail: string;
  referral: string;
  lastChecked: string;
  organisation: string;
  mapLabel: string;
  mapLoading: string;
  mapError: string;
  searchedPoint: string;
  markersCapped: (shown: number, total: number) => string;
  notOnMap: (n: number) => string;
  pagination: string;
  previous: string;
  next: string;
  page: (page: number, pages: number) => string;
  today: string;
  tomorrow: string;
  /** `<sk-referral-button>` itself (the dialog's texts are in ReferralTranslation, loaded with it). */
  referralButton: {
    activity: string;
    coach: string;
    loading: string;
    showResult: string;
  };
  /** `<sk-welzijnsrecept>`: the patient's handout, B1. */
  handout: {
    title: string;
    intro: string;
    reasons: string;
    what: string;
    nextTitle: string;
    nextContacted: (organisation: string) => string;
    nextNoNews: string;
    nextSignUp: (organisation: string) => string;
    nextWalkIn: string;
    bringSheet: string;
    referredBy: string;
    date: string;
    referralNumber: string;
    print: string;
    loading: string;
    error: string;
  };
  /** `<sk-referral-status>`. */
  referralStatus: {
    label: string;
    to: (title: string) => string;
    history: string;
    changed: (status: string) => string;
    loading: string;
    notFound: string;
    error: string;
    statuses: Record<ReferralStatus, string>;
  };
}

/** The referral dialog's texts: loaded with the dialog, not with the finder. */
export interface ReferralTranslation {
  dialogTitle: string;
  to: string;
  coachOfGemeente: string;
  coachOf: (organisation: string) => string;
  theProvider: string;
  loadingTarget: string;
  targetError: string;
  whatIsSent: string;
  whatIsSentBody: (organisation: string) => string;
  /** Instead of whatIsSentBody when the patient part is sealed to the organisation's key. */
  whatIsSentSealed: (organisation: string) => string;
  reasonsLegend: string;
  reasonsHint: string;
  noteLabel: string;
  noteHint: string;
  noteCount: (n: number, max: number) => string;
  patientLegend: string;
  nameLabel: string;
  contactLegend: string;
  contactOptions: Record<'phone' | 'email' | 'letter', string>;
  phoneLabel: string;
  emailLabel: string;
  addressLabel: string;
  postcodeLabel: string;
  referrerLegend: string;
  referrerName: string;
  referrerPractice: string;
  consent: (organisation: string) => string;
  submit: string;
  cancel: string;
  close: string;
  sending: string;
  errorSummary: (n: number) => string;
  errors: Record<ValidationCode, string>;
  serverFieldError: string;
  sentTitle: string;
  sentBody: (organisation: string) => string;
  /** In the success state of a sealed referral. */
  sentSealed: string;
  handledTitle: string;
  handledBody: string;
  fallbackTitle: string;
  fallbackNoIntake: (organisation: string) => string;
  fallbackNotAccepting: (organisation: string) => string;
  fallbackFailed: (organisation: string) => string;
  fallbackNetwork: string;
  /** Sealing in the browser failed (e.g. the organisation's key is not valid): nothing was sent. */
  fallbackSealing: (organisation: string) => string;
  contactProvider: string;
  phone: string;
  email: string;
  intakeEmail: string;
  website: string;
  /** The relay refused the referrer token (401), or the host gave none. */
  notSigned: string;
  notFound: string;
  rateLimited: string;
  otherError: (status: number) => string;
  summaryLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  printHandout: string;
  handoutHeading: string;
  newReferral: string;
  /** The one-line journal text. */
  summary: (title: string, organisation: string | null, reasons: string[]) => string;
}

/** What `<sk-referral-status>` adds to the plain status labels: loaded with the first status, not with the page. */
export interface ReferralStatusDetailTranslation {
  /** The history entry of a warm handover. */
  handedOverTo: (organisation: string) => string;
  /** A `started` entry that names the activity the patient started. */
  startedWith: (activity: string) => string;
  /** How long after the referral the provider first contacted the patient. */
  firstContact: (hours: number) => string;
  /** The journal line for the patient record, naming the current status. */
  journal: (to: string | null, status: string) => string;
}
