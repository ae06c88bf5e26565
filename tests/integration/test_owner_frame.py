"""The owner's page frame (app_base.html's header, owner/base.html's notices) is kept per owner and page
(``{% frame %}`` with ``OwnerFrame.frame_key``): each owner sees their own name and stores, the current store,
changes to the stores at once, and a fresh CSRF token and address on every request (``{% live %}``)."""

import re

from django.test import Client
from django.urls import reverse

from tests.helpers import make_owner, make_store, sign_in
from webdpro.db import Store


def header(html: str) -> str:
    return html[html.index('<header class="topbar">') : html.index("</header>")]


def test_each_owner_sees_their_own_header(dynamodb):
    asha, asha_tenant = make_owner(name="Asha")
    make_store(asha_tenant, name="Asha Kirana")
    ravi, ravi_tenant = make_owner(name="Ravi")
    make_store(ravi_tenant, name="Ravi Stores")
    for _ in range(2):  # the second round is printed from the kept fragments
        for owner, mine, theirs in ((asha, "Asha", "Ravi"), (ravi, "Ravi", "Asha")):
            top = header(sign_in(Client(), owner).get(reverse("owner:home")).content.decode())
            assert f'<span class="who">{mine}</span>' in top and f"{mine} " in top
            assert theirs not in top


def test_the_header_follows_the_current_store_and_changes_to_the_stores(client, dynamodb):
    owner, tenant = make_owner(name="Meena")
    first = make_store(tenant, name="First Shop")
    second = make_store(tenant, name="Second Shop")
    sign_in(client, owner)
    home = reverse("owner:home")
    products = reverse("owner:products", kwargs={"store_id": second.store_id})

    top = header(client.get(home).content.decode())
    assert '<span class="topbar-context">First Shop</span>' in top
    assert f'<option value="{first.store_id}" selected>' in top
    top = header(client.get(home, {"store": second.store_id}, follow=True).content.decode())
    assert '<span class="topbar-context">Second Shop</span>' in top
    assert f'<option value="{second.store_id}" selected>' in top
    assert f'href="{products}"' in top  # the nav's store links follow the current store
    assert f'<a href="{reverse("owner:home")}" class="active" aria-current="page">' in top
    top = header(client.get(products).content.decode())  # the same owner and store, another page
    assert f'<a href="{products}" class="active" aria-current="page">' in top
    assert f'<a href="{reverse("owner:home")}" class="">' in top
    Store(tenant.tenant_id, second.store_id).update(
        actions=[Store.name.set("Renamed Shop"), Store.status.set("SUSPENDED"), Store.suspension_reason.set("KYC")]
    )
    html = client.get(home).content.decode()
    assert '<span class="topbar-context">Renamed Shop</span>' in header(html)
    assert "Second Shop" not in html
    assert "Renamed Shop is suspended and offline: KYC" in html


def test_the_kept_header_prints_a_fresh_csrf_token_and_this_pages_address(client, dynamodb):
    owner, tenant = make_owner(name="Meena")
    make_store(tenant)
    sign_in(client, owner)
    seen = set()
    for query in ("?a=1", "?a=2"):
        html = client.get(reverse("owner:home") + query).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header(html))
        assert len(tokens) == 2 and len(set(tokens)) == 1
        assert f'"X-CSRFToken": "{tokens[0]}"' in html  # the same token as the page's own
        assert f'<input type="hidden" name="next" value="/dashboard/{query}">' in header(html)
        seen.add(tokens[0])
        since = re.search(r'data-since="([^"]+)"', html).group(1)
        assert since and since != "{{ alert_since }}"
    assert len(seen) == 2  # masked afresh on each request


def test_a_message_shows_once_between_the_header_and_the_page(client, dynamodb):
    owner, tenant = make_owner(name="Meena")
    make_store(tenant)
    sign_in(client, owner)
    html = client.post(reverse("owner:agents"), {"name": "Ravi", "phone": "9876501234"}, follow=True).content.decode()
    shown = '<div class="messages" role="status" aria-live="polite"><div class="alert alert-success">Ravi can now'
    assert html.index("</header>") < html.index(shown) < html.index('<div id="owner-alerts"')
    assert 'class="messages"' not in client.get(reverse("owner:agents")).content.decode()  # shown once
