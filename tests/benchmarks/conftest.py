"""The corpus generator's tests share helpers (gencorpus_helpers.py): pytest rewrites their asserts
as it does a test module's, so a failing check there shows its values."""

import pytest

pytest.register_assert_rewrite("tests.benchmarks.gencorpus_helpers")
