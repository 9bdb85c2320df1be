import { suite } from '../suites/eval-signals.ts';

/**
 * `node bench/signals/cli.ts`: runs the signal evaluation and prints its figures without touching
 * bench/report.* (which `npm run eval` / `npm run bench` write).
 */
const result = await suite.run((message) => console.error(message));
for (const [key, value] of Object.entries(result.metrics)) console.log(`${key} ${Number(value.toFixed(3))}`);
for (const target of result.targets) console.log(`${target.met ? 'met' : 'MISSED'}: ${target.description}`);
