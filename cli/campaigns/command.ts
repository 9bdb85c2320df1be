import type { Campaign } from '#shared/domain/catalogue.ts';
import { UsageError } from '#shared/errors.ts';
import { CampaignListSchema } from '#shared/schemas/catalogue.ts';
import { parseCommandArgs } from '../args.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from '../push/retry.ts';
import { readInput } from '../read-input.ts';
import { baseUrl, LOCAL_URL, managerToken, URL_VARIABLE } from '../target.ts';
import { type CampaignRow, readCampaigns } from './read-campaigns.ts';

export const CAMPAIGNS_USAGE = `Usage: risk-radar campaigns push <file.csv|file.json|file.yaml> [--url <url>] [--token <token>]
       risk-radar campaigns list [--brand <brand>] [--market <CC>] [--owner <username|me>] [--json] [--url <url>] [--token <token>]

push  registers or completes each campaign of the file (PUT /v1/campaigns/{id}): columns campaignId, name,
      brand, market, channel, owner, budget, currency, periodStart, periodEnd; an empty cell leaves the field
      as it is. Every row is checked before anything is sent.
list  prints the campaigns your scope covers (GET /v1/campaigns), every page.

--url     the API (default: $${URL_VARIABLE}, else ${LOCAL_URL})
--token   a manager's bearer token (default: $RADAR_MANAGER_TOKEN, else the local stack's dev token)

Exit codes: 0 all sent, 1 the server refused a campaign, 2 bad arguments or file, 3 not delivered (re-run).`;

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  brand: { type: 'string' },
  market: { type: 'string' },
  owner: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A retry is worth it for these: the server or the network may be back in a moment. */
export const transient = (status: number) => status === 429 || status >= 500;
const ATTEMPTS = 4;

export type Answer =
  | { readonly sent: true; readonly status: number; readonly body: unknown }
  | { readonly sent: false; readonly status: 0; readonly reason: string };

/** One request with the manager's token, retried on 429, 5xx and network failures (the product's backoff). */
export const request = async (io: CliIo, url: string, token: string, init: RequestInit): Promise<Answer> => {
  let last: Answer = { sent: false, status: 0, reason: 'not sent' };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    let wait = 0;
    try {
      const response = await io.fetch(url, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      last = { sent: true, status: response.status, body };
      if (!transient(response.status)) return last;
      wait = retryAfterMs(response.headers.get('retry-after'), io.now()) ?? 0;
    } catch (error) {
      last = { sent: false, status: 0, reason: error instanceof Error ? error.message : String(error) };
    }
    if (attempt < ATTEMPTS) await io.sleep(Math.max(wait, backoffDelay(DEFAULT_RETRY, attempt, io.random())));
  }
  return last;
};

/** What the server said was wrong, in one line: its detail and each field error. */
export const refusal = (answer: Answer): string => {
  if (!answer.sent) return answer.reason;
  const body = answer.body as { detail?: unknown; errors?: { path: string; message: string }[] };
  const errors = (body?.errors ?? []).map((error) => `${error.path}: ${error.message}`).join('; ');
  return `HTTP ${answer.status}${typeof body?.detail === 'string' ? `: ${body.detail}` : ''}${errors ? ` (${errors})` : ''}`;
};

const push = async (io: CliIo, file: string, url: string, token: string): Promise<ExitCode> => {
  const rows: CampaignRow[] = readCampaigns(await readInput(io, file, 'the campaigns file'), file);
  let refused = 0;
  let unsent = 0;
  for (const row of rows) {
    const answer = await request(io, `${url}/v1/campaigns/${encodeURIComponent(row.campaignId)}`, token, {
      method: 'PUT',
      body: JSON.stringify(row.request),
    });
    if (answer.sent && (answer.status === 200 || answer.status === 201)) {
      const saved = answer.body as Campaign;
      io.stdout.write(
        `${row.campaignId}: ${answer.status === 201 ? 'created' : 'saved'} (version ${saved.version})\n`,
      );
    } else if (
      answer.status === 0 ||
      transient(answer.status) ||
      answer.status === 401 ||
      answer.status === 403
    ) {
      unsent += 1;
      io.stderr.write(`${row.where}: not sent: ${refusal(answer)}\n`);
    } else {
      refused += 1;
      io.stderr.write(`${row.where}: refused: ${refusal(answer)}\n`);
    }
  }
  io.stdout.write(
    `${rows.length - refused - unsent} of ${rows.length} campaigns saved${refused > 0 ? `, ${refused} refused` : ''}${unsent > 0 ? `, ${unsent} not sent` : ''}\n`,
  );
  return unsent > 0 ? EXIT.unsent : refused > 0 ? EXIT.attention : EXIT.ok;
};

const cell = (value: string | undefined) => value ?? '—';

const list = async (
  io: CliIo,
  url: string,
  token: string,
  filters: Record<'brand' | 'market' | 'owner', string | undefined>,
  json: boolean,
): Promise<ExitCode> => {
  const query = new URLSearchParams({ limit: '100' });
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) query.set(name, value);
  const campaigns: Campaign[] = [];
  for (let cursor: string | undefined, pages = 0; pages === 0 || cursor !== undefined; pages += 1) {
    if (cursor !== undefined) query.set('cursor', cursor);
    const answer = await request(io, `${url}/v1/campaigns?${query}`, token, { method: 'GET' });
    if (!answer.sent || answer.status !== 200) {
      io.stderr.write(`risk-radar campaigns list: ${refusal(answer)}\n`);
      return answer.status === 400 ? EXIT.usage : EXIT.unsent;
    }
    const page = CampaignListSchema.parse(answer.body);
    campaigns.push(...(page.items as Campaign[]));
    cursor = page.cursor;
  }
  if (json) {
    for (const campaign of campaigns) io.stdout.write(`${JSON.stringify(campaign)}\n`);
    return EXIT.ok;
  }
  const header = ['campaignId', 'name', 'brand', 'market', 'channel', 'owner', 'plan'];
  const lines = campaigns.map((c) => [
    c.campaignId,
    cell(c.name),
    cell(c.brand),
    cell(c.market),
    cell(c.channel),
    cell(c.owner),
    c.plan === undefined
      ? '—'
      : `${c.plan.budget} ${c.plan.currency} ${c.plan.periodStart}..${c.plan.periodEnd}`,
  ]);
  const widths = header.map((name, i) =>
    Math.max(name.length, ...lines.map((line) => (line[i] ?? '').length)),
  );
  for (const line of [header, ...lines])
    io.stdout.write(
      `${line
        .map((value, i) => value.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  io.stdout.write(`${campaigns.length} campaigns\n`);
  return EXIT.ok;
};

/** `risk-radar campaigns push|list`: the campaign catalogue from the command line, as a manager. */
export const runCampaigns = async (args: readonly string[], io: CliIo): Promise<ExitCode> => {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 2);
  const [sub, file] = positionals;
  if (values.help === true) {
    io.stdout.write(`${CAMPAIGNS_USAGE}\n`);
    return EXIT.ok;
  }
  const url = baseUrl(values.url ?? io.env[URL_VARIABLE] ?? LOCAL_URL);
  const token = values.token ?? managerToken(io);
  if (sub === 'push') {
    if (file === undefined)
      throw new UsageError('campaigns push needs a file: risk-radar campaigns push campaigns.csv');
    return push(io, file, url, token);
  }
  if (sub === 'list') {
    if (file !== undefined) throw new UsageError(`Unexpected argument: ${file}`);
    return list(
      io,
      url,
      token,
      { brand: values.brand, market: values.market, owner: values.owner },
      values.json === true,
    );
  }
  throw new UsageError(`campaigns needs push or list\n\n${CAMPAIGNS_USAGE}`);
};
