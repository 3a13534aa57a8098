import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { s0Elevvard } from '../../src/playbooks/builtin/s0-elevvard.ts';
import { s1Vastbas } from '../../src/playbooks/builtin/s1-vastbas.ts';
import { s2Tomelilla } from '../../src/playbooks/builtin/s2-tomelilla.ts';
import { s3Bti } from '../../src/playbooks/builtin/s3-bti.ts';
import { s4Sandviken } from '../../src/playbooks/builtin/s4-sandviken.ts';
import {
  LANGUAGES,
  PlaybookRegistry,
  PlaybookValidationError,
  builtinPlaybooks,
  describeGuard,
  describeRoleConstraint,
  getBuiltinPlaybook,
  guardMessageKey,
  loadPlaybookFile,
  loadPlaybookText,
  parsePlaybook,
  type Labels,
  type Playbook,
} from '../../src/playbooks/index.ts';

const examplePath = fileURLToPath(new URL('../../examples/playbooks/custom-example.yaml', import.meta.url));

function mustGet(key: string): Playbook {
  const pb = getBuiltinPlaybook(key);
  if (!pb) throw new Error(`missing built-in ${key}`);
  return pb;
}

/** Runs `fn`, expects a PlaybookValidationError and returns it. */
function refused(fn: () => unknown): PlaybookValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlaybookValidationError);
    return err as PlaybookValidationError;
  }
  throw new Error('expected the playbook to be refused');
}

/** A minimal valid playbook as plain data; tests break one thing at a time. */
function minimal(): Record<string, any> {
  const l = (s: string): Labels => ({ sv: s, nb: s, en: s });
  return {
    key: 'mini',
    version: 1,
    labels: l('Mini'),
    description: l('Minimal'),
    dimension: 'stage',
    stages: [
      { key: 'start', labels: l('Start'), hint: l('Start') },
      { key: 'mote', labels: l('Möte'), hint: l('Möte') },
      { key: 'slut', labels: l('Slut'), hint: l('Slut') },
    ],
    transitions: [
      { from: 'start', to: 'mote', guards: [{ type: 'consentRecorded', scope: 'SOCIAL_SERVICES' }] },
      { from: 'mote', to: 'slut', guards: [{ type: 'meetingHeld', meetingType: 'natverksmote' }] },
    ],
    roles: [{ key: 'lead', labels: l('Lead') }],
    caseLeadRole: 'lead',
    meetingTypes: [
      {
        key: 'natverksmote',
        labels: l('Nätverksmöte'),
        purpose: l('Syfte'),
        defaultParticipants: ['lead', 'guardian'],
        requiredOutputs: ['actionPlan'],
      },
    ],
    closure: { reasons: null, requireReason: false, requireMaintenancePlan: false },
  };
}

describe('built-in playbooks', () => {
  const raw = [s0Elevvard, s1Vastbas, s2Tomelilla, s3Bti, s4Sandviken];

  it('should parse every built-in definition', () => {
    for (const def of raw) expect(() => parsePlaybook(def)).not.toThrow();
    expect(builtinPlaybooks.map((p) => p.key)).toEqual([
      's0-elevvard',
      's1-vastbas',
      's2-tomelilla',
      's3-bti',
      's4-sandviken',
    ]);
  });

  it('should have sv, nb and en labels for every stage, meeting type, agenda item and role', () => {
    const check = (labels: Labels, where: string): void => {
      for (const lang of LANGUAGES) expect(labels[lang].trim(), `${where}.${lang}`).not.toBe('');
    };
    for (const pb of builtinPlaybooks) {
      check(pb.labels, `${pb.key}.labels`);
      pb.stages.forEach((s) => {
        check(s.labels, `${pb.key}.stages.${s.key}`);
        check(s.hint, `${pb.key}.stages.${s.key}.hint`);
      });
      pb.meetingTypes.forEach((m) => {
        check(m.labels, `${pb.key}.meetingTypes.${m.key}`);
        check(m.purpose, `${pb.key}.meetingTypes.${m.key}.purpose`);
        m.agenda.forEach((a) => check(a.labels, `${pb.key}.meetingTypes.${m.key}.agenda.${a.key}`));
      });
      pb.roles.forEach((r) => check(r.labels, `${pb.key}.roles.${r.key}`));
      expect(pb.roles.map((r) => r.key)).not.toContain('guardian');
      expect(pb.roles.map((r) => r.key)).not.toContain('student');
    }
  });

  it('should encode S0: threshold, network meeting in 2–3 weeks, weekly EVG, follow-up within 6 weeks', () => {
    const s0 = mustGet('s0-elevvard');
    expect(s0.absenceThresholds.map((t) => [t.kind, t.value, t.window])).toEqual([
      ['occasions', 5, 'P5W'],
      ['percent', 20, 'P5W'],
    ]);
    const nm = s0.deadlineRules.find((r) => r.key === 'natverksmote-within-3-weeks');
    expect(nm).toMatchObject({
      trigger: { event: 'meetingHeld', meetingType: 'malmote' },
      earliest: 'P2W',
      offset: 'P3W',
      expects: { meetingHeld: 'natverksmote' },
    });
    expect(s0.deadlineRules.find((r) => r.key === 'evg-weekly')).toMatchObject({ offset: 'P1W', repeat: true });
    expect(s0.deadlineRules.find((r) => r.key === 'follow-up-within-6-weeks')).toMatchObject({ offset: 'P6W' });
    expect(s0.deadlineRules.find((r) => r.key === 'social-services-act-2-months')).toMatchObject({
      trigger: { event: 'concernReported' },
      offset: 'P2M',
    });
    const malmote = s0.meetingTypes.find((m) => m.key === 'malmote');
    expect(malmote?.defaultParticipants).toEqual(['mentor', 'guardian', 'student', 'evg-member', 'social-services']);
    expect(malmote?.requiredOutputs).toContain('consentSigned');
    expect(s0.stages.map((s) => s.key)).toContain('bedomarteamet');
  });

  it('should encode the S1 contact-person and coordinator constraints', () => {
    const s1 = mustGet('s1-vastbas');
    expect(s1.roleConstraints).toContainEqual({ type: 'mustHoldOrgRole', role: 'contact-person', orgRole: 'EHT_MEMBER' });
    expect(s1.roleConstraints).toContainEqual({
      type: 'mustNotHoldOrgRole',
      role: 'contact-person',
      orgRoles: ['PRINCIPAL', 'SOCIAL_SERVICES'],
    });
    expect(s1.roleConstraints).toContainEqual({ type: 'appointedBy', role: 'contact-person', byOrgRole: 'PRINCIPAL' });
    expect(s1.roleConstraints).toContainEqual({ type: 'distinctPeople', roles: ['coordinator-lead', 'coordinator-doc'] });
    expect(s1.roleConstraints).toContainEqual(expect.objectContaining({ type: 'count', role: 'coordinator-lead', exactly: 1 }));
    expect(s1.roleConstraints.filter((c) => c.type === 'exclusiveWithRoles').map((c) => c.role)).toEqual([
      'coordinator-lead',
      'coordinator-doc',
    ]);
    expect(s1.deadlineRules.find((r) => r.key === 'raise-to-eht')).toMatchObject({
      trigger: { event: 'planCreated' },
      earliest: 'P1M',
      offset: 'P2M',
      ownerRole: 'contact-person',
    });
    expect(s1.deadlineRules.find((r) => r.key === 'evaluation-6-months')).toMatchObject({ offset: 'P6M' });
    expect(s1.stages.map((s) => s.key)).toEqual([
      'forfragan',
      'bedomning',
      'formote',
      'natverksmote-1',
      'natverksmote-2',
      'insatser',
      'uppfoljning',
      'utvardering',
    ]);
    expect(s1.consentRequiredFor).toContain('openCase');
    const c = s1.roleConstraints[1];
    if (!c) throw new Error('no constraint');
    expect(describeRoleConstraint(c, 'sv', s1)).toBe('”Kontaktperson” får inte vara rektor eller socialsekreterare');
  });

  it('should require a closure reason from the fixed S2 list and always a maintenance plan', () => {
    const s2 = mustGet('s2-tomelilla');
    expect(s2.closure.requireReason).toBe(true);
    expect(s2.closure.requireMaintenancePlan).toBe(true);
    expect(s2.closure.reasons?.map((r) => r.key)).toEqual(['no-longer-needed', 'declined', 'moved', 'needs-other-support']);
    expect(s2.tiers?.map((t) => t.key)).toEqual(['green', 'yellow', 'orange']);
    expect(s2.stages.map((s) => s.key)).toEqual([
      'beredning',
      'komplettering',
      'uppstartsmote-skola',
      'uppstartsmote-elev',
      'kartlaggning',
      'ansvarsplanering',
      'genomforande',
      'uppfoljning',
    ]);
    expect(s2.features.interventionTypes.length).toBeGreaterThanOrEqual(6);
  });

  it('should give S3 a 14-day level-0 rule, a single baton holder and consent for the log', () => {
    const s3 = mustGet('s3-bti');
    expect(s3.dimension).toBe('level');
    expect(s3.primaryLanguage).toBe('nb');
    expect(s3.caseLeadRole).toBe('stafettholder');
    expect(s3.deadlineRules.find((r) => r.key === 'level-0-decision-14-days')).toMatchObject({
      trigger: { event: 'caseOpened' },
      offset: 'P14D',
      expects: { decision: 'concern-or-not' },
    });
    expect(s3.roleConstraints).toContainEqual({
      type: 'singleHolder',
      role: 'stafettholder',
      handoverRequiresAcceptance: true,
    });
    expect(s3.stages.every((s) => s.concernCheck)).toBe(true);
    expect(s3.consentRequiredFor).toContain('openLog');
    expect(s3.concernReport?.labels.nb).toBe('Bekymringsmelding');
  });

  it('should give S4 a single coordinator, prepared meetings and deviation reporting', () => {
    const s4 = mustGet('s4-sandviken');
    expect(s4.meetingTypes.every((m) => m.prepareLeadDays === 3)).toBe(true);
    expect(s4.features.deviationReporting).toBe(true);
    expect(s4.features.consultation).toBe(true);
    expect(s4.features.attendanceComparison).toEqual({ window: 'P4W' });
    expect(s4.roleConstraints).toContainEqual(expect.objectContaining({ type: 'count', role: 'coordinator', exactly: 1 }));
    expect(s4.meetingTypes.find((m) => m.key === 'samverkansmote')?.requiredOutputs).toContain('samverkansplan');
  });
});

describe('describeGuard', () => {
  it('should explain a missing consent covering social services in each language', () => {
    const g = { type: 'consentRecorded', scope: 'SOCIAL_SERVICES' } as const;
    expect(describeGuard(g, 'sv')).toBe('Samtycke som omfattar socialtjänsten saknas');
    expect(describeGuard(g, 'nb')).toBe('Samtykke som omfatter barneverntjenesten mangler');
    expect(describeGuard(g, 'en')).toBe('Consent covering social services is missing');
    expect(guardMessageKey(g)).toBe('playbook.guard.consentRecorded.missing');
  });

  it('should name meetings and roles from the playbook', () => {
    const s0 = mustGet('s0-elevvard');
    expect(describeGuard({ type: 'meetingHeld', meetingType: 'malmote' }, 'sv', s0)).toBe('Mötet ”Målmöte” har inte hållits');
    expect(describeGuard({ type: 'roleAssigned', role: 'contact-person' }, 'en', s0)).toBe(
      'Nobody holds the role "School contact person"',
    );
    expect(describeGuard({ type: 'actionPlanExists' }, 'nb')).toBe('Handlingsplan mangler');
  });

  it('should describe every guard used by the built-ins in every language', () => {
    for (const pb of builtinPlaybooks) {
      for (const t of pb.transitions) {
        for (const g of t.guards) {
          for (const lang of LANGUAGES) expect(describeGuard(g, lang, pb)).toMatch(/\S/);
        }
      }
    }
  });

  it('should prefer a guard-specific message', () => {
    const s3 = mustGet('s3-bti');
    const guard = s3.transitions[0]?.guards.find((g) => g.type === 'consentRecorded');
    if (!guard) throw new Error('no consent guard');
    expect(describeGuard(guard, 'nb', s3)).toBe('Samtykke til å opprette stafettlogg mangler');
  });
});

describe('parsePlaybook', () => {
  it('should accept the minimal playbook and apply defaults', () => {
    const pb = parsePlaybook(minimal());
    expect(pb.primaryLanguage).toBe('sv');
    expect(pb.absenceThresholds.map((t) => t.key)).toEqual(['occasions-5', 'percent-20']);
    expect(pb.deadlineRules).toEqual([]);
  });

  it('should refuse a missing field with its path', () => {
    const input = minimal();
    delete input.stages[2].key;
    const err = refused(() => parsePlaybook(input));
    expect(err.code).toBe('PLAYBOOK.INVALID');
    expect(err.issues).toEqual([{ path: 'stages[2].key', message: 'required' }]);
    expect(err.message).toBe('Invalid playbook: stages[2].key: required');
  });

  it('should refuse a transition to an unknown stage', () => {
    const input = minimal();
    input.transitions[0].to = 'natverk';
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([{ path: 'transitions[0].to', message: 'unknown stage "natverk"' }]);
    expect(err.message).toContain('transitions[0].to: unknown stage "natverk"');
  });

  it('should refuse a duplicate stage key', () => {
    const input = minimal();
    input.stages[2].key = 'start';
    input.transitions = [];
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([{ path: 'stages[2].key', message: 'duplicate stage key "start"' }]);
  });

  it('should refuse a label without English', () => {
    const input = minimal();
    delete input.stages[0].labels.en;
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([{ path: 'stages[0].labels.en', message: 'required' }]);
  });

  it('should refuse an empty label', () => {
    const input = minimal();
    input.labels.nb = '  ';
    expect(refused(() => parsePlaybook(input)).issues).toEqual([{ path: 'labels.nb', message: 'must not be empty' }]);
  });

  it('should report unknown fields, guard types and enum values precisely', () => {
    const input = minimal();
    input.stages[0].colour = 'red';
    input.transitions[0].guards.push({ type: 'consentGiven' });
    input.meetingTypes[0].requiredOutputs = ['actionPlan', 'coffee'];
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([
      { path: 'stages[0].colour', message: 'unknown field' },
      { path: 'transitions[0].guards[1].type', message: 'unknown type "consentGiven"' },
      { path: 'meetingTypes[0].requiredOutputs[1]', message: expect.stringMatching(/^must be one of: "consentSigned", /) },
    ]);
  });

  it('should check references to meeting types, roles and decision kinds', () => {
    const input = minimal();
    input.transitions[1].guards = [
      { type: 'meetingHeld', meetingType: 'malmote' },
      { type: 'roleAssigned', role: 'kontaktperson' },
      { type: 'decisionRecorded', kind: 'concern-or-not' },
    ];
    input.meetingTypes[0].defaultParticipants = ['lead', 'parent'];
    input.deadlineRules = [
      {
        key: 'd',
        labels: input.labels,
        trigger: { event: 'meetingHeld' },
        offset: 'P2W',
        earliest: 'P3W',
        ownerRole: 'nobody',
        expects: { stage: 'nowhere' },
      },
    ];
    input.roleConstraints = [{ type: 'distinctPeople', roles: ['lead', 'k2'] }];
    input.caseLeadRole = 'boss';
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([
      { path: 'caseLeadRole', message: 'unknown role "boss"' },
      { path: 'transitions[1].guards[0].meetingType', message: 'unknown meeting type "malmote"' },
      { path: 'transitions[1].guards[1].role', message: 'unknown role "kontaktperson"' },
      { path: 'transitions[1].guards[2].kind', message: 'unknown decision kind "concern-or-not"' },
      {
        path: 'meetingTypes[0].defaultParticipants[1]',
        message: 'unknown participant "parent" (expected a role or one of: guardian, student)',
      },
      { path: 'deadlineRules[0].trigger.meetingType', message: 'required for event "meetingHeld"' },
      { path: 'deadlineRules[0].ownerRole', message: 'unknown role "nobody"' },
      { path: 'deadlineRules[0].expects.stage', message: 'unknown stage "nowhere"' },
      { path: 'deadlineRules[0].earliest', message: 'must not be later than offset' },
      { path: 'roleConstraints[0].roles[1]', message: 'unknown role "k2"' },
    ]);
  });

  it('should check guard outcomes and the closure an outcome points to', () => {
    const input = minimal();
    const l = (x: string): Labels => ({ sv: x, nb: x, en: x });
    input.decisionKinds = [{ key: 'answer', labels: l('Svar'), outcomes: [{ key: 'yes', labels: l('ja') }, { key: 'no', labels: l('nej'), closureReason: 'declined' }] }];
    input.transitions[1].guards = [
      { type: 'decisionRecorded', kind: 'answer', outcome: ['yes', 'maybe'] },
      { type: 'decisionRecorded', outcome: 'yes' },
    ];
    const err = refused(() => parsePlaybook(input));
    expect(err.issues).toEqual([
      { path: 'transitions[1].guards[0].outcome', message: 'unknown outcome "maybe" of decision kind "answer"' },
      { path: 'transitions[1].guards[1].outcome', message: 'needs "kind"' },
      { path: 'decisionKinds[0].outcomes[1].closureReason', message: 'unknown closure reason "declined"' },
    ]);
    input.transitions[1].guards = [{ type: 'decisionRecorded', kind: 'answer', outcome: 'yes' }];
    input.closure = { reasons: [{ key: 'declined', labels: l('Tackar nej') }], requireReason: true, requireMaintenancePlan: false };
    const pb = parsePlaybook(input);
    expect(describeGuard(pb.transitions[1]!.guards[0]!, 'sv', pb)).toBe('Beslut saknas: ”Svar: ja”');
  });

  it('should branch every built-in decision with outcomes that a transition names', () => {
    // Wherever a seed branches on a decision, a guard names the outcome (not only the kind).
    for (const pb of builtinPlaybooks) {
      for (const t of pb.transitions) {
        for (const g of t.guards) {
          if (g.type !== 'decisionRecorded' || !g.kind) continue;
          const kind = pb.decisionKinds.find((k) => k.key === g.kind)!;
          if (kind.outcomes.length > 1) expect(g.outcome, `${pb.key} ${t.from}→${t.to}`).toBeDefined();
        }
      }
    }
  });

  it('should refuse duplicate closure reasons and an invalid duration', () => {
    const input = minimal();
    const l = { sv: 'x', nb: 'x', en: 'x' };
    input.closure = {
      reasons: [
        { key: 'moved', labels: l },
        { key: 'moved', labels: l },
      ],
      requireReason: true,
      requireMaintenancePlan: true,
    };
    expect(refused(() => parsePlaybook(input)).issues).toEqual([
      { path: 'closure.reasons[1].key', message: 'duplicate closure reason key "moved"' },
    ]);
    const bad = minimal();
    bad.absenceThresholds = [{ key: 'x', kind: 'percent', value: 20, window: '5 weeks' }];
    expect(refused(() => parsePlaybook(bad)).issues).toEqual([
      { path: 'absenceThresholds[0].window', message: expect.stringContaining('ISO-8601') },
    ]);
  });

  it('should refuse a non-object', () => {
    expect(refused(() => parsePlaybook(null)).issues).toEqual([{ path: '', message: 'expected object, received null' }]);
  });
});

describe('loading playbook files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stafett-playbooks-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should load the YAML example', async () => {
    const pb = await loadPlaybookFile(examplePath);
    expect(pb.key).toBe('exempel-narvaroteam');
    expect(pb.deadlineRules[1]?.offset).toEqual({ workingDays: 20 });
    expect(pb.absenceThresholds).toEqual([{ key: 'percent-10-term', kind: 'percent', value: 10, window: 'term' }]);
  });

  it('should load the same playbook from JSON', async () => {
    const data = parseYaml(await readFile(examplePath, 'utf8')) as unknown;
    const file = join(dir, 'example.json');
    await writeFile(file, JSON.stringify(data, null, 2));
    const fromJson = await loadPlaybookFile(file);
    expect(fromJson).toEqual(await loadPlaybookFile(examplePath));
  });

  it('should name the file and line of a YAML syntax error', () => {
    const text = ['key: broken', 'version: 1', 'stages:', '  - key: a', '   labels: x', ''].join('\n');
    const err = refused(() => loadPlaybookText(text, 'yaml', 'broken.yaml'));
    expect(err.issues[0]?.line).toBe(5);
    expect(err.message).toMatch(/^Invalid playbook \(broken\.yaml\): \(root\): YAML syntax error: .* \(line 5\)/);
  });

  it('should name the line of a JSON syntax error', () => {
    const err = refused(() => loadPlaybookText('{\n  "key": "x",\n}\n', 'json', 'bad.json'));
    expect(err.issues[0]?.line).toBe(3);
    expect(err.message).toContain('bad.json');
  });

  it('should report validation errors with the file name', async () => {
    const file = join(dir, 'invalid.yaml');
    const data = minimal();
    data.transitions[0].to = 'natverk';
    await writeFile(file, JSON.stringify(data));
    await expect(loadPlaybookFile(file)).rejects.toThrow(
      'Invalid playbook (invalid.yaml): transitions[0].to: unknown stage "natverk"',
    );
  });

  it('should refuse an unknown extension', async () => {
    await expect(loadPlaybookFile(join(dir, 'x.toml'))).rejects.toThrow(/unsupported file extension/);
  });
});

describe('PlaybookRegistry', () => {
  it('should hold built-ins and custom playbooks, newest version first', async () => {
    const registry = new PlaybookRegistry();
    expect(registry.list()).toHaveLength(5);
    const custom = await loadPlaybookFile(examplePath);
    registry.register(custom);
    registry.register({ ...custom, version: 2 });
    expect(registry.get('exempel-narvaroteam')?.version).toBe(2);
    expect(registry.get('exempel-narvaroteam', 1)?.version).toBe(1);
    expect(registry.get('s3-bti')?.key).toBe('s3-bti');
    expect(registry.list().map((p) => p.key)).toContain('exempel-narvaroteam');
    expect(() => registry.register(custom)).toThrow(/already registered/);
    expect(() => registry.register({ key: 'x' })).toThrow(PlaybookValidationError);
    expect(registry.get('nope')).toBeUndefined();
  });
});
