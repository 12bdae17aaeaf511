"""Prints botocore's canonical query string for each raw query string it reads.

Input: one JSON string per line, a query as sent on the wire (no '?'). Output: one JSON string
per line, what botocore's SigV4Auth signs for a request to that URL. Used by
canonicalQuery.crosscheck.test.ts, which sends every case through one process.
"""
import json
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

sys.stdin.reconfigure(encoding='utf-8')
SIGNER = SigV4Auth(Credentials('AKIDEXAMPLE', 'secret'), 'service', 'us-east-1')

for line in sys.stdin:
    query = json.loads(line)
    request = AWSRequest(method='GET', url='https://example.com/?' + query)
    print(json.dumps(SIGNER.canonical_query_string(request)))
