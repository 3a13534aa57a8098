/**
 * Swedish texts — the reference catalog. Every other language must have exactly these keys
 * (enforced by the `Catalog` type). Placeholders are `{name}`.
 */
export const sv = {
  'help.title': 'Stafett – kommandon',
  'help.intro':
    'Skriv `/stafett <kommando>` i Slack, eller skriv kommandot direkt i chatten med Stafett i Teams. Ärendekoder ser ut så här: `ST-26-0042`.',
  'help.footer': 'Skriv `hjälp <kommando>` för att läsa mer om ett kommando.',
  'help.aliases': 'Går också att skriva: {aliases}',
  'help.example': 'Exempel: {example}',
  'help.devSection': 'Bara i testmiljön:',

  'help.help': 'Visar den här listan.',
  'help.new': 'Startar ett nytt ärende.',
  'help.status':
    'Visar var ärendet står: steg, vem som har stafetten, nästa möte och vad som är försenat. Utan kod visas en översikt.',
  'help.mine': 'Listar de ärenden du är med i.',
  'help.meeting': 'Bokar eller dokumenterar ett möte i ärendet, t.ex. målmöte eller nätverksmöte.',
  'help.decision': 'För in ett beslut i ärendet.',
  'help.action': 'Lägger till en åtgärd i handlingsplanen: vad som ska göras, av vem och när.',
  'help.done': 'Markerar åtgärd nummer <nr> i handlingsplanen som klar. Utan nummer visas planen.',
  'help.evaluate': 'Utvärderar en åtgärd: fungerade, delvis eller fungerade inte, med en kort notering.',
  'help.revise': 'Ändrar en åtgärd: nytt datum, ny uppföljning eller ny ansvarig. Ändringen loggas.',
  'help.consent': 'Registrerar vårdnadshavarens samtycke och vilka parter det gäller.',
  'help.handover':
    'Lämnar över stafetten, alltså ansvaret för ärendet, till en kollega. Du har kvar ansvaret tills kollegan har accepterat.',
  'help.accept': 'Tar emot en stafett som har lämnats över till dig.',
  'help.decline': 'Tackar nej till en stafett, gärna med en kort förklaring.',
  'help.concern':
    'Noterar att en orosanmälan har gjorts eller behöver göras. Stoppas aldrig av samtycke, möten eller pågående ärende.',
  'help.deviation': 'Rapporterar en avvikelse i samverkan (något som skaver), med eller utan ärendekod.',
  'help.close': 'Avslutar ärendet med ett avslutsskäl (och vidmakthållandeplan där det krävs).',
  'help.channel': 'Skapar eller visar ärendets kanal. I kanalen står bara ärendekoden, aldrig namn.',
  'help.stats': 'Visar sammanställd statistik utan uppgifter om enskilda elever.',
  'help.log': 'Visar ärendets logg: mål, åtgärder, ansvariga, tidsfrister och uppföljningar.',
  'help.audit': 'Visar vem som har läst eller ändrat i ärendet, och när.',
  'help.export': 'Exporterar ärendet (logg, plan och beslut) till elevakten eller vid en begäran om registerutdrag.',
  'help.share': 'Socialtjänsten begär uppgifter ur ärendet (vad, varför, till när); rektor eller teamledare godkänner eller avslår. Utan begäran visar `delning` väntande begäranden.',
  'help.advance': 'Flyttar ärendet till nästa steg, eller till det steg du anger.',
  'help.people': 'Lägger till en kollega i Stafett med roller i organisationen (för administratörer).',
  'help.signal': 'Öppnar ett ärende från en frånvarosignal (numret står i påminnelsen).',
  'help.import': 'Läser in en frånvaroexport (CSV). Skicka filen till Stafett, eller ange sökvägen i konsolen.',
  'help.clock': 'Visar eller ställer om systemets klocka för att testa tidsfrister och påminnelser.',

  'usage.help': '`hjälp [kommando]`',
  'usage.new': '`ny`',
  'usage.status': '`status [ärendekod]`',
  'usage.mine': '`mina`',
  'usage.meeting': '`möte <ärendekod> [vilket möte, när]`',
  'usage.decision': '`beslut <ärendekod> <beslutet>`',
  'usage.action': '`åtgärd <ärendekod> <vad, vem, när>`',
  'usage.done': '`klar <ärendekod> <nr>`',
  'usage.evaluate': '`utvärdera <ärendekod> <nr> [notering]`',
  'usage.revise': '`ändra <ärendekod> <nr>`',
  'usage.consent': '`samtycke <ärendekod> <vilka parter>`',
  'usage.handover': '`stafett <ärendekod> [@kollega]`',
  'usage.accept': '`acceptera <ärendekod>`',
  'usage.decline': '`avböj <ärendekod> [varför]`',
  'usage.concern': '`oro <ärendekod> <kort notering>`',
  'usage.deviation': '`avvikelse [ärendekod] <vad som hände>`',
  'usage.close': '`avsluta <ärendekod> [avslutsskäl]`',
  'usage.channel': '`kanal <ärendekod>`',
  'usage.stats': '`statistik`',
  'usage.log': '`logg <ärendekod>`',
  'usage.audit': '`granskning <ärendekod>`',
  'usage.export': '`export <ärendekod>`',
  'usage.share': '`delning <ärendekod>`',
  'usage.advance': '`nästa <ärendekod> [steg]`',
  'usage.people': '`personal`',
  'usage.signal': '`signal <nummer>`',
  'usage.import': '`importera [fil]`',
  'usage.clock': '`klocka [+2d | +3h | 2026-12-01T08:00 | nu]`',

  'example.help': '`hjälp möte`',
  'example.new': '`ny`',
  'example.status': '`status ST-26-0042`',
  'example.mine': '`mina`',
  'example.meeting': '`möte ST-26-0042 nätverksmöte tisdag kl. 13`',
  'example.decision': '`beslut ST-26-0042 Skolan kallar till nätverksmöte inom tre veckor`',
  'example.action': '`åtgärd ST-26-0042 Mentorn ringer hem varje måndag fram till lovet`',
  'example.done': '`klar ST-26-0042 2`',
  'example.evaluate': '`utvärdera ST-26-0042 2 Närvaron har ökat`',
  'example.revise': '`ändra ST-26-0042 2`',
  'example.consent': '`samtycke ST-26-0042 skolan och socialtjänsten`',
  'example.handover': '`stafett ST-26-0042 @Anna Lind`',
  'example.accept': '`acceptera ST-26-0042`',
  'example.decline': '`avböj ST-26-0042 Jag är föräldraledig i vår`',
  'example.concern': '`oro ST-26-0042 Rektor har gjort en orosanmälan`',
  'example.deviation': '`avvikelse ST-26-0042 Kallelsen till nätverksmötet kom fram för sent`',
  'example.close': '`avsluta ST-26-0042`',
  'example.channel': '`kanal ST-26-0042`',
  'example.stats': '`statistik`',
  'example.log': '`logg ST-26-0042`',
  'example.audit': '`granskning ST-26-0042`',
  'example.export': '`export ST-26-0042`',
  'example.share': '`delning ST-26-0042`',
  'example.advance': '`nästa ST-26-0042`',
  'example.people': '`personal`',
  'example.signal': '`signal 4f2a`',
  'example.import': '`importera examples/attendance/franvaro-vecka-45-47.csv`',
  'example.clock': '`klocka +2d`',

  'command.unknown': 'Jag känner inte igen ”{word}”. Skriv `hjälp` för att se alla kommandon.',
  'command.unknownWithSuggestion':
    'Jag känner inte igen ”{word}”. Menade du `{suggestion}`? Skriv `hjälp` för att se alla kommandon.',

  'clock.now': 'Klockan i Stafett är {time}.',
  'clock.advanced': 'Klockan har flyttats fram till {time}.',
  'clock.movedBack': 'Klockan har flyttats tillbaka till {time}.',
  'clock.set': 'Klockan är ställd till {time}.',
  'clock.reset': 'Klockan går som vanligt igen: {time}.',
  'clock.disabled': 'Testklockan är avstängd här: den finns bara i lokalt läge, eller med STAFETT_DEV_CLOCK=1 på en lokal adress.',

  'error.COMMAND.TOO_LONG': 'Meddelandet är för långt (högst {max} tecken). Korta ner texten eller dela upp den i flera.',
  'error.COMMAND.MISSING_CASE_CODE': 'Ange ärendekoden, t.ex. {example}.',
  'error.COMMAND.INVALID_CASE_CODE':
    'Det där ser inte ut som en ärendekod. Ärendekoder ser ut som `ST-26-0042` – prova t.ex. {example}.',
  'error.COMMAND.MISSING_TEXT': 'Skriv också vad det gäller, t.ex. {example}.',
  'error.COMMAND.INVALID_TARGET':
    'Jag förstod inte vem stafetten ska gå till. Nämn kollegan med @ eller skriv e-postadressen, t.ex. {example}.',
  'error.COMMAND.INVALID_TIME':
    'Jag kunde inte tolka tiden. Skriv t.ex. `klocka +2d`, `klocka +3h` eller `klocka 2026-12-01T08:00`.',

  'error.INTERNAL': 'Något gick fel – försök igen om en stund. Inget har sparats.',
  'error.CASE.NOT_FOUND':
    'Inget ärende med koden {code}. Kontrollera koden eller skriv `mina` för att se dina ärenden.',
  'error.ACCESS.DENIED':
    'Du har inte behörighet till det här. Kontakta ärendets samordnare om du behöver vara med i ärendet.',
  'error.CASE.CLOSED': 'Ärendet {code} är avslutat och kan inte ändras längre.',
  'error.TRANSITION.DECIDED_CLOSE':
    'Ärendet {code} går inte vidare: beslutet är ”{decision}”. Avsluta ärendet med skälet ”{reason}”: skriv `avsluta {code}`.',
  'error.TRANSITION.DECIDED_OTHERWISE':
    'Beslutet i {code} är ”{decision}”, så det steget gäller inte. Möjliga steg: {options}.',
  'error.TRANSITION.GUARD_FAILED': 'Ärendet kan inte gå vidare än. Det här saknas: {missing}',
  'error.CONSENT.REQUIRED':
    'Det behövs ett registrerat samtycke från vårdnadshavaren först. Registrera det med `samtycke {code} <vilka parter>`. Socialtjänsten kan begära uppgifter med `delning {code}`.',
  'error.HANDOVER.NOT_PENDING':
    'Det finns ingen stafett att ta emot i {code}. Den kan redan vara accepterad eller avböjd, eller lämnad till någon annan.',
  'error.CLOSURE.REASON_REQUIRED': 'Ange varför ärendet avslutas – välj ett av avslutsskälen.',
  'error.CLOSURE.MAINTENANCE_PLAN_REQUIRED':
    'Ärendet kan inte avslutas utan en vidmakthållandeplan. Lägg till planen och försök igen.',
  'error.INPUT.INVALID': '{field}: {problem}',
  'error.ROLE.CONSTRAINT': '{detail}',
  'error.PLAYBOOK.INVALID':
    'Det är något fel i inställningarna för arbetsgången, så det här går inte att göra just nu. Kontakta den som administrerar Stafett i kommunen.',
  'error.DB.UNAVAILABLE': 'Databasen svarar inte just nu. Försök igen om en minut – inget har sparats.',
  'error.TRANSITION.NOT_ALLOWED':
    "Ärendet {code} kan inte gå vidare därifrån. Möjliga steg: {options}. Skriv `nästa {code} <steg>`.",
  'error.ROLE.SINGLE_HOLDER':
    "{detail}. Lämna över med `stafett {code} @kollega` – den nya hållaren måste acceptera.",
  'error.ROLE.NOT_HELD':
    "Personen har inte den rollen i ärendet.",
  'error.PERSON.NOT_FOUND':
    "Jag hittar ingen kollega som heter ”{name}”. Skriv hela namnet eller e-postadressen.",
  'error.PERSON.AMBIGUOUS':
    "Flera kollegor matchar ”{name}”. Skriv hela namnet eller e-postadressen.",
  'error.PERSON.UNKNOWN_CONSOLE_USER':
    "Det finns ingen användare ”{user}” i demokommunen. Prova `som maria`, `som karin`, `som elin`, `som rasmus`, `som sara` eller `som tove`.",
  'error.PERSON.DEPROVISIONED':
    "Ditt konto i Stafett är avslutat i kommunens katalog, så du har inte längre tillgång. Kontakta din administratör om det är fel.",
  'error.HANDOVER.ALREADY_HOLDER':
    "Den personen håller redan stafetten i {code}.",
  'error.CLOSURE.NOT_FROM_STAGE':
    "Ärendet {code} kan bara avslutas från: {stages}.",
  'error.MEETING.NOT_FOUND':
    "Mötet finns inte i ärendet {code}. Skriv `möte {code}` för att se ärendets möten.",
  'error.MEETING.OUTSIDE_WINDOW':
    "Tiden ligger utanför tidsfristen som arbetsgången sätter för mötet. Välj en tid inom fristen eller bekräfta att du bokar ändå.",
  'error.MEETING.IN_PAST':
    "Tiden har redan passerat. Välj en tid framåt – eller dokumentera ett möte som redan hållits.",
  'error.MEETING.NOT_PLANNED':
    "Mötet är inte längre planerat (hållet eller inställt).",
  'error.MEETING.ALREADY_HELD':
    "Mötet är redan dokumenterat.",
  'error.ACTION.NOT_FOUND':
    "Åtgärden finns inte i ärendet {code}. Skriv `status {code}` för att se åtgärderna och deras nummer.",
  'error.CONSENT.SELF_BASIS':
    "Socialtjänsten kan inte registrera en rättslig grund för sig själv. Skolan registrerar samtycket; socialtjänsten kan begära uppgifter med `delning {code}`.",
  'error.SHARE.NOT_FOUND':
    "Det finns ingen väntande begäran om uppgifter i {code}.",
  'error.SHARE.NO_AUTHORITY':
    "Bara rektor eller teamledare för skolenheten kan godkänna eller avslå en begäran från socialtjänsten i {code}.",
  'error.SHARE.ONLY_SOCIAL_SERVICES':
    "En begäran om uppgifter görs av socialtjänsten. Skolan delar uppgifter genom ett samtycke: `samtycke {code}`.",
  'error.CONSENT.REQUIRED_TO_OPEN':
    "Arbetsgången ”{playbook}” startar ett ärende först när vårdnadshavarens samtycke finns. Starta med `ny` och fyll i samtycket i samma steg.",
  'error.ACTION.CLOSED':
    "Åtgärd {number} stängdes med ärendet och kan inte ändras.",
  'error.ACTION.NO_CHANGE':
    "Inget att ändra i åtgärd {number} – ange ett nytt datum eller en ny ansvarig.",
  'error.ACTION.OWNER_NOT_MEMBER':
    "{name} är inte med i ärendet {code} och kan inte följa upp åtgärden. Lägg till hen med **Lägg till person** först, eller välj någon annan.",
  'error.CLOSURE.OPEN_ACTIONS':
    "Åtgärder i {code} är öppna eller inte utvärderade (nr {numbers}). Bekräfta att ärendet ska avslutas ändå – de stängs då med ärendet.",
  'error.CONSENT.NONE_ACTIVE':
    "Det finns inget gällande samtycke att återkalla i {code}.",
  'error.INPUT.PERSONNUMMER':
    "Personnumret är inte giltigt – kontrollera siffrorna (ÅÅMMDD-NNNN), eller skriv elevens namn eller elev-id i stället.",
  'error.PLAYBOOK.UNKNOWN':
    "Arbetsgången ”{key}” finns inte längre. Kontakta den som administrerar Stafett.",
  'error.ORG.NONE':
    "Stafett är inte konfigurerat för någon kommun än. Be den som administrerar Stafett att läsa in organisationsfilen.",
  'error.ORG.NOT_MAPPED':
    "Den här arbetsytan är inte kopplad till någon kommun i Stafett. Be den som administrerar Stafett att lägga till den.",
  'error.FORM.UNKNOWN':
    "Formuläret är inte längre giltigt. Börja om med kommandot.",
  'error.IDENTITY.WORKSPACE_NOT_MAPPED':
    "Stafett används inte i den här arbetsytan.",
  'error.IDENTITY.NO_USER':
    "Stafett kan inte se vem du är, så förfrågan nekades.",
  'error.IDENTITY.INVALID':
    "Förfrågan innehöll ogiltiga tecken och nekades.",
  'error.IDENTITY.ALREADY_LINKED':
    "Din e-postadress är redan kopplad till ett annat konto i Stafett. Be en administratör i kommunen att koppla om kontot.",
  'error.IDENTITY.UNKNOWN_USER':
    "Du finns inte med bland kommunens personal i Stafett än. En administratör kan lägga till dig med kommandot `personal` eller i organisationsfilen.",
  'error.INPUT.INVALID_CHARS':
    "Texten innehåller tecken som inte går att spara (t.ex. ett nolltecken). Skriv om den och försök igen – inget har sparats.",
  'error.PERSON.ALREADY_LINKED':
    "{name} är redan kopplad till ett annat konto. Be en administratör att koppla om kontot.",
  'error.NUDGE.NOT_FOUND':
    "Påminnelsen finns inte längre.",
} as const;

/** Every message key. */
export type MessageKey = keyof typeof sv;

/** A complete catalog: exactly the Swedish keys, each a string. */
export type Catalog = { readonly [K in MessageKey]: string };
