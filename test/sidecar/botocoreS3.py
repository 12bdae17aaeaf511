"""Signs S3 requests with botocore's own S3 signers, at the current time, and prints them as JSON.

Used by signedRequest.test.ts: reads {region, host, accessKey, secretKey, sessionToken?} on
stdin and prints what an S3 frontend would receive for each request (method, raw path, raw
query, headers), so the sidecar can check the signatures with the right secret.
"""
import json
import sys
from urllib.parse import quote, urlsplit

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

params = json.load(sys.stdin)
REGION = params['region']
BASE = 'http://' + params['host']
CREDS = Credentials(params['accessKey'], params['secretKey'], params.get('sessionToken'))
KEY = 'photos/été 2024/a+b.jpg'


def object_url(key):
    return BASE + '/bucket/' + quote(key, safe='/~')


def request(method, url, data=None, headers=None, params=None, unsigned_payload=False):
    req = AWSRequest(method=method, url=url, data=data, headers=headers or {}, params=params or {})
    if unsigned_payload:
        req.context['client_config'] = Config(s3={'payload_signing_enabled': False})
    return req


def emit(name, signer, req, body=b''):
    signer.add_auth(req)
    prepared = req.prepare()
    url = urlsplit(prepared.url)
    headers = dict(prepared.headers.items())
    headers['Host'] = url.netloc
    return {'name': name, 'method': prepared.method, 'path': url.path, 'query': url.query, 'headers': headers,
            'body': body.decode('utf-8')}


def cases():
    yield emit('header form, UNSIGNED-PAYLOAD PUT (S3SigV4Auth)', auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('PUT', object_url(KEY), data=b'jpeg bytes', headers={'Content-Type': 'image/jpeg'},
                       unsigned_payload=True))
    yield emit('header form, GET object (S3SigV4Auth)', auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('GET', object_url(KEY)))
    yield emit('header form, PUT with a signed body hash (S3SigV4Auth)', auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('PUT', object_url('notes/a b.txt'), data=b'hello, world\n'), b'hello, world\n')
    yield emit('header form, ListObjectsV2 with encoded query values (S3SigV4Auth)', auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('GET', BASE + '/bucket', params={'list-type': '2', 'prefix': 'photos/été 2024/', 'delimiter': '/'}))
    yield emit('presigned GET (S3SigV4QueryAuth)', auth.S3SigV4QueryAuth(CREDS, 's3', REGION, expires=300),
               request('GET', object_url(KEY)))
    yield emit('presigned PUT with a query parameter (S3SigV4QueryAuth)', auth.S3SigV4QueryAuth(CREDS, 's3', REGION, expires=3600),
               request('PUT', object_url('upload/report (final).pdf'), params={'versionId': 'v 1'}))


print(json.dumps(list(cases())))
