"""What the drift_v2 and perp_v2 venue modules share: the profile they run, read from its shipped
file (profiles/<name>.json, docs/profiles/README.md, by _venue.profile_policy), and the check that a scenario is under that
profile's policy and no other (spec section 10.1, 10.9).

A venue module implements one venue's rule, so a scenario under any other policy is refused as
invalid input at `policy`, never answered by the wrong rule. Two wire policies are the same when
they say the same rules: `name` is a label only, an omitted part or parameter is its default
(section 10.1), and a decimal parameter is compared by value ("0.50" is "0.5").
"""
from decimal import Decimal, InvalidOperation, localcontext

from liqmodel import EXACT, describe

from ._venue import profile_policy  # noqa: F401 (drift_v2 and perp_v2 import it from here)

#: Section 10.1: the kind each part defaults to, and the defaulted parameters of a kind.
_DEFAULT_KIND = {
    "requirement": "tiers",
    "closeSize": "minimal",
    "price": "mark",
    "penalty": "steps",
    "loss": "insurance-then-socialized",
    "trigger": "params",
}
_DEFAULT_PARAMS = {
    ("requirement", "tiers"): {"valuation": "mark", "lossBuffer": "0"},
    ("penalty", "steps"): {"cap": "equity"},
    ("penalty", "linear"): {"cap": "equity"},
}


def _value(v):
    if isinstance(v, dict):
        return tuple(sorted((k, _value(x)) for k, x in v.items()))
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    if isinstance(v, str):
        try:
            return ("decimal", Decimal(v))
        except InvalidOperation:
            return ("string", v)
    return ("json", type(v).__name__, v)


def rules_of(policy):
    """The rules a wire policy says, with defaults filled in; None when it is not a policy object."""
    if not isinstance(policy, dict) or any(k not in _DEFAULT_KIND and k != "name" for k in policy):
        return None
    rules = {}
    with localcontext(EXACT):
        for part, kind in _DEFAULT_KIND.items():
            given = policy.get(part, {"kind": kind})
            if not isinstance(given, dict):
                return None
            filled = dict(_DEFAULT_PARAMS.get((part, given.get("kind")), {}), **given)
            rules[part] = _value(filled)
    return rules


def policy_issues(scenario, profile, policy):
    """Issues (spec section 2.5 form) when `scenario` is not under the profile's policy. A scenario
    without a `policy` field is under the reference policy (section 10.1), which is this profile's
    only when their rules are the same."""
    given = scenario.get("policy", {}) if isinstance(scenario, dict) else {}
    if rules_of(given) == rules_of(policy):
        return []
    return [
        {
            "path": "policy",
            "expected": "the policy of the %s profile (profiles/%s.json), the only one this engine runs" % (profile, profile),
            "received": describe(scenario.get("policy") if "policy" in scenario else {}),
        }
    ]
