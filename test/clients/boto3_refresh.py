"""Calls get_caller_identity several times through profiles that assume a role by themselves.

argv[1]: JSON {"runs": [{"profile": P, "calls": N}, ...]}. The config file, endpoint and keys come
from the environment (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL_STS).
stdout: {"runs": [{"calls": [{"arn", "userId", "accessKeyId"}]}]}, accessKeyId being the key that
signed the call.
"""
import json
import sys

import boto3
from botocore.config import Config

from signing_keys import record_signing_keys

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


def run_profile(profile, count):
    client = boto3.session.Session(profile_name=profile).client("sts", config=NO_RETRIES)
    signed_with = record_signing_keys(client, "before-send.sts.GetCallerIdentity")
    calls = []
    for _ in range(count):
        identity = client.get_caller_identity()
        calls.append({"arn": identity["Arn"], "userId": identity["UserId"], "accessKeyId": signed_with[-1]})
    return {"calls": calls}


def main():
    request = json.loads(sys.argv[1])
    json.dump({"runs": [run_profile(run["profile"], run["calls"]) for run in request["runs"]]}, sys.stdout)


if __name__ == "__main__":
    main()
