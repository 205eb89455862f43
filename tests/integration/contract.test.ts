// The API's schema is the contract plus additions, and the committed print of it is current.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { createTandemSchema } from '@tandem/api/schema';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const printed = `${root}apps/api/schema.graphql`;

describe('schema', () => {
  it('apps/api/schema.graphql is the current printed schema (run `npm run schema -w @tandem/api`)', () => {
    const current = `${printSchema(createTandemSchema({ maxBase64Bytes: 1 }))}\n`;
    expect(readFileSync(printed, 'utf8')).toBe(current);
  });

  it('provides every item of the shared contract’s core, access and content parts', () => {
    const checker = fileURLToPath(new URL('../../../shared/tools/check-contract.mjs', import.meta.url));
    const output = execFileSync(process.execPath, [checker, printed, '--parts', 'core,access,content'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('all items present');
  });
});
