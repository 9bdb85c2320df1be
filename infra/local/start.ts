/**
 * `npm start`: the whole product on this machine. Options: `--in-memory`, `--port <n>` (0 = any free
 * port), `--data-dir <dir>`, `--help`. Ctrl-C or SIGTERM stops everything, Java included; a second Ctrl-C
 * forces the exit.
 */
import { parseArgs } from 'node:util';
import {
  DynamoDbLocalStartError,
  HandlerLoadError,
  JavaMissingError,
  PortInUseError,
  TableDefinitionMismatchError,
} from '#shared/errors.ts';
import { banner } from './banner.ts';
import { type LocalStack, parsePort, startLocalStack } from './stack.ts';
import { removeStackState, stackStateFile, writeStackState } from './stack-state.ts';

const USAGE = `Usage: npm start -- [options]

  --in-memory        keep no data (default: persist under .data/)
  --port <n>         HTTP port (default: $PORT or 3000; 0 = any free port)
  --data-dir <dir>   where data, the outbox and dead letters live (default: .data)
  -h, --help         show this help`;

/** Errors a person can act on from their message alone: printed as one line, without a stack trace. */
const EXPECTED_ERRORS = [
  JavaMissingError,
  PortInUseError,
  HandlerLoadError,
  TableDefinitionMismatchError,
  DynamoDbLocalStartError,
] as const;

const parseOptions = (): { inMemory: boolean; port: number | undefined; dataDir: string | undefined } => {
  try {
    const { values } = parseArgs({
      options: {
        'in-memory': { type: 'boolean', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return {
      inMemory: values['in-memory'],
      port: values.port === undefined ? undefined : parsePort(values.port),
      dataDir: values['data-dir'],
    };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
};

const main = async (): Promise<void> => {
  const options = parseOptions();
  let stack: LocalStack | undefined;
  let signals = 0;
  // Tells `npm run digest` where this stack is and how its functions run.
  const stateFile = stackStateFile(options.dataDir);

  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1 || stack === undefined) {
      // Still starting, or a second Ctrl-C: leave now; the exit hook kills Java.
      console.error(signals > 1 ? 'Forced exit.' : `${signal} during start-up; exiting.`);
      process.exit(signals > 1 ? 1 : 130);
    }
    console.log(
      `\n${signal}: finishing in-flight requests and stream batches, then stopping DynamoDB Local…`,
    );
    Promise.all([stack.stop(), removeStackState(stateFile)]).then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    stack = await startLocalStack({
      inMemory: options.inMemory,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    });
  } catch (error) {
    if (EXPECTED_ERRORS.some((type) => error instanceof type) && error instanceof Error) {
      console.error(error.message);
      // A function that fails to import (a syntax error, a missing module) needs its stack to be fixed.
      if (error instanceof HandlerLoadError && error.cause instanceof Error) console.error(error.cause.stack);
    } else {
      console.error('The local stack could not start:', error);
    }
    process.exit(1);
  }
  await writeStackState(stateFile, { pid: process.pid, url: stack.url, env: stack.env });
  console.log(banner(stack));
};

await main();
