/**
 * The read of who is asking, started early (ActorCache.warm, the Slack adapter's overlap with the
 * inbox write): the request that brought the ref uses it once; any other call reads afresh, so
 * deprovisioning still ends access at once; a failed early read never goes unhandled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorCache } from '../../src/chat/chat-request.ts';
import type { ActorRef } from '../../src/ports/actor.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

const settle = () => new Promise((r) => setTimeout(r, 300));

describe(`actor cache: early reads (${dbKind})`, () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(async () => core?.close());

  it('uses an early read once, for its own ref only; every other call sees the person deprovisioned', async () => {
    const cache = new ActorCache(core.deps);
    const sara = await core.as('sara');
    const ref: ActorRef = { platform: 'CONSOLE', userId: 'sara' };
    cache.warm(ref);
    await settle();
    await core.deps.prisma.person.update({ where: { id: sara.personId }, data: { active: false } });
    try {
      // The request that started the read: active when it arrived.
      expect((await cache.resolveWithOrg(ref)).actor.personId).toBe(sara.personId);
      // Anything after it reads afresh.
      await expect(cache.resolveWithOrg(ref)).rejects.toMatchObject({ code: 'PERSON.DEPROVISIONED' });
      await expect(cache.resolveWithOrg({ platform: 'CONSOLE', userId: 'sara' })).rejects.toMatchObject({ code: 'PERSON.DEPROVISIONED' });
    } finally {
      await core.deps.prisma.person.update({ where: { id: sara.personId }, data: { active: true } });
    }
  });

  it('reads afresh when the request needs more than the early read has (the team leads of a new case)', async () => {
    const cache = new ActorCache(core.deps);
    const ref: ActorRef = { platform: 'CONSOLE', userId: 'maria' };
    cache.warm(ref);
    const { org } = await cache.resolveWithOrg(ref, { teamLeads: true });
    expect(Array.isArray(org.teamLeads)).toBe(true);
  });

  it('keeps a failed early read for its request and leaves nothing unhandled when the request stops first', async () => {
    const cache = new ActorCache(core.deps);
    const stranger: ActorRef = { platform: 'SLACK', userId: 'U0NOBODY', workspaceId: 'T0ELSEWHERE' };
    cache.warm(stranger);
    cache.warm({ ...stranger });
    await settle();
    await expect(cache.resolveWithOrg(stranger)).rejects.toHaveProperty('code');
  });
});
