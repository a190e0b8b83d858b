"""Care pathways and referrals: suggestions, the referral slip, the status loop, statistics and purge."""
