"""get_caller_identity through boto3's own web identity provider, with a client clock offset.

The role, session name, token file and endpoint come from the environment (AWS_ROLE_ARN,
AWS_ROLE_SESSION_NAME, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ENDPOINT_URL_STS): boto3 finds them by
itself. argv[1]: JSON {"calls": [{"offsetSeconds": S, "token": T}, ...]}: before each call the
token file is rewritten with T (as a projected service-account token is) and botocore's clock,
the one it judges credential expiry by, is moved S seconds ahead of real time (signatures keep
real time), so 3600 s credentials fall into its refresh window without waiting an hour.
stdout: {"calls": [{"arn", "userId", "accessKeyId"}]}, accessKeyId being the key that signed.
"""
import datetime
import json
import os
import sys

import boto3
import botocore.credentials
from botocore.config import Config

from signing_keys import record_signing_keys

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
real_now = botocore.credentials._local_now
offset = {"seconds": 0}


def offset_now():
    return real_now() + datetime.timedelta(seconds=offset["seconds"])


def main():
    request = json.loads(sys.argv[1])
    token_file = os.environ["AWS_WEB_IDENTITY_TOKEN_FILE"]
    # The fetcher's cache reads the module's clock; the credentials object keeps its own reference.
    botocore.credentials._local_now = offset_now
    session = boto3.session.Session(region_name="us-east-1")
    credentials = session.get_credentials()
    credentials._time_fetcher = offset_now
    client = session.client("sts", config=NO_RETRIES)
    signed_with = record_signing_keys(client, "before-send.sts.GetCallerIdentity")
    calls = []
    for call in request["calls"]:
        with open(token_file, "w") as handle:
            handle.write(call["token"])
        offset["seconds"] = call["offsetSeconds"]
        identity = client.get_caller_identity()
        calls.append({"arn": identity["Arn"], "userId": identity["UserId"], "accessKeyId": signed_with[-1]})
    json.dump({"calls": calls, "method": credentials.method}, sys.stdout)


if __name__ == "__main__":
    main()
