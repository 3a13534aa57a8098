import type { Labels } from '../playbook.ts';

/** Builds a label triple: Swedish, Norwegian bokmål, English. */
export function l(sv: string, nb: string, en: string): Labels {
  return { sv, nb, en };
}

/** Roles that recur across the built-in models. */
export const commonRoles = {
  mentor: { key: 'mentor', labels: l('Mentor', 'Kontaktlærer', 'Mentor (class teacher)') },
  principal: { key: 'principal', labels: l('Rektor', 'Rektor', 'Principal') },
  socialServices: {
    key: 'social-services',
    labels: l('Socialtjänstens representant (IFO)', 'Representant for barneverntjenesten', 'Social services representative'),
  },
  ehtRep: {
    key: 'eht-rep',
    labels: l('Representant för elevhälsoteamet', 'Representant for elevtjenesteteamet', 'Student health team representative'),
  },
  health: {
    key: 'health',
    labels: l('Elevhälsans medicinska personal', 'Helsesykepleier', 'School health staff'),
    agency: 'HEALTH' as const,
  },
} as const;

/** Question asked about a mandatory report of concern (never gated by anything). */
export const concernReportSv = {
  labels: l('Orosanmälan', 'Bekymringsmelding', 'Report of concern'),
  question: l(
    'Behöver en orosanmälan göras till socialtjänsten?',
    'Skal det sendes bekymringsmelding til barneverntjenesten?',
    'Should a report of concern be made to social services?',
  ),
};
