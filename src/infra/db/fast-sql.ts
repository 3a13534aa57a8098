/**
 * Plain SQL on the hot paths, one round trip per statement with the least client work.
 *
 * Prisma's client costs 0.2–0.4 ms of CPU per statement (its request pipeline and, for model
 * queries, the WebAssembly query compiler); the pg pool under it costs about 0.06 ms. The few
 * statements every chat request runs (who is asking and their organisation, the case read, the
 * audit row, the inbox entry) go straight to the pool on a PostgreSQL server, through the same
 * pool Prisma uses. Inside a Prisma transaction, and on embedded PGlite (one connection that
 * Prisma's adapter serialises), they go through Prisma's raw query instead, so a statement never
 * runs outside the transaction or connection discipline it belongs to.
 *
 * Results look the same on both paths: `timestamp` columns (stored in UTC, as Prisma stores
 * them) become Dates; keep other column types simple (text, int, boolean, json, text[]) and cast
 * counts to int.
 */
import type pg from 'pg';

/** The root Prisma client or a transaction client (structurally: what this module calls). */
export interface RawDb {
  $queryRawUnsafe(text: string, ...values: unknown[]): Promise<unknown>;
}

/** A statement with `$1…$n` placeholders and their values. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** Builds a statement from a template: every `${value}` becomes a placeholder, never text. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlStatement {
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
  return { text, values };
}

type Runner = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

/** The root Prisma clients whose statements may take the direct path, each with its runner. */
const direct = new WeakMap<object, Runner>();

const TIMESTAMP_OID = 1114;
const utcTimestamp = (s: string): Date => new Date(`${s.replace(' ', 'T')}Z`);

/** Lets statements on `prisma` (the root client, never a transaction) run on `pool` directly. */
export function registerDirectPool(prisma: RawDb, pool: pg.Pool, types: typeof pg.types): void {
  const parsers = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP_OID && format !== 'binary' ? utcTimestamp : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
  };
  direct.set(prisma, async (text, values) => {
    const name = statementName(text);
    return (await pool.query({ text, values, types: parsers, ...(name ? { name } : {}) })).rows as Record<string, unknown>[];
  });
}

/**
 * Named statements are parsed once per pool connection and then only bound and executed (saves
 * PostgreSQL's parse and, once it settles on a generic plan, the planning, and a Parse message).
 * Used for the direct path here and, through @prisma/adapter-pg's `statementNameGenerator`, for
 * every statement Prisma sends (src/infra/db/database.ts) — also inside transactions, where the
 * opening of a case spends 1–2 ms parsing and planning its one statement.
 *
 * A text gets a name on its second use, so one-off texts (an `IN (…)` list of a length seen once)
 * never take a slot; at most MAX_NAMED texts are named, and at most MAX_SEEN candidates counted,
 * so a statement whose text varies can never grow every connection's set of prepared statements
 * (or this process's memory) without bound. Long texts are not named.
 */
const names = new Map<string, string>();
const seen = new Set<string>();
const MAX_NAMED = 512;
const MAX_SEEN = 2000;
const MAX_TEXT = 16_000;
export function statementName(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size >= MAX_NAMED || text.length > MAX_TEXT) return name;
  if (!seen.has(text)) {
    if (seen.size < MAX_SEEN) seen.add(text);
    return undefined;
  }
  seen.delete(text);
  const next = `stafett_${names.size + 1}`;
  names.set(text, next);
  return next;
}

/** Dates as ISO text in UTC: pg would render them in the process's time zone. */
function param(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

/** Runs one statement on `db` (the root client or a transaction) and returns its rows. */
export async function query<T = Record<string, unknown>>(db: RawDb, st: SqlStatement): Promise<T[]> {
  const values = st.values.map(param);
  const run = direct.get(db);
  if (run) return (await run(st.text, values)) as T[];
  return (await db.$queryRawUnsafe(st.text, ...values)) as T[];
}

/** Runs one data-changing statement without rows to return. */
export async function execute(db: RawDb, st: SqlStatement): Promise<void> {
  await query(db, st);
}

/** Collects the parameters of one hand-built statement: `p(value)` returns its placeholder. */
export class Params {
  readonly values: unknown[] = [];

  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * `SELECT <columns> FROM json_populate_recordset(NULL::"table", $n)`: many rows of one table as
   * one parameter, typed by the table's own columns (enums, jsonb, text[], timestamps sent as ISO
   * text in UTC). Only the columns of the first row are listed, so the others take their defaults.
   */
  rows(table: string, rows: readonly object[]): { columns: string; select: string } {
    const cols = Object.keys(rows[0] ?? {}).map((c) => `"${c}"`).join(', ');
    return { columns: cols, select: `SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", ${this.p(JSON.stringify(rows))}::json)` };
  }
}
