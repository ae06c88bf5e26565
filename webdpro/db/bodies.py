"""DynamoDB's requests encoded once: a request's parameters are written as JSON as they are.

botocore serializes every request against the service model: it walks each parameter, and for each attribute
value of each item the ``AttributeValue`` shape, copying every value into a new dictionary before ``json.dumps``.
For DynamoDB that walk changes nothing except a binary value (``B``/``BS``: bytes in, base64 out) and a
timestamp (none of the data operations has one): the place-order POST's 8-item transaction spent ~0.35 ms of
CPU in it, a tenth of botocore's time for the call (py-spy, bench/checkout.py's 30 buyers).

This is :mod:`webdpro.db.answers` the other way. :func:`register` adds a mixin to the DynamoDB client class on
botocore's documented ``creating-client-class`` event; the mixin puts :class:`JSONBodies` in front of the
client's serializer. For a request it can prove equal it writes the body with ONE ``json.dumps`` of the
parameters and takes everything else (method, path, headers) from botocore's own serializer; anything else
goes to botocore as before: a value ``json`` cannot write (bytes, a datetime, a Decimal) or a body with
``"B":`` / ``"BS":`` outside a string (a binary value, or, slower but right, a map key named "B").
``tests/unit/test_bodies.py`` holds the bodies byte for byte equal to botocore's for the order transaction, a
batch read and every attribute type, checks in the service model that binary members are only ``B``/``BS``
and that no member is renamed on the wire, and that the clients PynamoDB builds use it.
"""

from __future__ import annotations

import json
import re

from botocore.serialize import JSONSerializer

# Outside a JSON string only: inside one the quotes would be escaped.
_BINARY = re.compile(r'"BS?"\s*:')


class JSONBodies:
    """botocore's JSON serializer with the body of a provably plain request written by one ``json.dumps``."""

    def __init__(self, serializer):
        self.serializer = serializer

    def serialize_to_request(self, parameters, operation_model):
        try:
            body = json.dumps(parameters)
        except (TypeError, ValueError):
            body = None
        if body is None or _BINARY.search(body):
            return self.serializer.serialize_to_request(parameters, operation_model)
        request = self.serializer.serialize_to_request({}, operation_model)  # method, path, headers: botocore's
        request["body"] = body.encode("utf-8")
        return request


class BodiesOnce:
    """Mixed into the DynamoDB client class: its serializer is wrapped in :class:`JSONBodies` when it is
    botocore's plain JSON serializer (PynamoDB's clients: ``parameter_validation=False``); a client that
    validates its parameters keeps botocore's serializer, validation and all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if type(self._serializer) is JSONSerializer:
            self._serializer = JSONBodies(self._serializer)


def add_mixin(base_classes=None, **_) -> None:
    """``creating-client-class.dynamodb`` handler."""
    if base_classes is not None and BodiesOnce not in base_classes:
        base_classes.insert(0, BodiesOnce)


def register(events) -> None:
    """Add :func:`add_mixin` to a botocore session's event system (before its clients are created)."""
    events.register("creating-client-class.dynamodb", add_mixin, unique_id="webdpro-bodies")
