"""Print the store a prompt would generate, without saving anything.

python manage.py generate_store --prompt "मेरी किराना की दुकान है, दाल चावल आटा बेचते हैं" --json
"""

import json

from django.core.management.base import BaseCommand, CommandError

from webdpro.stores.generation import get_generator
from webdpro.stores.schema import generator_errors


class Command(BaseCommand):
    help = "Generate a store config from one sentence and print it (nothing is saved)."

    def add_arguments(self, parser):
        parser.add_argument("--prompt", required=True, help="the owner's one-sentence description")
        parser.add_argument("--json", action="store_true", help="print the full config as JSON")
        parser.add_argument("--generator", choices=["builtin", "bedrock"], help="override STORE_GENERATOR")
        parser.add_argument("--business-name", help="name to use when the prompt names none")

    def handle(self, *args, prompt, json: bool = False, generator=None, business_name=None, **options):
        if not prompt.strip():
            raise CommandError("--prompt is empty")
        result = get_generator(generator).generate(prompt, business_name=business_name)
        problems = generator_errors(result.output)
        if problems:  # never expected: both generators validate; kept as a loud guard
            raise CommandError("generated config does not match the schema: " + "; ".join(problems))
        if json:
            payload = {
                **result.output,
                "_meta": {
                    "generator": result.generator,
                    "name_from_prompt": result.name_from_prompt,
                    "fallback_reason": result.fallback_reason,
                    "seconds": round(result.seconds, 4),
                },
            }
            self.stdout.write(_dumps(payload))
            return
        config = result.config
        self.stdout.write(
            f"{config['name']} — {config['store_type']}, language {config['language']} "
            f"({result.generator}{', fallback: ' + result.fallback_reason if result.fallback_reason else ''})"
        )
        self.stdout.write(config["tagline"])
        self.stdout.write("Categories: " + ", ".join(config["categories"]))
        for product in result.products:
            self.stdout.write(f"  {product['category']:<24} {product['name']:<40} ₹{product['price']}")


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, indent=2)
