/** A command line the CLI cannot act on (unknown flag, bad value, missing argument): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';

  constructor(
    message: string,
    /** The usage text of the command, printed after the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
