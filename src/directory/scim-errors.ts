/** SCIM protocol errors (RFC 7644 §3.12): an HTTP status, an optional `scimType` and a detail. */
export type ScimType =
  | 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath'
  | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

export const SCIM_ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Thrown by the directory for any request it refuses; the HTTP route renders it as SCIM error JSON. */
export class ScimError extends Error {
  readonly code = 'SCIM.ERROR';
  constructor(readonly status: number, readonly scimType: ScimType | undefined, readonly detail: string) {
    super(detail);
  }

  /** The RFC 7644 error body (status as a string, as the RFC's examples and Entra ID expect). */
  toJSON(): Record<string, unknown> {
    return { schemas: [SCIM_ERROR_URN], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, scimType, detail);
export const notFound = (what: string) => new ScimError(404, undefined, `${what} not found`);
