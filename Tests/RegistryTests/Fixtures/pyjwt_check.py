"""Checks fairlabel's signed labels with an independent JOSE implementation (PyJWT with
cryptography), and signs one for fairlabel to check.

  python3 pyjwt_check.py verify TOKEN JWK   prints "valid SUB" or "invalid-signature"
  python3 pyjwt_check.py sign PAYLOAD-JSON  prints the token, then the public JWK, one a line
"""
import json
import sys

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm


def verify(token, jwk):
    key = OKPAlgorithm.from_jwk(jwk)
    try:
        payload = jwt.decode(token, key=key, algorithms=["EdDSA"])
    except jwt.InvalidSignatureError:
        print("invalid-signature")
        return
    print("valid", payload["sub"])


def sign(payload):
    private = Ed25519PrivateKey.generate()
    public = json.loads(OKPAlgorithm.to_jwk(private.public_key()))
    public["kid"] = "pyjwt-test-key"
    token = jwt.encode(json.loads(payload), private, algorithm="EdDSA", headers={"kid": "pyjwt-test-key"})
    print(token)
    print(json.dumps(public))


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        sign(sys.argv[2])
