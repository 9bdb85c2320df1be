/**
 * Errors a person fixes on the command line or in the input file: printed as one clear message (no stack
 * trace), exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The input cannot be read at all: missing, unreadable, or a CSV header with unknown columns. */
export class InputFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputFileError';
  }
}
