/** Where the local stack writes its own lines (request log, poller notes), so tests can silence it. */
export interface LocalLogger {
  info(message: string): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: LocalLogger = {
  info: (message) => console.log(message),
  error: (message, detail) =>
    detail === undefined ? console.error(message) : console.error(message, detail),
};
