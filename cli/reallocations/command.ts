import type { Reallocation } from '#shared/domain/reallocation.ts';
import { UsageError } from '#shared/errors.ts';
import { ReallocationListSchema, ReallocationSchema } from '#shared/schemas/reallocations.ts';
import { parseCommandArgs } from '../args.ts';
import { type Answer, refusal, request, transient } from '../campaigns/command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { baseUrl, LOCAL_URL, managerToken, URL_VARIABLE } from '../target.ts';

export const REALLOCATIONS_USAGE = `Usage: risk-radar reallocations request --from <campaignId> --to <campaignId> --amount <n> --currency <CCC> --reason <text>
                          [--from-channel <channel>] [--to-channel <channel>] [--url <url>] [--token <token>]
       risk-radar reallocations list <campaignId> [--json] [--url <url>] [--token <token>]
       risk-radar reallocations decide <reallocationId> --approve|--reject --note <text> [--url <url>] [--token <token>]

request  asks to move --amount of one campaign's plan to another's (POST /v1/reallocations); both campaigns
         must be in the catalogue with plans in --currency, and the amount no more than the source plan.
list     prints a campaign's re-allocations, in and out, newest first: who requested and decided, when, why.
decide   approves (both plans move at once) or rejects a requested re-allocation, with a note saying why.
         The manager who requested it cannot decide it: another manager does.

--url     the API (default: $${URL_VARIABLE}, else ${LOCAL_URL})
--token   a manager's bearer token (default: $RADAR_MANAGER_TOKEN, else the local stack's dev token)

Exit codes: 0 done, 1 the server refused it (scope, plans, own request, already decided), 2 bad arguments,
3 not delivered (re-run).`;

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  'from-channel': { type: 'string' },
  'to-channel': { type: 'string' },
  amount: { type: 'string' },
  currency: { type: 'string' },
  reason: { type: 'string' },
  approve: { type: 'boolean' },
  reject: { type: 'boolean' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const required = (value: string | undefined, what: string, example: string): string => {
  if (value === undefined || value.trim() === '')
    throw new UsageError(`reallocations needs ${what}: ${example}`);
  return value;
};

/** The exit code of an answer that is not the one hoped for, with the server's words on stderr. */
const failed = (io: CliIo, what: string, answer: Answer): ExitCode => {
  io.stderr.write(`risk-radar reallocations ${what}: ${refusal(answer)}\n`);
  if (answer.status === 0 || transient(answer.status) || answer.status === 401) return EXIT.unsent;
  return answer.status === 400 ? EXIT.usage : EXIT.attention;
};

const sideOf = (campaignId: string, channel: string | undefined) =>
  channel === undefined ? { campaignId } : { campaignId, channel };

/** One line per re-allocation: the way a person reads the record. */
const describe = (r: Reallocation): string => {
  const decided =
    r.decidedBy === undefined ? '' : `; ${r.state} by ${r.decidedBy} at ${r.decidedAt}: ${r.note ?? ''}`;
  return `${r.reallocationId}  ${r.state}  ${r.amount} ${r.currency} ${r.from.campaignId} → ${r.to.campaignId}  requested by ${r.requestedBy} at ${r.requestedAt}: ${r.reason}${decided}`;
};

/** `risk-radar reallocations request|list|decide`: budget re-allocations from the command line, as a manager. */
export const runReallocations = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 2);
  const [sub, target] = positionals;
  if (values.help === true) {
    io.stdout.write(`${REALLOCATIONS_USAGE}\n`);
    return EXIT.ok;
  }
  const url = baseUrl(values.url ?? io.env[URL_VARIABLE] ?? LOCAL_URL);
  const token = values.token ?? managerToken(io);
  if (sub === 'request') {
    if (target !== undefined) throw new UsageError(`Unexpected argument: ${target}`);
    const amount = Number(required(values.amount, '--amount', '--amount 2000'));
    if (!Number.isFinite(amount) || amount <= 0)
      throw new UsageError(`--amount must be a number above 0, not ${values.amount}`);
    const body = {
      from: sideOf(required(values.from, '--from', '--from cmp-spring'), values['from-channel']),
      to: sideOf(required(values.to, '--to', '--to cmp-summer'), values['to-channel']),
      amount,
      currency: required(values.currency, '--currency', '--currency EUR').toUpperCase(),
      reason: required(values.reason, '--reason', '--reason "Summer converts at half the CPA"'),
    };
    const answer = await request(io, `${url}/v1/reallocations`, token, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!answer.sent || answer.status !== 201) return failed(io, 'request', answer);
    const saved = ReallocationSchema.parse(answer.body) as Reallocation;
    io.stdout.write(
      `${saved.reallocationId}: requested ${saved.amount} ${saved.currency} from ${saved.from.campaignId} to ${saved.to.campaignId}; another manager decides it\n`,
    );
    return EXIT.ok;
  }
  if (sub === 'list') {
    const campaignId = required(target, 'a campaign id', 'risk-radar reallocations list cmp-spring');
    const answer = await request(
      io,
      `${url}/v1/campaigns/${encodeURIComponent(campaignId)}/reallocations`,
      token,
      { method: 'GET' },
    );
    if (!answer.sent || answer.status !== 200) return failed(io, 'list', answer);
    const items = ReallocationListSchema.parse(answer.body).items as Reallocation[];
    for (const item of items)
      io.stdout.write(`${values.json === true ? JSON.stringify(item) : describe(item)}\n`);
    if (values.json !== true) io.stdout.write(`${items.length} re-allocations of ${campaignId}\n`);
    return EXIT.ok;
  }
  if (sub === 'decide') {
    const id = required(
      target,
      'a re-allocation id',
      'risk-radar reallocations decide <id> --approve --note "…"',
    );
    if ((values.approve === true) === (values.reject === true))
      throw new UsageError('reallocations decide needs exactly one of --approve or --reject');
    const body = {
      decision: values.approve === true ? 'approved' : 'rejected',
      note: required(values.note, '--note', '--note "Agreed in the weekly review"'),
    };
    const answer = await request(io, `${url}/v1/reallocations/${encodeURIComponent(id)}/decision`, token, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!answer.sent || answer.status !== 200) return failed(io, 'decide', answer);
    io.stdout.write(`${describe(ReallocationSchema.parse(answer.body) as Reallocation)}\n`);
    return EXIT.ok;
  }
  throw new UsageError(`reallocations needs request, list or decide\n\n${REALLOCATIONS_USAGE}`);
};
