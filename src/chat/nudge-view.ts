/** What a nudge button (done, snooze) did, said in the person's language. */
import { defineCatalog, formatWhen, type Lang } from '../i18n/index.ts';
import { textReply, type Reply } from '../ports/reply.ts';
import type { NudgeOutcome } from '../reminders/index.ts';

/** Short replies to nudge buttons. */
export const nudgeActionTexts = defineCatalog({
  sv: {
    done: 'Klart – markerat som gjort.', alreadyDone: 'Det här är redan markerat som klart.', snoozed: 'Okej, jag påminner dig igen {when}.',
    alreadySnoozed: 'Påminnelsen kommer redan {when}.', notFound: 'Påminnelsen finns inte längre.', notYours: 'Den här påminnelsen gäller någon annan.', badValue: 'Okänt val.',
  },
  nb: {
    done: 'Ferdig – markert som gjort.', alreadyDone: 'Dette er allerede markert som ferdig.', snoozed: 'Ok, jeg minner deg på det igjen {when}.',
    alreadySnoozed: 'Påminnelsen kommer allerede {when}.', notFound: 'Påminnelsen finnes ikke lenger.', notYours: 'Denne påminnelsen gjelder noen andre.', badValue: 'Ukjent valg.',
  },
  en: {
    done: 'Done – marked as done.', alreadyDone: 'This is already marked as done.', snoozed: 'OK, I will remind you again on {when}.',
    alreadySnoozed: 'The reminder is already set for {when}.', notFound: 'That reminder no longer exists.', notYours: 'This reminder is for someone else.', badValue: 'Unknown choice.',
  },
});

export function nudgeOutcomeReply(lang: Lang, o: NudgeOutcome): Reply<never> {
  if (o.kind === 'snoozed' || o.kind === 'alreadySnoozed') return textReply(nudgeActionTexts.t(lang, o.kind, { when: formatWhen(o.when, lang, o.timeZone) }));
  return textReply(nudgeActionTexts.t(lang, o.kind));
}
