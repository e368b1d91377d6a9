/**
 * The domain's own errors. Adapters (Box, store, Teams) translate their failures into these so that
 * the rest of the code can decide what to tell a person without knowing which library failed.
 */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Configuration missing or malformed: the process must not start. Names the variable. */
export class ConfigError extends DomainError {
  constructor(
    readonly variable: string,
    expected: string,
  ) {
    super(`${variable}: ${expected}`);
  }
}

export class NotFoundError extends DomainError {}

/** The item exists but the caller may not see or change it. */
export class PermissionDeniedError extends DomainError {}

/** The item already exists (e.g. Box 409 item_name_in_use); `existingId` names it when known. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly existingId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Box (or another dependency) did not answer usefully after retries. */
export class UpstreamUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The request was malformed; `detail` is safe to show to a person. */
export class InvalidInputError extends DomainError {}
