import { Duration } from 'luxon';
import type { z } from 'zod/v4';
import { PlaybookValidationError, type PlaybookIssue } from './playbook.errors.ts';
import {
  EXTERNAL_PARTICIPANTS,
  PlaybookSchema,
  type DurationSpec,
  type Guard,
  type Playbook,
} from './playbook.ts';

type Path = readonly PropertyKey[];

/** Renders a zod path as `stages[2].key`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const hasInput = 'input' in issue && issue.input !== undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (!hasInput) return 'required';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be an integer';
      return `expected ${issue.expected}, received ${describeType(issue.input)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive === false ? '>' : '≥'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be ${issue.inclusive === false ? '<' : '≤'} ${issue.maximum}`;
    case 'invalid_union':
      return issue.message;
    default:
      return issue.message;
  }
}

/** Zod reports an unknown discriminated-union `type` as an invalid_union with this note. */
function isNoDiscriminator(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && (issue as { note?: unknown }).note === 'No matching discriminator';
}

/** Converts zod issues to path/message pairs (one per unknown key). */
export function zodIssuesToPlaybookIssues(issues: readonly z.core.$ZodIssue[]): PlaybookIssue[] {
  const out: PlaybookIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) out.push({ path: formatPath([...issue.path, k]), message: 'unknown field' });
      continue;
    }
    // The discriminator issue points at the object; report it on its `type` field.
    const path =
      isNoDiscriminator(issue) && issue.path.at(-1) !== 'type'
        ? [...issue.path, 'type']
        : issue.path;
    const input = 'input' in issue ? issue.input : undefined;
    const message =
      isNoDiscriminator(issue)
        ? describeDiscriminator(input)
        : issueMessage(issue);
    out.push({ path: formatPath(path), message });
  }
  return out;
}

function describeDiscriminator(input: unknown): string {
  if (input !== null && typeof input === 'object' && 'type' in input) {
    return `unknown type ${JSON.stringify((input as { type: unknown }).type)}`;
  }
  return 'required';
}

/** Approximate length in days, for comparing a window's earliest and latest bounds. */
function approxDays(d: DurationSpec): number {
  if (typeof d === 'string') return Duration.fromISO(d).as('days');
  return (d.workingDays * 7) / 5;
}

/** Cross-reference checks on a shape-valid playbook. */
export function crossCheckPlaybook(pb: Playbook): PlaybookIssue[] {
  const issues: PlaybookIssue[] = [];
  const add = (path: Path, message: string): void => {
    issues.push({ path: formatPath(path), message });
  };

  const uniqueKeys = (items: readonly { key: string }[], base: Path, what: string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key)) add([...base, i, 'key'], `duplicate ${what} key "${item.key}"`);
      seen.add(item.key);
    });
    return seen;
  };

  const stages = uniqueKeys(pb.stages, ['stages'], 'stage');
  const roles = uniqueKeys(pb.roles, ['roles'], 'role');
  const meetings = uniqueKeys(pb.meetingTypes, ['meetingTypes'], 'meeting type');
  const decisions = uniqueKeys(pb.decisionKinds, ['decisionKinds'], 'decision kind');
  uniqueKeys(pb.deadlineRules, ['deadlineRules'], 'deadline rule');
  uniqueKeys(pb.absenceThresholds, ['absenceThresholds'], 'threshold');
  if (pb.tiers) uniqueKeys(pb.tiers, ['tiers'], 'tier');
  pb.decisionKinds.forEach((d, i) => uniqueKeys(d.outcomes, ['decisionKinds', i, 'outcomes'], 'outcome'));
  pb.meetingTypes.forEach((m, i) => uniqueKeys(m.agenda, ['meetingTypes', i, 'agenda'], 'agenda item'));
  uniqueKeys(pb.features.deviationThemes, ['features', 'deviationThemes'], 'deviation theme');
  uniqueKeys(pb.features.interventionTypes, ['features', 'interventionTypes'], 'intervention type');

  for (const r of pb.roles) {
    if ((EXTERNAL_PARTICIPANTS as readonly string[]).includes(r.key)) {
      add(['roles', pb.roles.indexOf(r), 'key'], `"${r.key}" is an external participant, not a staff role`);
    }
  }

  const stage = (path: Path, key: string | undefined): void => {
    if (key !== undefined && !stages.has(key)) add(path, `unknown stage "${key}"`);
  };
  const role = (path: Path, key: string | undefined): void => {
    if (key !== undefined && !roles.has(key)) add(path, `unknown role "${key}"`);
  };
  const meeting = (path: Path, key: string | undefined): void => {
    if (key !== undefined && !meetings.has(key)) add(path, `unknown meeting type "${key}"`);
  };
  const decision = (path: Path, key: string | undefined): void => {
    if (key !== undefined && !decisions.has(key)) add(path, `unknown decision kind "${key}"`);
  };

  role(['caseLeadRole'], pb.caseLeadRole);
  pb.stages.forEach((s, i) => role(['stages', i, 'leadRole'], s.leadRole));

  if (pb.dimension === 'tier' && (pb.tiers === undefined || pb.tiers.length === 0)) {
    add(['tiers'], 'required when dimension is "tier"');
  }

  pb.transitions.forEach((t, i) => {
    stage(['transitions', i, 'from'], t.from);
    stage(['transitions', i, 'to'], t.to);
    if (t.from === t.to) add(['transitions', i, 'to'], 'must differ from "from"');
    t.guards.forEach((g: Guard, j) => {
      const p = ['transitions', i, 'guards', j] as const;
      switch (g.type) {
        case 'meetingHeld':
          meeting([...p, 'meetingType'], g.meetingType);
          break;
        case 'nextMeetingPlanned':
        case 'outputRecorded':
          meeting([...p, 'meetingType'], g.meetingType);
          break;
        case 'roleAssigned':
          role([...p, 'role'], g.role);
          break;
        case 'decisionRecorded': {
          decision([...p, 'kind'], g.kind);
          if (g.outcome !== undefined) {
            const kind = pb.decisionKinds.find((d) => d.key === g.kind);
            if (g.kind === undefined) add([...p, 'outcome'], 'needs "kind"');
            else if (kind) {
              for (const o of [g.outcome].flat()) {
                if (!kind.outcomes.some((x) => x.key === o)) add([...p, 'outcome'], `unknown outcome "${o}" of decision kind "${g.kind}"`);
              }
            }
          }
          break;
        }
        case 'tierSet':
          if (!pb.tiers?.length) add([...p, 'type'], 'playbook defines no tiers');
          break;
        default:
          break;
      }
    });
  });
  const seenTransitions = new Set<string>();
  pb.transitions.forEach((t, i) => {
    const k = `${t.from}→${t.to}`;
    if (seenTransitions.has(k)) add(['transitions', i], `duplicate transition "${t.from}" → "${t.to}"`);
    seenTransitions.add(k);
  });

  pb.meetingTypes.forEach((m, i) => {
    const participant = (path: Path, key: string): void => {
      if (!roles.has(key) && !(EXTERNAL_PARTICIPANTS as readonly string[]).includes(key)) {
        add(path, `unknown participant "${key}" (expected a role or one of: ${EXTERNAL_PARTICIPANTS.join(', ')})`);
      }
    };
    m.defaultParticipants.forEach((k, j) => participant(['meetingTypes', i, 'defaultParticipants', j], k));
    m.optionalParticipants.forEach((k, j) => participant(['meetingTypes', i, 'optionalParticipants', j], k));
    role(['meetingTypes', i, 'leadRole'], m.leadRole);
  });

  pb.deadlineRules.forEach((r, i) => {
    const p = ['deadlineRules', i] as const;
    const { event } = r.trigger;
    if ((event === 'meetingHeld' || event === 'meetingScheduled') && r.trigger.meetingType === undefined) {
      add([...p, 'trigger', 'meetingType'], `required for event "${event}"`);
    }
    if (event === 'stageEntered' && r.trigger.stage === undefined) {
      add([...p, 'trigger', 'stage'], 'required for event "stageEntered"');
    }
    meeting([...p, 'trigger', 'meetingType'], r.trigger.meetingType);
    stage([...p, 'trigger', 'stage'], r.trigger.stage);
    role([...p, 'ownerRole'], r.ownerRole);
    const e = r.expects;
    if ('meetingHeld' in e) meeting([...p, 'expects', 'meetingHeld'], e.meetingHeld);
    if ('meetingScheduled' in e) meeting([...p, 'expects', 'meetingScheduled'], e.meetingScheduled);
    if ('stage' in e) stage([...p, 'expects', 'stage'], e.stage);
    if ('decision' in e) decision([...p, 'expects', 'decision'], e.decision);
    r.activeInStages?.forEach((s, j) => stage([...p, 'activeInStages', j], s));
    if (r.earliest !== undefined && approxDays(r.earliest) > approxDays(r.offset)) {
      add([...p, 'earliest'], 'must not be later than offset');
    }
  });

  pb.roleConstraints.forEach((c, i) => {
    const p = ['roleConstraints', i] as const;
    switch (c.type) {
      case 'distinctPeople':
        c.roles.forEach((r, j) => role([...p, 'roles', j], r));
        break;
      case 'exclusiveWithRoles':
        role([...p, 'role'], c.role);
        c.roles.forEach((r, j) => role([...p, 'roles', j], r));
        break;
      case 'appointedBy':
        role([...p, 'role'], c.role);
        role([...p, 'byRole'], c.byRole);
        if (c.byRole === undefined && c.byOrgRole === undefined) add([...p, 'byRole'], 'byRole or byOrgRole is required');
        break;
      case 'count':
        role([...p, 'role'], c.role);
        if (c.min !== undefined && c.max !== undefined && c.min > c.max) add([...p, 'min'], 'must not exceed max');
        break;
      default:
        role([...p, 'role'], c.role);
    }
  });

  const { closure } = pb;
  if (closure.reasons !== null) {
    uniqueKeys(closure.reasons, ['closure', 'reasons'], 'closure reason');
    if (closure.requireReason && closure.reasons.length === 0) {
      add(['closure', 'reasons'], 'must list at least one reason (or be null for free text) when requireReason is true');
    }
  }
  closure.allowedFromStages?.forEach((s, j) => stage(['closure', 'allowedFromStages', j], s));
  pb.decisionKinds.forEach((d, i) => d.outcomes.forEach((o, j) => {
    if (o.closureReason !== undefined && !closure.reasons?.some((r) => r.key === o.closureReason)) {
      add(['decisionKinds', i, 'outcomes', j, 'closureReason'], `unknown closure reason "${o.closureReason}"`);
    }
  }));

  return issues;
}

/**
 * Validates an unknown value (parsed YAML/JSON or a built-in object) as a playbook.
 * @throws PlaybookValidationError listing every problem with its field path.
 */
export function parsePlaybook(input: unknown, source?: string): Playbook {
  const result = PlaybookSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new PlaybookValidationError(zodIssuesToPlaybookIssues(result.error.issues), source);
  }
  const issues = crossCheckPlaybook(result.data);
  if (issues.length > 0) throw new PlaybookValidationError(issues, source);
  return result.data;
}
