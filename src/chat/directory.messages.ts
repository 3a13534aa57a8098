/** Texts of the notices the directory sends to people when a colleague leaves (src/directory/directory.notices.ts). */
import type { Lang } from '../i18n/lang.ts';

/** To the team lead who is offered the baton of a colleague the directory deprovisioned. */
export function batonReleasedText(lang: Lang, p: { code: string; name: string }): string {
  return {
    sv: `${p.name} har slutat (avaktiverad i katalogen) och höll stafetten i ärende ${p.code}. Du som teamledare erbjuds den: skriv \`acceptera ${p.code}\` eller lämna den vidare med \`stafett ${p.code} @kollega\`.`,
    nb: `${p.name} har sluttet (deaktivert i katalogen) og holdt stafetten i sak ${p.code}. Du som teamleder får den tilbudt: skriv \`aksepter ${p.code}\` eller gi den videre med \`stafett ${p.code} @kollega\`.`,
    en: `${p.name} has left (deactivated in the directory) and held the baton for case ${p.code}. As team lead you are offered it: type \`accept ${p.code}\` or pass it on with \`handover ${p.code} @colleague\`.`,
  }[lang];
}

/** To the case lead: actions owned by the colleague who left need a new owner. */
export function actionsOrphanedText(lang: Lang, p: { code: string; name: string; count: number }): string {
  return {
    sv: `${p.name} har slutat och ägde ${p.count} öppna åtgärder i ärende ${p.code}. Ge dem en ny ägare (\`logg ${p.code}\` visar planen).`,
    nb: `${p.name} har sluttet og eide ${p.count} åpne tiltak i sak ${p.code}. Gi dem en ny eier (\`logg ${p.code}\` viser planen).`,
    en: `${p.name} has left and owned ${p.count} open actions in case ${p.code}. Give them a new owner (\`log ${p.code}\` shows the plan).`,
  }[lang];
}
