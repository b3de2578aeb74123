/**
 * Every way sealing or opening can fail, as typed errors with a Dutch (B1) and an English
 * message the dialog or the inbox can show as they are. `message` is the English text, so
 * a log says the same; no message ever contains patient data or key material.
 */

export type Lang = 'nl' | 'en';

export type SealingErrorCode =
  | 'tampered'
  | 'wrong_key'
  | 'unknown_key'
  | 'malformed'
  | 'invalid_key'
  | 'recovery_passphrase'
  | 'recovery_damaged'
  | 'weak_passphrase'
  | 'extractable_key';

/** One bad field: where, and why. Never its value. */
export interface InputIssue {
  path: string;
  message: string;
}

export class SealingError extends Error {
  readonly code: SealingErrorCode;
  readonly messages: Readonly<Record<Lang, string>>;

  constructor(code: SealingErrorCode, messages: Record<Lang, string>) {
    super(messages.en);
    this.name = new.target.name;
    this.code = code;
    this.messages = messages;
  }

  /** The message for a person, in `lang` (Dutch by default). */
  messageIn(lang: Lang = 'nl'): string {
    return this.messages[lang];
  }
}

const CANNOT_OPEN = { nl: 'Deze verwijzing kan niet worden geopend: ', en: 'This referral cannot be opened: ' };
const cannotOpen = (nl: string, en: string) => ({ nl: CANNOT_OPEN.nl + nl, en: CANNOT_OPEN.en + en });

const CANNOT_RECOVER = { nl: 'Het herstelbestand kan niet worden geopend: ', en: 'The recovery file cannot be opened: ' };

/** The ciphertext, `enc` or the public part changed after sealing (or `kid` was relabelled). */
export class TamperedReferralError extends SealingError {
  constructor() {
    super(
      'tampered',
      cannotOpen(
        'de inhoud is veranderd nadat de verwijzer hem verstuurde. Vraag de verwijzer om de verwijzing opnieuw te sturen.',
        'its content was changed after the referrer sent it. Ask the referrer to send the referral again.',
      ),
    );
  }
}

/** The key stored under the referral's `kid` is not the key that belongs to that `kid`. */
export class WrongKeyError extends SealingError {
  constructor(readonly kid: string) {
    super(
      'wrong_key',
      cannotOpen(
        'de sleutel op dit apparaat past niet bij deze verwijzing. Zet de sleutel opnieuw op dit apparaat met het herstelbestand.',
        'the key on this device does not fit this referral. Put the key on this device again from the recovery file.',
      ),
    );
  }
}

/** No key with the referral's `kid` on this device (a key from before a rotation, or another team's). */
export class UnknownKeyError extends SealingError {
  constructor(readonly kid: string) {
    super(
      'unknown_key',
      cannotOpen(
        `hij is versleuteld met een sleutel die niet op dit apparaat staat (sleutel ${kid.slice(0, 8)}…). Zet die sleutel op dit apparaat met het herstelbestand.`,
        `it was sealed with a key that is not on this device (key ${kid.slice(0, 8)}…). Put that key on this device from its recovery file.`,
      ),
    );
  }
}

/** Which input was malformed: decides the wording, since each is a different person's problem. */
export type MalformedPart = 'patientPart' | 'publicPart' | 'sealed' | 'opened';

const MALFORMED: Record<MalformedPart, (fields: string) => Record<Lang, string>> = {
  patientPart: (fields) => ({
    nl: `De gegevens van de patiënt kloppen niet (${fields}). De verwijzing is niet verstuurd.`,
    en: `The patient's details are not valid (${fields}). The referral was not sent.`,
  }),
  publicPart: (fields) => ({
    nl: `De verwijzing is onvolledig of ongeldig (${fields}).`,
    en: `The referral is incomplete or not valid (${fields}).`,
  }),
  sealed: (fields) => cannotOpen(`de versleutelde gegevens zijn onvolledig of ongeldig (${fields}).`, `the sealed data is incomplete or not valid (${fields}).`),
  opened: (fields) => cannotOpen(`de inhoud is onvolledig of ongeldig (${fields}).`, `its content is incomplete or not valid (${fields}).`),
};

export class MalformedInputError extends SealingError {
  constructor(
    readonly part: MalformedPart,
    readonly issues: readonly InputIssue[],
  ) {
    super('malformed', MALFORMED[part](issues.map((i) => `${i.path || part}: ${i.message}`).join('; ')));
  }
}

/** The receiving organisation's public key is not an EC P-256 public key whose `kid` is its thumbprint. */
export class InvalidPublicKeyError extends SealingError {
  constructor(readonly reason: string) {
    super('invalid_key', {
      nl: `De sleutel van de ontvangende organisatie is ongeldig (${reason}). De verwijzing is niet verstuurd.`,
      en: `The receiving organisation's key is not valid (${reason}). The referral was not sent.`,
    });
  }
}

export class RecoveryPassphraseError extends SealingError {
  constructor() {
    super('recovery_passphrase', {
      nl: `${CANNOT_RECOVER.nl}het wachtwoord klopt niet. Let op hoofdletters en spaties.`,
      en: `${CANNOT_RECOVER.en}the passphrase is wrong. Mind capitals and spaces.`,
    });
  }
}

/** Not a recovery file, a newer format, or changed since it was written. */
export class RecoveryFileDamagedError extends SealingError {
  constructor(readonly reason: string) {
    super('recovery_damaged', {
      nl: `${CANNOT_RECOVER.nl}het bestand is beschadigd of veranderd (${reason}). Gebruik het bestand zoals het is gemaakt.`,
      en: `${CANNOT_RECOVER.en}the file is damaged or was changed (${reason}). Use the file as it was made.`,
    });
  }
}

export class WeakPassphraseError extends SealingError {
  constructor(readonly minLength: number) {
    super('weak_passphrase', {
      nl: `Kies een wachtwoord van minstens ${minLength} tekens. Een zin van een paar woorden is makkelijk te onthouden.`,
      en: `Choose a passphrase of at least ${minLength} characters. A sentence of a few words is easy to remember.`,
    });
  }
}

/** Only non-extractable private keys are kept, so that no script on the page can read them out. */
export class ExtractableKeyError extends SealingError {
  constructor() {
    super('extractable_key', {
      nl: 'Deze sleutel kan worden uitgelezen en wordt daarom niet bewaard. Zet hem op dit apparaat met het herstelbestand.',
      en: 'This key can be read out and is therefore not stored. Put it on this device from the recovery file.',
    });
  }
}

/** zod issues as field paths and reasons; the input values stay out (they may be patient data). */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): InputIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
