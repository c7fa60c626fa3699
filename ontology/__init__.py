"""policykg: ontology."""
