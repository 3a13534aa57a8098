/**
 * Notices of the share-request flow (how they read: src/chat/notice-views.ts). They carry the case
 * code, parts and dates only — the purpose (free text) is shown privately in the list, never in a
 * notice.
 */
import { defineNotice } from '../notices/notice.ts';

export type ShareNoticeParams = { caseCode: string; parts: string[]; until: string };

/** To the principal / team lead (may wait for working hours): a request to decide. */
export const shareRequestedNotice = defineNotice<ShareNoticeParams>({ kind: 'share.requested', workingHours: true });

/** To the requester: approved. */
export const shareApprovedNotice = defineNotice<ShareNoticeParams>({ kind: 'share.approved', workingHours: true });

/** To the requester: declined. */
export const shareDeclinedNotice = defineNotice<{ caseCode: string }>({ kind: 'share.declined', workingHours: true });
