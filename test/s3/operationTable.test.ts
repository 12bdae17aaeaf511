import assert from 'node:assert/strict';
import { S3_OPERATIONS } from '../../src/s3/index.js';
import { OPERATION_CASES, VERSIONED_CASES } from './fixtures/operationCases.js';
import { checksOf, classify, known } from './s3Helpers.js';

describe('s3/operation table', () => {
  describe('one request per operation', () => {
    for (const { operation, method, target, headers, checks } of OPERATION_CASES) {
      it(`${operation}: ${method} ${target}`, () => {
        const result = classify(method, target, headers);
        assert.equal(known(result).operation, operation);
        assert.deepEqual(checksOf(result), checks);
      });
    }
  });

  describe('versionId selects the version action', () => {
    for (const [operation, method, target, action] of VERSIONED_CASES) {
      it(`${operation}: ${method} ${target}`, () => {
        const result = known(classify(method, target));
        assert.equal(result.operation, operation);
        assert.equal(result.authorizations[0]?.action, action);
        assert.equal(result.context['s3:VersionId'], 'v1');
      });
    }
  });

  it('has one row per operation name', () => {
    const names = S3_OPERATIONS.map((row) => row.operation);
    assert.equal(new Set(names).size, names.length);
  });

  it('has a request case for every row, and no case for an operation it lacks', () => {
    const rows = new Set(S3_OPERATIONS.map((row) => row.operation));
    const cased = new Set(OPERATION_CASES.map((entry) => entry.operation));
    assert.deepEqual([...rows].filter((name) => !cased.has(name)), []);
    assert.deepEqual([...cased].filter((name) => !rows.has(name)), []);
  });

  it('resolves every method + target + subresource + discriminator to at most one row', () => {
    const seen = new Map<string, string>();
    for (const row of S3_OPERATIONS) {
      const signature = [row.method, row.target, row.subresource, JSON.stringify(row.name), row.copy, row.requires].join(' ');
      assert.equal(seen.get(signature), undefined, `${row.operation} duplicates ${seen.get(signature)}`);
      seen.set(signature, row.operation);
    }
  });
});
