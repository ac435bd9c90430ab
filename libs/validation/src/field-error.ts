/** One problem with one input field, as told to the user. */
export interface FieldError {
  field: string;
  message: string;
}

/** The input does not have the shape a command needs; nothing was recorded (HTTP 400). */
export class InputValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'InputValidationError';
  }
}
