/**
 * Fuzzing of every form and button input through the ChatService: whatever arrives, the answer
 * is a localized reply or field errors — never an exception, never a stack trace, and a refused
 * submission writes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/cases/case.service.ts';
import { ChatService } from '../../src/chat/chat.service.ts';
import { FORM } from '../../src/chat/forms.ts';
import { NotifierRegistry } from '../../src/ports/notifier.ts';
import { createReminders } from '../../src/reminders/index.ts';
import { dbKind } from '../support/db.ts';
import { createTestCore, type TestCore } from '../support/core.ts';
import { replyText } from '../support/privacy.ts';
import { renderNotice } from '../../src/chat/notice-views.ts';
import { nudgeViews } from '../../src/chat/reminder-views.ts';

const formIds = Object.values(FORM);
const fieldNames = ['playbook', 'studentRef', 'firstRole', 'unit', 'reason', 'tier', 'type', 'startsAt', 'durationMin', 'location', 'minutes', 'outputs', 'decision', 'action', 'actionDueAt', 'nextType', 'nextAt', 'kind', 'text', 'owner', 'dueAt', 'evaluationAt', 'goal', 'status', 'scope', 'givenBy', 'expiresAt', 'note', 'person', 'role', 'recipient', 'theme', 'maintenancePlan', 'plan', 'stage'];
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', '2026-02-30 25:61', '1/13', 'idag 99:99', "'; DROP TABLE \"Case\";--", '<@U123>', '@@@', 'SOCIAL_SERVICES,HEALTH', 'GUARDIAN', 's0-elevvard', '9'.repeat(5000), '19900101-1234', 'mentor', 'NORR', 'x'.repeat(20_000)),
);

describe(`input fuzzing (${dbKind})`, () => {
  let c: TestCore;
  let chat: ChatService;
  let code = '';
  beforeAll(async () => {
    c = await createTestCore();
    const notifier = new NotifierRegistry();
    chat = new ChatService({ deps: c.deps, notifier, reminders: createReminders({ notices: renderNotice, views: nudgeViews, deps: c.deps, notifier, instanceId: 't', intervalMs: 60_000 }), config: { production: false } });
    code = (await openCase(c.deps, await c.as('maria'), { playbookKey: 's0-elevvard', studentRef: 'Elev Fuzz', firstRole: 'mentor' })).code;
  });
  afterAll(async () => c?.close());

  it('form submissions with arbitrary values answer with a reply or field errors', async () => {
    let fieldErrors = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...formIds), fc.dictionary(fc.constantFrom(...fieldNames), nasty, { maxKeys: 8 }), fc.constantFrom(code, 'ZZ-00-0000', ''), async (formId, values, caseCode) => {
        const casesBefore = await c.deps.prisma.case.count();
        const r = await chat.submitForm({ platform: 'CONSOLE', userId: 'maria' }, formId, { code: caseCode }, values);
        if (!r.ok) {
          fieldErrors++;
          for (const m of Object.values(r.errors)) expect(m.length).toBeGreaterThan(0);
          expect(await c.deps.prisma.case.count()).toBe(casesBefore);
        } else {
          expect(replyText(r.reply)).not.toMatch(/\n\s+at .+:\d+:\d+|TypeError|ReferenceError|undefined/);
        }
      }),
      { numRuns: 400 },
    );
    expect(fieldErrors).toBeGreaterThan(0);
  });

  it('typed commands and button values of any shape never throw', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (text, value) => {
        const a = await chat.handleText({ platform: 'CONSOLE', userId: 'maria' }, text);
        expect(a.fallbackText.length).toBeGreaterThan(0);
        const b = await chat.handleAction({ platform: 'CONSOLE', userId: 'maria' }, `case.${text.slice(0, 10)}`, value);
        expect(replyText(b)).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }),
      { numRuns: 300 },
    );
  });
});
