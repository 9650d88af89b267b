'use strict';
/**
 * Mocha's spec reporter, plus a summary for .ci/run: when MOCHA_SUMMARY_FILE is set, the totals are
 * written there as JSON ({"passed","failed","skipped"}) at the end of the run. (Mocha takes one
 * reporter, so the summary rides on the spec one; .mocharc.json selects this file.)
 */
const fs = require('node:fs');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.MOCHA_SUMMARY_FILE;
    runner.once(EVENT_RUN_END, () => {
      if (!file) return;
      const stats = runner.stats || this.stats;
      fs.writeFileSync(
        file,
        JSON.stringify({ passed: stats.passes, failed: stats.failures, skipped: stats.pending }),
      );
    });
  }
}

module.exports = SummaryReporter;
