"""The project's form renderer: every ``{{ field.as_field_group }}`` is drawn by one template,
``templates/forms/field.html`` (label, the widget, help text linked by ``aria-describedby``, and each error
with ``role="alert"``), so no page writes its own error block."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Widgets from the project's templates (with Django's own as the fallback), fields through one template."""

    field_template_name = "forms/field.html"
