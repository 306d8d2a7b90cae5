/**
 * docs/configuration.md, generated from VARIABLES in src/config.ts: `npm run docs:config` writes
 * it; test/unit/configuration-doc.test.ts fails when the file and the table differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { isDerived, VARIABLES, type Variable } from '../src/config.js';

export const CONFIGURATION_DOC = new URL('../docs/configuration.md', import.meta.url);

const INTRO = `# Configuration

<!-- Generated from VARIABLES in src/config.ts by \`npm run docs:config\`; do not edit by hand. -->

subgate reads its configuration from the environment once, at start-up. An invalid value stops
start-up (exit code 2) with one message naming every bad variable; a secret's value is never
echoed. A \`PORT\`, \`METRICS_PORT\` or \`EMULATOR_PORT\` another process holds stops it the same way.

- **Demo mode**: with neither \`ILOP_ENDPOINT\` nor \`BSS_ENDPOINT\` set, \`npm start\` runs the
  embedded emulator with the demo credentials and dataset. Set both (real vendors, or a separately
  run emulator) with the four credentials to leave it; one without the other is an error.
- **Production**: \`NODE_ENV=production\` refuses demo mode, the demo secrets and the demo admin key,
  and turns introspection and GraphiQL off unless they are set.

Pointing subgate at the real vendors:

\`\`\`sh
ILOP_ENDPOINT=https://api.link.aliyun.com \\
ILOP_APP_KEY=... ILOP_APP_SECRET=... \\
BSS_ENDPOINT=https://business.aliyuncs.com \\
BSS_ACCESS_KEY_ID=... BSS_ACCESS_KEY_SECRET=... \\
GATEWAY_ADMIN_KEYS=<one or more keys of 16+ characters, comma-separated> \\
npm start
\`\`\`
`;

const code = (value: unknown) => `\`${String(value)}\``;

function defaultText(spec: Variable<unknown>): string {
  const d = spec.default;
  if (isDerived(d)) return d.doc;
  if (d === null || d === undefined) return 'unset';
  return Array.isArray(d) ? d.map(code).join(', ') : code(d);
}

/** The document, formatted as prettier would (the repository is prettier-checked). */
export async function configurationDoc(): Promise<string> {
  const groups = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(VARIABLES) as [string, Variable<unknown>][]) {
    const rows = groups.get(spec.group) ?? [];
    const about = spec.secret
      ? `${spec.description} Secret: never logged or echoed.`
      : spec.description;
    rows.push(`| \`${name}\` | ${about} | ${spec.parse.format} | ${defaultText(spec)} |`);
    groups.set(spec.group, rows);
  }
  const sections = [...groups].map(([group, rows]) =>
    [
      `## ${group}`,
      '',
      '| variable | meaning | accepts | default |',
      '| - | - | - | - |',
      ...rows,
    ].join('\n'),
  );
  return format([INTRO, ...sections].join('\n\n'), {
    parser: 'markdown',
    singleQuote: true,
    printWidth: 100,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONFIGURATION_DOC, await configurationDoc());
}
