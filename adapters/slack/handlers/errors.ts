/**
 * The one global Bolt error hook: logs the failure and, where Slack gave a response_url, tells
 * the person generically that nothing was saved. Never a stack trace in chat.
 */
import type { App } from '@slack/bolt';
import { errorText } from '../../../src/i18n/core.ts';
import type { Logger } from '../../../src/shared/logger.ts';

/** Bolt's extended error hook (the last `app.error` overload; the type is not exported). */
type ExtendedErrorHandler = Parameters<App['error']>[0];

export function registerErrorHandler(app: App, log: Logger, isAllowedResponseUrl: (url: string) => boolean, fetchImpl: typeof fetch = fetch): void {
  const handler: ExtendedErrorHandler = async ({ error, body }) => {
    const b = (body ?? {}) as { type?: string; command?: string; response_url?: string };
    log.error({ err: error, type: b.type ?? (b.command ? 'slash_command' : undefined) }, 'Slack listener failed');
    if (!b.response_url || !isAllowedResponseUrl(b.response_url)) return;
    try {
      await fetchImpl(b.response_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: `⚠ ${errorText('sv', 'INTERNAL')}` }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (e) {
      log.warn({ err: e }, 'could not tell the user about a failed request');
    }
  };
  app.error(handler);
}
