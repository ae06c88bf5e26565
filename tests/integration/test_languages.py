"""The delivery agent's view and the customer's SMS in the store's or agent's language (Tamil, Bengali,
Hindi and the rest): the agent chooses a language (Hindi until they do), the customer's texts follow the store."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.helpers import make_agent, make_order, make_owner, make_product, make_store, sign_in
from tests.unit.test_translations import SCRIPTS
from webdpro import sms
from webdpro.db import User
from webdpro.delivery import services
from webdpro.demo import demo_config
from webdpro.orders.notifications import build_message


def _world(code):
    owner, tenant = make_owner()
    config = demo_config("Lakshmi Stores")
    config["language"] = code
    store = make_store(tenant, name="Lakshmi Stores", language=code, config=config)
    product = make_product(store, price="250.00", stock=10)
    order = make_order(store, [product], status="CONFIRMED", payment_method="COD")
    return owner, tenant, store, order


def _in_script(code, text):
    return re.search(f"[{SCRIPTS[code]}]", text)


@pytest.mark.parametrize("code", ["ta", "bn", "hi"])
def test_agent_view_in_the_chosen_language(client, code):
    owner, tenant, store, order = _world(code)
    agent = make_agent(tenant, name="Vijay", language=None)
    delivery = services.assign(order, agent, owner.user_id)
    sign_in(client, agent)

    home = client.get(reverse("agent:home")).content.decode()
    assert "मेरी डिलीवरी" in home  # Hindi until the agent chooses
    response = client.post(reverse("agent:language"), {"language": code})
    assert response.status_code == 302
    assert User.get(agent.phone).language == code

    home = client.get(reverse("agent:home")).content.decode()
    assert f'<html lang="{code}"' in home
    heading = re.search(r"<h1>(.*?)</h1>", home).group(1)
    assert _in_script(code, heading) and "My deliveries" not in home
    page = client.get(reverse("agent:delivery", args=[delivery.delivery_id])).content.decode()
    button = re.search(r'<button class="btn btn-primary btn-lg btn-block" type="submit">(.*?)</button>', page)
    assert button and _in_script(code, button.group(1)), button
    response = client.post(reverse("agent:pick_up", args=[delivery.delivery_id]), follow=True)
    assert _in_script(code, response.content.decode().split('role="status"', 1)[-1][:400])


def test_agent_language_refuses_an_unserved_language(client):
    owner, tenant, store, order = _world("hi")
    agent = make_agent(tenant, language="ta")
    sign_in(client, agent)
    response = client.post(reverse("agent:language"), {"language": "ur"})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'<select name="language"[^>]*aria-invalid="true"', page)
    assert 'class="field-error" role="alert"' in page
    assert User.get(agent.phone).language == "ta"


@pytest.mark.parametrize("code", ["ta", "bn", "hi", "te", "or"])
def test_customer_sms_in_the_store_language(code):
    owner, tenant, store, order = _world(code)
    agent = make_agent(tenant, name="Vijay")
    delivery = services.assign(order, agent, owner.user_id)
    sms.outbox.clear()
    services.pick_up(delivery, agent, store_name="Lakshmi Stores")
    bodies = [m["body"] for m in sms.outbox if m["to"] == order.customer_phone]
    assert len(bodies) == 2, bodies  # out for delivery, and the delivery code
    for body in bodies:
        assert _in_script(code, body) and "your order" not in body, body
    assert any(re.search(r"\b\d{4}\b", body) and "Vijay" in body for body in bodies)  # the code and the agent
    for status in ("PLACED", "CONFIRMED", "DELIVERED", "CANCELLED"):
        text = build_message(order, status, store)
        assert _in_script(code, text) and "Lakshmi Stores" in text and order.order_id[-8:] in text, text


def test_english_store_sms_stays_english():
    owner, tenant, store, order = _world("en")
    assert build_message(order, "DELIVERED", store).startswith("Lakshmi Stores: your order #")


def test_owner_home_in_hindi_for_a_hindi_browser(client):
    owner, tenant, store, order = _world("hi")
    sign_in(client, owner)
    page = client.get(reverse("owner:home"), HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "आज के ऑर्डर" in page and "ऑर्डर डेस्क खोलें" in page and "Orders today" not in page
    assert "Orders today" in client.get(reverse("owner:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


class _Labels(HTMLParser):
    """The text of every heading, table header, form label, button and summary on a page."""

    TAGS = {"h1", "h2", "h3", "th", "label", "button", "summary"}

    def __init__(self):
        super().__init__()
        self.labels, self._open = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self.labels.append(" ".join(self._open.pop()[1].split()))

    def handle_data(self, data):
        for entry in self._open:
            entry[1] += data


BRANDS = re.compile(r"\b(?:WebDPro|UPI|WhatsApp|CSV|GST|PDF|PIN|Razorpay|IGST|CGST|SGST|SKU|HSN|OK)\b")


def _english_labels(page: str, data: tuple[str, ...]) -> list[str]:
    parser = _Labels()
    parser.feed(page)
    left = []
    for text in parser.labels:
        for value in data:
            text = text.replace(value, "")
        if re.search("[A-Za-z]{3,}", BRANDS.sub("", text)) and not _in_script("hi", text):
            left.append(text)
    return left


def test_owner_chooses_hindi_for_the_dashboard_and_every_main_page_follows(client):
    """The owner picks हिन्दी in the menu; it is kept on their user item and wins over the browser's language.
    The dashboard home, the order desk, an order, the store editor, the products list and a product then show
    their headings, labels and buttons in Devanagari, with no English left but names, numbers and brands."""
    owner, tenant, store, order = _world("en")
    product = make_product(store, name="Toor dal 1 kg", price="140.00", stock=2)
    sign_in(client, owner)
    home = client.get(reverse("owner:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="language-form"' in home and "Orders today" in home

    response = client.post(reverse("owner:language"), {"language": "hi", "next": reverse("owner:orders")})
    assert response.status_code == 302 and response["Location"] == reverse("owner:orders")
    assert User.get(owner.phone).language == "hi"
    assert "डैशबोर्ड अब हिन्दी में है।" in client.get(reverse("owner:orders")).content.decode()

    data = (store.name, order.customer_name, owner.name, tenant.business_name, product.name, "Product")
    pages = [
        reverse("owner:home"),
        reverse("owner:orders"),
        reverse("owner:order_detail", kwargs={"order_id": order.order_id}),
        reverse("owner:store_detail", kwargs={"store_id": store.store_id}),
        reverse("owner:products", kwargs={"store_id": store.store_id}),
        reverse("owner:product_detail", kwargs={"store_id": store.store_id, "product_id": product.product_id}),
    ]
    for url in pages:
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="hi"' in page, url
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
        assert _in_script("hi", heading) or heading.strip() == product.name, (url, heading)
        assert _english_labels(page, data) == [], url

    client.post(reverse("owner:language"), {"language": "en"})
    assert "Orders today" in client.get(reverse("owner:home"), HTTP_ACCEPT_LANGUAGE="hi").content.decode()


def test_dashboard_language_refuses_a_language_the_dashboard_is_not_in(client):
    owner, tenant, store, order = _world("en")
    sign_in(client, owner)
    response = client.post(reverse("owner:language"), {"language": "ta"})
    assert response.status_code == 400 and "Choose a language from the list." in response.content.decode()
    assert User.get(owner.phone).language is None
