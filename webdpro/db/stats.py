"""webdpro-stats (added table): the platform's small rollups and console bookkeeping.

    pk="DAILY"       sk="2026-11-25" (IST day)  orders, cancelled, gmv for that day, all tenants
    pk="SNAPSHOT"    sk="CURRENT"               tenants by plan / subscription, stores by status
    pk="SUPERADMINS" sk="ACTIVE"                string set of active super admins' phones

The console's overview reads one Query (30 DAILY items) and one GetItem (SNAPSHOT) whatever the
platform's size; ``webdpro.superadmin.rollup`` writes them (nightly command or "Refresh now").
"""

from pynamodb.attributes import MapAttribute, UnicodeAttribute, UnicodeSetAttribute

from webdpro.db.attributes import DecimalAttribute, IntAttribute
from webdpro.db.base import BaseModel

DAILY = "DAILY"
SNAPSHOT = "SNAPSHOT"
CURRENT = "CURRENT"
SUPERADMINS = "SUPERADMINS"
ACTIVE = "ACTIVE"


class PlatformStat(BaseModel):
    class Meta:
        logical_name = "stats"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    # DAILY
    orders = IntAttribute(null=True)  # orders placed that day, excluding cancelled
    cancelled = IntAttribute(null=True)
    gmv = DecimalAttribute(null=True)  # Σ total_amount of non-cancelled orders, exact
    # SNAPSHOT
    tenants_total = IntAttribute(null=True)
    suspended_tenants = IntAttribute(null=True)
    tenants_by_plan = MapAttribute(null=True)  # plan → count
    tenants_by_subscription = MapAttribute(null=True)
    stores_by_status = MapAttribute(null=True)  # status → count
    # SUPERADMINS
    phones = UnicodeSetAttribute(null=True)
    computed_at = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
