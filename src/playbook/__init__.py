"""playbook: lint, rank and publish opportunity briefs."""

__version__ = "0.1.0"
