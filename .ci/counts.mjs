// Counts vitest JSON reports: one "label: N passed, N failed" line per report, then the total as
// a plain "N passed, N failed" (the last line CI prints). A test file that fails to load has no
// failed tests but a failed suite: it counts as one failure, and so do a missing report and a run
// whose `npm test` exited non-zero with no failed test (vitest's unhandled errors, which its JSON
// report does not record).
// Usage: node .ci/counts.mjs <label> <report.json> <exit code> [<label> <report.json> <exit code> ...]
import { readFileSync } from 'node:fs';

function count(file, exitCode) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { passed: 0, failed: 1 }; // vitest died before writing its report
  }
  const unloaded = report.testResults.filter(
    (suite) =>
      suite.status === 'failed' && !suite.assertionResults.some((t) => t.status === 'failed'),
  ).length;
  const failed = report.numFailedTests + unloaded;
  return {
    passed: report.numPassedTests,
    failed: failed === 0 && exitCode !== '0' ? 1 : failed,
  };
}

const args = process.argv.slice(2);
const total = { passed: 0, failed: 0 };
for (let i = 0; i < args.length; i += 3) {
  const { passed, failed } = count(args[i + 1], args[i + 2]);
  console.log(`${args[i]}: ${passed} passed, ${failed} failed`);
  total.passed += passed;
  total.failed += failed;
}
console.log(`${total.passed} passed, ${total.failed} failed`);
