/**
 * `sociale-kaart-admin monitor …`: monitor tokens for gemeente viewers and operators, and
 * names for practices (shown instead of "praktijk A/B/…").
 *
 *   monitor token create --email EMAIL
 *   monitor token revoke ID_OR_PREFIX
 *   monitor practice SUB [NAME]        (without NAME: back to its letter)
 */
import { parseArgs } from 'node:util';
import { userByEmail, type Db } from '@sociale-kaart/db';
import { canSeeMonitor, createMonitorToken, namePractice, revokeMonitorToken } from './access.js';

export const MONITOR_USAGE = `  monitor token create --email EMAIL      (an operator or gemeente viewer; prints the token once)
  monitor token revoke ID_OR_PREFIX
  monitor practice SUB [NAME]              (name a referring practice; without NAME: its letter again)`;

export interface MonitorCommandIo {
  print: (v: unknown) => void;
  fail: (message: string) => number;
  usage: (message: string) => Error;
}

/** Parses the arguments after `monitor`; returns the task to run on the database (usage errors throw io.usage). */
export function monitorCommand(args: string[], io: MonitorCommandIo): (db: Db) => Promise<number> {
  const [what, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({ args: what === 'token' ? rest.slice(1) : rest, options: { email: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw io.usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (what === 'token' && rest[0] === 'create') {
    const email = values.email?.trim().toLowerCase();
    if (!email || positionals.length > 0) throw io.usage('monitor token create needs --email EMAIL');
    return async (db) => {
      const user = await userByEmail(db, email);
      if (!user) return io.fail(`no user with e-mail ${email} (invite one first: user invite --email ${email} --role gemeente_viewer)`);
      if (!canSeeMonitor(user)) return io.fail(`${email} is an ${user.role}: only operators and gemeente viewers may see the monitor`);
      const { token, info } = await createMonitorToken(db, user.id);
      io.print({ id: info.id, email: user.email, role: user.role, prefix: info.prefix, token, note: 'shown once: only a hash is stored. Send it as "Authorization: Bearer <token>" to GET /v1/monitor' });
      return 0;
    };
  }
  if (what === 'token' && rest[0] === 'revoke') {
    if (positionals.length !== 1 || values.email !== undefined) throw io.usage('monitor token revoke needs exactly one token id or prefix');
    const id = positionals[0]!;
    return async (db) => {
      const revoked = await revokeMonitorToken(db, id);
      if (revoked.length === 0) return io.fail(`no active monitor token with id or prefix ${id}`);
      io.print(revoked);
      return 0;
    };
  }
  if (what === 'practice') {
    const [sub, ...name] = positionals;
    if (!sub || values.email !== undefined) throw io.usage('monitor practice needs the practice SUB (and a NAME to show)');
    const shown = name.join(' ').trim();
    if (shown.length > 100) throw io.usage('a practice name is at most 100 characters');
    return async (db) => {
      await namePractice(db, sub, shown === '' ? null : shown);
      io.print({ practice: sub, name: shown === '' ? null : shown });
      return 0;
    };
  }
  throw io.usage(`unknown command: monitor ${args.join(' ')}`.trim());
}
