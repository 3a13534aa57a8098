/**
 * Notices of reports of concern (how they read: src/chat/notice-views.ts). They carry the case code
 * and the time only: never the reporter's text or name.
 */
import { defineNotice } from '../notices/notice.ts';

/** To the baton holder (sent at once): a report was filed in their case. */
export const concernReportedNotice = defineNotice<{ caseCode: string; at: string }>({ kind: 'concern.reported', workingHours: false });

/** To social services (sent at once): the report, with a button that opens it. */
export const concernDisclosedNotice = defineNotice<{ caseCode: string; at: string }>({ kind: 'concern.disclosed', workingHours: false });
