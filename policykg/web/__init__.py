"""policykg.web: the workbench and SPARQL endpoint of `policykg serve` (its pages, static files and queries).

It sits above policykg.queries and policykg.graph and imports only downward; the CLI imports it
(pyproject.toml's import-linter contract keeps it so).
"""
