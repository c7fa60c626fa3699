"""policykg: queries."""
