/** Prints the report of a saved run again: `tsx test/bench/render.ts run.json` (from `--json`). */
import { readFileSync } from 'node:fs';
import type { BenchRun } from './measure.js';
import { formatReport } from './report.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx test/bench/render.ts <run.json>');
console.log(formatReport(JSON.parse(readFileSync(file, 'utf8')) as BenchRun));
