/**
 * How the project is installed and started on the machines: the README's Node requirement and
 * `engines` agree; npm itself (the machine's npm on the machine's Node 20, `npm install
 * --dry-run`) prints no EBADENGINE warning; the project's Node 24 runs the scripts; and
 * `npm run playground` follows PORT with the Playground's telemetry off.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { playgroundArgs } from '../../scripts/playground.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; scripts: Record<string, string>; devDependencies: Record<string, string> };
const readme = readFileSync('README.md', 'utf8');
const args = playgroundArgs as (env: Record<string, string | undefined>) => string[];

/** The first `node` on PATH outside the project's node_modules (the machine's own). */
function machineNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const p = path.join(dir, 'node');
    if (existsSync(p)) return p;
  }
  return undefined;
}

describe('Node version and engines', () => {
  it('README states the same minimum Node as engines', () => {
    const m = /Node\.js ≥ (\d+(?:\.\d+){0,2})/.exec(readme);
    expect(m, 'README names a Node requirement').not.toBeNull();
    expect(pkg.engines.node).toBe(`>=${m![1]!.split('.').concat(['0', '0']).slice(0, 3).join('.')}`);
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
  });

  it('the scripts run on the project Node 24 (npm puts node_modules/.bin first on PATH)', () => {
    const out = execFileSync('npm', ['run', '--silent', 'keygen'], { encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
    expect(out).toMatch(/^k\d{8}:/);
    const version = execFileSync('npm', ['exec', '--offline', '--', 'node', '--version'], { encoding: 'utf8' }).trim();
    expect(Number(/^v(\d+)/.exec(version)?.[1])).toBeGreaterThanOrEqual(24);
  });

  // Validator: npm itself — its engine check is what prints EBADENGINE during `npm install`.
  const node = machineNode();
  const nodeMajor = node ? Number(/^v(\d+)/.exec(execFileSync(node, ['--version'], { encoding: 'utf8' }))?.[1]) : 0;
  const npmCli = (() => {
    try {
      return path.join(path.dirname(realpathSync(execFileSync('sh', ['-c', 'PATH=$(echo "$PATH" | tr ":" "\\n" | grep -v node_modules | paste -sd:) command -v npm'], { encoding: 'utf8' }).trim())), 'npm-cli.js');
    } catch {
      return undefined;
    }
  })();
  if (!node || !npmCli || !existsSync(npmCli)) console.warn('[engines] SKIPPED the npm EBADENGINE check: no machine node/npm outside node_modules');
  it.skipIf(!node || !npmCli || !existsSync(npmCli))(`npm install on the machine's Node (${nodeMajor}) prints no EBADENGINE`, () => {
    const r = spawnSync(node!, [npmCli!, 'install', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: path.dirname(node!) + path.delimiter + '/usr/bin:/bin', npm_config_update_notifier: 'false', npm_config_loglevel: 'warn' },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    expect(output).not.toMatch(/EBADENGINE/);
    expect(r.status, output).toBe(0);
  }, 60_000);
});

describe('npm run playground', () => {
  it('is the wrapper that follows PORT', () => {
    expect(pkg.scripts.playground).toBe('node scripts/playground.mjs');
  });

  it('points the Playground at PORT (default 3978) with telemetry off', () => {
    expect(args({})).toEqual(['-e', 'http://127.0.0.1:3978/api/messages', '-c', 'msteams', '--disable-telemetry']);
    expect(args({ PORT: '4123', HOST: '0.0.0.0' })[1]).toBe('http://127.0.0.1:4123/api/messages');
    expect(args({ PORT: '4123', HOST: '::1', PLAYGROUND_PORT: '56999' })).toEqual(['-e', 'http://[::1]:4123/api/messages', '-c', 'msteams', '--disable-telemetry', '-p', '56999']);
    expect(() => args({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('the Playground CLI accepts exactly these options', () => {
    const help = execFileSync(process.execPath, ['node_modules/@microsoft/m365agentsplayground/cli.js', '--help'], { encoding: 'utf8' });
    for (const opt of ['--app-endpoint', '--channel-id', '--disable-telemetry', '--port']) expect(help).toContain(opt);
  });
});
