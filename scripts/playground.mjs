#!/usr/bin/env node
/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at this Stafett, on the port
 * the service listens on (`PORT`, default 3978), with the Playground's telemetry switched off.
 * `PLAYGROUND_PORT` moves the Playground's own web UI (default 56150).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function port(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (1–65535), got "${raw}"`);
  return n;
}

/** The Playground's command line for an environment (exported for the test). */
export function playgroundArgs(env = process.env) {
  const botPort = port(env, 'PORT', 3978);
  // A wildcard listen address is reached on loopback; a named host is used as is.
  const host = !env.HOST || ['0.0.0.0', '::', '[::]'].includes(env.HOST) ? '127.0.0.1' : env.HOST;
  const args = ['-e', `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${botPort}/api/messages`, '-c', 'msteams', '--disable-telemetry'];
  const ui = port(env, 'PLAYGROUND_PORT', undefined);
  if (ui !== undefined) args.push('-p', String(ui));
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = playgroundArgs();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }
  const bin = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env: { ...process.env } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
