// `prisma dev` (a local Prisma Postgres) is the only user of this package; Stafett uses PGlite or
// a PostgreSQL server instead, so the real package (Node >= 22 only) is replaced by this stub.
'use strict';
exports.startLocalDurableStreamsServer = () => {
  throw new Error('`prisma dev` is not available in Stafett: use PGlite (default) or DATABASE_URL. See README.');
};
