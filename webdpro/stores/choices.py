"""The choices of the store's order settings, shared by the editor (webdpro.stores.rule_settings) and the
order rules that read them (webdpro.orders.rules, webdpro.orders.alerts)."""

AUTO, MANUAL = "auto", "manual"
ACCEPTANCE_CHOICES = (AUTO, MANUAL)
DEFAULT_ACCEPT_MINUTES = 15
MAX_ACCEPT_MINUTES = 24 * 60
ALERTS_OFF = "off"
ALERT_CHOICES = (ALERTS_OFF, "sms", "whatsapp")
