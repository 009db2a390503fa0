// Prints one closing line for the whole test command from the runners' JSON reports.
import { readFileSync } from "node:fs";

const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
};
const vitestRuns = [read("test-results/vitest.json"), read("test-results/vitest-faults.json")];
const playwright = read("test-results/playwright.json");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const vitest of vitestRuns) {
  if (!vitest) continue;
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky;
  skipped += playwright.stats.skipped;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
