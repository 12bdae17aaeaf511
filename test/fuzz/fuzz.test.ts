/**
 * The fuzz campaign of `npm run fuzz`, small: a few hundred generated inputs per parser through
 * the live service. No crash, no 5xx, every answer in its protocol's format, nothing leaked.
 * FUZZ_SEED fixes the inputs; the seed is printed when the run fails.
 */
import assert from 'node:assert/strict';
import { formatReport, PARSERS, runCampaign, type CampaignReport } from './campaign.js';

const COUNT = 300;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

describe(`fuzz (${COUNT} inputs per parser, seed ${SEED})`, function () {
  this.timeout(60_000);
  let report: CampaignReport;

  before(async () => {
    report = await runCampaign({ count: COUNT, seed: SEED, concurrency: 16 });
  });

  it('the process survives: no unhandled rejection or uncaught exception', () => {
    assert.deepEqual(report.crashes, []);
  });

  for (const parser of PARSERS) {
    it(`${parser.name}: ${parser.surface}`, () => {
      const mine = report.parsers.find((r) => r.name === parser.name);
      assert.ok(mine, `${parser.name} did not run`);
      assert.equal(mine.inputs, COUNT);
      const problems = formatReport({ ...report, parsers: [mine] }).filter((line) => line.startsWith('  '));
      assert.equal(mine.violations + mine.crashes, 0, `seed ${SEED}:\n${problems.join('\n')}`);
    });
  }
});
