/** Transitional re-export: moved to src/ports/reply.ts (the contract between the core and the adapters). */
export * from '../ports/reply.ts';
