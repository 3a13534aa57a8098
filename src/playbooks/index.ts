import { s0Elevvard } from './builtin/s0-elevvard.ts';
import { s1Vastbas } from './builtin/s1-vastbas.ts';
import { s2Tomelilla } from './builtin/s2-tomelilla.ts';
import { s3Bti } from './builtin/s3-bti.ts';
import { s4Sandviken } from './builtin/s4-sandviken.ts';
import { PlaybookValidationError } from './playbook.errors.ts';
import type { Playbook } from './playbook.ts';
import { parsePlaybook } from './playbook.validate.ts';

export * from './playbook.ts';
export * from './playbook.errors.ts';
export * from './playbook.messages.ts';
export { crossCheckPlaybook, formatPath, parsePlaybook } from './playbook.validate.ts';
export { loadPlaybookFile, loadPlaybookText, playbookFormatOf, type PlaybookFormat } from './playbook.loader.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The five seed models, validated at module load (a broken built-in fails fast) and frozen. */
export const builtinPlaybooks: readonly Playbook[] = deepFreeze(
  [s0Elevvard, s1Vastbas, s2Tomelilla, s3Bti, s4Sandviken].map((def) => parsePlaybook(def, `builtin:${def.key}`)),
);

/** A built-in playbook by key, or undefined. */
export function getBuiltinPlaybook(key: string): Playbook | undefined {
  return builtinPlaybooks.find((p) => p.key === key);
}

/**
 * Built-in playbooks plus custom ones loaded by an organisation. Keeps every version;
 * `get(key)` returns the newest unless a version is asked for.
 */
export class PlaybookRegistry {
  private readonly byKey = new Map<string, Map<number, Playbook>>();

  constructor(initial: readonly Playbook[] = builtinPlaybooks) {
    for (const p of initial) this.put(p);
  }

  /** Validates (if needed) and adds a custom playbook. Refuses to replace an existing key+version. */
  register(playbook: unknown): Playbook {
    const pb = parsePlaybook(playbook);
    if (this.byKey.get(pb.key)?.has(pb.version)) {
      throw new PlaybookValidationError(
        [{ path: 'version', message: `playbook "${pb.key}" version ${pb.version} is already registered` }],
      );
    }
    this.put(pb);
    return pb;
  }

  /** The playbook with `key` (newest version, or the given one), or undefined. */
  get(key: string, version?: number): Playbook | undefined {
    const versions = this.byKey.get(key);
    if (!versions) return undefined;
    if (version !== undefined) return versions.get(version);
    let newest: Playbook | undefined;
    for (const p of versions.values()) if (!newest || p.version > newest.version) newest = p;
    return newest;
  }

  /** Newest version of every playbook, ordered by key. */
  list(): Playbook[] {
    return [...this.byKey.keys()]
      .sort()
      .map((k) => this.get(k))
      .filter((p): p is Playbook => p !== undefined);
  }

  private put(p: Playbook): void {
    let versions = this.byKey.get(p.key);
    if (!versions) {
      versions = new Map();
      this.byKey.set(p.key, versions);
    }
    versions.set(p.version, p);
  }
}
