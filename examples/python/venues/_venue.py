"""What the venue modules share: the profile a module runs, read from its shipped file
(profiles/<name>.json, docs/profiles/README.md), and, for bybit_linear and hyperliquid, the rule
that a scenario is liquidated only under the module's own profile policy (spec section 10.1): under
none (the reference policy) or another, or with a field only another policy reads, it is refused
as invalid input at that field, never answered by the wrong rule.
"""
import json
import os
from decimal import localcontext

from liqmodel import EXACT, Reader, _MISSING, parse_scenario, run_groups
from policy_model import same_policy

_PROFILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, os.pardir, "profiles")


def profile_policy(name):
    """The wire policy of the shipped profile `name` (its file is the venue's contract with the gate)."""
    with open(os.path.join(_PROFILES, name + ".json"), encoding="utf-8") as f:
        return json.load(f)["policy"]


def read_policy(r, declared, profile, policy):
    """Records an issue when `declared` (a scenario dict) is not under `policy`, the profile's (name
    aside, decimals by value), or carries a `book` or `requests`; removes those fields."""
    for extra in ("book", "requests"):
        if extra in declared:
            r.fail(extra, "no such field (the %s policy reads no %s, spec 10.1)" % (profile, extra), declared.pop(extra))
    raw = declared.pop("policy", _MISSING)
    if raw is _MISSING or not same_policy(raw, policy):
        r.fail("policy", "the %s profile's policy (profiles/%s.json); this engine runs no other" % (profile, profile), raw)


def liquidate_under(scenario, params_set, profile, policy, model):
    """One scenario under the profile: ("result", result) with model(params, marks) when the scenario
    is valid and under its policy, else ("error", invalid-input and every issue)."""
    with localcontext(EXACT):
        r = Reader()
        declared = dict(scenario) if isinstance(scenario, dict) else scenario
        if isinstance(declared, dict):
            read_policy(r, declared, profile, policy)
        sc, issues = parse_scenario(declared, params_set)
        issues = r.issues + issues
        if sc is None or issues:
            return "error", {"code": "invalid-input", "issues": issues}
        return run_groups(sc, model(sc["params"], {k: v[1] for k, v in sc["marks"].items()}))


class ProfileVenue:
    """One venue of a venue module: the shipped profile it runs, by name, and its model class (a
    venue may swap a rule for a bug). The profile's policy is read from its file on first use."""

    def __init__(self, profile, model):
        self.profile = profile
        self.model = model
        self._policy = None

    @property
    def policy(self):
        if self._policy is None:
            self._policy = profile_policy(self.profile)
        return self._policy


def module_liquidate(venue):
    """A venue module's liquidate(scenario, bugs, params_set): one scenario under `venue`'s profile,
    ("result", result) or ("error", error)."""

    def liquidate(scenario, bugs=frozenset(), params_set=None):
        return venue.liquidate(scenario, bugs, params_set)

    liquidate.__doc__ = 'One scenario under the %s profile: ("result", result) or ("error", error).' % venue.profile
    return liquidate
