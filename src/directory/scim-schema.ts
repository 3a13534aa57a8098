/**
 * What this SCIM service provider supports, as RFC 7643 discovery documents
 * (`/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`), and the attribute names it accepts.
 */
export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  spConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Most resources one list response returns (`count` is capped to it). */
export const MAX_PAGE = 200;

/**
 * Core and enterprise User attributes a directory may send that Stafett deliberately does not
 * keep (data minimisation: phone numbers, addresses, titles, managers). They are accepted and
 * dropped, so a default Entra ID attribute mapping works; any other attribute is refused.
 */
export const IGNORED_USER_ATTRIBUTES = new Set([
  'nickname', 'profileurl', 'title', 'usertype', 'locale', 'timezone', 'password', 'phonenumbers', 'addresses',
  'ims', 'photos', 'entitlements', 'roles', 'x509certificates', 'groups',
]);
export const IGNORED_NAME_ATTRIBUTES = new Set(['middlename', 'honorificprefix', 'honorificsuffix']);
export const ENTERPRISE_ATTRIBUTES = new Set(['employeenumber', 'costcenter', 'organization', 'division', 'department', 'manager']);

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name, type, multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
});

/** `GET /ServiceProviderConfig`. */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [URN.spConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A per-organisation secret token created with `npm run scim:token -- --org <slug>`.', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

/** `GET /ResourceTypes`. */
export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    { schemas: [URN.resourceType], id: 'User', name: 'User', endpoint: '/Users', description: 'A member of staff', schema: URN.user,
      schemaExtensions: [{ schema: URN.enterpriseUser, required: false }], meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` } },
    { schemas: [URN.resourceType], id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A directory group; roleGroups in the organisation file maps names to roles', schema: URN.group,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` } },
  ];
}

/** `GET /Schemas`: the attributes Stafett keeps. */
export function schemas(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [URN.schema], id: URN.user, name: 'User', description: 'Staff member',
      attributes: [
        attr('userName', 'string', { required: true, uniqueness: 'server' }),
        attr('externalId', 'string', { caseExact: true }),
        attr('name', 'complex', { subAttributes: [attr('givenName', 'string'), attr('familyName', 'string'), attr('formatted', 'string')] }),
        attr('displayName', 'string'),
        attr('preferredLanguage', 'string'),
        attr('emails', 'complex', { multiValued: true, subAttributes: [attr('value', 'string'), attr('type', 'string', { canonicalValues: ['work'] }), attr('primary', 'boolean')] }),
        attr('active', 'boolean'),
        attr('groups', 'complex', { multiValued: true, mutability: 'readOnly', subAttributes: [attr('value', 'string', { mutability: 'readOnly' }), attr('display', 'string', { mutability: 'readOnly' })] }),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${URN.user}` },
    },
    {
      schemas: [URN.schema], id: URN.group, name: 'Group', description: 'Directory group',
      attributes: [
        attr('displayName', 'string', { required: true }),
        attr('externalId', 'string', { caseExact: true }),
        attr('members', 'complex', { multiValued: true, subAttributes: [attr('value', 'string', { mutability: 'immutable' }), attr('display', 'string', { mutability: 'readOnly' })] }),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${URN.group}` },
    },
  ];
}
