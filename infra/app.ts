/**
 * The CDK app's entry point (cdk.json: `node infra/app.ts`). The app itself is built in radar-app.ts so
 * that tests synthesize exactly what `cdk synth` does.
 */
import { createRadarApp } from '#infra/radar-app.ts';

createRadarApp();
