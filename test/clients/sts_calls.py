"""Runs a batch of boto3 STS calls and prints their results as JSON (one python start-up per batch).

stdin: {"endpoint": URL, "region": R, "steps": [step, ...]} where a step is
  {"op": "call", "action": "assume_role", "params": {...}, "creds": CREDS}
  {"op": "presign", "action": "get_caller_identity", "params": {...}, "expires": 60, "httpMethod"?: "GET", "creds": CREDS}
and CREDS is {"key": K, "secret": S, "token"?: T} or {"fromStep": i} (the Credentials of step i).
stdout: {"results": [{"ok": response} | {"error": {"code", "message", "type", "status", "requestId"}} | {"url": U}]}
Times are printed as ISO-8601 strings.
"""
import datetime
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
# One session for every client: it loads the service model once.
SESSION = boto3.session.Session()


def credentials_for(creds, results):
    if "fromStep" in creds:
        issued = results[creds["fromStep"]]["ok"]["Credentials"]
        return issued["AccessKeyId"], issued["SecretAccessKey"], issued["SessionToken"]
    return creds["key"], creds["secret"], creds.get("token")


def client_for(request, creds, results):
    key, secret, token = credentials_for(creds, results)
    return SESSION.client(
        "sts",
        endpoint_url=request["endpoint"],
        region_name=request.get("region", "us-east-1"),
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=NO_RETRIES,
    )


def run_step(request, step, results):
    client = client_for(request, step["creds"], results)
    if step["op"] == "presign":
        # Without HttpMethod botocore signs the operation's own method, POST for the Query API.
        url = client.generate_presigned_url(
            step["action"], Params=step.get("params", {}), ExpiresIn=step.get("expires", 60), HttpMethod=step.get("httpMethod")
        )
        return {"url": url}
    try:
        return {"ok": getattr(client, step["action"])(**step.get("params", {}))}
    except ClientError as err:
        error = err.response.get("Error", {})
        metadata = err.response.get("ResponseMetadata", {})
        return {
            "error": {
                "code": error.get("Code"),
                "message": error.get("Message"),
                "type": error.get("Type"),
                "status": metadata.get("HTTPStatusCode"),
                "requestId": metadata.get("RequestId"),
            }
        }


def as_json(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def main():
    request = json.load(sys.stdin)
    results = []
    for step in request["steps"]:
        results.append(run_step(request, step, results))
    json.dump({"results": results}, sys.stdout, default=as_json)


if __name__ == "__main__":
    main()
