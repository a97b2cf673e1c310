# Verifies every DKIM-Signature of the message on stdin with Debian's python3-dkim (dkimpy), the public keys
# coming from the JSON object {"dns name": "TXT record"} in argv[1] instead of DNS. Prints one line per
# signature: "pass|fail d=DOMAIN s=SELECTOR a=ALGORITHM".
import json
import re
import sys

import dkim

records = json.loads(sys.argv[1])
message = sys.stdin.buffer.read()


def dnsfunc(name, timeout=5):
    key = name.decode() if isinstance(name, bytes) else name
    return records.get(key.rstrip('.'), '').encode()


verifier = dkim.DKIM(message, minkey=1024)
count = len([h for h in verifier.headers if h[0].lower() == b'dkim-signature'])
for idx in range(count):
    verifier = dkim.DKIM(message, minkey=1024)
    try:
        ok = verifier.verify(idx=idx, dnsfunc=dnsfunc)
    except dkim.DKIMException:
        ok = False
    tags = verifier.signature_fields
    print('%s d=%s s=%s a=%s' % ('pass' if ok else 'fail', tags.get(b'd', b'').decode(), tags.get(b's', b'').decode(), tags.get(b'a', b'').decode()))
