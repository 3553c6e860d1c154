"""Pure award logic: rule packs by legal regime, eligibility, ranking and quotas → proposals."""
