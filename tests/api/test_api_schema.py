"""Property-based run over the whole OpenAPI schema (schemathesis): no server error, every status code and
response body as declared. Bounded: a few examples per operation, with an admin key (every route allowed).

(schemathesis' own pytest loader, ``from_fixture``, does not run under pytest 9: each operation is driven
here with its Hypothesis strategy instead.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from api_support import Keys
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from rskg.settings import Settings

EXAMPLES = 8
# Operations whose input is valid or not by its content, which a schema cannot describe (a CSV file, a
# Cypher statement, a JSON document in a form field, two ids that must differ): a schema-valid request may
# rightly get 400/403 there, so the "schema-valid data is accepted" check is left out for them only.
SEMANTIC_INPUT = {"POST /screen/team", "POST /cypher", "GET /reconcile", "POST /reconcile", "GET /paths"}


@pytest.fixture(scope="session")
def api_schema(api_settings: Settings) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(api_settings))


def _runner(operation: Any, headers: dict[str, str]) -> Callable[[], None]:
    excluded = [positive_data_acceptance] if operation.label in SEMANTIC_INPUT else []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    return run


def test_api_conforms_to_its_schema(api_schema: schemathesis.BaseSchema, keys: Keys) -> None:
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        try:
            _runner(operation, keys.header("admin"))()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
