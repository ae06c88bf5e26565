"""dashboard/csrf.py: Django's CSRF masks and secrets drawn from one os.urandom call, still uniform over the
alphabet, and Django's own checks accept the tokens."""

from collections import Counter

from django.http import HttpResponse
from django.middleware import csrf
from django.test import RequestFactory

from dashboard.csrf import ALPHABET, LENGTH, new_csrf_string


def test_django_draws_its_csrf_masks_and_secrets_with_ours():
    assert csrf._get_new_csrf_string is new_csrf_string


def test_a_csrf_string_is_32_characters_of_the_alphabet_and_never_repeats():
    drawn = [new_csrf_string() for _ in range(2000)]
    assert all(len(s) == LENGTH and set(s) <= set(ALPHABET) for s in drawn)
    assert len(set(drawn)) == len(drawn)


def test_every_character_is_about_as_likely_as_any_other():
    counts = Counter("".join(new_csrf_string() for _ in range(4000)))  # 128,000 characters, ~2,065 each
    assert set(counts) == set(ALPHABET)
    expected = 4000 * LENGTH / len(ALPHABET)
    chi2 = sum((n - expected) ** 2 / expected for n in counts.values())
    assert chi2 < 140  # 61 degrees of freedom: p < 1e-7 of failing by chance; a biased draw is far above


def test_a_token_masked_with_it_passes_djangos_check_and_a_forged_one_does_not():
    factory = RequestFactory()
    page = factory.get("/")
    middleware = csrf.CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(page)
    token = csrf.get_token(page)
    assert len(token) == 2 * LENGTH and token != csrf.get_token(page)  # masked afresh each time
    secret = page.META["CSRF_COOKIE"]
    assert csrf._unmask_cipher_token(token) == secret

    def post(sent):
        request = factory.post("/", {"csrfmiddlewaretoken": sent})
        request.COOKIES["csrftoken"] = secret
        middleware.process_request(request)
        return middleware.process_view(request, lambda r: HttpResponse(), (), {})

    assert post(token) is None  # accepted
    assert post(new_csrf_string() * 2).status_code == 403
