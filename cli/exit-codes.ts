/**
 * The exit codes of `risk-radar`, documented in docs/cli.md. CI scripts depend on them: change them only
 * with a major version.
 */
export const EXIT = {
  ok: 0,
  /** `check`: a finding needs attention (yellow or above; with a baseline, a new one). `push`/`demo`: an event was rejected. */
  attention: 1,
  /** Bad arguments, or an input that cannot be read (missing file, unknown CSV columns). */
  usage: 2,
  /**
   * `push`/`demo`: some events could not be delivered (network, server, credentials); re-run to resume.
   * `check --url`: the server could not check the copy (unreachable, credentials, failing).
   */
  unsent: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
