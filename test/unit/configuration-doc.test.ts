/** docs/configuration.md is the table in src/config.ts, rendered: regenerate with `npm run docs:config`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config.js';
import { CONFIGURATION_DOC, configurationDoc } from '../../scripts/config-docs.js';

describe('docs/configuration.md', () => {
  it('is generated from the variables table (npm run docs:config)', async () => {
    const doc = readFileSync(CONFIGURATION_DOC, 'utf8');
    expect(doc).toBe(await configurationDoc());
    for (const name of Object.keys(VARIABLES)) expect(doc).toContain(`| \`${name}\``);
  });
});
