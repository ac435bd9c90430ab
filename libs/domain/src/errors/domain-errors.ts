/**
 * Errors the domain raises when a command breaks a rule. Each names the input field
 * at fault so that every entry point (HTTP, CLI import) can tell the user which one.
 * The HTTP layer maps these classes to status codes in one place.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is well formed but breaks a rule of the domain (HTTP 422). */
export class RuleViolationError extends DomainError {}

export class InvalidDateError extends RuleViolationError {
  constructor(field: string, value: string) {
    super(
      `${field} must be an EDTF date (2022, 2022-11-10, 2022~, 2020-07?, 2022-XX, 2021-09/2022-03, 2021-09/..) of real calendar days (got "${value}")`,
      field,
    );
  }
}

export class FranchiseNotFoundError extends DomainError {
  constructor(readonly franchiseId: string) {
    super(`franchise "${franchiseId}" does not exist`, 'franchiseId');
  }
}

/** A read names a source that is not registered (HTTP 404). */
export class SourceNotFoundError extends DomainError {
  constructor(readonly sourceId: string) {
    super(`source "${sourceId}" is not registered`, 'sourceId');
  }
}

/** A claim cites a source that is not registered: register the source first (HTTP 422). */
export class UnknownSourceError extends RuleViolationError {
  constructor(readonly sourceId: string) {
    super(`source "${sourceId}" is not registered: register it before citing it`, 'sourceId');
  }
}

/** The same id was already used for something else (HTTP 409). */
export class IdentityConflictError extends DomainError {}

/**
 * A stored event carries a schema version this code does not know (written by a newer version
 * of the service): not a client's mistake, so not a DomainError.
 */
export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly known: number,
  ) {
    super(`${type} event at schema version ${version}: this version of the service reads up to ${known}`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/** A stored event of a type this code does not know (written by a newer version of the service). */
export class UnknownEventTypeError extends Error {
  constructor(
    readonly type: string,
    readonly eventId: string,
  ) {
    super(`event ${eventId} is of type ${type}, which this version of the service does not know`);
    this.name = 'UnknownEventTypeError';
  }
}
