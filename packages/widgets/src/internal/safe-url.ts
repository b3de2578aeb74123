/**
 * Link targets from feeds are untrusted. Only http(s), mailto and tel become links;
 * anything else (javascript:, data:, relative paths) is shown as plain text.
 */
const SAFE_LINK = /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s]+|tel:\+?[0-9][0-9 ()-]*)$/i;

export function safeHref(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!SAFE_LINK.test(trimmed)) return null;
  if (/^https?:/i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }
  return trimmed;
}

export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^0-9+]/g, '');
  return digits.length >= 3 ? safeHref(`tel:${digits}`) : null;
}

export function mailHref(email: string | null | undefined): string | null {
  if (!email) return null;
  return safeHref(`mailto:${email.trim()}`);
}
