/**
 * Domain errors. The domain throws these; only the edges (the GraphQL error formatter, the OCPP layer)
 * turn them into wire codes.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {}
export class BadInputError extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
export class ForbiddenError extends DomainError {}
export class UnauthenticatedError extends DomainError {}
export class ConflictError extends DomainError {}
