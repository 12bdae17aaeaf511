/** Validation is on the admin write path: a full-size document must cost well under a millisecond. */
import assert from 'node:assert/strict';
import { s3Catalogue, validateAgainstCatalogue } from '../../src/catalogue/index.js';
import { MAX_POLICY_BYTES, minifyPolicy, parsePolicy } from '../../src/policy/index.js';

const statement = (sid: string) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:Get*Tagging', 's3:Delete*'],
  Resource: ['arn:aws:s3:::bucket-one', 'arn:aws:s3:::bucket-one/home/${aws:username}/*', 'arn:aws:s3:::logs-*/2024/*'],
  Condition: {
    StringLike: { 's3:prefix': ['home/${aws:username}/*', ''] },
    IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] },
    StringEquals: { 's3:ExistingObjectTag/team': 'storage' },
  },
});

describe('catalogue: cost', () => {
  it('validates a 2 KB document in well under 1 ms once the catalogue is loaded', () => {
    s3Catalogue();
    const document = { Version: '2012-10-17', Statement: ['A', 'B', 'C', 'D'].map(statement) };
    const bytes = Buffer.byteLength(minifyPolicy(document));
    assert.ok(bytes > 1500 && bytes <= MAX_POLICY_BYTES, `${bytes} bytes`);
    const policy = parsePolicy(document);
    for (let i = 0; i < 200; i++) validateAgainstCatalogue(policy);
    const runs = 1000;
    const started = performance.now();
    for (let i = 0; i < runs; i++) validateAgainstCatalogue(policy);
    const perCall = (performance.now() - started) / runs;
    assert.ok(perCall < 1, `${perCall.toFixed(3)} ms per validation of ${bytes} bytes`);
    if (process.env['CATALOGUE_COST'] !== undefined) console.log(`      ${perCall.toFixed(4)} ms per validation of ${bytes} bytes`);
  });
});
