/** Reads of meetings for the conversation layer. */
import type { ServiceDeps } from '../shared/deps.ts';

/**
 * One meeting of a case the caller has already been granted (`checkCaseAccess` gave `caseId`):
 * only a meeting of that case, and so of the actor's organisation, is ever read.
 */
export async function findCaseMeeting(deps: ServiceDeps, caseId: string, meetingId: string): Promise<{ id: string; type: string } | null> {
  if (!meetingId) return null;
  return deps.prisma.meeting.findFirst({ where: { id: meetingId, caseId }, select: { id: true, type: true } });
}
