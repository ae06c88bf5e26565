"""Delivery: agents, assignment, the agent's steps (pick up → in transit → delivered / failed),
location, proof of delivery (code, photo), UPI at the door, cash limits.

- :mod:`webdpro.delivery.agents` — the owner's agents (add, deactivate, cash limit, cash held, load).
- :mod:`webdpro.delivery.services` — writes: assign/reassign, steps, location, code waiver, photo.
- :mod:`webdpro.delivery.selectors` — reads, each a Query/GetItem keyed by agent or tenant.
- :mod:`webdpro.delivery.upi` — the ``upi://pay`` link and its QR code (SVG).
"""
