import { execFile } from 'node:child_process';
import { JavaMissingError } from '#shared/errors.ts';

/** DynamoDB Local 3.x is built for Java 17. */
const MINIMUM_MAJOR = 17;

/**
 * Reads the major version from `java -version` output (printed on stderr), e.g. `openjdk version "17.0.15"`
 * → 17 and the pre-9 scheme `java version "1.8.0_392"` → 8.
 *
 * @example javaMajorVersion('openjdk version "21.0.2" 2024-01-16') // 21
 */
export const javaMajorVersion = (versionOutput: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
};

/**
 * Fails with {@link JavaMissingError} unless `java` on PATH is version 17 or newer. Checked before
 * spawning DynamoDB Local so a newcomer sees one actionable line instead of a spawn ENOENT trace.
 */
export const assertJava = (command = 'java'): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(command, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new JavaMissingError({ cause: error }));
        return;
      }
      const major = javaMajorVersion(`${stderr}\n${stdout}`);
      if (major !== undefined && major < MINIMUM_MAJOR) {
        reject(new JavaMissingError({ cause: new Error(`Found Java ${major}`) }));
        return;
      }
      resolve();
    });
  });
