/** Runs service-child.ts as a real process in its own process group. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildService {
  child: ChildProcess;
  url: string;
  /** Resolves with the signal the process died of (null for a normal exit). */
  exited: Promise<NodeJS.Signals | null>;
  /** The end of what it printed (its log), for a failure message. */
  output(): string;
  kill(signal?: NodeJS.Signals): void;
  alive(): boolean;
}

export async function spawnService(env: Record<string, string>, startTimeoutMs = 60_000): Promise<ChildService> {
  // node with tsx as a loader (not the tsx CLI, whose signal relay can turn SIGTERM into an exit
  // before the service has stopped): SIGTERM reaches the service itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/faults/support/service-child.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let err = '';
  const keep = (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  };
  child.stderr!.on('data', keep);
  child.stdout!.on('data', keep);
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service did not start within ${startTimeoutMs} ms: ${out}\n${err}`)), startTimeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`service exited before it started: ${out}\n${err}`));
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    exited,
    output: () => err,
    // The whole process group (the service and anything it started).
    kill: (signal = 'SIGKILL') => {
      if (child.pid && alive()) process.kill(-child.pid, signal);
    },
    alive,
  };
}
