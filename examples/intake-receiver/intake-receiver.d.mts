// Types for TypeScript callers (the search-api tests); the implementation is plain ESM.
import type { Hono } from 'hono';

export declare const STATUSES: readonly ['received', 'contacted', 'started', 'declined', 'closed'];
export type IntakeStatus = (typeof STATUSES)[number];

export interface SentStatus {
  status: IntakeStatus;
  reason?: string;
  at: string;
  ok: boolean;
  httpStatus: number | null;
}

export interface ReceivedReferral {
  // The relay's payload as received (see packages/search-api/src/referrals/README.md).
  referral: {
    referralId: string;
    createdAt: string;
    targetType: 'activity' | 'coach';
    activity: { id: string; title: string };
    organization: { id: string; name: string };
    reasons: { key: string; label: string }[];
    note: string | null;
    patient: { name: string; contactPreference: 'phone' | 'email' | 'letter'; phone?: string; email?: string; address?: string };
    referrer: { name?: string; practice?: string } | null;
    statusUrl: string;
  };
  receivedAt: string;
  statuses: SentStatus[];
}

export declare const LOOPBACK_HOSTS: readonly ['127.0.0.1', 'localhost', '[::1]'];

export interface IntakeReceiverOptions {
  secret: string;
  organizationId: string;
  apiBase?: string;
  /** Host names (no port) the receiver answers to; default LOOPBACK_HOSTS. */
  allowedHosts?: readonly string[];
  fetch?: typeof fetch;
  clock?: () => Date;
  maxAgeSeconds?: number;
}

export declare function createIntakeReceiver(options: IntakeReceiverOptions): Hono;
export declare function escapeHtml(value: unknown): string;
