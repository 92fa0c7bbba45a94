"""Link governance: approvals for links that need one, and review cadence from git history."""
