/**
 * `sociale-kaart-admin`: the operator's CLI over the same database as the portal
 * (DATABASE_URL, else embedded PGlite in .data/pglite). Output is JSON on stdout, so it can
 * be read by people and scripts alike; usage errors exit 64.
 */
import { parseArgs } from 'node:util';

type OptionsSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'] & {};
import {
  createApiKey,
  createOrganisation,
  createSignInToken,
  getOrganisation,
  listOrganisations,
  openDatabase,
  organisationJson,
  revokeApiKey,
  upsertUser,
  userNameProblem,
  verifyOrganisation,
  ROLES,
  WebhookApprovalError,
  approveWebhook,
  type Role,
} from '@sociale-kaart/db';
import { feedOrganizationIdProblem } from '@sociale-kaart/schema';
import { MONITOR_USAGE, monitorCommand } from './monitor/admin-command.js';
import { isGemeenteName } from './monitor/params.js';

export const USAGE = `usage: sociale-kaart-admin <command>

  org add --name NAME [--kvk NUMBER] [--email EMAIL] [--verified] [--feed-org FEED_ORG_ID]
                               --feed-org: under the id its feed's activities carry, so referrals to
                               them can reach it once it is verified and has a key or an intake
  org feed-ids INPUT… [--format F] [--source NAME] [--allow-private-urls]
                               the organisations a feed names, with those ids (read as
                               sociale-kaart-index reads it: give the same INPUT, --format, --source)
  org verify ID [--kvk NUMBER]
  org list
  user invite --org ID --email EMAIL [--role editor|operator|gemeente_viewer] [--name "Jan Jansen"]
  user invite --email EMAIL --role operator [--name NAME]
  user invite --email EMAIL --role gemeente_viewer --gemeente NAME [--name NAME]   (the one gemeente the monitor shows them)
                               --name: the display name colleagues see in the coach inbox (1-100 characters);
                               left out, a user's existing name is kept
  apikey create --org ID
  apikey revoke ID_OR_PREFIX
  webhook approve ORG_ID       let referrals go to the organisation's webhook URL as it is now
${MONITOR_USAGE}

DATABASE_URL selects the database (postgres://…); unset: embedded PGlite in .data/pglite.
SK_PORTAL_URL is the portal's public address for sign-in links (default http://127.0.0.1:8790).`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface AdminIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

const KVK = /^\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function options<const T extends OptionsSpec>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true } as const);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function need(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function kvkOf(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = String(value).replace(/\s/g, '');
  if (!KVK.test(v)) throw new UsageError(`--kvk must be the 8-digit KvK number, not ${JSON.stringify(value)}`);
  return v;
}

/**
 * `--feed-org`: the id the indexer gives a feed's organisation, exactly (see
 * feedOrganizationIdProblem). Only the operator's command puts a portal organisation under
 * it; what the feed says about that organisation (its name, intake, KvK) decides nothing here.
 */
function feedOrgOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = feedOrganizationIdProblem(value);
  if (problem) throw new UsageError(`--feed-org must be an organisation id as the indexer makes it (<source>_<feed's id>, e.g. utrecht_org-12); it must ${problem}. The ids are listed by: org feed-ids INPUT`);
  return value;
}

function feedInputs(positionals: string[], values: { format?: string | boolean; source?: string | boolean }): Array<{ input: string; format?: string; source?: string }> {
  if (positionals.length === 0) throw new UsageError('org feed-ids needs at least one INPUT (a feed file, directory or URL, as given to sociale-kaart-index)');
  // An unknown --format is the indexer's to name: it comes back as an input that could not be read.
  const { format, source } = values;
  if (typeof source === 'string' && positionals.length > 1) throw new UsageError('--source names one input; give one input per run or leave it out');
  return positionals.map((input) => ({ input, ...(typeof format === 'string' ? { format } : {}), ...(typeof source === 'string' ? { source } : {}) }));
}

/** Runs one command; returns the exit code (0 ok, 1 not found or a conflict, 64 usage). */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [group, command, ...rest] = argv;
  if (!group || group === '--help' || group === 'help') {
    io[group ? 'out' : 'err'](`${USAGE}\n`);
    return group ? 0 : 64;
  }
  const print = (v: unknown) => io.out(`${JSON.stringify(v, null, 2)}\n`);
  const baseUrl = (io.env.SK_PORTAL_URL ?? 'http://127.0.0.1:8790').replace(/\/+$/, '');
  let task: ((db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<number>) | undefined;
  try {
    const cmd = `${group} ${command ?? ''}`.trim();
    if (cmd === 'org add') {
      const o = options(rest, { name: { type: 'string' }, kvk: { type: 'string' }, email: { type: 'string' }, verified: { type: 'boolean' }, 'feed-org': { type: 'string' } });
      const name = need(o.values.name, '--name');
      const kvk = kvkOf(o.values.kvk);
      const email = o.values.email;
      if (email !== undefined && !EMAIL.test(email)) throw new UsageError(`--email is not an e-mail address: ${JSON.stringify(email)}`);
      const id = feedOrgOf(o.values['feed-org']);
      task = async (db) => {
        const existing = id && (await getOrganisation(db, id));
        if (existing) return fail(io, `an organisation with id ${id} exists already (${existing.name}${existing.verified ? ', verified' : ''}): see org list`);
        print(organisationJson(await createOrganisation(db, { ...(id ? { id } : {}), name, kvk: kvk ?? null, email: email ?? null, verified: o.values.verified === true })));
        return 0;
      };
    } else if (cmd === 'org feed-ids') {
      const o = options(rest, { format: { type: 'string' }, source: { type: 'string' }, 'allow-private-urls': { type: 'boolean' } });
      const inputs = feedInputs(o.positionals, o.values);
      task = async (db) => {
        // Loaded here only: the indexer's readers are for this command alone.
        const { feedOrganisations } = await import('./feed-organisations.js');
        const { organisations, report } = await feedOrganisations(inputs, o.values['allow-private-urls'] ? { http: { allowPrivateUrls: true } } : {});
        const unread = report.inputs.filter((i) => i.error);
        if (unread.length > 0) return fail(io, unread.map((i) => `could not read ${i.input}: ${i.error}`).join('\n'));
        const listed = [];
        for (const org of organisations) listed.push({ ...org, inPortal: (await getOrganisation(db, org.id)) !== undefined });
        print(listed);
        return 0;
      };
    } else if (cmd === 'org verify') {
      const o = options(rest, { kvk: { type: 'string' } });
      const id = o.positionals[0];
      if (!id || o.positionals.length > 1) throw new UsageError('org verify needs exactly one organisation ID');
      const kvk = kvkOf(o.values.kvk);
      task = async (db) => {
        const org = await verifyOrganisation(db, id, kvk);
        if (!org) return fail(io, `no organisation with id ${id}`);
        print(organisationJson(org));
        return 0;
      };
    } else if (cmd === 'org list') {
      options(rest, {});
      task = async (db) => {
        print((await listOrganisations(db)).map(organisationJson));
        return 0;
      };
    } else if (cmd === 'user invite') {
      const o = options(rest, { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, gemeente: { type: 'string' }, name: { type: 'string' } });
      const email = need(o.values.email, '--email').toLowerCase();
      if (!EMAIL.test(email)) throw new UsageError(`--email is not an e-mail address: ${JSON.stringify(email)}`);
      const role = (o.values.role ?? 'editor') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (role === 'editor' && !o.values.org) throw new UsageError('--org is required for an editor');
      if (role !== 'editor' && o.values.org) throw new UsageError(`a ${role} belongs to no organisation: leave out --org`);
      const gemeente = o.values.gemeente?.trim() || null;
      if (role === 'gemeente_viewer' && !gemeente) throw new UsageError('--gemeente is required for a gemeente_viewer: the one gemeente the monitor shows them, as the activities name it (e.g. Utrecht)');
      if (role !== 'gemeente_viewer' && o.values.gemeente !== undefined) throw new UsageError(`--gemeente is only for a gemeente_viewer (a ${role} sees ${role === 'operator' ? 'every gemeente' : 'no monitor'})`);
      if (gemeente && !isGemeenteName(gemeente)) throw new UsageError('--gemeente must be a name of at most 100 characters');
      const nameProblem = o.values.name === undefined ? undefined : userNameProblem(o.values.name);
      if (nameProblem) throw new UsageError(`--name ${nameProblem}`);
      task = async (db) => {
        if (o.values.org && !(await getOrganisation(db, o.values.org))) return fail(io, `no organisation with id ${o.values.org}`);
        const user = await upsertUser(db, { email, role, organisationId: o.values.org ?? null, gemeente, name: o.values.name ?? null });
        const token = await createSignInToken(db, user.id);
        print({ email: user.email, role: user.role, organisationId: user.organisation_id, name: user.name, ...(user.gemeente ? { gemeente: user.gemeente } : {}), signInLink: `${baseUrl}/aanmelden/link?token=${encodeURIComponent(token)}`, validMinutes: 15 });
        return 0;
      };
    } else if (cmd === 'apikey create') {
      const o = options(rest, { org: { type: 'string' } });
      const orgId = need(o.values.org, '--org');
      task = async (db) => {
        if (!(await getOrganisation(db, orgId))) return fail(io, `no organisation with id ${orgId}`);
        const { key, apiKey } = await createApiKey(db, orgId);
        print({ id: apiKey.id, organisationId: orgId, prefix: apiKey.prefix, key, note: 'shown once: only a hash is stored' });
        return 0;
      };
    } else if (cmd === 'apikey revoke') {
      const o = options(rest, {});
      const id = o.positionals[0];
      if (!id || o.positionals.length > 1) throw new UsageError('apikey revoke needs exactly one key id or prefix');
      task = async (db) => {
        const revoked = await revokeApiKey(db, id);
        if (revoked.length === 0) return fail(io, `no active API key with id or prefix ${id}`);
        print(revoked.map((k) => ({ id: k.id, organisationId: k.organisation_id, prefix: k.prefix, revokedAt: new Date(k.revoked_at!).toISOString() })));
        return 0;
      };
    } else if (cmd === 'webhook approve') {
      const o = options(rest, {});
      const id = o.positionals[0];
      if (!id || o.positionals.length > 1) throw new UsageError('webhook approve needs exactly one organisation ID');
      task = async (db) => {
        try {
          const s = await approveWebhook(db, id);
          print({ organisationId: s.organisationId, webhookUrl: s.webhookUrl, approvedAt: s.webhookApprovedAt?.toISOString() ?? null, receiveMode: s.receiveMode });
          return 0;
        } catch (err) {
          if (err instanceof WebhookApprovalError) return fail(io, err.message);
          throw err;
        }
      };
    } else if (group === 'monitor') {
      task = monitorCommand(argv.slice(1), { print, fail: (message) => fail(io, message), usage: (message) => new UsageError(message) });
    } else {
      throw new UsageError(`unknown command: ${cmd}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`sociale-kaart-admin: ${err.message}\n\n${USAGE}\n`);
      return 64;
    }
    throw err;
  }
  const opened = await openDatabase(io.env.DATABASE_URL ? { url: io.env.DATABASE_URL } : {});
  try {
    return await task(opened.db);
  } finally {
    await opened.close();
  }
}

/** Not found, or a conflict: exit 1 with the reason. */
function fail(io: AdminIo, message: string): number {
  io.err(`sociale-kaart-admin: ${message}\n`);
  return 1;
}

export async function adminMain(argv = process.argv.slice(2)): Promise<void> {
  const code = await runAdmin(argv, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env });
  process.exitCode = code;
}
