"""Indian states / union territories by GST state code, and the state of a PIN code.

State codes are the GST ones (the first two digits of a GSTIN, as in the GST state code list).

PIN code → state: first the offline ``indian-pincode`` package (MIT; it ships India Post's PIN code
directory as JSON inside the wheel and answers ``get_state(pin)`` with the state's name, which is mapped to
its GST code here). For a PIN code it does not know (new post offices), a hand-compiled prefix table
follows India Post's PIN structure: the first two digits are the postal circle (mostly one state), the
first three the sorting district; where a circle spans states (Punjab circle with Chandigarh, Uttar
Pradesh with Uttarakhand, Bihar with Jharkhand, Gujarat with Daman & Diu and Dadra & Nagar Haveli, Tamil
Nadu with Puducherry, Kerala with Lakshadweep, West Bengal with Sikkim and Andaman & Nicobar, Jammu &
Kashmir with Ladakh, Maharashtra with Goa, the North-East circle) the longer district prefixes are listed
and the longest match wins. Both are tested in tests/unit/test_gst.py.
"""

from __future__ import annotations

STATES = {
    "01": "Jammu and Kashmir",
    "02": "Himachal Pradesh",
    "03": "Punjab",
    "04": "Chandigarh",
    "05": "Uttarakhand",
    "06": "Haryana",
    "07": "Delhi",
    "08": "Rajasthan",
    "09": "Uttar Pradesh",
    "10": "Bihar",
    "11": "Sikkim",
    "12": "Arunachal Pradesh",
    "13": "Nagaland",
    "14": "Manipur",
    "15": "Mizoram",
    "16": "Tripura",
    "17": "Meghalaya",
    "18": "Assam",
    "19": "West Bengal",
    "20": "Jharkhand",
    "21": "Odisha",
    "22": "Chhattisgarh",
    "23": "Madhya Pradesh",
    "24": "Gujarat",
    "26": "Dadra and Nagar Haveli and Daman and Diu",
    "27": "Maharashtra",
    "29": "Karnataka",
    "30": "Goa",
    "31": "Lakshadweep",
    "32": "Kerala",
    "33": "Tamil Nadu",
    "34": "Puducherry",
    "35": "Andaman and Nicobar Islands",
    "36": "Telangana",
    "37": "Andhra Pradesh",
    "38": "Ladakh",
}

_CIRCLES = {
    "11": "07",
    "12": "06",
    "13": "06",
    "14": "03",
    "15": "03",
    "16": "03",
    "17": "02",
    "18": "01",
    "19": "01",
    **{str(n): "09" for n in range(20, 29)},
    **{str(n): "08" for n in range(30, 35)},
    **{str(n): "24" for n in range(36, 40)},
    **{str(n): "27" for n in range(40, 45)},
    **{str(n): "23" for n in range(45, 49)},
    "49": "22",
    "50": "36",
    "51": "37",
    "52": "37",
    "53": "37",
    **{str(n): "29" for n in range(56, 60)},
    **{str(n): "33" for n in range(60, 65)},
    **{str(n): "32" for n in range(67, 70)},
    **{str(n): "19" for n in range(70, 75)},
    **{str(n): "21" for n in range(75, 78)},
    "78": "18",
    "79": "17",
    **{str(n): "10" for n in range(80, 86)},
}

_DISTRICTS = {
    "160": "04",  # Chandigarh
    "194": "38",  # Ladakh (Leh, Kargil)
    "246": "05",  # Uttarakhand districts in the Uttar Pradesh circle
    "2476": "05",
    "248": "05",
    "249": "05",
    "2625": "05",
    "263": "05",
    "36252": "26",  # Diu
    "39621": "26",  # Daman
    "39623": "26",  # Dadra and Nagar Haveli (Silvassa)
    "39624": "26",
    "403": "30",  # Goa
    "500": "36",
    "501": "36",
    "502": "36",
    "503": "36",
    "504": "36",
    "505": "36",
    "506": "36",
    "507": "36",
    "508": "36",
    "509": "36",
    "53346": "34",  # Yanam
    "605": "34",  # Puducherry
    "60960": "34",  # Karaikal
    "67331": "34",  # Mahe
    "68255": "31",  # Lakshadweep
    "737": "11",  # Sikkim
    "744": "35",  # Andaman and Nicobar
    "790": "12",  # Arunachal Pradesh
    "791": "12",
    "792": "12",
    "793": "17",  # Meghalaya
    "794": "17",
    "795": "14",  # Manipur
    "796": "15",  # Mizoram
    "797": "13",  # Nagaland
    "798": "13",
    "799": "16",  # Tripura
    "814": "20",  # Jharkhand districts in the Bihar circle
    "815": "20",
    "816": "20",
    "822": "20",
    "825": "20",
    "826": "20",
    "827": "20",
    "828": "20",
    "829": "20",
    "831": "20",
    "832": "20",
    "833": "20",
    "834": "20",
    "835": "20",
}


_BY_NAME = {name.upper(): code for code, name in STATES.items()}


def _from_directory(pincode: str) -> str | None:
    """The state in India Post's directory (``indian-pincode``), as a GST code."""
    try:
        import indian_pincode
    except ImportError:  # pragma: no cover — a pinned dependency; the prefix table still answers
        return None
    name = (indian_pincode.get_state(pincode) or "").upper().removeprefix("THE ").replace("&", "AND")
    return _BY_NAME.get(name)


def state_of_pincode(pincode: str) -> str | None:
    """The GST state code of a 6-digit PIN code, or None (army post offices, unknown prefixes)."""
    pincode = (pincode or "").strip()
    if len(pincode) != 6 or not pincode.isdigit():
        return None
    return _from_directory(pincode) or state_of_prefix(pincode)


def state_of_prefix(pincode: str) -> str | None:
    """The state of a PIN code by its prefix alone (the fallback table above)."""
    for length in (5, 4, 3):
        code = _DISTRICTS.get(pincode[:length])
        if code:
            return code
    return _CIRCLES.get(pincode[:2])


def state_name(code: str | None) -> str:
    return STATES.get(code or "", "")


def choices() -> list[tuple[str, str]]:
    return sorted(STATES.items(), key=lambda item: item[1])
