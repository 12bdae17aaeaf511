"""Which access key id signed each call a boto3 client makes: the tests' view of credential refresh."""
import re

CREDENTIAL = re.compile(r"Credential=([A-Z0-9]+)/")


def record_signing_keys(client, event):
    """Appends the signing access key id of every request `event` names to the returned list."""
    signed_with = []

    def remember_key(request, **_):
        authorization = request.headers.get("Authorization", "")
        if isinstance(authorization, bytes):
            authorization = authorization.decode()
        match = CREDENTIAL.search(authorization)
        signed_with.append(match.group(1) if match else None)

    # before-send sees the request as signed, just before it goes out.
    client.meta.events.register(event, remember_key)
    return signed_with
