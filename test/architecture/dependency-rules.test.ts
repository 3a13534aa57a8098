/**
 * The architecture rules of .dependency-cruiser.cjs (also run by `npm test` before vitest): the
 * project passes them, and each rule does refuse the import it is there for (checked on small
 * fixture trees in a temp dir, so a rule that matches nothing would fail here).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const ruleSet = require('../../.dependency-cruiser.cjs') as IConfiguration & { options: Record<string, unknown> };

async function run(dirs: string[], baseDir?: string): Promise<ICruiseResult> {
  const { tsConfig: _ignored, ...options } = ruleSet.options;
  const result = await cruise(dirs, { ...options, ...(baseDir ? { baseDir } : { tsConfig: { fileName: 'tsconfig.json' } }), validate: true, ruleSet: { forbidden: ruleSet.forbidden } } as never);
  return result.output as ICruiseResult;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'stafett-depcruise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmp, 'case-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  // Resolves the SDK packages from the project's node_modules, as in the real tree.
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  return dir;
}

const violated = (r: ICruiseResult) => r.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('dependency rules', () => {
  it('the project passes every rule', async () => {
    const r = await run(['src', 'adapters', 'scripts']);
    expect(violated(r)).toEqual([]);
    expect(r.summary.totalCruised).toBeGreaterThan(150);
  });

  it('each rule refuses what it names', async () => {
    const dir = tree({
      'src/cases/a.ts': "import { b } from './b.ts';\nexport const a = 1 + b;\n",
      'src/cases/b.ts': "import { a } from './a.ts';\nexport const b = 2;\nexport const c = () => a;\n",
      'src/stats/uses-adapter.ts': "import { x } from '../../adapters/slack/x.ts';\nexport const y = x;\n",
      'src/app/main.ts': "import { x } from '../../adapters/slack/x.ts';\nexport const y = x;\n",
      'src/stats/uses-sdk.ts': "import bolt from '@slack/bolt';\nexport const y = bolt;\n",
      'adapters/slack/x.ts': "import bolt from '@slack/bolt';\nexport const x = bolt;\n",
      'src/stats/typo.ts': "import { nope } from './nope.ts';\nexport const y = nope;\n",
      'src/chat/view.ts': "export const view = 1;\n",
      'src/stats/uses-chat.ts': "import { view } from '../chat/view.ts';\nexport const y = view;\n",
      'src/infra/db.ts': "export const db = 1;\n",
      'adapters/teams/uses-infra.ts': "import { db } from '../../src/infra/db.ts';\nexport const y = db;\n",
      'src/ports/port.ts': "export const port = 1;\n",
      'adapters/teams/uses-port.ts': "import { port } from '../../src/ports/port.ts';\nexport const y = port;\n",
      'src/i18n/lang.ts': "import { view } from '../chat/view.ts';\nexport const y = view;\n",
    });
    // The SDK is resolved through a node_modules link to the project's.
    require('node:fs').symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
    const r = await run(['src', 'adapters'], dir);
    const v = violated(r);
    expect(v).toContain('no-circular: src/cases/a.ts → src/cases/b.ts');
    expect(v).toContain('adapters-only-from-composition-root: src/stats/uses-adapter.ts → adapters/slack/x.ts');
    expect(v.some((s) => s.startsWith('sdk-only-in-adapters: src/stats/uses-sdk.ts → '))).toBe(true);
    expect(v).toContain('not-to-unresolvable: src/stats/typo.ts → ./nope.ts');
    expect(v).toContain('domain-not-to-conversation-layer: src/stats/uses-chat.ts → src/chat/view.ts');
    expect(v).toContain('adapters-through-ports: adapters/teams/uses-infra.ts → src/infra/db.ts');
    expect(v).toContain('i18n-is-neutral: src/i18n/lang.ts → src/chat/view.ts');
    expect(v.filter((s) => s.includes('uses-port.ts'))).toEqual([]);
    // Allowed: the composition root imports adapters, adapters import the SDK.
    expect(v.filter((s) => s.includes('src/app/main.ts') || s.includes(': adapters/slack/x.ts'))).toEqual([]);
  });
});
