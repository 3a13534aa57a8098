/** Notices of consent changes (how they read: src/chat/notice-views.ts). */
import { defineNotice } from '../notices/notice.ts';

/** To the baton holder when someone else withdrew a consent. */
export const consentWithdrawnNotice = defineNotice<{ caseCode: string }>({ kind: 'consent.withdrawn', workingHours: true });
