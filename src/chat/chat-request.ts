/**
 * What every inbound chat request goes through before a feature sees it: who is asking (a short
 * identity cache), input the database cannot store refused, and the request scope (idempotency
 * key, waking the dispatcher after notices were written).
 */
import { recordAudit } from '../audit/audit.ts';
import { resolveActor, type Actor } from '../orgs/org.service.ts';
import { activeRequestOrg, type OrgInfo } from '../orgs/org-query.service.ts';
import type { Reminders } from '../reminders/index.ts';
import type { ServiceDeps } from '../shared/deps.ts';
import { DomainError } from '../shared/errors.ts';
import { currentRequest, runInRequest } from '../shared/request-context.ts';
import type { ActorRef } from '../ports/actor.ts';
import type { RequestOptions } from '../ports/chat-port.ts';

/**
 * Who a platform user is, for a short while: identity and language only — permissions are
 * decided from fresh data on every call.
 */
export class ActorCache {
  private readonly cache = new Map<string, { actor: Actor; until: number }>();
  /** Reads started by `warm`, for the one request that brought this ref. */
  private readonly early = new WeakMap<ActorRef, { teamLeads: boolean; read: Promise<{ actor: Actor; org: OrgInfo }> }>();

  constructor(private readonly deps: ServiceDeps) {}

  async resolve(ref: ActorRef): Promise<Actor> {
    return (await this.resolveWithOrg(ref)).actor;
  }

  /**
   * The actor and their organisation's set-up. Deprovisioning on any instance ends access at
   * once: the cache never outlives `active`, which is read fresh (with the organisation, in one
   * statement) on every call.
   */
  async resolveWithOrg(ref: ActorRef, opts: { teamLeads?: boolean } = {}): Promise<{ actor: Actor; org: OrgInfo }> {
    const early = this.early.get(ref);
    if (early) {
      this.early.delete(ref);
      if (early.teamLeads === Boolean(opts.teamLeads)) return early.read;
    }
    return this.read(ref, opts);
  }

  /**
   * Starts `resolveWithOrg` for a request that has not been stored yet; its own call picks the
   * read up (a failure reaches it there, and is never left unhandled if the request stops first).
   */
  warm(ref: ActorRef, opts: { teamLeads?: boolean } = {}): void {
    const read = this.read(ref, opts);
    read.catch(() => undefined);
    this.early.set(ref, { teamLeads: Boolean(opts.teamLeads), read });
  }

  /**
   * Who is asking — identity and language — without the fresh check of `active`: only for a
   * caller whose own statement makes that check along with its work (App Home, `loadHome`).
   */
  identityUnchecked(ref: ActorRef): Promise<Actor> {
    return this.identity(ref);
  }

  private async read(ref: ActorRef, opts: { teamLeads?: boolean }): Promise<{ actor: Actor; org: OrgInfo }> {
    const actor = await this.identity(ref);
    return { actor, org: await activeRequestOrg(this.deps, actor.personId, actor.orgId, opts) };
  }

  /** The cached identity (a resolve refuses a person who is inactive then), or a fresh resolve. */
  private async identity(ref: ActorRef): Promise<Actor> {
    const key = `${ref.platform}:${ref.workspaceId ?? ''}:${ref.userId}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return { ...hit.actor, ref };
    const actor = await resolveActor(this.deps.prisma, ref, { log: this.deps.log, now: () => this.deps.clock.now() });
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, { actor, until: now + 30_000 });
    return actor;
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * Text the database cannot store (NUL) or that is not well-formed Unicode (a lone surrogate) is
 * refused before anything runs, with a clear message and an audit row naming only the reason.
 */
export async function refuseUnstorable(deps: ServiceDeps, actor: Actor, inputs: readonly string[]): Promise<void> {
  const bad = inputs.findIndex((v) => typeof v === 'string' && (v.includes('\u0000') || !v.isWellFormed()));
  if (bad < 0) return;
  await recordAudit(deps.prisma, { at: deps.clock.now(), orgId: actor.orgId, actorId: actor.personId, platform: actor.platform, action: 'input.refused', outcome: 'DENIED', detail: { reason: 'invalid-characters' } });
  deps.log.warn({ refused: 'invalid-characters', platform: actor.platform }, 'request refused');
  throw new DomainError('INPUT.INVALID_CHARS');
}

/**
 * Runs one inbound request with its idempotency key in scope: every write it makes claims the
 * key (src/shared/idempotency.ts), so a retry returns the first result and writes nothing. When
 * it wrote notices, the dispatcher is woken once everything has committed.
 */
export function inRequest<T>(reminders: Reminders, opts: RequestOptions, fn: () => Promise<T>): Promise<T> {
  if (currentRequest()) return fn();
  return runInRequest(opts.requestKey, async (ctx) => {
    try {
      return await fn();
    } finally {
      if (ctx.notices) reminders.kick();
    }
  });
}
