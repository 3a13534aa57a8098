/**
 * The demo organisation loaded in local mode so the console works at once. Fictional people;
 * console users switch persona with `som <user>` (e.g. `som karin`). The Microsoft 365 Agents
 * Playground (`npm run playground`) is the one Teams "tenant" it serves: its signed-in test user
 * (Alex Wilber) is Maria Mentor. Slack and real Teams tenants need an organisation file.
 */
import type { OrganisationSpec } from './org-file.ts';

/** The fixed tenant and user ids the Agents Playground puts on every activity it sends. */
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';
export const PLAYGROUND_USER_AAD_ID = '00000000-0000-0000-0000-0000000000020';

export const demoOrganisation: OrganisationSpec = {
  slug: 'demo',
  name: 'Demo kommun',
  timeZone: 'Europe/Stockholm',
  language: 'sv',
  holidayRegion: 'SE',
  casePrefix: 'DEMO',
  retentionDays: 730,
  playbooks: ['s0-elevvard', 's1-vastbas', 's2-tomelilla', 's3-bti', 's4-sandviken'],
  workspaces: { teams: [PLAYGROUND_TENANT_ID], anyWorkspace: false },
  schoolUnits: [
    { code: 'NORR', name: 'Norrskolan' },
    { code: 'SODER', name: 'Söderskolan' },
  ],
  people: [
    { name: 'Maria Mentor', email: 'maria.mentor@demo.example', consoleUser: 'maria', teamsUserId: PLAYGROUND_USER_AAD_ID, roles: [] },
    { name: 'Karin Koordinator', email: 'karin.koordinator@demo.example', consoleUser: 'karin', roles: ['COORDINATOR_POOL'] },
    { name: 'Kalle Koordinator', email: 'kalle.koordinator@demo.example', consoleUser: 'kalle', roles: ['COORDINATOR_POOL'] },
    { name: 'Elin Kurator', email: 'elin.kurator@demo.example', consoleUser: 'elin', roles: [{ role: 'EHT_MEMBER', unit: 'NORR' }] },
    { name: 'Rasmus Rektor', email: 'rasmus.rektor@demo.example', consoleUser: 'rasmus', roles: [{ role: 'PRINCIPAL', unit: 'NORR' }, { role: 'EHT_MEMBER', unit: 'NORR' }] },
    { name: 'Sara Socialsekreterare', email: 'sara.soc@demo.example', consoleUser: 'sara', roles: ['SOCIAL_SERVICES'] },
    { name: 'Tove Teamledare', email: 'tove.teamledare@demo.example', consoleUser: 'tove', roles: [{ role: 'TEAM_LEAD', unit: 'NORR' }, 'ADMIN'] },
  ],
  settings: {},
};
