/** Transitional re-export: moved to src/ports/chat-port.ts (the contract between the core and the adapters). */
export * from '../ports/chat-port.ts';
