/**
 * Notices of the baton hand-over (how they read: src/chat/notice-views.ts). Parameters hold case
 * codes and staff names only; they are stored encrypted with the outbox row.
 */
import { defineNotice } from '../notices/notice.ts';

/** To the person asked to take the baton. Waits for working hours. */
export const handoverRequestedNotice = defineNotice<{ caseCode: string }>({ kind: 'handover.request', workingHours: true });

/** To the previous holder and the case lead: the asked person took the baton. */
export const handoverAcceptedNotice = defineNotice<{ caseCode: string; byName: string; previous?: boolean }>({ kind: 'handover.accepted', workingHours: true });

/** To the holder: the asked person declined (with the reason, when given); the baton stays. */
export const handoverDeclinedNotice = defineNotice<{ caseCode: string; byName: string; reason?: string | null }>({ kind: 'handover.declined', workingHours: true });
