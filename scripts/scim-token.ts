/**
 * `npm run scim:token -- --org <slug> [--revoke]`: creates (or rotates) the bearer token a
 * provisioning client such as Entra ID uses for `/scim/v2`. The token is printed once and only its
 * SHA-256 digest is stored; creating a new one revokes the old one at once.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config.ts';
import { recordAudit } from '../src/audit/audit.ts';
import { revokeScimTokens, rotateScimToken } from '../src/directory/scim-token.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { applyMigrations, readMigrations } from '../src/infra/db/migrate.ts';

const { values } = parseArgs({ options: { org: { type: 'string' }, revoke: { type: 'boolean', default: false } } });
if (!values.org) {
  console.error('Usage: npm run scim:token -- --org <slug> [--revoke]');
  process.exit(64);
}
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let code = 0;
try {
  await db.withConnection(async (c) => applyMigrations(c, await readMigrations()));
  const org = await db.prisma.organisation.findUnique({ where: { slug: values.org } });
  if (!org) {
    const known = (await db.prisma.organisation.findMany({ select: { slug: true } })).map((o) => o.slug);
    console.error(`No organisation "${values.org}". Known: ${known.join(', ') || '(none — start Stafett once with STAFETT_ORG_FILE)'}`);
    code = 65;
  } else if (values.revoke) {
    const n = await revokeScimTokens(db.prisma, org.id, new Date());
    await recordAudit(db.prisma, { at: new Date(), orgId: org.id, platform: 'SYSTEM', action: 'scim.token.revoke', detail: { client: 'cli', revoked: n } });
    console.log(`Revoked ${n} SCIM token(s) of ${org.slug}. Provisioning is refused until a new token is created.`);
  } else {
    const t = await rotateScimToken(db.prisma, org.id, new Date());
    await recordAudit(db.prisma, { at: new Date(), orgId: org.id, platform: 'SYSTEM', action: 'scim.token.create', detail: { client: 'cli', tokenId: t.tokenId, revoked: t.revoked } });
    console.error(`SCIM token for ${org.slug} (${org.name})${t.revoked ? `; the previous token no longer works` : ''}. It is shown only now — paste it into the provisioning client's "Secret token":`);
    console.log(t.token);
  }
} finally {
  await db.close();
}
process.exit(code);
