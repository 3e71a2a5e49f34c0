/** A Direct Line request refused: the HTTP status and the error code the Direct Line 3.0 protocol names. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
