#!/usr/bin/env node
import { processIo } from '../cli/io.ts';
/**
 * `risk-radar`: check ad copy, push events, load a demo. See docs/cli.md. Node 24 runs this TypeScript
 * directly (type stripping).
 */
import { runCli } from '../cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo());
