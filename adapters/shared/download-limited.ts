/** Bounded downloads of files people send to the bot (attendance exports), shared by adapters. */

/** Thrown when a download exceeds its size limit. */
export class FileTooLargeError extends Error {
  readonly code = 'FILE.TOO_LARGE';
}

export interface DownloadOptions {
  headers?: Record<string, string>;
  /** Treat an HTML answer (e.g. a sign-in page) as a failed download. */
  rejectHtml?: boolean;
  fetchImpl?: typeof fetch;
}

/** GETs `url`, reading at most `limit` bytes (FileTooLargeError beyond), within 60 s. */
export async function downloadLimited(url: string, limit: number, opts: DownloadOptions = {}): Promise<Buffer> {
  const res = await (opts.fetchImpl ?? fetch)(url, { headers: opts.headers, signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  if (!res.ok) throw new Error(`download failed with HTTP ${res.status}`);
  if (opts.rejectHtml && (res.headers.get('content-type') ?? '').includes('text/html')) throw new Error('download returned an HTML page');
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await res.body?.cancel();
    throw new FileTooLargeError(`declared ${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw new FileTooLargeError(`more than ${limit} bytes`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
