"""Writes for stores: create from a prompt, generate, edit, domains, publish. Each function validates,
writes atomically with conditions, and raises :class:`webdpro.errors.DomainError` subclasses.

Status changes only go through the named functions here, which consult the transition table in
:mod:`webdpro.stores.transitions`.

The package is split along its seams: ``creation``, ``generation``, ``editing``, ``domains`` and ``status``
(shared pieces in ``common``); every name stays importable from ``webdpro.stores.services``.
"""

from webdpro.stores.services.common import (  # noqa: F401 (re-exported)
    MAX_STORE_AMOUNT,
    SAVED_MEANWHILE,
    PaymentRequired,
    PlanLimitReached,
    SlugTaken,
    live_url_for,
    platform_domain,
    preview_url,
    store_config,
)
from webdpro.stores.services.creation import (  # noqa: F401 (re-exported)
    MAX_PROMPT,
    clean_prompt,
    create_store,
    free_slugs,
)
from webdpro.stores.services.domains import (  # noqa: F401 (re-exported)
    change_slug,
    set_custom_domain,
)
from webdpro.stores.services.editing import (  # noqa: F401 (re-exported)
    EDITABLE,
    LANGUAGES,
    MAX_PRODUCT_UPDATES,
    Regenerated,
    _money,
    regenerate_content,
    save_config,
    update_basics,
    update_contact,
    update_delivery,
    update_payments,
    update_sections,
    update_theme,
)
from webdpro.stores.services.generation import (  # noqa: F401 (re-exported)
    FAILURE_MESSAGE,
    STALE_GENERATION_SECONDS,
    fail_generation,
    finish_generation,
    recover_if_stale,
    retry_generation,
    run_generation,
    start_generation,
)
from webdpro.stores.services.status import (  # noqa: F401 (re-exported)
    PublishFee,
    mark_paid,
    publish,
    publish_fee,
    suspend,
    unpublish,
    unsuspend,
)
