import type { Catalog } from './sv.ts';

/** English texts; must have exactly the Swedish keys. */
export const en: Catalog = {
  'help.title': 'Stafett – commands',
  'help.intro':
    'Type `/stafett <command>` in Slack, or type the command straight into the chat with Stafett in Teams. Case codes look like `ST-26-0042`.',
  'help.footer': 'Type `help <command>` to read more about a command.',
  'help.aliases': 'Can also be typed as: {aliases}',
  'help.example': 'Example: {example}',
  'help.devSection': 'Test environment only:',

  'help.help': 'Shows this list.',
  'help.new': 'Starts a new case.',
  'help.status':
    'Shows where the case stands: stage, who holds the baton, next meeting and what is overdue. Without a code you get an overview.',
  'help.mine': 'Lists the cases you are part of.',
  'help.meeting': 'Schedules or records a meeting in the case, e.g. a goal meeting or network meeting.',
  'help.decision': 'Records a decision in the case.',
  'help.action': 'Adds an action to the plan: what is to be done, by whom and when.',
  'help.done': 'Marks action number <no> of the action plan done. Without a number the plan is shown.',
  'help.evaluate': 'Evaluates an action: worked, partly or did not work, with a short note.',
  'help.revise': 'Revises an action: new due date, evaluation date or owner. The change is logged.',
  'help.consent': "Records the guardian's consent and which parties it covers.",
  'help.handover':
    'Hands the baton (responsibility for the case) to a colleague. You keep it until your colleague accepts.',
  'help.accept': 'Accepts a baton that has been handed to you.',
  'help.decline': 'Declines a baton, preferably with a short explanation.',
  'help.concern':
    'Notes that a report of concern has been made or needs to be made. Never held up by consent, meetings or an ongoing case.',
  'help.deviation': 'Reports a deviation in the collaboration (something that is not working), with or without a case code.',
  'help.close': 'Closes the case with a reason (and a maintenance plan where required).',
  'help.channel': "Creates or shows the case's channel. The channel only ever shows the case code, never names.",
  'help.stats': 'Shows aggregated statistics without data on individual students.',
  'help.log': 'Shows the case log: goals, actions, who is responsible, deadlines and follow-ups.',
  'help.audit': 'Shows who has read or changed the case, and when.',
  'help.export': "Exports the case (log, plan and decisions) for the student's file or a subject access request.",
  'help.share': 'Social services request details of the case (what, why, until when); the principal or team lead approves or declines. `share` also lists pending requests.',
  'help.advance': 'Moves the case to the next stage, or to the stage you name.',
  'help.people': 'Adds a colleague to Stafett with organisation roles (for administrators).',
  'help.signal': 'Opens a case from an absence signal (the number is in the reminder).',
  'help.import': 'Imports an attendance export (CSV). Send the file to Stafett, or give its path in the console.',
  'help.clock': 'Shows or sets the system clock to test deadlines and reminders.',

  'usage.help': '`help [command]`',
  'usage.new': '`new`',
  'usage.status': '`status [case code]`',
  'usage.mine': '`mine`',
  'usage.meeting': '`meeting <case code> [which meeting, when]`',
  'usage.decision': '`decision <case code> <the decision>`',
  'usage.action': '`action <case code> <what, who, when>`',
  'usage.done': '`done <case code> <no>`',
  'usage.evaluate': '`evaluate <case code> <no> [note]`',
  'usage.revise': '`revise <case code> <no>`',
  'usage.consent': '`consent <case code> <which parties>`',
  'usage.handover': '`handover <case code> [@colleague]`',
  'usage.accept': '`accept <case code>`',
  'usage.decline': '`decline <case code> [why]`',
  'usage.concern': '`concern <case code> <short note>`',
  'usage.deviation': '`deviation [case code] <what happened>`',
  'usage.close': '`close <case code> [reason]`',
  'usage.channel': '`channel <case code>`',
  'usage.stats': '`stats`',
  'usage.log': '`log <case code>`',
  'usage.audit': '`audit <case code>`',
  'usage.export': '`export <case code>`',
  'usage.share': '`share <case code>`',
  'usage.advance': '`advance <case code> [stage]`',
  'usage.people': '`people`',
  'usage.signal': '`signal <number>`',
  'usage.import': '`import [file]`',
  'usage.clock': '`clock [+2d | +3h | 2026-12-01T08:00 | now]`',

  'example.help': '`help meeting`',
  'example.new': '`new`',
  'example.status': '`status ST-26-0042`',
  'example.mine': '`mine`',
  'example.meeting': '`meeting ST-26-0042 network meeting Tuesday 1 pm`',
  'example.decision': '`decision ST-26-0042 The school calls a network meeting within three weeks`',
  'example.action': '`action ST-26-0042 The mentor phones home every Monday until the holidays`',
  'example.done': '`done ST-26-0042 2`',
  'example.evaluate': '`evaluate ST-26-0042 2 Attendance has improved`',
  'example.revise': '`revise ST-26-0042 2`',
  'example.consent': '`consent ST-26-0042 school and social services`',
  'example.handover': '`handover ST-26-0042 @Anna Lind`',
  'example.accept': '`accept ST-26-0042`',
  'example.decline': '`decline ST-26-0042 I am on parental leave this spring`',
  'example.concern': '`concern ST-26-0042 The principal has filed a report of concern`',
  'example.deviation': '`deviation ST-26-0042 The invitation to the network meeting arrived too late`',
  'example.close': '`close ST-26-0042`',
  'example.channel': '`channel ST-26-0042`',
  'example.stats': '`stats`',
  'example.log': '`log ST-26-0042`',
  'example.audit': '`audit ST-26-0042`',
  'example.export': '`export ST-26-0042`',
  'example.share': '`share ST-26-0042`',
  'example.advance': '`advance ST-26-0042`',
  'example.people': '`people`',
  'example.signal': '`signal 4f2a`',
  'example.import': '`import examples/attendance/franvaro-vecka-45-47.csv`',
  'example.clock': '`clock +2d`',

  'command.unknown': 'I don\'t recognise "{word}". Type `help` to see all commands.',
  'command.unknownWithSuggestion':
    'I don\'t recognise "{word}". Did you mean `{suggestion}`? Type `help` to see all commands.',

  'clock.now': 'The time in Stafett is {time}.',
  'clock.advanced': 'The clock has been moved forward to {time}.',
  'clock.movedBack': 'The clock has been moved back to {time}.',
  'clock.set': 'The clock has been set to {time}.',
  'clock.reset': 'The clock is back to real time: {time}.',
  'clock.disabled': 'The test clock is off here: it exists only in local mode, or with STAFETT_DEV_CLOCK=1 on a loopback address.',

  'error.COMMAND.TOO_LONG': 'The message is too long (at most {max} characters). Shorten it or split it up.',
  'error.COMMAND.MISSING_CASE_CODE': 'Please give the case code, e.g. {example}.',
  'error.COMMAND.INVALID_CASE_CODE':
    "That doesn't look like a case code. Case codes look like `ST-26-0042` – try e.g. {example}.",
  'error.COMMAND.MISSING_TEXT': 'Please also say what it is about, e.g. {example}.',
  'error.COMMAND.INVALID_TARGET':
    "I couldn't tell who the baton should go to. Mention your colleague with @ or type their e-mail address, e.g. {example}.",
  'error.COMMAND.INVALID_TIME':
    "I couldn't read that time. Try e.g. `clock +2d`, `clock +3h` or `clock 2026-12-01T08:00`.",

  'error.INTERNAL': 'Something went wrong – please try again in a moment. Nothing has been saved.',
  'error.CASE.NOT_FOUND': 'No case with the code {code}. Check the code, or type `mine` to see your cases.',
  'error.ACCESS.DENIED':
    "You don't have access to this. Contact the case coordinator if you need to be part of the case.",
  'error.CASE.CLOSED': 'Case {code} is closed and can no longer be changed.',
  'error.TRANSITION.DECIDED_CLOSE':
    'Case {code} does not move on: the decision is "{decision}". Close the case with the reason "{reason}": type `close {code}`.',
  'error.TRANSITION.DECIDED_OTHERWISE':
    'The decision in {code} is "{decision}", so that step does not apply. Possible steps: {options}.',
  'error.TRANSITION.GUARD_FAILED': "The case can't move on yet. Still missing: {missing}",
  'error.CONSENT.REQUIRED':
    "The guardian's consent must be recorded first. Record it with `consent {code} <which parties>`. Social services can request details with `share {code}`.",
  'error.HANDOVER.NOT_PENDING':
    'There is no baton to accept in {code}. It may already have been accepted or declined, or handed to someone else.',
  'error.CLOSURE.REASON_REQUIRED': 'Please say why the case is being closed – choose one of the closure reasons.',
  'error.CLOSURE.MAINTENANCE_PLAN_REQUIRED':
    "The case can't be closed without a maintenance plan. Add the plan and try again.",
  'error.INPUT.INVALID': '{field}: {problem}',
  'error.ROLE.CONSTRAINT': '{detail}',
  'error.PLAYBOOK.INVALID':
    "Something is wrong in the playbook settings, so this can't be done right now. Contact whoever administers Stafett in your municipality.",
  'error.DB.UNAVAILABLE': "The database isn't responding right now. Try again in a minute – nothing has been saved.",
  'error.TRANSITION.NOT_ALLOWED':
    "Case {code} cannot move on from here. Possible steps: {options}. Type `advance {code} <step>`.",
  'error.ROLE.SINGLE_HOLDER':
    "{detail}. Hand over with `handover {code} @colleague` – the new holder must accept.",
  'error.ROLE.NOT_HELD':
    "That person does not hold that role in the case.",
  'error.PERSON.NOT_FOUND':
    "I can't find a colleague called \"{name}\". Type the full name or the e-mail address.",
  'error.PERSON.AMBIGUOUS':
    "Several colleagues match \"{name}\". Type the full name or the e-mail address.",
  'error.PERSON.UNKNOWN_CONSOLE_USER':
    "There is no user \"{user}\" in the demo municipality. Try `som maria`, `som karin`, `som elin`, `som rasmus`, `som sara` or `som tove`.",
  'error.PERSON.DEPROVISIONED':
    "Your Stafett account has been ended in the municipality's directory, so you no longer have access. Contact your administrator if this is wrong.",
  'error.HANDOVER.ALREADY_HOLDER':
    "That person already holds the baton for {code}.",
  'error.CLOSURE.NOT_FROM_STAGE':
    "Case {code} can only be closed from: {stages}.",
  'error.MEETING.NOT_FOUND':
    "That meeting is not part of case {code}. Type `meeting {code}` to see the case's meetings.",
  'error.MEETING.OUTSIDE_WINDOW':
    "The time is outside the deadline the model sets for this meeting. Choose a time within it or confirm that you book it anyway.",
  'error.MEETING.IN_PAST':
    "That time has already passed. Choose a future time – or record a meeting that was already held.",
  'error.MEETING.NOT_PLANNED':
    "The meeting is no longer planned (held or cancelled).",
  'error.MEETING.ALREADY_HELD':
    "The meeting has already been recorded.",
  'error.ACTION.NOT_FOUND':
    "That action is not part of case {code}. Type `status {code}` to see the actions and their numbers.",
  'error.CONSENT.SELF_BASIS':
    "Social services cannot record a legal basis for themselves. The school records the consent; social services can request details with `share {code}`.",
  'error.SHARE.NOT_FOUND':
    "There is no pending request for details in {code}.",
  'error.SHARE.NO_AUTHORITY':
    "Only the principal or team lead of the school unit can approve or decline a request from social services in {code}.",
  'error.SHARE.ONLY_SOCIAL_SERVICES':
    "A request for details is made by social services. The school shares details through a consent: `consent {code}`.",
  'error.CONSENT.REQUIRED_TO_OPEN':
    "The model \"{playbook}\" opens a case only once the guardians' consent is given. Start with `new` and record the consent in the same step.",
  'error.ACTION.CLOSED':
    "Action {number} was closed with the case and cannot be changed.",
  'error.ACTION.NO_CHANGE':
    "Nothing to change in action {number} – give a new date or a new owner.",
  'error.ACTION.OWNER_NOT_MEMBER':
    "{name} is not a member of case {code} and cannot follow the action up. Add them with **Add person** first, or choose someone else.",
  'error.CLOSURE.OPEN_ACTIONS':
    "Actions in {code} are open or not evaluated (no. {numbers}). Confirm that the case should be closed anyway – they are then closed with it.",
  'error.CONSENT.NONE_ACTIVE':
    "There is no active consent to withdraw in {code}.",
  'error.INPUT.PERSONNUMMER':
    "That personal identity number is not valid – check the digits, or enter the student's name or student id instead.",
  'error.PLAYBOOK.UNKNOWN':
    "The playbook \"{key}\" no longer exists. Contact whoever administers Stafett.",
  'error.ORG.NONE':
    "Stafett has not been set up for any municipality yet. Ask whoever administers Stafett to load the organisation file.",
  'error.ORG.NOT_MAPPED':
    "This workspace is not linked to a municipality in Stafett. Ask whoever administers Stafett to add it.",
  'error.FORM.UNKNOWN':
    "This form is no longer valid. Start again with the command.",
  'error.IDENTITY.WORKSPACE_NOT_MAPPED':
    "Stafett is not used in this workspace.",
  'error.IDENTITY.NO_USER':
    "Stafett cannot tell who you are, so the request was refused.",
  'error.IDENTITY.INVALID':
    "The request contained invalid characters and was refused.",
  'error.IDENTITY.ALREADY_LINKED':
    "Your e-mail address is already linked to another account in Stafett. Ask an administrator in your municipality to re-link the account.",
  'error.IDENTITY.UNKNOWN_USER':
    "You are not listed among your municipality's staff in Stafett yet. An administrator can add you with the command `people` or in the organisation file.",
  'error.INPUT.INVALID_CHARS':
    "The text contains characters that cannot be stored (such as a NUL character). Rewrite it and try again – nothing was saved.",
  'error.PERSON.ALREADY_LINKED':
    "{name} is already linked to another account. Ask an administrator to re-link the account.",
  'error.NUDGE.NOT_FOUND':
    "That reminder no longer exists.",
};
