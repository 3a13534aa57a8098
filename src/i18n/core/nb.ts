import type { Catalog } from './sv.ts';

/** Norwegian (bokmål) texts; must have exactly the Swedish keys. */
export const nb: Catalog = {
  'help.title': 'Stafett – kommandoer',
  'help.intro':
    'Skriv `/stafett <kommando>` i Slack, eller skriv kommandoen rett i chatten med Stafett i Teams. Saksnumre ser slik ut: `ST-26-0042`.',
  'help.footer': 'Skriv `hjelp <kommando>` for å lese mer om en kommando.',
  'help.aliases': 'Kan også skrives: {aliases}',
  'help.example': 'Eksempel: {example}',
  'help.devSection': 'Bare i testmiljøet:',

  'help.help': 'Viser denne listen.',
  'help.new': 'Oppretter en ny sak.',
  'help.status':
    'Viser hvor saken står: trinn, hvem som er stafettholder, neste møte og hva som er forsinket. Uten saksnummer får du en oversikt.',
  'help.mine': 'Viser sakene du er med i.',
  'help.meeting': 'Avtaler eller dokumenterer et møte i saken, f.eks. samarbeidsmøte eller nettverksmøte.',
  'help.decision': 'Fører inn en beslutning i saken.',
  'help.action': 'Legger til et tiltak i planen: hva som skal gjøres, av hvem og når.',
  'help.done': 'Markerer tiltak nummer <nr> i tiltaksplanen som ferdig. Uten nummer vises planen.',
  'help.evaluate': 'Evaluerer et tiltak: virket, delvis eller virket ikke, med et kort notat.',
  'help.revise': 'Endrer et tiltak: ny frist, ny evaluering eller ny ansvarlig. Endringen logges.',
  'help.consent': 'Registrerer samtykke fra foresatte og hvilke parter det gjelder.',
  'help.handover':
    'Gir stafettpinnen, altså ansvaret for saken, videre til en kollega. Du er stafettholder til kollegaen har akseptert.',
  'help.accept': 'Tar imot en stafett som er gitt videre til deg.',
  'help.decline': 'Sier nei til å overta stafetten, gjerne med en kort begrunnelse.',
  'help.concern':
    'Registrerer at en bekymringsmelding er sendt eller bør sendes. Stoppes aldri av samtykke, møter eller en pågående sak.',
  'help.deviation': 'Melder avvik i samarbeidet (noe som skurrer), med eller uten saksnummer.',
  'help.close': 'Avslutter saken med en begrunnelse (og vedlikeholdsplan der det kreves).',
  'help.channel': 'Oppretter eller viser kanalen for saken. I kanalen står bare saksnummeret, aldri navn.',
  'help.stats': 'Viser samlet statistikk uten opplysninger om enkeltelever.',
  'help.log': 'Viser stafettloggen: mål, tiltak, ansvarlige, frister og evalueringer.',
  'help.audit': 'Viser hvem som har lest eller endret saken, og når.',
  'help.export': 'Eksporterer saken (logg, plan og beslutninger) til elevmappen eller ved krav om innsyn.',
  'help.share': 'Barneverntjenesten ber om opplysninger fra saken (hva, hvorfor, til når); rektor eller teamleder godkjenner eller avslår. `deling` viser også ventende forespørsler.',
  'help.advance': 'Flytter saken til neste trinn, eller til trinnet du oppgir.',
  'help.people': 'Legger til en kollega i Stafett med roller i organisasjonen (for administratorer).',
  'help.signal': 'Åpner en sak fra et fraværssignal (nummeret står i påminnelsen).',
  'help.import': 'Leser inn en fraværseksport (CSV). Send filen til Stafett, eller oppgi filbanen i konsollen.',
  'help.clock': 'Viser eller stiller systemklokken for å teste frister og påminnelser.',

  'usage.help': '`hjelp [kommando]`',
  'usage.new': '`ny`',
  'usage.status': '`status [saksnummer]`',
  'usage.mine': '`mine`',
  'usage.meeting': '`møte <saksnummer> [hvilket møte, når]`',
  'usage.decision': '`beslutning <saksnummer> <beslutningen>`',
  'usage.action': '`tiltak <saksnummer> <hva, hvem, når>`',
  'usage.done': '`ferdig <sakskode> <nr>`',
  'usage.evaluate': '`evaluer <sakskode> <nr> [notat]`',
  'usage.revise': '`endre <sakskode> <nr>`',
  'usage.consent': '`samtykke <saksnummer> <hvilke parter>`',
  'usage.handover': '`overlever <saksnummer> [@kollega]`',
  'usage.accept': '`aksepter <saksnummer>`',
  'usage.decline': '`avslå <saksnummer> [hvorfor]`',
  'usage.concern': '`bekymring <saksnummer> <kort notat>`',
  'usage.deviation': '`avvik [saksnummer] <hva som skjedde>`',
  'usage.close': '`avslutt <saksnummer> [begrunnelse]`',
  'usage.channel': '`kanal <saksnummer>`',
  'usage.stats': '`statistikk`',
  'usage.log': '`logg <saksnummer>`',
  'usage.audit': '`tilgangslogg <saksnummer>`',
  'usage.export': '`eksport <saksnummer>`',
  'usage.share': '`deling <saksnummer>`',
  'usage.advance': '`neste <saksnummer> [trinn]`',
  'usage.people': '`personale`',
  'usage.signal': '`signal <nummer>`',
  'usage.import': '`importer [fil]`',
  'usage.clock': '`klokke [+2d | +3h | 2026-12-01T08:00 | nå]`',

  'example.help': '`hjelp møte`',
  'example.new': '`ny`',
  'example.status': '`status ST-26-0042`',
  'example.mine': '`mine`',
  'example.meeting': '`møte ST-26-0042 nettverksmøte tirsdag kl. 13`',
  'example.decision': '`beslutning ST-26-0042 Skolen kaller inn til samarbeidsmøte innen tre uker`',
  'example.action': '`tiltak ST-26-0042 Kontaktlæreren ringer hjem hver mandag fram til ferien`',
  'example.done': '`ferdig ST-26-0042 2`',
  'example.evaluate': '`evaluer ST-26-0042 2 Nærværet har økt`',
  'example.revise': '`endre ST-26-0042 2`',
  'example.consent': '`samtykke ST-26-0042 skolen og barnevernet`',
  'example.handover': '`overlever ST-26-0042 @Kari Nordmann`',
  'example.accept': '`aksepter ST-26-0042`',
  'example.decline': '`avslå ST-26-0042 Jeg er i foreldrepermisjon i vår`',
  'example.concern': '`bekymring ST-26-0042 Rektor har sendt bekymringsmelding`',
  'example.deviation': '`avvik ST-26-0042 Innkallingen til nettverksmøtet kom for sent`',
  'example.close': '`avslutt ST-26-0042`',
  'example.channel': '`kanal ST-26-0042`',
  'example.stats': '`statistikk`',
  'example.log': '`logg ST-26-0042`',
  'example.audit': '`tilgangslogg ST-26-0042`',
  'example.export': '`eksport ST-26-0042`',
  'example.share': '`deling ST-26-0042`',
  'example.advance': '`neste ST-26-0042`',
  'example.people': '`personale`',
  'example.signal': '`signal 4f2a`',
  'example.import': '`importer examples/attendance/franvaro-vecka-45-47.csv`',
  'example.clock': '`klokke +2d`',

  'command.unknown': 'Jeg kjenner ikke igjen «{word}». Skriv `hjelp` for å se alle kommandoene.',
  'command.unknownWithSuggestion':
    'Jeg kjenner ikke igjen «{word}». Mente du `{suggestion}`? Skriv `hjelp` for å se alle kommandoene.',

  'clock.now': 'Klokken i Stafett er {time}.',
  'clock.advanced': 'Klokken er stilt fram til {time}.',
  'clock.movedBack': 'Klokken er stilt tilbake til {time}.',
  'clock.set': 'Klokken er stilt til {time}.',
  'clock.reset': 'Klokken går som normalt igjen: {time}.',
  'clock.disabled': 'Testklokken er slått av her: den finnes bare i lokal modus, eller med STAFETT_DEV_CLOCK=1 på en lokal adresse.',

  'error.COMMAND.TOO_LONG':
    'Meldingen er for lang (maks {max} tegn). Kort ned teksten eller del den opp i flere meldinger.',
  'error.COMMAND.MISSING_CASE_CODE': 'Oppgi saksnummeret, f.eks. {example}.',
  'error.COMMAND.INVALID_CASE_CODE':
    'Det ser ikke ut som et saksnummer. Saksnumre ser ut som `ST-26-0042` – prøv f.eks. {example}.',
  'error.COMMAND.MISSING_TEXT': 'Skriv også hva det gjelder, f.eks. {example}.',
  'error.COMMAND.INVALID_TARGET':
    'Jeg skjønte ikke hvem stafetten skal gå til. Nevn kollegaen med @ eller skriv e-postadressen, f.eks. {example}.',
  'error.COMMAND.INVALID_TIME':
    'Jeg klarte ikke å tolke tidspunktet. Skriv f.eks. `klokke +2d`, `klokke +3h` eller `klokke 2026-12-01T08:00`.',

  'error.INTERNAL': 'Noe gikk galt – prøv igjen om litt. Ingenting er lagret.',
  'error.CASE.NOT_FOUND':
    'Fant ingen sak med nummeret {code}. Sjekk nummeret, eller skriv `mine` for å se sakene dine.',
  'error.ACCESS.DENIED':
    'Du har ikke tilgang til dette. Ta kontakt med koordinatoren for saken hvis du skal være med i den.',
  'error.CASE.CLOSED': 'Sak {code} er avsluttet og kan ikke endres lenger.',
  'error.TRANSITION.DECIDED_CLOSE':
    'Saken {code} går ikke videre: beslutningen er «{decision}». Avslutt saken med grunnen «{reason}»: skriv `avslutt {code}`.',
  'error.TRANSITION.DECIDED_OTHERWISE':
    'Beslutningen i {code} er «{decision}», så det steget gjelder ikke. Mulige steg: {options}.',
  'error.TRANSITION.GUARD_FAILED': 'Saken kan ikke gå videre ennå. Dette mangler: {missing}',
  'error.CONSENT.REQUIRED':
    'Det må være registrert samtykke fra foresatte først. Registrer det med `samtykke {code} <hvilke parter>`. Barneverntjenesten kan be om opplysninger med `deling {code}`.',
  'error.HANDOVER.NOT_PENDING':
    'Det er ingen stafett å ta imot i {code}. Den kan allerede være akseptert eller avslått, eller gitt til noen andre.',
  'error.CLOSURE.REASON_REQUIRED': 'Oppgi hvorfor saken avsluttes – velg en av begrunnelsene.',
  'error.CLOSURE.MAINTENANCE_PLAN_REQUIRED':
    'Saken kan ikke avsluttes uten en vedlikeholdsplan. Legg til planen og prøv igjen.',
  'error.INPUT.INVALID': '{field}: {problem}',
  'error.ROLE.CONSTRAINT': '{detail}',
  'error.PLAYBOOK.INVALID':
    'Det er noe feil i oppsettet av arbeidsprosessen, så dette kan ikke gjøres akkurat nå. Ta kontakt med den som administrerer Stafett i kommunen.',
  'error.DB.UNAVAILABLE': 'Databasen svarer ikke akkurat nå. Prøv igjen om et minutt – ingenting er lagret.',
  'error.TRANSITION.NOT_ALLOWED':
    "Saken {code} kan ikke gå videre derfra. Mulige steg: {options}. Skriv `neste {code} <steg>`.",
  'error.ROLE.SINGLE_HOLDER':
    "{detail}. Overlever med `stafett {code} @kollega` – den nye holderen må akseptere.",
  'error.ROLE.NOT_HELD':
    "Personen har ikke den rollen i saken.",
  'error.PERSON.NOT_FOUND':
    "Jeg finner ingen kollega som heter «{name}». Skriv hele navnet eller e-postadressen.",
  'error.PERSON.AMBIGUOUS':
    "Flere kolleger passer med «{name}». Skriv hele navnet eller e-postadressen.",
  'error.PERSON.UNKNOWN_CONSOLE_USER':
    "Det finnes ingen bruker «{user}» i demokommunen. Prøv `som maria`, `som karin`, `som elin`, `som rasmus`, `som sara` eller `som tove`.",
  'error.PERSON.DEPROVISIONED':
    "Kontoen din i Stafett er avsluttet i kommunens katalog, så du har ikke lenger tilgang. Kontakt administratoren din hvis det er feil.",
  'error.HANDOVER.ALREADY_HOLDER':
    "Den personen holder allerede stafetten i {code}.",
  'error.CLOSURE.NOT_FROM_STAGE':
    "Saken {code} kan bare avsluttes fra: {stages}.",
  'error.MEETING.NOT_FOUND':
    "Møtet finnes ikke i saken {code}. Skriv `møte {code}` for å se sakens møter.",
  'error.MEETING.OUTSIDE_WINDOW':
    "Tidspunktet ligger utenfor fristen arbeidsgangen setter for møtet. Velg et tidspunkt innenfor fristen eller bekreft at du setter opp møtet likevel.",
  'error.MEETING.IN_PAST':
    "Tidspunktet har allerede passert. Velg et tidspunkt fram i tid – eller dokumenter et møte som allerede er holdt.",
  'error.MEETING.NOT_PLANNED':
    "Møtet er ikke lenger planlagt (holdt eller avlyst).",
  'error.MEETING.ALREADY_HELD':
    "Møtet er allerede dokumentert.",
  'error.ACTION.NOT_FOUND':
    "Tiltaket finnes ikke i saken {code}. Skriv `status {code}` for å se tiltakene og numrene deres.",
  'error.CONSENT.SELF_BASIS':
    "Barneverntjenesten kan ikke registrere et rettslig grunnlag for seg selv. Skolen registrerer samtykket; barneverntjenesten kan be om opplysninger med `deling {code}`.",
  'error.SHARE.NOT_FOUND':
    "Det finnes ingen ventende forespørsel om opplysninger i {code}.",
  'error.SHARE.NO_AUTHORITY':
    "Bare rektor eller teamleder for skoleenheten kan godkjenne eller avslå en forespørsel fra barneverntjenesten i {code}.",
  'error.SHARE.ONLY_SOCIAL_SERVICES':
    "En forespørsel om opplysninger sendes av barneverntjenesten. Skolen deler opplysninger gjennom et samtykke: `samtykke {code}`.",
  'error.CONSENT.REQUIRED_TO_OPEN':
    "Arbeidsgangen «{playbook}» starter en sak først når foresattes samtykke foreligger. Start med `ny` og fyll inn samtykket i samme steg.",
  'error.ACTION.CLOSED':
    "Tiltak {number} ble lukket sammen med saken og kan ikke endres.",
  'error.ACTION.NO_CHANGE':
    "Ingenting å endre i tiltak {number} – oppgi en ny dato eller en ny ansvarlig.",
  'error.ACTION.OWNER_NOT_MEMBER':
    "{name} er ikke med i saken {code} og kan ikke følge opp tiltaket. Legg til vedkommende med **Legg til person** først, eller velg en annen.",
  'error.CLOSURE.OPEN_ACTIONS':
    "Tiltak i {code} er åpne eller ikke evaluert (nr. {numbers}). Bekreft at saken skal avsluttes likevel – de lukkes da sammen med saken.",
  'error.CONSENT.NONE_ACTIVE':
    "Det finnes ikke noe gyldig samtykke å trekke tilbake i {code}.",
  'error.INPUT.PERSONNUMMER':
    "Fødselsnummeret er ikke gyldig – kontroller sifrene, eller skriv elevens navn eller elev-id i stedet.",
  'error.PLAYBOOK.UNKNOWN':
    "Arbeidsmodellen «{key}» finnes ikke lenger. Kontakt den som administrerer Stafett.",
  'error.ORG.NONE':
    "Stafett er ikke satt opp for noen kommune ennå. Be den som administrerer Stafett om å laste inn organisasjonsfilen.",
  'error.ORG.NOT_MAPPED':
    "Dette arbeidsområdet er ikke koblet til noen kommune i Stafett. Be den som administrerer Stafett om å legge det til.",
  'error.FORM.UNKNOWN':
    "Skjemaet er ikke lenger gyldig. Begynn på nytt med kommandoen.",
  'error.IDENTITY.WORKSPACE_NOT_MAPPED':
    "Stafett brukes ikke i dette arbeidsområdet.",
  'error.IDENTITY.NO_USER':
    "Stafett kan ikke se hvem du er, så forespørselen ble avvist.",
  'error.IDENTITY.INVALID':
    "Forespørselen inneholdt ugyldige tegn og ble avvist.",
  'error.IDENTITY.ALREADY_LINKED':
    "E-postadressen din er allerede koblet til en annen konto i Stafett. Be en administrator i kommunen om å koble kontoen på nytt.",
  'error.IDENTITY.UNKNOWN_USER':
    "Du er ikke registrert blant kommunens ansatte i Stafett ennå. En administrator kan legge deg til med kommandoen `personale` eller i organisasjonsfilen.",
  'error.INPUT.INVALID_CHARS':
    "Teksten inneholder tegn som ikke kan lagres (f.eks. et nulltegn). Skriv den på nytt og prøv igjen – ingenting er lagret.",
  'error.PERSON.ALREADY_LINKED':
    "{name} er allerede koblet til en annen konto. Be en administrator om å koble kontoen på nytt.",
  'error.NUDGE.NOT_FOUND':
    "Påminnelsen finnes ikke lenger.",
};
