import pytest

from webdpro.phones import InvalidPhone, display_phone, looks_like_phone, normalize_phone


@pytest.mark.parametrize("raw", ["98765 43210", "+91 98765-43210", "09876543210", "919876543210", "+919876543210"])
def test_indian_formats_are_one_identity(raw):
    assert normalize_phone(raw) == "+919876543210"


@pytest.mark.parametrize("raw", ["", "12345", "abcdefghij", "+91 12345"])
def test_invalid_phones_are_refused_with_a_message(raw):
    with pytest.raises(InvalidPhone) as info:
        normalize_phone(raw)
    assert str(info.value)


def test_foreign_numbers_keep_their_country():
    assert normalize_phone("+1 650 253 0000") == "+16502530000"


@pytest.mark.parametrize("text", ["98765 43210", "+91 (98765) 432-10", "0987654321"])
def test_typed_phones_look_like_phones(text):
    assert looks_like_phone(text)


@pytest.mark.parametrize("text", ["Gupta Sweets", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "123456", "98765 43210x", ""])
def test_names_ids_and_short_numbers_do_not(text):
    assert not looks_like_phone(text)


def test_indian_numbers_display_as_phonenumbers_formats_them():
    """display_phone builds an Indian number without phonenumbers.parse(): the same number and text, for
    numbers of every first four digits (mobiles, landlines, toll-free, short and invalid ones)."""
    import phonenumbers

    for first in range(1000, 10000, 3):
        for rest in ("000000", "123456", "999999"):
            e164 = f"+91{first}{rest}"
            parsed = phonenumbers.parse(e164, None)
            assert display_phone.__wrapped__(e164) == phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
            ), e164


@pytest.mark.parametrize("e164", ["+14155552671", "+9109876543210", "+91987654321", "+91९८७६५४३२१०", "garbage"])
def test_other_numbers_display_through_phonenumbers(e164):
    import phonenumbers

    try:
        expected = phonenumbers.format_number(
            phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        expected = e164
    assert display_phone(e164) == expected


def test_a_refusal_is_said_in_the_language_of_each_request():
    """Numbers are kept once worked out; a refusal is not, so it is said in the language active at the time."""
    from django.utils import translation

    with translation.override("en"), pytest.raises(InvalidPhone) as english:
        normalize_phone("+91 12345")
    with translation.override("hi"), pytest.raises(InvalidPhone) as hindi:
        normalize_phone("+91 12345")
    assert str(english.value) != str(hindi.value)
    assert any("\u0900" <= ch <= "\u097f" for ch in str(hindi.value))


def test_the_same_text_gives_the_same_number_again():
    assert normalize_phone(" 98765 43210 ") == normalize_phone("98765 43210") == "+919876543210"
    assert normalize_phone("98765 43210", region="IN") == "+919876543210"
