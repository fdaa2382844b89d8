import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHARGE_POINT_ACTIONS, CSMS_ACTIONS } from '../src/ocpp/actions';
import { hasSchema } from '../src/ocpp/validator';

const ROOT = path.resolve(__dirname, '..');
const COMMITTED = path.join(ROOT, 'src/ocpp/generated/ocpp16.ts');

describe('generated OCPP types', () => {
  let outDir: string;
  beforeAll(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'ocpp-types-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('are committed as generated from the current schemas', () => {
    // The generator in a child process, as `npm run codegen:ocpp` runs it: jest cannot load prettier's ESM.
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/generate-ocpp-types.ts', outDir], { cwd: ROOT, encoding: 'utf8' });
    const generated = readFileSync(path.join(outDir, 'ocpp16.ts'), 'utf8');
    const committed = readFileSync(COMMITTED, 'utf8');
    expect(generated).toContain('export interface StartTransactionRequest {');
    expect(generated === committed ? 'up to date' : 'stale: run npm run codegen:ocpp').toBe('up to date');
  }, 60_000);

  it('type every action that ajv validates, both ways', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    for (const action of new Set([...CHARGE_POINT_ACTIONS, ...CSMS_ACTIONS])) {
      expect([action, hasSchema(action, 'req'), hasSchema(action, 'conf')]).toEqual([action, true, true]);
      expect(committed).toContain(`export interface ${action}Request {`);
      expect(committed).toContain(`export interface ${action}Response {`);
    }
  });
});
