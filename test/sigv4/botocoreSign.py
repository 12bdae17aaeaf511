"""Signs fixed S3 and STS requests with botocore's own signers and prints them as JSON.

Used by botocore.test.ts: every request printed here must verify with src/sigv4.
Time is frozen so the output is deterministic.
"""
import base64
import datetime
import json
from urllib.parse import quote, urlsplit

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

auth.get_current_datetime = lambda *args, **kwargs: datetime.datetime(2024, 5, 6, 7, 8, 9)

REGION = 'eu-west-3'
CREDS = Credentials('alice.s3', 'Se cret/Key+With=Chars1')
SESSION = Credentials('ASIATEMPORARY0001', 'tmpSecret/0123456789abcdefABCDEF+xyz',
                      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl+/=')
STS = 'https://sts.example.test:8080/'
S3 = 'https://s3.example.test'
FORM = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
KEY = 'photos 2024/été/ß ü+&=?#%.jpg'


def s3_url(key, scheme_url=S3):
    return scheme_url + '/bucket/' + quote(key, safe='/~')


def request(method, url, data=None, headers=None, params=None, unsigned_s3_payload=False):
    req = AWSRequest(method=method, url=url, data=data, headers=headers or {}, params=params or {})
    if unsigned_s3_payload:
        req.context['client_config'] = Config(s3={'payload_signing_enabled': False})
    return req


def emit(name, service, creds, signer, req):
    signer.add_auth(req)
    prepared = req.prepare()
    url = urlsplit(prepared.url)
    headers = dict(prepared.headers.items())
    headers['Host'] = url.netloc
    body = prepared.body or b''
    if isinstance(body, str):
        body = body.encode('utf-8')
    return {
        'name': name, 'service': service, 'secretKey': creds.secret_key,
        'method': prepared.method, 'path': url.path, 'query': url.query,
        'headers': headers, 'body': base64.b64encode(body).decode('ascii'),
    }


def cases():
    yield emit('STS AssumeRole POST (SigV4Auth)', 'sts', CREDS, auth.SigV4Auth(CREDS, 'sts', REGION), request(
        'POST', STS, data='Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fapp'
        '&RoleSessionName=s1', headers=dict(FORM)))
    yield emit('STS POST with a session token (SigV4Auth)', 'sts', SESSION, auth.SigV4Auth(SESSION, 'sts', REGION), request(
        'POST', STS, data='Action=GetCallerIdentity&Version=2011-06-15', headers=dict(FORM)))
    yield emit('STS presigned GET (SigV4QueryAuth)', 'sts', CREDS, auth.SigV4QueryAuth(CREDS, 'sts', REGION, expires=900),
               request('GET', STS, params={'Action': 'GetCallerIdentity', 'Version': '2011-06-15'}))
    yield emit('STS presigned GET with a session token (SigV4QueryAuth)', 'sts', SESSION,
               auth.SigV4QueryAuth(SESSION, 'sts', REGION, expires=900),
               request('GET', STS, params={'Action': 'GetCallerIdentity', 'Version': '2011-06-15'}))
    yield emit('S3 PUT, UNSIGNED-PAYLOAD, key with spaces and unicode (S3SigV4Auth)', 's3', CREDS,
               auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('PUT', s3_url(KEY), data=b'not really a jpeg', headers={'Content-Type': 'image/jpeg'},
                       unsigned_s3_payload=True))
    yield emit('S3 PUT with a signed body hash (S3SigV4Auth)', 's3', CREDS, auth.S3SigV4Auth(CREDS, 's3', REGION),
               request('PUT', s3_url('dir//a/./b/../c.txt', 'http://s3.example.test'), data=b'hello, world\n'))
    yield emit('S3 ListObjectsV2 with a session token (S3SigV4Auth)', 's3', SESSION, auth.S3SigV4Auth(SESSION, 's3', REGION),
               request('GET', S3 + '/bucket', params={'list-type': '2', 'prefix': 'photos 2024/été/', 'delimiter': '/',
                                                      'continuation-token': 'a+b=c'}))
    yield emit('S3 presigned GET, key with spaces and unicode (S3SigV4QueryAuth)', 's3', CREDS,
               auth.S3SigV4QueryAuth(CREDS, 's3', REGION, expires=604800), request('GET', s3_url(KEY)))
    yield emit('S3 presigned PUT with a session token (S3SigV4QueryAuth)', 's3', SESSION,
               auth.S3SigV4QueryAuth(SESSION, 's3', REGION, expires=300),
               request('PUT', s3_url('upload/report (final).pdf'), params={'versionId': 'v 1'}))


print(json.dumps(list(cases())))
