// Mocha's dot reporter plus one plain closing line, "N passed, N failed, N skipped", which CI logs
// and other tools read without knowing mocha.
"use strict";
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Dot {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      process.stdout.write(`${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
