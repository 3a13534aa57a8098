/**
 * Transitional re-export: the configuration moved to src/app/config.ts (the composition root).
 * Removed once src/chat/chat.service.ts imports from there.
 */
export * from './app/config.ts';
