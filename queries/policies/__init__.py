"""Policy profiles (declarative YAML files in ``profiles/``) and their evaluation over screening reports.

See docs/policies.md for the vocabulary. Public interface: :func:`load_profiles`, :func:`evaluate_partner`,
:func:`evaluate_team`, :func:`strongest`, :data:`SEVERITY`.
"""

from queries.policies.engine import evaluate_partner, evaluate_team, strongest
from queries.policies.loader import PROFILES_DIR, ProfileError, load_profile, load_profiles
from queries.policies.vocabulary import SEVERITY, Profile, Rule

__all__ = [
    "PROFILES_DIR",
    "SEVERITY",
    "Profile",
    "ProfileError",
    "Rule",
    "evaluate_partner",
    "evaluate_team",
    "load_profile",
    "load_profiles",
    "strongest",
]
