/**
 * One error base for the core. `code` is stable and dotted (CASE.NOT_FOUND); adapters map it to
 * localized text via i18n key `error.<code>` with `params` for interpolation.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

/** Type guard for DomainError. */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
