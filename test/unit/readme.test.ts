/**
 * README.md stays a newcomer's page (the rest lives in docs/), and its Layout, like
 * docs/architecture.md, names every top-level entry of src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README.md', () => {
  it('is at most 15 KB', () => {
    expect(statSync('README.md').size).toBeLessThanOrEqual(15 * 1024);
  });

  it('Layout and docs/architecture.md name every top-level entry of src/', () => {
    const readme = readFileSync('README.md', 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'));
    const architecture = readFileSync('docs/architecture.md', 'utf8');
    for (const entry of readdirSync('src', { withFileTypes: true })) {
      const name = entry.isDirectory() ? `${entry.name}/` : entry.name;
      expect(layout).toContain(`src/${name}`);
      expect(architecture).toContain(`\`${name}\``);
    }
  });
});
