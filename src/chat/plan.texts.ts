/**
 * Texts of the action plan in chat (plan lists, the evaluate / revise forms, confirmations) in
 * Swedish, Norwegian bokmål and English. Kept apart from texts.ts so the plan is one room.
 */
import { defineCatalog, type Lang, type MessageParams } from '../i18n/index.ts';

const sv = {
  'date.prefilled': 'Formuläret har det datumet ifyllt – ändra det om det inte stämmer.',
  'export.evaluated': 'utvärderad {date}: {result}',
  'date.confirm.nextYear': 'Menar du {when}?', 'date.confirm.lastYear': 'Menar du {when}?', 'date.confirm.ambiguous': 'Menar du {when}?',
  'date.confirm.past': 'Det datumet har redan varit: menar du {when}?', 'date.confirm.future': 'Det datumet har inte kommit än: menar du {when}?',
  'date.confirm.weekdayMismatch': 'Veckodagen stämmer inte med datumet: menar du {when}?',
  'date.confirm.how': 'Skriv datumet med år ({example}) för att bekräfta, eller ett annat datum.', 'date.at': 'kl. {time}',
  'plan.header': 'Handlingsplan', 'plan.headerCode': 'Handlingsplan för {code}',
  'plan.empty': 'Handlingsplanen har inga öppna åtgärder. Lägg till en med `åtgärd {code} <vad>`.',
  'plan.participant': '{participant}, följs upp av {name}', 'plan.owner': 'ansvarig: {name}', 'plan.noOwner': 'ingen ansvarig',
  'plan.due': 'senast {date}', 'plan.evaluation': 'utvärderas {date}', 'plan.overdue': 'FÖRSENAD', 'plan.doneAwaiting': 'klar, ska utvärderas',
  'plan.result.WORKED': 'fungerade', 'plan.result.PARTLY': 'fungerade delvis', 'plan.result.NOT': 'fungerade inte',
  'plan.more': '… och {n} till – skriv `logg {code}` för hela planen.', 'plan.finished': 'Avslutade åtgärder',
  'plan.closedWithCase': 'stängd med ärendet', 'plan.maintenance': 'Vidmakthållandeplan',
  'plan.btn.done': 'Klar', 'plan.btn.evaluate': 'Utvärdera', 'plan.btn.revise': 'Ändra',
  'plan.f.owner': 'Ansvarig i personalen (får påminnelserna)', 'plan.f.owner.hint': 'Om en deltagare utanför personalen ansvarar: den som följer upp.',
  'plan.f.participant': 'Ansvarig utanför personalen (valfritt)', 'plan.f.participant.hint': 't.ex. Vårdnadshavare, Eleven, Mormor, BUP – visas bara för dem som är med i ärendet',
  'plan.f.actionOwner': 'Åtgärdens ansvarige i personalen', 'plan.f.actionParticipant': 'Åtgärdens ansvarige utanför personalen (valfritt)',
  'plan.f.actionEvaluationAt': 'Åtgärden utvärderas',
  'plan.form.evaluate.title': 'Utvärdera åtgärd {number}', 'plan.f.result': 'Hur gick det?', 'plan.f.note': 'Kort notering (vad fungerade, vad inte)',
  'plan.form.revise.title': 'Ändra åtgärd {number}', 'plan.f.newDue': 'Nytt slutdatum', 'plan.f.newEvaluation': 'Ny utvärdering',
  'plan.f.newOwner': 'Ansvarig i personalen', 'plan.f.newParticipant': 'Ansvarig utanför personalen (töm för ingen)', 'plan.f.reason': 'Varför ändras åtgärden? (loggas)',
  'plan.ok.added': 'Åtgärd {number} är tillagd i {code}. Påminnelserna går till {name}.',
  'plan.ok.done': 'Åtgärd {number} i {code} är klar.', 'plan.ok.alreadyDone': 'Åtgärd {number} i {code} var redan klar.',
  'plan.ok.evaluateNow': 'Utvärdera den när det går att se om den hjälpte.',
  'plan.ok.evaluated': 'Åtgärd {number} i {code} är utvärderad: {result}.', 'plan.ok.notWorked': 'Ändra åtgärden eller lägg till en ny om planen behöver revideras.',
  'plan.ok.revised': 'Åtgärd {number} i {code} är ändrad: {what}. Ändringen är loggad.',
  'plan.changed.dueAt': 'slutdatum', 'plan.changed.evaluationAt': 'utvärdering', 'plan.changed.owner': 'ansvarig', 'plan.changed.participant': 'ansvarig utanför personalen',
  'plan.need.owner': 'Välj vem i personalen som ansvarar för åtgärden (eller följer upp den).',
  'plan.hint.participant': 'Är den ansvarige inte med i personalen (t.ex. Mormor eller BUP)? Skriv hen i fältet för ansvarig utanför personalen och välj här vem som följer upp.',
  'plan.close.intro': 'Öppna eller inte utvärderade åtgärder ({n}) – de stängs med ärendet:',
  'plan.f.confirmOpen': 'Avsluta ändå – de öppna åtgärderna stängs med ärendet',
  'log.action.revised': 'Åtgärd {number} ändrad', 'log.action.closedWithCase': 'Öppna åtgärder stängda med ärendet (nr {numbers})', 'log.meeting.closedWithCase': 'Planerat möte stängt med ärendet: {type}',
  'log.action.evaluatedResult': 'Åtgärd {number} utvärderad: {result}', 'log.action.doneNumber': 'Åtgärd {number} klar',
};

export type PlanTextKey = keyof typeof sv;
type PlanTexts = { readonly [K in PlanTextKey]: string };

const nb: PlanTexts = {
  'date.prefilled': 'Skjemaet har den datoen fylt inn – endre den hvis den ikke stemmer.',
  'export.evaluated': 'evaluert {date}: {result}',
  'date.confirm.nextYear': 'Mener du {when}?', 'date.confirm.lastYear': 'Mener du {when}?', 'date.confirm.ambiguous': 'Mener du {when}?',
  'date.confirm.past': 'Den datoen har allerede vært: mener du {when}?', 'date.confirm.future': 'Den datoen har ikke kommet ennå: mener du {when}?',
  'date.confirm.weekdayMismatch': 'Ukedagen stemmer ikke med datoen: mener du {when}?',
  'date.confirm.how': 'Skriv datoen med år ({example}) for å bekrefte, eller en annen dato.', 'date.at': 'kl. {time}',
  'plan.header': 'Tiltaksplan', 'plan.headerCode': 'Tiltaksplan for {code}',
  'plan.empty': 'Tiltaksplanen har ingen åpne tiltak. Legg til et med `tiltak {code} <hva>`.',
  'plan.participant': '{participant}, følges opp av {name}', 'plan.owner': 'ansvarlig: {name}', 'plan.noOwner': 'ingen ansvarlig',
  'plan.due': 'senest {date}', 'plan.evaluation': 'evalueres {date}', 'plan.overdue': 'FORSINKET', 'plan.doneAwaiting': 'ferdig, skal evalueres',
  'plan.result.WORKED': 'virket', 'plan.result.PARTLY': 'virket delvis', 'plan.result.NOT': 'virket ikke',
  'plan.more': '… og {n} til – skriv `logg {code}` for hele planen.', 'plan.finished': 'Avsluttede tiltak',
  'plan.closedWithCase': 'lukket sammen med saken', 'plan.maintenance': 'Plan for å opprettholde endringen',
  'plan.btn.done': 'Ferdig', 'plan.btn.evaluate': 'Evaluer', 'plan.btn.revise': 'Endre',
  'plan.f.owner': 'Ansvarlig i personalet (får påminnelsene)', 'plan.f.owner.hint': 'Hvis en deltaker utenfor personalet er ansvarlig: den som følger opp.',
  'plan.f.participant': 'Ansvarlig utenfor personalet (valgfritt)', 'plan.f.participant.hint': 'f.eks. Foresatte, Eleven, Mormor, BUP – vises bare for dem som er med i saken',
  'plan.f.actionOwner': 'Tiltakets ansvarlige i personalet', 'plan.f.actionParticipant': 'Tiltakets ansvarlige utenfor personalet (valgfritt)',
  'plan.f.actionEvaluationAt': 'Tiltaket evalueres',
  'plan.form.evaluate.title': 'Evaluer tiltak {number}', 'plan.f.result': 'Hvordan gikk det?', 'plan.f.note': 'Kort notat (hva virket, hva ikke)',
  'plan.form.revise.title': 'Endre tiltak {number}', 'plan.f.newDue': 'Ny frist', 'plan.f.newEvaluation': 'Ny evaluering',
  'plan.f.newOwner': 'Ansvarlig i personalet', 'plan.f.newParticipant': 'Ansvarlig utenfor personalet (tøm for ingen)', 'plan.f.reason': 'Hvorfor endres tiltaket? (logges)',
  'plan.ok.added': 'Tiltak {number} er lagt til i {code}. Påminnelsene går til {name}.',
  'plan.ok.done': 'Tiltak {number} i {code} er ferdig.', 'plan.ok.alreadyDone': 'Tiltak {number} i {code} var allerede ferdig.',
  'plan.ok.evaluateNow': 'Evaluer det når det går an å se om det hjalp.',
  'plan.ok.evaluated': 'Tiltak {number} i {code} er evaluert: {result}.', 'plan.ok.notWorked': 'Endre tiltaket eller legg til et nytt hvis planen må revideres.',
  'plan.ok.revised': 'Tiltak {number} i {code} er endret: {what}. Endringen er logget.',
  'plan.changed.dueAt': 'frist', 'plan.changed.evaluationAt': 'evaluering', 'plan.changed.owner': 'ansvarlig', 'plan.changed.participant': 'ansvarlig utenfor personalet',
  'plan.need.owner': 'Velg hvem i personalet som er ansvarlig for tiltaket (eller følger det opp).',
  'plan.hint.participant': 'Er den ansvarlige ikke en del av personalet (f.eks. Mormor eller BUP)? Skriv vedkommende i feltet for ansvarlig utenfor personalet og velg her hvem som følger opp.',
  'plan.close.intro': 'Åpne eller ikke evaluerte tiltak ({n}) – de lukkes sammen med saken:',
  'plan.f.confirmOpen': 'Avslutt likevel – de åpne tiltakene lukkes sammen med saken',
  'log.action.revised': 'Tiltak {number} endret', 'log.action.closedWithCase': 'Åpne tiltak lukket sammen med saken (nr. {numbers})', 'log.meeting.closedWithCase': 'Planlagt møte lukket sammen med saken: {type}',
  'log.action.evaluatedResult': 'Tiltak {number} evaluert: {result}', 'log.action.doneNumber': 'Tiltak {number} ferdig',
};

const en: PlanTexts = {
  'date.prefilled': 'The form has that date filled in – change it if it is wrong.',
  'export.evaluated': 'evaluated {date}: {result}',
  'date.confirm.nextYear': 'Do you mean {when}?', 'date.confirm.lastYear': 'Do you mean {when}?', 'date.confirm.ambiguous': 'Do you mean {when}?',
  'date.confirm.past': 'That date has already passed: do you mean {when}?', 'date.confirm.future': 'That date has not come yet: do you mean {when}?',
  'date.confirm.weekdayMismatch': 'The weekday does not match the date: do you mean {when}?',
  'date.confirm.how': 'Type the date with its year ({example}) to confirm, or another date.', 'date.at': 'at {time}',
  'plan.header': 'Action plan', 'plan.headerCode': 'Action plan of {code}',
  'plan.empty': 'The action plan has no open actions. Add one with `action {code} <what>`.',
  'plan.participant': '{participant}, followed up by {name}', 'plan.owner': 'owner: {name}', 'plan.noOwner': 'no owner',
  'plan.due': 'due {date}', 'plan.evaluation': 'evaluated {date}', 'plan.overdue': 'OVERDUE', 'plan.doneAwaiting': 'done, to be evaluated',
  'plan.result.WORKED': 'worked', 'plan.result.PARTLY': 'partly worked', 'plan.result.NOT': 'did not work',
  'plan.more': '… and {n} more – type `log {code}` for the whole plan.', 'plan.finished': 'Finished actions',
  'plan.closedWithCase': 'closed with the case', 'plan.maintenance': 'Maintenance plan',
  'plan.btn.done': 'Done', 'plan.btn.evaluate': 'Evaluate', 'plan.btn.revise': 'Revise',
  'plan.f.owner': 'Staff owner (receives the reminders)', 'plan.f.owner.hint': 'When someone outside the staff owns it: the one who follows it up.',
  'plan.f.participant': 'Owner outside the staff (optional)', 'plan.f.participant.hint': 'e.g. Guardian, the student, Grandmother, CAMHS – shown only to case members',
  'plan.f.actionOwner': 'Staff owner of the action', 'plan.f.actionParticipant': 'Owner of the action outside the staff (optional)',
  'plan.f.actionEvaluationAt': 'Action evaluated on',
  'plan.form.evaluate.title': 'Evaluate action {number}', 'plan.f.result': 'How did it go?', 'plan.f.note': 'Short note (what worked, what did not)',
  'plan.form.revise.title': 'Revise action {number}', 'plan.f.newDue': 'New due date', 'plan.f.newEvaluation': 'New evaluation date',
  'plan.f.newOwner': 'Staff owner', 'plan.f.newParticipant': 'Owner outside the staff (empty for none)', 'plan.f.reason': 'Why is the action revised? (logged)',
  'plan.ok.added': 'Action {number} is added to {code}. Reminders go to {name}.',
  'plan.ok.done': 'Action {number} of {code} is done.', 'plan.ok.alreadyDone': 'Action {number} of {code} was already done.',
  'plan.ok.evaluateNow': 'Evaluate it once you can see whether it helped.',
  'plan.ok.evaluated': 'Action {number} of {code} is evaluated: {result}.', 'plan.ok.notWorked': 'Revise the action or add a new one if the plan needs to change.',
  'plan.ok.revised': 'Action {number} of {code} is revised: {what}. The change is logged.',
  'plan.changed.dueAt': 'due date', 'plan.changed.evaluationAt': 'evaluation date', 'plan.changed.owner': 'owner', 'plan.changed.participant': 'owner outside the staff',
  'plan.need.owner': 'Choose the staff member who owns the action (or follows it up).',
  'plan.hint.participant': 'Is the owner not on the staff (e.g. Grandmother or CAMHS)? Write them in the field for an owner outside the staff and choose here who follows up.',
  'plan.close.intro': 'Open or unevaluated actions ({n}) – they are closed with the case:',
  'plan.f.confirmOpen': 'Close anyway – the open actions are closed with the case',
  'log.action.revised': 'Action {number} revised', 'log.action.closedWithCase': 'Open actions closed with the case (no. {numbers})', 'log.meeting.closedWithCase': 'Planned meeting closed with the case: {type}',
  'log.action.evaluatedResult': 'Action {number} evaluated: {result}', 'log.action.doneNumber': 'Action {number} done',
};

const catalog = defineCatalog<PlanTextKey>({ sv, nb, en });

/** A plan text in the given language. */
export function pt(lang: Lang, key: PlanTextKey, params?: MessageParams): string {
  return catalog.t(lang, key, params);
}

/** Whether `key` is a plan text (log lines look here too). */
export function isPlanTextKey(key: string): key is PlanTextKey {
  return catalog.has(key);
}

/** All three catalogs (tests check they match). */
export const planCatalogs = catalog.texts;
