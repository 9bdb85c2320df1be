import { InputFileError, UsageError } from '#shared/errors.ts';
import { runCampaigns } from './campaigns/command.ts';
import { runCheck } from './check/command.ts';
import { runDemo } from './demo/command.ts';
import { runDrill } from './drill/command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { runPush } from './push/command.ts';
import { runReallocations } from './reallocations/command.ts';

export const USAGE = `Usage: risk-radar <command> [options]

Commands:
  check [file…|-]   check ad copy against the banned-claim rules (shipped packs, or a server's with --url)
  push <file>       send events from a CSV or JSON Lines file to the API in signed batches
  demo              push a realistic scenario into a running local stack
  campaigns push|list  register or complete campaigns from a CSV, JSON or YAML file; list the catalogue
  drill --kind <k>  run a crisis drill (sentiment | budget | claim); drill report <id> prints its report
  reallocations request|list|decide  move budget between campaigns' plans, with a reason and a second manager's approval

Run risk-radar <command> --help for its options. Documentation: docs/cli.md`;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<ExitCode>>> = {
  check: runCheck,
  push: runPush,
  demo: runDemo,
  campaigns: runCampaigns,
  drill: runDrill,
  reallocations: runReallocations,
};

/**
 * Runs one `risk-radar` command and returns its exit code. Errors a person can act on are printed as one
 * message; anything else is a bug and keeps its stack trace.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr.write(`risk-radar: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputFileError) {
      io.stderr.write(`risk-radar ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
};
