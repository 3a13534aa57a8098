/**
 * Persists the development clock's offset in the database so every instance and a restart
 * agree on "now". Never constructed when NODE_ENV=production (see config).
 */
import { AdjustableClock } from '../shared/clock.ts';
import type { Prisma } from './db/database.ts';

export class DevClockStore {
  constructor(private readonly prisma: Prisma, readonly clock: AdjustableClock) {}

  /** Loads the stored offset into the clock. */
  async refresh(): Promise<void> {
    const row = await this.prisma.devClock.findUnique({ where: { id: 1 } });
    this.clock.setOffset(row ? Number(row.offsetMs) : 0);
  }

  async advance(ms: number): Promise<Date> {
    await this.refresh();
    this.clock.advance(ms);
    await this.save();
    return this.clock.now();
  }

  async set(at: Date): Promise<Date> {
    this.clock.set(at);
    await this.save();
    return this.clock.now();
  }

  private async save(): Promise<void> {
    const offsetMs = BigInt(Math.round(this.clock.offset));
    await this.prisma.devClock.upsert({ where: { id: 1 }, create: { id: 1, offsetMs }, update: { offsetMs } });
  }
}
