"""Payments: SWIFT MT and ISO 20022 in, every party and free text screened, controls, decisions."""
