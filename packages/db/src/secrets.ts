/**
 * Secrets (sign-in links, sessions, API keys) are random tokens of 256 bits. Only their
 * SHA-256 hash is stored and looked up: with that much entropy a slow password hash adds
 * nothing, and a stolen table opens no door.
 */
const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A fresh random token, base64url. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The hex SHA-256 of a token: what the database keeps. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(token));
  return Buffer.from(digest).toString('hex');
}

/** A readable, stable organisation id: a slug of the name and a random suffix ("buurtkamer-utrecht-3f9a1c"). */
export function newOrganisationId(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  const suffix = Buffer.from(crypto.getRandomValues(new Uint8Array(3))).toString('hex');
  return slug ? `${slug}-${suffix}` : `org-${suffix}`;
}
