"""Streaming PutObject uploads with boto3/botocore against a capture endpoint (awsChunkedClients.test.ts).

Usage: botocore_chunked_put.py <https endpoint> <access key> <secret key> <plan>, the plan as JSON:
[{"key": ..., "size": ..., "checksum": "CRC32" | "SHA1" | "SHA256" | null, "how": "put" | "upload"}].
botocore sends aws-chunked bodies (STREAMING-UNSIGNED-PAYLOAD-TRAILER with a checksum trailer) only
over HTTPS; the capture server's certificate is self-signed, hence verify=False.
"""
import io
import json
import sys
import warnings

import boto3
from botocore.config import Config

warnings.filterwarnings('ignore')
endpoint, access_key, secret_key, plan_json = sys.argv[1:5]
plan = json.loads(plan_json)
s3 = boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=access_key,
                  aws_secret_access_key=secret_key, verify=False,
                  config=Config(s3={'addressing_style': 'path'}, retries={'max_attempts': 1}))


def payload(size):
    return bytes((i * 31 + 7) % 256 for i in range(size))


for upload in plan:
    body = io.BytesIO(payload(upload['size']))
    extra = {'ChecksumAlgorithm': upload['checksum']} if upload.get('checksum') else {}
    if upload['how'] == 'upload':
        s3.upload_fileobj(body, 'bucket', upload['key'], ExtraArgs=extra)
    else:
        s3.put_object(Bucket='bucket', Key=upload['key'], Body=body, **extra)
print('ok')
