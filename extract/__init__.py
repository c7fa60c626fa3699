"""policykg: extract."""
