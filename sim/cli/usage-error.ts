/** UsageError: a command line that cannot be acted on (unknown flag, missing argument). Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
