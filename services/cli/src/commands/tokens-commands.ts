import { ROLES, type ApiTokenInfo } from '@fleetpush/contracts';
import { clientFor, connectedCommand } from '../cli-context';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';
import { expiryFlag } from '../expiry-flag';
import { choiceFlag, commandArgs, CONNECTION_OPTIONS, CONNECTION_USAGE } from '../parse-flags';
import { table } from '../result-view';

/** Usage of `fleetpush tokens …` (admin). */
export const TOKENS_USAGE = `usage: fleetpush tokens create --name NAME --role ${ROLES.join('|')} [--expires 30d|12h|ISO-TIME]
       fleetpush tokens list
       fleetpush tokens revoke ID
  API tokens (an admin's token). create prints the new token on stdout, once: it is never shown
  again (the API keeps only its hash). list shows every token without its value.
${CONNECTION_USAGE}`;

/** `fleetpush tokens create`: the token alone on stdout (for \`TOKEN=$(…)\`), the rest on stderr. */
export async function tokensCreate(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = commandArgs(
    args,
    {
      ...CONNECTION_OPTIONS,
      name: { type: 'string' },
      role: { type: 'string' },
      expires: { type: 'string' },
    },
    [],
    TOKENS_USAGE,
  );
  if (values.name === undefined) throw new UsageError('--name is required', TOKENS_USAGE);
  const role = choiceFlag('role', values.role, ROLES, TOKENS_USAGE);
  if (role === undefined) throw new UsageError('--role is required', TOKENS_USAGE);
  const expires = expiryFlag(values.expires, new Date(), TOKENS_USAGE);
  const client = await clientFor(values, io);
  const created = await client.tokens.create({
    name: values.name,
    role,
    ...(expires !== undefined && { expires_at: expires }),
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(created)}\n`);
    return ExitCode.completed;
  }
  io.stderr(
    `token "${created.name}" created: role ${created.role}, id ${created.id}, expires ${expires ?? 'never'}. It is shown only this once:\n`,
  );
  io.stdout(`${created.token}\n`);
  return ExitCode.completed;
}

function tokenRow(t: ApiTokenInfo): string[] {
  return [t.id, t.name, t.role, t.createdAt, t.expiresAt ?? 'never', t.createdBy ?? ''];
}

/** `fleetpush tokens list`: every token, oldest first, never a token's value. */
export async function tokensList(args: readonly string[], io: CliIo): Promise<number> {
  const { client, json } = await connectedCommand(args, [], TOKENS_USAGE, io);
  const tokens = await client.tokens.list();
  if (json) {
    io.stdout(`${JSON.stringify(tokens)}\n`);
    return ExitCode.completed;
  }
  const rows = [...tokens].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(tokenRow);
  io.stdout(`${table([['ID', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'CREATED BY'], ...rows])}\n`);
  return ExitCode.completed;
}

/** `fleetpush tokens revoke ID`: the token stops working at once. */
export async function tokensRevoke(args: readonly string[], io: CliIo): Promise<number> {
  const { client, json, args: given } = await connectedCommand(args, ['ID'], TOKENS_USAGE, io);
  const [id = ''] = given;
  await client.tokens.revoke(id);
  io.stdout(json ? `${JSON.stringify({ id, revoked: true })}\n` : `token ${id} revoked\n`);
  return ExitCode.completed;
}
