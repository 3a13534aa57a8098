/** Transitional re-export: moved to src/ports/actor.ts (the contract between the core and the adapters). */
export * from '../ports/actor.ts';
