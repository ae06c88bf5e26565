"""How long ago something happened, in words an agent or owner reads at a glance."""

from webdpro import clock


def age_text(iso_value: str | None) -> str:
    """'just now', '3 min ago', '2 h ago', '4 days ago'."""
    if not iso_value:
        return ""
    try:
        seconds = int((clock.now() - clock.parse(iso_value)).total_seconds())
    except ValueError:
        return ""
    if seconds < 45:
        return "just now"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h ago"
    days = hours // 24
    return f"{days} day{'s' if days != 1 else ''} ago"
