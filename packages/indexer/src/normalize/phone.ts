/**
 * Phone numbers in one readable form: Dutch numbers nationally written
 * ("020 123 4567", "06 1234 5678", "0592 123 456", "0800 1234"), other countries
 * as "+<country code> …" with the spacing the feed gave.
 */

// Dutch area codes (without the leading 0) that have two digits; all other geographic codes have three.
const TWO_DIGIT_AREAS = new Set([
  '10', '13', '15', '20', '23', '24', '26', '30', '33', '35', '36', '38', '40', '43', '45', '46',
  '50', '53', '55', '58', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79',
  // non-geographic numbers with the same 3+7 layout
  '85', '87', '88', '91',
]);

export interface PhoneResult {
  /** The normalized number, or null when the input is not a phone number. */
  phone: string | null;
}

function formatDutch(national: string): string | null {
  // national: the number after the trunk 0, digits only
  if (/^(800|900|906|909)\d{4,7}$/.test(national)) {
    const rest = national.slice(3);
    return `0${national.slice(0, 3)} ${rest.length === 7 ? `${rest.slice(0, 3)} ${rest.slice(3)}` : rest}`;
  }
  if (national.length !== 9) return null;
  if (national.startsWith('6')) return `06 ${national.slice(1, 5)} ${national.slice(5)}`;
  const area = national.slice(0, 2);
  if (TWO_DIGIT_AREAS.has(area)) return `0${area} ${national.slice(2, 5)} ${national.slice(5)}`;
  return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

/**
 * Normalizes a phone number. Returns null for text that is not a phone number
 * ("bel ons", "12").
 *
 * @example normalizePhone('020-1234567') // '020 123 4567'
 * @example normalizePhone('+31 (0)6 12345678') // '06 1234 5678'
 * @example normalizePhone('+44 1234 234567') // '+44 1234 234567'
 */
export function normalizePhone(input: string | null | undefined): string | null {
  if (input == null) return null;
  let s = String(input).trim().replace(/^["'\s]+|["'\s]+$/g, '');
  s = s.replace(/^tel:/i, '');
  if (s === '') return null;
  // Cut extensions and remarks: "020 1234567 (ma-vr)", "… toestel 12", "… ext. 12".
  s = s.replace(/\s*(toestel|tst\.?|ext\.?|extension|x)\s*\d+\s*$/i, '');
  s = s.replace(/\s*\([^)]*[a-z][^)]*\)\s*$/i, '');
  if (/[a-z]/i.test(s)) return null;
  const international = s.startsWith('+') || s.startsWith('00');
  let digits = s.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (international) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('31')) return formatDutch(digits.slice(2).replace(/^0/, ''));
    if (digits.length < 7 || digits.length > 15) return null;
    // Keep the feed's own grouping for foreign numbers, cleaned up.
    const cleaned = s.replace(/^00/, '+').replace(/\(0\)/g, '').replace(/[^\d+ ]/g, ' ').replace(/\s+/g, ' ').trim();
    return cleaned.startsWith('+') ? cleaned : `+${cleaned}`;
  }
  if (digits.startsWith('0')) return formatDutch(digits.slice(1));
  return null;
}
