/** Ends every jest run with the plain line CI reads: "N passed, M failed". */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    if (process.env.QCHARGE_SUMMARY_FILE) require('fs').writeFileSync(process.env.QCHARGE_SUMMARY_FILE, line + '\n');
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
