"""boto3 through the nginx gateway with AssumeRole credentials: one JSON line of results.

stdin: {"endpoint", "accessKey", "secretKey", "sessionToken", "bucket", "prefix", "deniedBucket"}
"""
import io
import json
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

args = json.load(sys.stdin)
s3 = boto3.client(
    "s3",
    endpoint_url=args["endpoint"],
    region_name="us-east-1",
    aws_access_key_id=args["accessKey"],
    aws_secret_access_key=args["secretKey"],
    aws_session_token=args["sessionToken"],
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
bucket, prefix = args["bucket"], args["prefix"]
results = {}


def attempt(name, call):
    try:
        value = call()
        results[name] = {"ok": True, "value": value}
    except ClientError as err:
        error = err.response.get("Error", {})
        results[name] = {"ok": False, "code": error.get("Code"), "status": err.response["ResponseMetadata"]["HTTPStatusCode"]}


attempt("PutObject", lambda: s3.put_object(Bucket=bucket, Key=prefix + "boto/a.txt", Body=b"hello from boto3")["ETag"])
attempt("GetObject", lambda: s3.get_object(Bucket=bucket, Key=prefix + "boto/a.txt")["Body"].read().decode())
attempt("ListObjectsV2", lambda: sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix + "boto/").get("Contents", [])))
big = b"x" * (6 * 1024 * 1024)
attempt(
    "MultipartUpload",
    lambda: s3.upload_fileobj(io.BytesIO(big), bucket, prefix + "boto/big.bin",
                              Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)) or "done",
)
attempt("HeadBig", lambda: s3.head_object(Bucket=bucket, Key=prefix + "boto/big.bin")["ContentLength"])
attempt("CopyObject", lambda: s3.copy_object(Bucket=bucket, Key=prefix + "boto/copy.txt", CopySource={"Bucket": bucket, "Key": prefix + "boto/a.txt"})["CopyObjectResult"]["ETag"])
attempt("DeleteObject", lambda: s3.delete_object(Bucket=bucket, Key=prefix + "boto/copy.txt")["ResponseMetadata"]["HTTPStatusCode"])
results["presignedUrl"] = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": prefix + "boto/a.txt"}, ExpiresIn=300)
attempt("DeniedPut", lambda: s3.put_object(Bucket=args["deniedBucket"], Key="boto/nope.txt", Body=b"nope")["ETag"])
attempt("DeniedOtherPrefix", lambda: s3.put_object(Bucket=bucket, Key="elsewhere/boto.txt", Body=b"nope")["ETag"])
print(json.dumps(results))
