/**
 * Errors the local stack reports to a person at a terminal. Each message is one line that says what to
 * do; details for debugging travel in `cause` or in extra properties, never in the message.
 */

/** The one line `npm start` prints when Java is absent or too old. */
export const JAVA_REQUIRED_MESSAGE =
  'Java 17+ is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless (or install a JDK from your OS vendor)';

/** Java is not installed, not on PATH, or older than 17 (DynamoDB Local's minimum). */
export class JavaMissingError extends Error {
  constructor(options?: ErrorOptions) {
    super(JAVA_REQUIRED_MESSAGE, options);
    this.name = 'JavaMissingError';
  }
}

/** DynamoDB Local exited or did not answer in time; `output` holds the tail of what Java printed. */
export class DynamoDbLocalStartError extends Error {
  readonly output: string;
  constructor(message: string, output: string, options?: ErrorOptions) {
    super(
      output.trim() === '' ? message : `${message}\n--- DynamoDB Local output ---\n${output.trim()}`,
      options,
    );
    this.name = 'DynamoDbLocalStartError';
    this.output = output;
  }
}

/** A port the stack was told to use is taken by another process. */
export class PortInUseError extends Error {
  readonly port: number;
  constructor(what: string, port: number, options?: ErrorOptions) {
    super(
      `Port ${port} is already in use (${what}); stop the other process or choose another port with --port`,
      options,
    );
    this.name = 'PortInUseError';
    this.port = port;
  }
}

/** A handler file the catalog lists could not be loaded. */
export class HandlerLoadError extends Error {
  readonly file: string;
  constructor(message: string, file: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HandlerLoadError';
    this.file = file;
  }
}
