"""Custom domains are proven through DNS before they are served (fake resolver for each state)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.helpers import make_owner, make_store, sign_in
from webdpro import clock
from webdpro.db import DomainClaim, Store
from webdpro.ids import new_id
from webdpro.stores import dns as store_dns
from webdpro.stores import domains, services
from webdpro.stores.selectors import clear_domain_cache


class FakeResolver:
    """DNS as a dict: (name, type) → answers."""

    def __init__(self):
        self.records: dict[tuple[str, str], list[str]] = {}

    def txt(self, name):
        return self.records.get((name, "TXT"), [])

    def cname(self, name):
        return self.records.get((name, "CNAME"), [])

    def publish(self, store, claim_domain):
        claim = DomainClaim.get(claim_domain)
        self.records[(f"_webdpro-challenge.{claim_domain}", "TXT")] = [claim.token]
        self.records[(claim_domain, "CNAME")] = [domains.platform_host(store)]


@pytest.fixture
def resolver():
    fake = FakeResolver()
    store_dns.use_resolver(fake)
    clear_domain_cache()
    yield fake
    store_dns.use_resolver(None)
    clear_domain_cache()


@pytest.fixture
def claimed(dynamodb):
    owner, tenant = make_owner()
    store = make_store(tenant, slug=f"proof-{new_id()[-6:].lower()}")
    domain = f"shop-{new_id()[-8:].lower()}.example.com"
    store = services.set_custom_domain(store, domain, owner.user_id)
    return owner, store, domain


def served(domain):
    clear_domain_cache()
    return Client(HTTP_HOST=domain).get("/").status_code


def test_a_claimed_domain_is_not_served_until_verified(claimed, resolver):
    owner, store, domain = claimed
    claim = DomainClaim.get(domain)
    assert claim.status == "PENDING" and claim.token.startswith("webdpro-")
    assert served(domain) == 400
    resolver.records[(f"_webdpro-challenge.{domain}", "TXT")] = [claim.token]
    assert domains.check_now(Store.get(store.tenant_id, store.store_id)) is False  # TXT alone is not enough
    assert "must be a CNAME" in DomainClaim.get(domain).check_result and served(domain) == 400
    resolver.records[(domain, "CNAME")] = ["someone-else.webdpro.in"]
    assert domains.check_now(Store.get(store.tenant_id, store.store_id)) is False
    resolver.records[(domain, "CNAME")] = [domains.platform_host(store)]
    assert domains.check_now(Store.get(store.tenant_id, store.store_id)) is True
    assert DomainClaim.get(domain).status == "VERIFIED" and served(domain) == 200


def test_a_wrong_token_does_not_verify(claimed, resolver):
    _, store, domain = claimed
    resolver.records[(f"_webdpro-challenge.{domain}", "TXT")] = ["webdpro-not-the-token"]
    resolver.records[(domain, "CNAME")] = [domains.platform_host(store)]
    assert domains.check_now(store) is False and served(domain) == 400


def test_the_daily_check_unroutes_a_domain_whose_record_was_removed(claimed, resolver):
    _, store, domain = claimed
    resolver.publish(store, domain)
    out = StringIO()
    call_command("verify_domains", stdout=out)
    assert "checked" in out.getvalue() and DomainClaim.get(domain).status == "VERIFIED"
    assert served(domain) == 200
    del resolver.records[(f"_webdpro-challenge.{domain}", "TXT")]
    call_command("verify_domains", stdout=StringIO())
    claim = DomainClaim.get(domain)
    assert claim.status == "PENDING" and "No TXT record" in claim.check_result
    assert served(domain) == 400


def test_a_claim_left_unverified_for_seven_days_lapses(claimed, resolver):
    _, store, domain = claimed
    DomainClaim(domain).update(actions=[DomainClaim.pending_since.set(clock.ago_iso(days=7, minutes=1))])
    sweep = domains.verify_all(resolver)
    assert sweep.lapsed >= 1
    with pytest.raises(DomainClaim.DoesNotExist):
        DomainClaim.get(domain)
    assert Store.get(store.tenant_id, store.store_id).custom_domain is None
    other_owner, other_tenant = make_owner()
    other = make_store(other_tenant)
    assert services.set_custom_domain(other, domain, other_owner.user_id).custom_domain == domain  # freed


def test_the_owner_sees_the_records_the_state_and_can_check_now(claimed, resolver):
    owner, store, domain = claimed
    client = sign_in(Client(), owner)
    page = client.get(f"/dashboard/stores/{store.store_id}/").content.decode()
    token = DomainClaim.get(domain).token
    assert f"_webdpro-challenge.{domain}" in page and token in page and domains.platform_host(store) in page
    assert "waiting for its DNS records" in page
    resolver.publish(store, domain)
    response = client.post(f"/dashboard/stores/{store.store_id}/domain/check/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "is verified" in response.content.decode()


def test_subdomains_need_no_proof(claimed, resolver):
    _, store, _ = claimed
    assert served(f"{store.slug}.webdpro.in") == 200


def test_the_real_resolver_reads_txt_and_cname_through_dnspython(monkeypatch):
    """The dnspython client at its boundary: answers are parsed, missing names are empty lists."""
    import dns.name
    import dns.rdata
    import dns.rdataclass
    import dns.rdatatype
    import dns.resolver

    answers = {
        ("_webdpro-challenge.shop.example.com", "TXT"): [
            dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.TXT, '"webdpro-abc"')
        ],
        ("shop.example.com", "CNAME"): [
            dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.CNAME, "Store-1.WebDPro.in.")
        ],
    }

    def resolve(self, name, rdtype, search=False):
        if (name, rdtype) not in answers:
            raise dns.resolver.NXDOMAIN()
        return answers[(name, rdtype)]

    monkeypatch.setattr(dns.resolver.Resolver, "resolve", resolve)
    real = store_dns.DnsPythonResolver(dns.resolver.Resolver(configure=False))
    assert real.txt("_webdpro-challenge.shop.example.com") == ["webdpro-abc"]
    assert real.cname("shop.example.com") == ["store-1.webdpro.in"]
    assert real.txt("missing.example.com") == [] and real.cname("missing.example.com") == []
