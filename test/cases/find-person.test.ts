/**
 * A colleague named in a form or command: the name is compared as text, ignoring case — `%` and
 * `_` are letters like any other, not wildcards that would match somebody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPerson } from '../../src/cases/case.service.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { dbKind } from '../support/db.ts';

describe(`findPerson by name (${dbKind})`, () => {
  let core: TestCore;
  let orgId: string;
  beforeAll(async () => {
    core = await createTestCore();
    orgId = (await core.as('maria')).orgId;
    await core.deps.prisma.person.create({ data: { orgId, displayName: 'Åsa Öberg' } });
    await core.deps.prisma.person.create({ data: { orgId, displayName: 'Ola_Nordmann' } });
  });
  afterAll(async () => core?.close());

  const find = (text: string) => core.deps.prisma.$transaction((tx) => findPerson(tx as never, orgId, { text }));

  it('finds a whole name or a unique part of it, ignoring case, with Nordic letters', async () => {
    expect((await find('maria mentor'))?.displayName).toBe('Maria Mentor');
    expect((await find('ÅSA ÖBERG'))?.displayName).toBe('Åsa Öberg');
    expect((await find('öberg'))?.displayName).toBe('Åsa Öberg');
    expect((await find('ola_nordmann'))?.displayName).toBe('Ola_Nordmann');
  });

  it('does not treat % or _ as wildcards', async () => {
    expect(await find('%')).toBeNull();
    // `_` is a letter: only the name that has one.
    expect((await find('_'))?.displayName).toBe('Ola_Nordmann');
    expect(await find('Maria_Mentor')).toBeNull();
    expect(await find('M%r')).toBeNull();
    // `a_N` is in Ola_Nordmann only, not "a N…" of anybody else.
    expect((await find('a_N'))?.displayName).toBe('Ola_Nordmann');
  });

  it('says a name is ambiguous rather than guessing', async () => {
    await expect(find('mentor')).resolves.toMatchObject({ displayName: 'Maria Mentor' });
    await core.deps.prisma.person.create({ data: { orgId, displayName: 'Mats Mentorsson' } });
    await expect(find('mentor')).rejects.toBeInstanceOf(DomainError);
  });
});
