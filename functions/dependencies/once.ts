/**
 * A value built on first use and kept for the life of the process (the Lambda execution environment):
 * SDK clients and the engine are created once per cold start, never per request.
 */
export const once = <T>(create: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
};
