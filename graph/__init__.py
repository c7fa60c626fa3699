"""policykg: graph."""
