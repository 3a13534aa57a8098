/** Application services on a fresh database with the demo organisation and a fake clock. */
import { applyOrganisation, resolveActor, type Actor } from '../../src/orgs/org.service.ts';
import { demoOrganisation } from '../../src/orgs/demo-organisation.ts';
import { PlaybookRegistry } from '../../src/playbooks/index.ts';
import { FakeClock } from '../../src/shared/clock.ts';
import { FieldCipher, generateKeySpec, parseKeys } from '../../src/shared/crypto.ts';
import type { ServiceDeps } from '../../src/shared/deps.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { enqueueNotice } from '../../src/notices/notice-outbox.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestCore {
  t: TestDatabase;
  deps: ServiceDeps;
  clock: FakeClock;
  /** The demo person with this console user name (maria, karin, kalle, elin, rasmus, sara, tove). */
  as(user: string, lang?: 'sv' | 'nb' | 'en'): Promise<Actor>;
  close(): Promise<void>;
}

export async function createTestCore(start = new Date('2026-11-23T08:00:00+01:00')): Promise<TestCore> {
  const t = await createTestDatabase();
  await applyOrganisation(t.db.prisma, demoOrganisation);
  const clock = new FakeClock(start);
  const deps: ServiceDeps = {
    prisma: t.db.prisma,
    clock,
    cipher: new FieldCipher(parseKeys(generateKeySpec('test'))),
    playbooks: new PlaybookRegistry(),
    log: createLogger('silent'),
    notifyPerson: (tx, personId, notice, params, opts) => enqueueNotice(deps, tx, personId, notice, params, opts),
  };
  return {
    t,
    deps,
    clock,
    as: async (user, lang) => {
      const a = await resolveActor(t.db.prisma, { platform: 'CONSOLE', userId: user });
      return lang ? { ...a, lang } : a;
    },
    close: () => t.close(),
  };
}

export const DAY = 86_400_000;
