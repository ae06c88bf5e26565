"""The super admin console's domain: tenants, plans, suspension, people, audit, platform rollups.

``selectors`` reads (the only place in WebDPro allowed to Scan: tenants list, rollups), ``services``
writes (each action and its audit entry in one DynamoDB transaction), ``rollup`` the platform stats.
"""
