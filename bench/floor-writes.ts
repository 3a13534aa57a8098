/**
 * The durable floor's writes: what any implementation must at least do to record a `ny` so that
 * it survives a SIGKILL right after the answer (the quality bar), and nothing else — no reads, no
 * access rules, no case logic, no rendering. Used by bench/bolt-floor.ts and bench/teams-floor.ts
 * when FLOOR_DATABASE_URL is set; the same PostgreSQL server as the service, own tables.
 *
 *   Slack: `received` (the request is stored before the ack: one commit), `record` (the case's
 *   rows in one statement: one commit), the answer, then `done` (one commit) — the same commits
 *   Stafett's durable inbox and opening transaction make, in the same order.
 *   Teams: `record` only (Stafett's Teams path has no inbox: the invoke's HTTP answer is the reply).
 *   Reads (`status`, `mina`, App Home): every read of case data is logged, so a read's least
 *   durable work is its audit row (`audit`: one row, one commit) — for a slash command between
 *   `received` and `done`, as Stafett's inbox has it; App Home (an event, no inbox) the audit only.
 *
 * `record` writes ROWS rows of ~PAYLOAD bytes, as many as a `ny` writes (case, member, log entry,
 * deadlines, reminders, audit event, request key, counter: 10 on the bench's playbook) into one
 * table with a primary key and one secondary index — fewer indexes than Stafett's tables, so this
 * is a lower bound on the cost of the same durability.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ROWS = 10;
const PAYLOAD = 160;

export interface FloorWriter {
  received(key: string, payload: string): Promise<void>;
  record(key: string): Promise<void>;
  done(key: string): Promise<void>;
  audit(key: string): Promise<void>;
  close(): Promise<void>;
}

export async function floorWriter(url: string | undefined): Promise<FloorWriter | undefined> {
  if (!url) return undefined;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_floor_inbox (k text PRIMARY KEY, payload text NOT NULL, state text NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS bench_floor_rows (id bigserial PRIMARY KEY, k text NOT NULL, n int NOT NULL, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE INDEX IF NOT EXISTS bench_floor_rows_k ON bench_floor_rows (k)`);
  const payload = randomBytes(PAYLOAD).toString('base64url').slice(0, PAYLOAD);
  return {
    async received(key, body) {
      await pool.query({ name: 'floor_received', text: 'INSERT INTO bench_floor_inbox (k, payload, state) VALUES ($1, $2, $3) ON CONFLICT (k) DO NOTHING', values: [key, body, 'received'] });
    },
    async record(key) {
      await pool.query({ name: 'floor_record', text: 'INSERT INTO bench_floor_rows (k, n, payload) SELECT $1, g, $2 FROM generate_series(1, $3::int) g', values: [key, payload, ROWS] });
    },
    async done(key) {
      await pool.query({ name: 'floor_done', text: 'UPDATE bench_floor_inbox SET state = $2 WHERE k = $1', values: [key, 'done'] });
    },
    async audit(key) {
      await pool.query({ name: 'floor_audit', text: 'INSERT INTO bench_floor_rows (k, n, payload) VALUES ($1, 0, $2)', values: [key, payload] });
    },
    close: () => pool.end(),
  };
}
