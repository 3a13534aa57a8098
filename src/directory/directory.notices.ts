/** Notices the directory sends (through deps.notifyPerson) when a colleague leaves (how they read: src/chat/notice-views.ts). */
import { defineNotice } from '../notices/notice.ts';

/** To the team lead: the baton of a deprovisioned person is offered to them. */
export const batonReleasedNotice = defineNotice<{ caseCode: string; name: string }>({ kind: 'directory.batonReleased', workingHours: true });

/** To the case lead: a deprovisioned person's open actions need a new owner. */
export const actionsOrphanedNotice = defineNotice<{ caseCode: string; name: string; count: number }>({ kind: 'directory.actionsOrphaned', workingHours: true });
