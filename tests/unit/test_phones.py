import pytest

from webdpro.phones import InvalidPhone, normalize_phone


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
