"""Create (or confirm) a super admin: ``python manage.py create_superadmin --phone … --name …``.

Idempotent: running it again with the same phone changes nothing and says so. The phone is normalised
to E.164 ("98765 43210" and "+91 98765-43210" are the same person). Turning an existing business
owner, agent or customer into a super admin needs ``--promote``, because it takes them out of their role.
"""

from django.core.management.base import BaseCommand, CommandError
from pynamodb.exceptions import DoesNotExist

from webdpro.accounts.roles import Role
from webdpro.db import User
from webdpro.phones import InvalidPhone, display_phone, normalize_phone
from webdpro.superadmin.services import create_superadmin


class Command(BaseCommand):
    help = "Create a super admin with this phone (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--phone", required=True, help='mobile number, e.g. "98765 43210" or +919876543210')
        parser.add_argument("--name", required=True, help="the person's name")
        parser.add_argument(
            "--promote", action="store_true", help="make an existing owner/agent/customer with this phone a super admin"
        )

    def handle(self, *args, phone, name, promote=False, **options):
        try:
            phone = normalize_phone(phone)
        except InvalidPhone as exc:
            raise CommandError(str(exc)) from exc
        name = (name or "").strip()
        if not name:
            raise CommandError("Give the super admin a name with --name.")
        shown = display_phone(phone)
        try:
            existing = User.get(phone, consistent_read=True)
        except DoesNotExist:
            existing = None
        if existing is not None and existing.role == Role.SUPER_ADMIN:
            if existing.is_active and existing.name == name:
                self.stdout.write(f"{shown} is already a super admin ({name}); nothing changed.")
                return
            create_superadmin(phone, name)
            changes = [
                c
                for c, changed in (
                    ("reactivated", not existing.is_active),
                    (f"renamed to {name}", existing.name != name),
                )
                if changed
            ]
            self.stdout.write(self.style.SUCCESS(f"Super admin {shown} {' and '.join(changes)}."))
            return
        if existing is not None and not promote:
            raise CommandError(
                f"{shown} already belongs to a {existing.role.replace('_', ' ').lower()} "
                f"({existing.name or 'no name'}). Pass --promote to make them a super admin."
            )
        user, created = create_superadmin(phone, name)
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created super admin {name} ({shown}). "
                    "They sign in at /accounts/signin/ with a code sent to this phone."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Promoted {shown} from {existing.role} to super admin ({name})."))
