"""Templates are compiled once per process: the cached loader wraps the file loaders (DEBUG off)."""

from django.conf import settings
from django.template import engines


def test_production_settings_use_the_cached_template_loader():
    assert settings.DEBUG is False
    engine = engines["django"].engine
    (partials,) = engine.template_loaders  # django-template-partials wraps the cached loader
    assert type(partials).__module__ == "template_partials.loader"
    (loader,) = partials.loaders
    assert type(loader).__module__ == "django.template.loaders.cached"
    inner = {type(x).__module__ for x in loader.loaders}
    assert inner == {"django.template.loaders.filesystem", "django.template.loaders.app_directories"}
    first = engine.get_template("owner/orders/list.html")
    assert engine.get_template("owner/orders/list.html") is first
